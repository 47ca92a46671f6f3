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
import { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL } from '../core/spec.js';
import { MAX_TIMER_MS } from '../core/signals.js';
import { httpUrlProblem } from '../core/url.js';
import { UsageError } from './usage.js';

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

/** A whole number from `min` to `max`, or undefined when the option was not given. */
export function integerArg(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${shown(value)}`);
  }
  return n;
}

export const timeoutArg = (name: string, value: string | undefined) => integerArg(name, value, 1, MAX_TIMER_MS);
export const portArg = (name: string, value: string | undefined) => integerArg(name, value, 1, 65_535);
export const bytesArg = (name: string, value: string | undefined) => integerArg(name, value, 1, 2 ** 40);

/** An order id: a positive integer (the spec's `minimum: 1`). */
export function orderIdArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${name} must be a positive integer order id, got ${shown(value)}`);
  }
  return Number(value);
}

/** An absolute http(s) URL without credentials in it. */
export function urlArg(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = httpUrlProblem(`--${name}`, value);
  if (problem) throw new UsageError(problem);
  return value;
}

/** A URL from the environment, held to the same rule as the flags, naming the variable. */
function urlEnv(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const problem = httpUrlProblem(name, value);
  if (problem) throw new UsageError(problem);
  return value;
}

/**
 * Connect's two endpoints for a command that talks to them: each from its
 * flag, else its environment variable (CONNECT_BASE_URL, CONNECT_TOKEN_URL),
 * else the spec's production server; every one held to the same rule before
 * any I/O, and an error names the flag or the variable that broke it.
 */
export function endpointArgs(
  values: { readonly 'base-url'?: string | boolean; readonly 'token-url'?: string | boolean },
  env: NodeJS.ProcessEnv = process.env,
): { baseUrl: string; tokenUrl: string } {
  const flag = (name: 'base-url' | 'token-url') => {
    const value = values[name];
    return typeof value === 'string' ? urlArg(name, value) : undefined;
  };
  return {
    baseUrl: flag('base-url') ?? urlEnv('CONNECT_BASE_URL', env) ?? DEFAULT_BASE_URL,
    tokenUrl: flag('token-url') ?? urlEnv('CONNECT_TOKEN_URL', env) ?? DEFAULT_TOKEN_URL,
  };
}

/** One of `allowed`; the first is the default. */
export function choiceArg<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0]!;
  if (!allowed.includes(value as T))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${shown(value)}`);
  return value as T;
}

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

export function listenArgs(values: {
  host?: string | undefined;
  port?: string | undefined;
  'token-port'?: string | undefined;
}): {
  host: string;
  port: number | undefined;
  tokenPort: number | undefined;
} {
  const host = values.host ?? '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) throw new UsageError('--host must be a host name or an IP address');
  const port = portArg('port', values.port);
  const tokenPort = portArg('token-port', values['token-port']);
  if (port !== undefined && port === tokenPort) throw new UsageError('--port and --token-port must differ');
  return { host, port, tokenPort };
}
