/** The one rule for a URL a user gives (flags, environment, options): absolute http(s), no credentials in it. */
import { printable } from './sanitize.js';

/** What is wrong with `value` as an absolute http(s) URL, naming `name`; undefined when nothing is. */
export function httpUrlProblem(name: string, value: unknown): string | undefined {
  const shown = printable(JSON.stringify(String(value)), 120);
  if (typeof value !== 'string' || !URL.canParse(value)) return `${name} must be an absolute http(s) URL, got ${shown}`;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${name} must be an absolute http(s) URL, got ${printable(url.protocol, 40)} in ${shown}`;
  }
  if (url.username || url.password) return `${name} must not carry credentials (user:password@)`;
  return undefined;
}
