import { createInterface } from 'node:readline/promises';
import { callbackUrlRules } from '../../client/input.js';
import { printable, redactor, safeJson, weakSecretWarning } from '../../core/sanitize.js';
import {
  AuthenticationError,
  ConnectFulfillmentError,
  ConnectionError,
  createFulfillmentClient,
  InsufficientScopeError,
  RequestValidationError,
  TokenUnavailableError,
} from '../../index.js';
import { parseCommand } from '../args.js';
import { progressAfter } from '../output.js';
import { EXIT, UsageError } from '../usage.js';
import { COMMAND_OPTIONS, enabled, endpoints, OPTION, parseConfig, read } from '../options.js';

const PRIVATE_HOSTS_SWITCH = '--allow-private-callback-hosts (or CONNECT_ALLOW_PRIVATE_CALLBACK_HOSTS=1)';

async function confirm(orderId: number, baseUrl: string): Promise<boolean> {
  if (!process.stdin.isTTY)
    throw new UsageError(
      'complete sends a real message to a customer: pass --yes to confirm when stdin is not a terminal',
    );
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const question = `Complete order ${orderId} at ${baseUrl}? Connect sends a message to the customer. [y/N] `;
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Failures that mean the command could not do its job (exit 2), as against a refusal or an unknown outcome (exit 1). */
const CANNOT_RUN = [
  RequestValidationError,
  InsufficientScopeError,
  AuthenticationError,
  TokenUnavailableError,
  ConnectionError,
];

/** The options `complete` takes: each one is in its --help (test/cli/help.test.ts). */
export const COMPLETE_OPTIONS = parseConfig(COMMAND_OPTIONS.complete);

export async function complete(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, COMPLETE_OPTIONS);
  const { env } = process;
  const format = read(OPTION.completeFormat, values);
  const orderId = read(OPTION.orderId, values);
  if (orderId === undefined) throw new UsageError('--order-id is required');
  // Flags win over the environment, as in drift: the lines `mock` prints are honoured.
  const { baseUrl, tokenUrl } = endpoints(values, env);
  const timeoutMs = read(OPTION.timeoutMs, values);
  const maxResponseBytes = read(OPTION.maxBodyBytes, values);
  const allowPrivateHosts = enabled(OPTION.allowPrivateCallbackHosts, values, env);
  const prefer = read(OPTION.prefer, values);
  const callbackUrl = values['callback-url'];
  if (callbackUrl !== undefined) {
    const [rule] = callbackUrlRules(callbackUrl, { allowPrivateHosts, allowSwitch: PRIVATE_HOSTS_SWITCH });
    if (rule) throw new UsageError(`--callback-url ${rule}`);
  }
  const { CONNECT_CLIENT_ID: clientId, CONNECT_CLIENT_SECRET: clientSecret } = env;
  if (!clientId || !clientSecret)
    throw new UsageError('CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET must be set in the environment');
  const weak = weakSecretWarning('CONNECT_CLIENT_SECRET', clientSecret);
  if (weak) process.stderr.write(`complete: ${weak}\n`);
  const scope = read(OPTION.scope, values, env);
  const client = createFulfillmentClient({
    clientId,
    clientSecret,
    baseUrl,
    tokenUrl,
    allowPrivateCallbackHosts: allowPrivateHosts,
    ...(scope === undefined ? {} : { scope }),
    timeoutMs,
    maxResponseBytes,
    ...(prefer === undefined ? {} : { fetch: preferring(prefer, baseUrl) }),
  });
  if (!values.yes && !(await confirm(orderId, baseUrl))) {
    process.stderr.write('complete: not confirmed; nothing sent\n');
    return EXIT.CANNOT_RUN;
  }
  // Whatever a server sent is shown only after the client secret is removed from it, in every form.
  const clean = redactor({ clientId, clientSecret });
  const waiting = progressAfter(`complete: waiting for ${baseUrl} (token from ${tokenUrl})...`);
  try {
    const result = await client.completeOrder({ orderId, ...(callbackUrl === undefined ? {} : { callbackUrl }) });
    waiting();
    process.stdout.write(
      clean(
        format === 'json'
          ? `${safeJson(result)}\n`
          : [
              `fulfillmentStatus: ${printable(String(result.fulfillmentStatus))}`,
              `orderId: ${result.orderId ?? '-'}`,
              ...(result.errorMessage ? [`errorMessage: ${printable(result.errorMessage)}`] : []),
              `host: ${new URL(baseUrl).host}`,
              '',
            ].join('\n'),
      ),
    );
    return result.fulfillmentStatus === 'OK' ? EXIT.OK : EXIT.PROBLEM;
  } catch (error) {
    waiting();
    if (!(error instanceof ConnectFulfillmentError)) throw error;
    if (format === 'json') {
      process.stdout.write(clean(`${safeJson({ error: { ...error, name: error.name, message: error.message } })}\n`));
    }
    process.stderr.write(`${clean(printable(`${error.name}: ${error.message}`, 1_000))}\n`);
    return CANNOT_RUN.some((kind) => error instanceof kind) ? EXIT.CANNOT_RUN : EXIT.PROBLEM;
  }
}

/**
 * A fetch that asks the mock for an answer with `Prefer` on the fulfillment
 * only (the token endpoint must still issue a token). Connect itself ignores it.
 */
function preferring(prefer: string, baseUrl: string): typeof globalThis.fetch {
  const withPrefer = (headers: HeadersInit | undefined) => {
    const out = new Headers(headers);
    out.set('prefer', prefer);
    return out;
  };
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(baseUrl)) return globalThis.fetch(input, init);
    return input instanceof Request
      ? globalThis.fetch(new Request(input, { headers: withPrefer(input.headers) }))
      : globalThis.fetch(input, { ...init, headers: withPrefer(init?.headers) });
  };
}
