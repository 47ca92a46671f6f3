/**
 * Command-line arguments, refused before any I/O with one line that names the
 * option and the rule: a single-value option given twice, a number out of its
 * range, a URL that is not absolute http(s), a report file that cannot be
 * written.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { printable } from '../core/sanitize.js';
import { MAX_TIMER_MS } from '../core/signals.js';
import { httpUrlProblem } from '../core/url.js';
import { UsageError } from './usage-error.js';

type Options = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** What a user typed, shown back safely: quoted, control characters escaped, capped. */
export const shown = (value: string): string => printable(JSON.stringify(value), 100);

/** The values of the options given: a string (or strings, when `multiple`) or a boolean each. */
export type Values<T extends Options> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['multiple'] extends true ? string[] : string;
};

/** node:util parseArgs, strict, with every option name given at most once unless it is `multiple`. */
export function parseCommand<T extends Options>(
  argv: string[],
  options: T,
  positionals = false,
): { values: Values<T>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: positionals, tokens: true });
  } catch (error) {
    // Node's own words, which name the option; kept to their first sentence.
    throw new UsageError(printable((error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, ''), 200));
  }
  const counts = new Map<string, number>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
  }
  for (const [name, count] of counts) {
    if (count > 1 && !options[name]?.multiple) throw new UsageError(`--${name} was given ${count} times; give it once`);
  }
  return { values: parsed.values as Values<T>, positionals: parsed.positionals };
}

/**
 * How an option's value is read and checked: the value and what to call it in
 * an error (`--timeout-ms`, or the environment variable `CONNECT_BASE_URL`
 * when the value came from there). A rule throws a UsageError that names it
 * and the rule it broke. Each option of the registry (options.ts) is bound to
 * its rule.
 */
export type Rule<T> = (value: string, label: string) => T;

/** A whole number from `min` to `max`. */
export const integerRule =
  (min: number, max: number): Rule<number> =>
  (value, label) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new UsageError(`${label} must be a whole number from ${min} to ${max}, got ${shown(value)}`);
    return n;
  };

/** A time limit a timer can hold (1 ms to 2^31-1). */
export const timeoutRule = integerRule(1, MAX_TIMER_MS);
export const portRule = integerRule(1, 65_535);
export const bytesRule = integerRule(1, 2 ** 40);
/** Days, up to a hundred years. */
export const daysRule = integerRule(0, 36_500);

/** An order id: a positive integer (the spec's `minimum: 1`). */
export const orderIdRule: Rule<number> = (value, label) => {
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`${label} must be a positive integer order id, got ${shown(value)}`);
  return Number(value);
};

/** An absolute http(s) URL without credentials in it. */
export const urlRule: Rule<string> = (value, label) => {
  const problem = httpUrlProblem(label, value);
  if (problem) throw new UsageError(problem);
  return value;
};

/** One of `allowed`. */
export const choiceRule =
  <const T extends string>(allowed: readonly T[]): Rule<T> =>
  (value, label) => {
    if (!allowed.includes(value as T))
      throw new UsageError(`${label} must be one of ${allowed.join(', ')}, got ${shown(value)}`);
    return value as T;
  };

/** Any text, taken as given (a scope). */
export const textRule: Rule<string> = (value) => value;

/** Prism's `Prefer` values (`code=429`, `example=error`, `dynamic=true`): a few name=value pairs, nothing else. */
const PREFER = /^[a-z]+=[\w.-]{1,100}(\s*,\s*[a-z]+=[\w.-]{1,100}){0,4}$/;

export const preferRule: Rule<string> = (value, label) => {
  if (!PREFER.test(value))
    throw new UsageError(
      `${label} must be Prism's name=value pairs, such as code=429 or example=error, got ${shown(value)}`,
    );
  return value;
};

/** The address to listen on: a host name or an IP address. */
export const hostRule: Rule<string> = (value, label) => {
  if (!/^[\w.:-]+$/.test(value)) throw new UsageError(`${label} must be a host name or an IP address`);
  return value;
};

/** A file the report can be written to, checked before any probe runs: its folder exists and is writable. */
export async function outArg(value: string | undefined): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (value === '') throw new UsageError('--out must name a file');
  const path = resolve(value);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`--out ${shown(value)} is a directory`);
  try {
    await access(existing ? path : dirname(path), constants.W_OK);
  } catch {
    throw new UsageError(
      `--out ${shown(value)} cannot be written (${existing ? 'not writable' : 'no such writable folder'})`,
    );
  }
  return value;
}
