/**
 * Every option of the command, declared once: its flag, what its value is
 * called, the environment variable that stands in for it, and its help. A
 * command's option list (`COMMAND_OPTIONS`) composes them; `parseConfig` gives
 * node:util's parseArgs its configuration from the list, and `optionsHelp`
 * writes the Options section of the command's --help from the same list, so a
 * declared option cannot be missing from the help (test/cli/help.test.ts).
 * Each option is bound to the rule its value is checked by (`read`, a rule of
 * args.ts that names the option, or the variable, and the rule) and to its
 * default; `read(OPTION.x, values)` is the one way a command takes a value:
 * the flag, else the environment variable, else the default, checked before
 * any I/O.
 */
import { DEFAULT_MAX_BODY_BYTES } from '../core/body.js';
import { DEFAULT_SUNSET_WITHIN_DAYS } from '../core/lifecycle.js';
import { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL } from '../core/spec.js';
import {
  bytesRule,
  choiceRule,
  daysRule,
  hostRule,
  integerRule,
  orderIdRule,
  portRule,
  preferRule,
  type Rule,
  textRule,
  timeoutRule,
  urlRule,
} from './args.js';
import { UsageError } from './usage-error.js';
import { DEFAULT_TIMEOUT_MS, MAX_TIMER_MS } from '../core/signals.js';
import { DEFAULT_DIFF_HEAP_MIB, DEFAULT_MAX_SPEC_BYTES, DIFF_FORMATS } from '../diff/formats.js';
import { DEFAULT_STABILITY_LEVEL, STABILITY_LEVELS } from '../diff/lifecycle.js';
import { FORMATS } from '../evidence/formats.js';

export interface CliOption {
  /** The flag, without its dashes. */
  readonly flag: string;
  readonly type: 'string' | 'boolean';
  /** What the value is called in the help: URL, N, FILE. */
  readonly value?: string;
  /** The environment variable read when the flag is not given. */
  readonly env?: string;
  /** The help: the first line beside the flag, any more below it. */
  readonly help: readonly string[];
  /** The rule the value is read and checked by (string options). */
  readonly read?: Rule<unknown>;
  /** The value when neither the flag nor the variable gives one. */
  readonly default?: unknown;
  /** An empty variable is a value (CONNECT_SCOPE='' asks for no scope); otherwise it is as if unset. */
  readonly emptyEnv?: 'value';
}

const formats = (list: readonly string[]) =>
  list.length === 2 ? `${list[0]} (default) or ${list[1]}` : `${list[0]} (default), ${list.slice(1).join(', ')}`;

/** What `complete` prints. */
export const COMPLETE_FORMATS = ['text', 'json'] as const;
/** What fails a diff: a breaking change, or a warning too. */
export const FAIL_ON = ['breaking', 'warning'] as const;

