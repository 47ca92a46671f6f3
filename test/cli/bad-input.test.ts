/**
 * Every subcommand, given each kind of bad input, refuses it before any I/O:
 * exit 2, exactly one line on stderr that names the option and the rule,
 * nothing on stdout, and never a stack trace.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run.js';

const CREDENTIALS = { CONNECT_CLIENT_ID: 'id', CONNECT_CLIENT_SECRET: 'BAD-INPUT-SECRET' };
/** Nothing listens here: a command that got past its checks would fail differently, or hang. */
const NOWHERE = 'http://127.0.0.1:9';

let dir: string;
let taken: Server;
let takenPort: number;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-bad-input-'));
  await writeFile(join(dir, 'not-openapi.yaml'), 'hello: world\n');
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => taken.close(() => resolve()));
});

const drift = (...args: string[]) => ['drift', '--base-url', NOWHERE, '--token-url', `${NOWHERE}/t`, ...args];
const complete = (...args: string[]) => [
  'complete',
  '--yes',
  '--base-url',
  NOWHERE,
  '--token-url',
  `${NOWHERE}/t`,
  ...args,
];

/** [what, argv, extra environment, a fragment the one line must hold]. */
const CASES: [string, () => string[], Record<string, string>, string | RegExp][] = [
  [
    'drift: a timeout of 0',
    () => drift('--timeout-ms', '0'),
    CREDENTIALS,
    '--timeout-ms must be a whole number from 1 to 2147483647',
  ],
  [
    'drift: a timeout beyond a timer',
    () => drift('--timeout-ms', '3000000000'),
    CREDENTIALS,
    '--timeout-ms must be a whole number from 1 to 2147483647, got "3000000000"',
  ],
  ['drift: a timeout that is not a number', () => drift('--timeout-ms', '1e3'), CREDENTIALS, '--timeout-ms'],
  [
    'drift: an ftp base URL',
    () => ['drift', '--base-url', 'ftp://x/', '--token-url', `${NOWHERE}/t`],
    CREDENTIALS,
    '--base-url must be an absolute http(s) URL',
  ],
  [
    'drift: a base URL that is not a URL',
    () => ['drift', '--base-url', 'not a url'],
    CREDENTIALS,
    '--base-url must be an absolute http(s) URL',
  ],
  [
    'drift: credentials in the token URL',
    () => ['drift', '--token-url', 'http://u:p@127.0.0.1:9/t'],
    CREDENTIALS,
    '--token-url must not carry credentials',
  ],
  [
    'drift: an empty base URL',
    () => ['drift', '--base-url', ''],
    CREDENTIALS,
    '--base-url must be an absolute http(s) URL',
  ],
  [
    'drift: CONNECT_BASE_URL that is not http(s)',
    () => ['drift'],
    { ...CREDENTIALS, CONNECT_BASE_URL: 'file:///etc/passwd' },
    'CONNECT_BASE_URL must be an absolute http(s) URL',
  ],
  [
    'drift: a probe order id of 0',
    () => drift('--probe-order-id', '0'),
    CREDENTIALS,
    '--probe-order-id must be a positive integer order id',
  ],
  [
    'drift: a negative probe order id',
    () => drift('--probe-order-id=-5'),
    CREDENTIALS,
    '--probe-order-id must be a positive integer order id',
  ],
  [
    'drift: CONNECT_PROBE_ORDER_ID of 0',
    () => drift(),
    { ...CREDENTIALS, CONNECT_PROBE_ORDER_ID: '0' },
    'CONNECT_PROBE_ORDER_ID must be a positive integer order id',
  ],
  [
    'drift: an unknown format',
    () => drift('--format', 'xml'),
    CREDENTIALS,
    '--format must be one of text, json, markdown, junit, html, got "xml"',
  ],
  [
    'drift: --out in a folder that does not exist',
    () => drift('--out', '/nonexistent/x.md'),
    CREDENTIALS,
    '--out "/nonexistent/x.md" cannot be written',
  ],
  ['drift: --out naming a folder', () => drift('--out', tmpdir()), CREDENTIALS, 'is a directory'],
  [
    'drift: an option given twice',
    () => drift('--format', 'json', '--format', 'text'),
    CREDENTIALS,
    '--format was given 2 times; give it once',
  ],
  ['drift: a flag given twice', () => drift('--strict', '--strict'), CREDENTIALS, '--strict was given 2 times'],
  [
    'drift: a cap of 0 bytes',
    () => drift('--max-bytes', '0'),
    CREDENTIALS,
    '--max-bytes must be a whole number from 1',
  ],
  ['drift: an unknown option', () => drift('--nope'), CREDENTIALS, "Unknown option '--nope'"],
  ['drift: no credentials', () => drift(), {}, 'CONNECT_CLIENT_ID is not set; CONNECT_CLIENT_SECRET is not set'],
  // A user reads the command line before the environment: the bad flag is named, not the missing credentials.
  [
    'drift: an unknown format and no credentials',
    () => drift('--format', 'xml'),
    {},
    '--format must be one of text, json, markdown, junit, html, got "xml"',
  ],
  ['drift: an escape sequence in an argument', () => drift('--format', '\u001b[2Jx'), CREDENTIALS, '\\u001b[2Jx'],
  [
    'complete: order id 0',
    () => complete('--order-id', '0'),
    CREDENTIALS,
    '--order-id must be a positive integer order id, got "0"',
  ],
  [
    'complete: a negative order id',
    () => complete('--order-id=-14'),
    CREDENTIALS,
    '--order-id must be a positive integer order id',
  ],
  [
    'complete: a fractional order id',
    () => complete('--order-id', '1.5'),
    CREDENTIALS,
    '--order-id must be a positive integer order id',
  ],
  [
    'complete: an order id too large to be exact',
    () => complete('--order-id', '9007199254740993'),
    CREDENTIALS,
    '--order-id must be a positive integer order id',
  ],
  [
    'complete: two order ids',
    () => complete('--order-id', '1', '--order-id', '14'),
    CREDENTIALS,
    '--order-id was given 2 times; give it once',
  ],
  ['complete: no order id', () => complete(), CREDENTIALS, '--order-id is required'],
  [
    'complete: an ftp base URL',
    () => ['complete', '--yes', '--order-id', '14', '--base-url', 'ftp://x/'],
    CREDENTIALS,
    '--base-url must be an absolute http(s) URL',
  ],
  [
    'complete: CONNECT_TOKEN_URL that is not a URL',
    () => ['complete', '--yes', '--order-id', '14'],
    { ...CREDENTIALS, CONNECT_TOKEN_URL: 'nonsense' },
    'CONNECT_TOKEN_URL must be an absolute http(s) URL',
  ],
  [
    'complete: a loopback callback URL, naming the switch',
    () => complete('--order-id', '14', '--callback-url', 'http://localhost./cb'),
    CREDENTIALS,
    '--allow-private-callback-hosts (or CONNECT_ALLOW_PRIVATE_CALLBACK_HOSTS=1) allows it',
  ],
  [
    'complete: a callback URL in a special-purpose IPv6 form',
    () => complete('--order-id', '14', '--callback-url', 'http://[64:ff9b::127.0.0.1]/cb'),
    CREDENTIALS,
    'special-purpose address',
  ],
  [
    'complete: a callback URL on a cloud metadata name, naming the rule',
    () => complete('--order-id', '14', '--callback-url', 'http://metadata.google.internal/computeMetadata/v1/'),
    CREDENTIALS,
    'must not point at a name under .internal, reserved for private networks',
  ],
  [
    'complete: a callback URL that spells a loopback address for wildcard DNS',
    () => complete('--order-id', '14', '--callback-url', 'http://127.0.0.1.nip.io/cb'),
    CREDENTIALS,
    'spells out the special-purpose address 127.0.0.1',
  ],
  [
    'complete: a javascript: callback URL',
    () => complete('--order-id', '14', '--callback-url', 'javascript:alert(1)'),
    CREDENTIALS,
    '--callback-url must use http or https (got javascript)',
  ],
  [
    'complete: a timeout of 0',
    () => complete('--order-id', '14', '--timeout-ms', '0'),
    CREDENTIALS,
    '--timeout-ms must be a whole number from 1',
  ],
  [
    'complete: junit, which it does not print',
    () => complete('--order-id', '14', '--format', 'junit'),
    CREDENTIALS,
    '--format must be one of text, json',
  ],
  [
    'complete: no credentials',
    () => complete('--order-id', '14'),
    {},
    'CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET must be set',
  ],
  ['mock: port 0', () => ['mock', '--port', '0'], {}, '--port must be a whole number from 1 to 65535'],
  ['mock: a port beyond 65535', () => ['mock', '--port', '70000'], {}, '--port must be a whole number from 1 to 65535'],
  [
    'mock: a port that is not a number',
    () => ['mock', '--token-port', 'http'],
    {},
    '--token-port must be a whole number',
  ],
  [
    'mock: a port in use',
    () => ['mock', '--port', String(takenPort)],
    {},
    /--port \d+ on 127\.0\.0\.1 cannot be used \(EADDRINUSE\)/,
  ],
  [
    'mock: the same port twice',
    () => ['mock', '--port', '4010', '--token-port', '4010'],
    {},
    '--port and --token-port must differ',
  ],
  ['mock: a port given twice', () => ['mock', '--port', '4010', '--port', '4011'], {}, '--port was given 2 times'],
  [
    'diff: one spec',
    () => ['diff', 'spec/connect-fulfillment.openapi.yaml'],
    {},
    'diff needs OLD_SPEC and NEW_SPEC, got 1 argument(s)',
  ],
  [
    'diff: a file that does not exist',
    () => ['diff', 'nope.yaml', 'spec/connect-fulfillment.openapi.yaml'],
    {},
    'cannot read nope.yaml',
  ],
  [
    'diff: a file that is not OpenAPI',
    () => ['diff', join(dir, 'not-openapi.yaml'), 'spec/connect-fulfillment.openapi.yaml'],
    {},
    'is not an OpenAPI 3.0, 3.1 or 3.2 document',
  ],
  [
    'diff: --out in a folder that does not exist',
    () => [
      'diff',
      'spec/connect-fulfillment.openapi.yaml',
      'spec/connect-fulfillment.openapi.yaml',
      '--out',
      '/nonexistent/d.md',
    ],
    {},
    'cannot be written',
  ],
  ['diff: an unknown format', () => ['diff', 'a', 'b', '--format', 'pdf'], {}, '--format must be one of'],
  ['validate: no --har', () => ['validate'], {}, 'validate needs --har FILE'],
  ['validate: --har twice', () => ['validate', '--har', 'a.har', '--har', 'b.har'], {}, '--har'],
  [
    'validate: an unknown format',
    () => ['validate', '--har', 'a.har', '--format', 'pdf'],
    {},
    '--format must be one of',
  ],
  ['validate: an ftp base URL', () => ['validate', '--har', 'a.har', '--base-url', 'ftp://x/'], {}, '--base-url'],
  [
    'validate: a callback prefix that is not a URL',
    () => ['validate', '--har', 'a.har', '--callback-url', 'shop'],
    {},
    '--callback-url',
  ],
  [
    'validate: a zero entry cap',
    () => ['validate', '--har', 'a.har', '--max-entry-bytes', '0'],
    {},
    '--max-entry-bytes',
  ],
  [
    'validate: an evidence file in no folder',
    () => ['validate', '--har', 'a.har', '--evidence', '/nonexistent/e.har'],
    {},
    'cannot be written',
  ],
  [
    'validate: a baseline that does not exist',
    () => ['validate', '--har', 'a.har', '--baseline', '/nonexistent/b.json'],
    {},
    'cannot read the baseline',
  ],
  [
    'validate: a HAR that does not exist',
    () => ['validate', '--har', '/nonexistent/a.har'],
    {},
    /cannot read .*ENOENT/,
  ],
  [
    'proxy: a port out of range',
    () => ['proxy', '--base-url', NOWHERE, '--port', '70000'],
    {},
    '--port must be a whole number from 1 to 65535',
  ],
  [
    'proxy: the same port twice',
    () => ['proxy', '--base-url', NOWHERE, '--port', '4010', '--token-port', '4010'],
    {},
    '--port and --token-port must differ',
  ],
  ['proxy: a host with a space', () => ['proxy', '--base-url', NOWHERE, '--host', 'a b'], {}, '--host must be'],
  ['proxy: an ftp token URL', () => ['proxy', '--base-url', NOWHERE, '--token-url', 'ftp://x/'], {}, '--token-url'],
  // The environment is held to the flags' rule, before anything listens, and the message names the variable.
  ['proxy: CONNECT_BASE_URL that is not a URL', () => ['proxy'], { CONNECT_BASE_URL: 'not a url' }, 'CONNECT_BASE_URL'],
  ['proxy: an ftp CONNECT_BASE_URL', () => ['proxy'], { CONNECT_BASE_URL: 'ftp://x/capi' }, 'CONNECT_BASE_URL'],
  ['proxy: an ftp CONNECT_TOKEN_URL', () => ['proxy'], { CONNECT_TOKEN_URL: 'ftp://x/token' }, 'CONNECT_TOKEN_URL'],
  [
    'complete: an ftp CONNECT_BASE_URL',
    () => ['complete', '--order-id', '14', '--yes'],
    { CONNECT_BASE_URL: 'ftp://x/capi', CONNECT_CLIENT_ID: 'a', CONNECT_CLIENT_SECRET: 'b' },
    'CONNECT_BASE_URL',
  ],
  ['proxy: a port in use', () => ['proxy', '--base-url', NOWHERE, '--port', String(takenPort)], {}, 'could not listen'],
  [
    'proxy: an unwritable --out',
    () => ['proxy', '--base-url', NOWHERE, '--out', '/nonexistent/p.md'],
    {},
    'cannot be written',
  ],
  ['an unknown command', () => ['frobnicate'], {}, 'unknown command "frobnicate"'],
  // Names every object has (Object.prototype's), which are no commands.
  ['a command named like an object method', () => ['constructor'], {}, 'unknown command "constructor"'],
  ['a command named toString', () => ['toString', '--help'], {}, 'unknown command "toString"'],
];

describe('bad input: exit 2, one line on stderr naming the option and the rule, nothing on stdout', () => {
  it.each(CASES)('%s', async (_, argv, env, fragment) => {
    const { code, stdout, stderr } = await cli(argv(), env);
    expect(stderr.split('\n')).toEqual([expect.anything(), '']);
    if (typeof fragment === 'string') expect(stderr).toContain(fragment);
    else expect(stderr).toMatch(fragment);
    expect(stderr).not.toMatch(/\n\s+at |unexpected error/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an argument's control characters must come back escaped
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });
});
