/**
 * Every option of the command, declared once: its flag, what its value is
 * called, the environment variable that stands in for it, and its help. A
 * command's option list (`COMMAND_OPTIONS`) composes them; `parseConfig` gives
 * node:util's parseArgs its configuration from the list, and `optionsHelp`
 * writes the Options section of the command's --help from the same list, so a
 * declared option cannot be missing from the help (test/cli/help.test.ts).
 * How each value is read and checked (naming the option and the rule) is in
 * args.ts; the two endpoints with their environment fallback, `endpointArgs`.
 */
import { DEFAULT_MAX_BODY_BYTES } from '../core/body.js';
import { DEFAULT_TIMEOUT_MS, MAX_TIMER_MS } from '../core/signals.js';
import { DIFF_FORMATS } from '../diff/formats.js';
import { STABILITY_LEVELS } from '../diff/lifecycle.js';
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
}

const formats = (list: readonly string[]) => `${list[0]} (default), ${list.slice(1).join(', ')}`;

/** Every option, by the name code knows it by. */
export const OPTION = {
  baseUrl: {
    flag: 'base-url',
    type: 'string',
    value: 'URL',
    env: 'CONNECT_BASE_URL',
    help: ["Connect's base URL (default: the spec's production server)"],
  },
  tokenUrl: {
    flag: 'token-url',
    type: 'string',
    value: 'URL',
    env: 'CONNECT_TOKEN_URL',
    help: ["the token endpoint (default: the spec's token URL)"],
  },
  recordedBaseUrl: {
    flag: 'base-url',
    type: 'string',
    value: 'URL',
    help: [
      'where Connect was when the traffic was recorded (default: what',
      "a HAR of ours records, else the spec's production server)",
    ],
  },
  recordedTokenUrl: {
    flag: 'token-url',
    type: 'string',
    value: 'URL',
    help: ['where the token endpoint was (default: what a HAR of ours', "records, else the spec's)"],
  },
  recordedCallbackUrl: {
    flag: 'callback-url',
    type: 'string',
    value: 'URL',
    help: ["the prefix of callback URLs, to check Connect's callbacks"],
  },
  scope: {
    flag: 'scope',
    type: 'string',
    value: 'S',
    env: 'CONNECT_SCOPE',
    help: ["the scope token requests ask for (default: the spec's", 'required scopes, "read"; "" asks for none)'],
  },
  probeOrderId: {
    flag: 'probe-order-id',
    type: 'string',
    value: 'N',
    env: 'CONNECT_PROBE_ORDER_ID',
    help: ['an order id that does not exist; probes that carry an id', 'are skipped without it'],
  },
  timeoutMs: {
    flag: 'timeout-ms',
    type: 'string',
    value: 'N',
    help: [`per request, 1 to ${MAX_TIMER_MS} (default ${DEFAULT_TIMEOUT_MS})`],
  },
  maxBodyBytes: {
    flag: 'max-bytes',
    type: 'string',
    value: 'N',
    help: [`the cap on each response body (default ${DEFAULT_MAX_BODY_BYTES}, 1 MiB)`],
  },
  proxyMaxBytes: {
    flag: 'max-bytes',
    type: 'string',
    value: 'N',
    help: ['how much of each body is checked (default 1 MiB); more is', 'forwarded unchecked'],
  },
  host: { flag: 'host', type: 'string', value: 'HOST', help: ['the address to listen on (default 127.0.0.1)'] },
  port: { flag: 'port', type: 'string', value: 'N', help: ["the Connect side's port (default: a free one)"] },
  tokenPort: {
    flag: 'token-port',
    type: 'string',
    value: 'N',
    help: ["the token endpoint side's port (default: a free one)"],
  },
  strict: { flag: 'strict', type: 'boolean', help: ['every warning is an error'] },
  format: {
    flag: 'format',
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
    type: 'string',
    value: 'DAYS',
    help: ['an announced sunset this near (or passed) is an error; further', 'off, a warning (default 90, 0 to 36500)'],
  },
  har: { flag: 'har', type: 'string', value: 'FILE', help: ['the HAR file (required)'] },
  maxEntryBytes: {
    flag: 'max-entry-bytes',
    type: 'string',
    value: 'N',
    help: ['entries larger than N are skipped (default 16 MiB)'],
  },
  orderId: {
    flag: 'order-id',
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
  completeFormat: { flag: 'format', type: 'string', value: 'F', help: ['text (default) or json'] },
  prefer: {
    flag: 'prefer',
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
    type: 'string',
    value: 'F',
    help: [
      formats(DIFF_FORMATS),
      '(github: GitHub Actions annotations at the changed line;',
      'html: one self-contained page that runs no script)',
    ],
  },
  failOn: { flag: 'fail-on', type: 'string', value: 'LEVEL', help: ['breaking (default) or warning'] },
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
    type: 'string',
    value: 'N',
    help: ["cap on each version's files together (default 32 MiB)"],
  },
  maxMemory: {
    flag: 'max-memory',
    type: 'string',
    value: 'MiB',
    help: ['heap the comparison may use (default 320); past it, exit 2', "instead of taking the machine's memory"],
  },
  allowExternalRefs: {
    flag: 'allow-external-refs',
    type: 'boolean',
    help: ["follow $refs outside the spec's folder (absolute paths, URLs, ..);", 'refused by default'],
  },
  deprecationDaysBeta: {
    flag: 'deprecation-days-beta',
    type: 'string',
    value: 'N',
    help: [
      'least days from deprecating a beta operation, parameter or property to its x-sunset',
      '(default 0, as oasdiff: no sunset needed)',
    ],
  },
  deprecationDaysStable: {
    flag: 'deprecation-days-stable',
    type: 'string',
    value: 'N',
    help: ['the same for stable ones, and those that name no level (default 0)'],
  },
  stabilityLevel: {
    flag: 'stability-level',
    type: 'string',
    value: 'LEVEL',
    help: [`judge only operations at LEVEL or above: ${STABILITY_LEVELS.join(', ')}`, '(default beta, as oasdiff)'],
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