/** Every option, by the name code knows it by. */
export const OPTION = {
  baseUrl: {
    flag: 'base-url',
    read: urlRule,
    default: DEFAULT_BASE_URL,
    type: 'string',
    value: 'URL',
    env: 'CONNECT_BASE_URL',
    help: ["Connect's base URL (default: the spec's production server)"],
  },
  tokenUrl: {
    flag: 'token-url',
    read: urlRule,
    default: DEFAULT_TOKEN_URL,
    type: 'string',
    value: 'URL',
    env: 'CONNECT_TOKEN_URL',
    help: ["the token endpoint (default: the spec's token URL)"],
  },
  recordedBaseUrl: {
    flag: 'base-url',
    read: urlRule,
    type: 'string',
    value: 'URL',
    help: [
      'where Connect was when the traffic was recorded (default: what',
      "a HAR of ours records, else the spec's production server)",
    ],
  },
  recordedTokenUrl: {
    flag: 'token-url',
    read: urlRule,
    type: 'string',
    value: 'URL',
    help: ['where the token endpoint was (default: what a HAR of ours', "records, else the spec's)"],
  },
  recordedCallbackUrl: {
    flag: 'callback-url',
    read: urlRule,
    type: 'string',
    value: 'URL',
    help: ["the prefix of callback URLs, to check Connect's callbacks"],
  },
  scope: {
    flag: 'scope',
    read: textRule,
    emptyEnv: 'value',
    type: 'string',
    value: 'S',
    env: 'CONNECT_SCOPE',
    help: ["the scope token requests ask for (default: the spec's", 'required scopes, "read"; "" asks for none)'],
  },
  probeOrderId: {
    flag: 'probe-order-id',
    read: orderIdRule,
    type: 'string',
    value: 'N',
    env: 'CONNECT_PROBE_ORDER_ID',
    help: ['an order id that does not exist; probes that carry an id', 'are skipped without it'],
  },
  timeoutMs: {
    flag: 'timeout-ms',
    read: timeoutRule,
    default: DEFAULT_TIMEOUT_MS,
    type: 'string',
    value: 'N',
    help: [`per request, 1 to ${MAX_TIMER_MS} (default ${DEFAULT_TIMEOUT_MS})`],
  },
  maxBodyBytes: {
    flag: 'max-bytes',
    read: bytesRule,
    default: DEFAULT_MAX_BODY_BYTES,
    type: 'string',
    value: 'N',
    help: [`the cap on each response body (default ${DEFAULT_MAX_BODY_BYTES}, 1 MiB)`],
  },
  proxyMaxBytes: {
    flag: 'max-bytes',
    read: bytesRule,
    default: DEFAULT_MAX_BODY_BYTES,
    type: 'string',
    value: 'N',
    help: ['how much of each body is checked (default 1 MiB); more is', 'forwarded unchecked'],
  },
  host: {
    flag: 'host',
    read: hostRule,
    default: '127.0.0.1',
    type: 'string',
    value: 'HOST',
    help: ['the address to listen on (default 127.0.0.1)'],
  },
  port: {
    flag: 'port',
    read: portRule,
    type: 'string',
    value: 'N',
    help: ["the Connect side's port (default: a free one)"],
  },
  tokenPort: {
    flag: 'token-port',
    read: portRule,
    type: 'string',
    value: 'N',
    help: ["the token endpoint side's port (default: a free one)"],
  },
  strict: { flag: 'strict', type: 'boolean', help: ['every warning is an error'] },
  format: {
    flag: 'format',
    read: choiceRule(FORMATS),
    default: FORMATS[0],
    type: 'string',
    value: 'F',
    help: [formats(FORMATS), '(html: one self-contained page that runs no script)'],
  },
  out: { flag: 'out', type: 'string', value: 'FILE', help: ['write the report to FILE instead of stdout'] },
  baseline: {
    flag: 'baseline',
    type: 'string',
    value: 'FILE',
    help: ['findings in FILE are known: reported, but only new ones fail'],
  },
  updateBaseline: {
    flag: 'update-baseline',
    type: 'string',
    value: 'FILE',
    help: ["write this run's findings to FILE (stable fingerprints)"],
  },
  evidence: {
    flag: 'evidence',
    type: 'string',
    value: 'FILE',
    help: ['write the exchanges behind the findings as a HAR (redacted)'],
  },
  sunsetWithin: {
    flag: 'sunset-within',
    read: daysRule,
    default: DEFAULT_SUNSET_WITHIN_DAYS,
    type: 'string',
    value: 'DAYS',
    help: [
      'an announced sunset this near (or passed) is an error; further',
      `off, a warning (default ${DEFAULT_SUNSET_WITHIN_DAYS}, 0 to 36500)`,
    ],
  },
  har: { flag: 'har', type: 'string', value: 'FILE', help: ['the HAR file (required)'] },
  maxEntryBytes: {
    flag: 'max-entry-bytes',
    read: bytesRule,
    type: 'string',
    value: 'N',
    help: ['entries larger than N are skipped (default 16 MiB)'],
  },
  orderId: {
    flag: 'order-id',
    read: orderIdRule,
    type: 'string',
    value: 'N',
    help: ['the order to complete, a positive integer (required)'],
  },
  callbackUrl: {
    flag: 'callback-url',
    type: 'string',
    value: 'URL',
    help: ['where Connect reports the outcome (public http(s) only)'],
  },
  allowPrivateCallbackHosts: {
    flag: 'allow-private-callback-hosts',
    type: 'boolean',
    env: 'CONNECT_ALLOW_PRIVATE_CALLBACK_HOSTS',
    help: ['accept a callback URL on localhost or a private address', '(local development; the variable: 1)'],
  },
  yes: { flag: 'yes', type: 'boolean', help: ['do not ask for confirmation'] },
  completeFormat: {
    flag: 'format',
    read: choiceRule(COMPLETE_FORMATS),
    default: COMPLETE_FORMATS[0],
    type: 'string',
    value: 'F',
    help: [formats(COMPLETE_FORMATS)],
  },
  prefer: {
    flag: 'prefer',
    read: preferRule,
    type: 'string',
    value: 'P',
    help: [
      "against the mock: Prism's Prefer header on the fulfillment, such as",
      'example=error or code=429 (Connect ignores it); the mock answers with',
      "the spec's example, whose orderId is 14",
    ],
  },
  diffFormat: {
    flag: 'format',
    read: choiceRule(DIFF_FORMATS),
    default: DIFF_FORMATS[0],
    type: 'string',
    value: 'F',
    help: [
      formats(DIFF_FORMATS),
      '(github: GitHub Actions annotations at the changed line;',
      'html: one self-contained page that runs no script)',
    ],
  },
  failOn: {
    flag: 'fail-on',
    read: choiceRule(FAIL_ON),
    default: FAIL_ON[0],
    type: 'string',
    value: 'LEVEL',
    help: [formats(FAIL_ON)],
  },
  types: {
    flag: 'types',
    type: 'boolean',
    help: [
      'also generate types for both with openapi-typescript and let the',
      'TypeScript compiler say whether code written against the old types',
      'still compiles (needs typescript and openapi-typescript)',
    ],
  },
  specMaxBytes: {
    flag: 'max-bytes',
    read: bytesRule,
    type: 'string',
    value: 'N',
    help: [`cap on each version's files together (default ${DEFAULT_MAX_SPEC_BYTES / 2 ** 20} MiB)`],
  },
  maxMemory: {
    flag: 'max-memory',
    read: integerRule(16, 65_536),
    default: DEFAULT_DIFF_HEAP_MIB,
    type: 'string',
    value: 'MiB',
    help: [
      `heap the comparison may use (default ${DEFAULT_DIFF_HEAP_MIB}); past it, exit 2`,
      "instead of taking the machine's memory",
    ],
  },
  allowExternalRefs: {
    flag: 'allow-external-refs',
    type: 'boolean',
    help: ["follow $refs outside the spec's folder (absolute paths, URLs, ..);", 'refused by default'],
  },
  deprecationDaysBeta: {
    flag: 'deprecation-days-beta',
    read: daysRule,
    type: 'string',
    value: 'N',
    help: [
      'least days from deprecating a beta operation, parameter or property to its x-sunset',
      '(default 0, as oasdiff: no sunset needed)',
    ],
  },
  deprecationDaysStable: {
    flag: 'deprecation-days-stable',
    read: daysRule,
    type: 'string',
    value: 'N',
    help: ['the same for stable ones, and those that name no level (default 0)'],
  },
  stabilityLevel: {
    flag: 'stability-level',
    read: choiceRule(STABILITY_LEVELS),
    default: DEFAULT_STABILITY_LEVEL,
    type: 'string',
    value: 'LEVEL',
    help: [
      `judge only operations at LEVEL or above: ${STABILITY_LEVELS.join(', ')}`,
      `(default ${DEFAULT_STABILITY_LEVEL}, as oasdiff)`,
    ],
  },
} as const satisfies Record<string, CliOption>;

/** The options drift, validate and proxy share: how the report is judged and written (report-options.ts). */
export const REPORT = [
  OPTION.strict,
  OPTION.format,
  OPTION.out,
  OPTION.baseline,
  OPTION.updateBaseline,
  OPTION.evidence,
  OPTION.sunsetWithin,
] as const;

export const LISTEN = [OPTION.port, OPTION.tokenPort, OPTION.host] as const;

/** Each command's options, in the order its help lists them. */
export const COMMAND_OPTIONS = {
  drift: [
    OPTION.baseUrl,
    OPTION.tokenUrl,
    OPTION.probeOrderId,
    OPTION.scope,
    OPTION.timeoutMs,
    OPTION.maxBodyBytes,
    ...REPORT,
  ],
  validate: [
    OPTION.har,
    OPTION.recordedBaseUrl,
    OPTION.recordedTokenUrl,
    OPTION.recordedCallbackUrl,
    ...REPORT,
    OPTION.maxEntryBytes,
  ],
  proxy: [OPTION.baseUrl, OPTION.tokenUrl, ...LISTEN, ...REPORT, OPTION.proxyMaxBytes],
  mock: LISTEN,
  diff: [
    OPTION.diffFormat,
    OPTION.failOn,
    OPTION.types,
    OPTION.specMaxBytes,
    OPTION.maxMemory,
    OPTION.allowExternalRefs,
    OPTION.deprecationDaysBeta,
    OPTION.deprecationDaysStable,
    OPTION.stabilityLevel,
    OPTION.out,
  ],
  complete: [
    OPTION.orderId,
    OPTION.callbackUrl,
    OPTION.allowPrivateCallbackHosts,
    OPTION.yes,
    OPTION.baseUrl,
    OPTION.tokenUrl,
    OPTION.scope,
    OPTION.timeoutMs,
    OPTION.maxBodyBytes,
    OPTION.completeFormat,
    OPTION.prefer,
  ],
} as const;

type Config<T extends readonly CliOption[]> = { [O in T[number] as O['flag']]: { type: O['type'] } };

/** node:util parseArgs' configuration for a list of options. */
export function parseConfig<const T extends readonly CliOption[]>(options: T): Config<T> {
  return Object.fromEntries(options.map((o) => [o.flag, { type: o.type }])) as Config<T>;
}

/** The column help text starts at, past the widest flag of the list (never past 34). */
const column = (options: readonly CliOption[]) =>
  Math.min(34, Math.max(...options.map((o) => `  --${o.flag}${o.value ? ` ${o.value}` : ''}`.length)) + 2);

/** The Options section of a --help: each option's flag, value and help, with the variable that stands in for it. */
export function optionsHelp(options: readonly CliOption[]): string {
  const at = column(options);
  const lines: string[] = [];
  for (const o of options) {
    const flag = `  --${o.flag}${o.value ? ` ${o.value}` : ''}`;
    const help = [...o.help];
    if (o.env) help.push(`(or ${o.env})`);
    const [first, ...rest] = help;
    lines.push(flag.length + 1 >= at ? `${flag}\n${' '.repeat(at)}${first}` : `${flag.padEnd(at)}${first}`);
    for (const more of rest) lines.push(`${' '.repeat(at)}${more}`);
  }
  return `${lines.join('\n')}\n`;
}

type Valued = CliOption & { readonly read: Rule<unknown> };
/** What `read` gives: the rule's value, or the default; undefined only for an option without one. */
type ReadValue<O extends Valued> = O extends { readonly default: unknown }
  ? ReturnType<O['read']>
  : ReturnType<O['read']> | undefined;

/** The environment options are read from: `process.env` by default. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * An option's value: its flag, else its environment variable, else its
 * default; checked by its rule, which names the flag or the variable the
 * value came from. Before any I/O.
 */
export function read<const O extends Valued>(
  option: O,
  values: Readonly<Record<string, unknown>>,
  env: Environment = process.env,
): ReadValue<O> {
  const given = values[option.flag];
  if (typeof given === 'string') return option.read(given, `--${option.flag}`) as ReadValue<O>;
  const variable = option.env === undefined ? undefined : env[option.env];
  if (variable !== undefined && (variable !== '' || option.emptyEnv === 'value'))
    return option.read(variable, option.env!) as ReadValue<O>;
  return option.default as ReadValue<O>;
}

/** A switch: its flag, or its environment variable set to 1. */
export function enabled(
  option: CliOption & { readonly type: 'boolean' },
  values: Readonly<Record<string, unknown>>,
  env: Environment = process.env,
): boolean {
  return values[option.flag] === true || (option.env !== undefined && env[option.env] === '1');
}

/**
 * Connect's two endpoints for a command that talks to them (drift, proxy,
 * complete): the flag, else CONNECT_BASE_URL / CONNECT_TOKEN_URL, else the
 * spec's servers; each held to the URL rule before any I/O, an error naming
 * the flag or the variable.
 */
export function endpoints(
  values: Readonly<Record<string, unknown>>,
  env: Environment = process.env,
): { readonly baseUrl: string; readonly tokenUrl: string } {
  return { baseUrl: read(OPTION.baseUrl, values, env), tokenUrl: read(OPTION.tokenUrl, values, env) };
}

/** Where mock and proxy listen: `--host`, `--port`, `--token-port`; the two ports must differ. */
export function listening(values: Readonly<Record<string, unknown>>): {
  readonly host: string;
  readonly port: number | undefined;
  readonly tokenPort: number | undefined;
} {
  const host = read(OPTION.host, values);
  const port = read(OPTION.port, values);
  const tokenPort = read(OPTION.tokenPort, values);
  if (port !== undefined && port === tokenPort) throw new UsageError('--port and --token-port must differ');
  return { host, port, tokenPort };
}
