import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  AuthenticationError,
  ConnectFulfillmentError,
  ConnectionError,
  InsufficientScopeError,
  createFulfillmentClient,
  RequestValidationError,
  TokenUnavailableError,
} from '../../index.js';
import { parseFormat, positiveInt } from '../output.js';
import { EXIT, UsageError } from '../usage.js';

async function confirm(orderId: number): Promise<boolean> {
  if (!process.stdin.isTTY)
    throw new UsageError(
      'complete sends a real message to a customer: pass --yes to confirm when stdin is not a terminal',
    );
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test(
      (await rl.question(`Complete order ${orderId}? Connect sends a message to the customer. [y/N] `)).trim(),
    );
  } finally {
    rl.close();
  }
}

export async function complete(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'order-id': { type: 'string' },
      'callback-url': { type: 'string' },
      yes: { type: 'boolean' },
      'base-url': { type: 'string' },
      'token-url': { type: 'string' },
      scope: { type: 'string' },
      format: { type: 'string' },
    },
  });
  const format = parseFormat(values.format, ['text', 'json']);
  const orderId = positiveInt('--order-id', values['order-id']);
  if (orderId === undefined) throw new UsageError('--order-id is required');
  const { CONNECT_CLIENT_ID: clientId, CONNECT_CLIENT_SECRET: clientSecret } = process.env;
  if (!clientId || !clientSecret)
    throw new UsageError('CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET must be set in the environment');
  const client = createFulfillmentClient({
    clientId,
    clientSecret,
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    ...(values['token-url'] ? { tokenUrl: values['token-url'] } : {}),
    ...((values.scope ?? process.env.CONNECT_SCOPE) !== undefined
      ? { scope: values.scope ?? process.env.CONNECT_SCOPE }
      : {}),
    allowPrivateCallbackHosts: process.env.CONNECT_ALLOW_PRIVATE_CALLBACK_HOSTS === '1',
  });
  if (!values.yes && !(await confirm(orderId))) {
    process.stderr.write('complete: not confirmed; nothing sent\n');
    return EXIT.CANNOT_RUN;
  }
  try {
    const result = await client.completeOrder({
      orderId,
      ...(values['callback-url'] ? { callbackUrl: values['callback-url'] } : {}),
    });
    process.stdout.write(
      format === 'json'
        ? `${JSON.stringify(result)}\n`
        : `fulfillmentStatus: ${result.fulfillmentStatus}\norderId: ${result.orderId ?? '-'}\n${result.errorMessage ? `errorMessage: ${result.errorMessage}\n` : ''}`,
    );
    return result.fulfillmentStatus === 'OK' ? EXIT.OK : EXIT.PROBLEM;
  } catch (error) {
    if (!(error instanceof ConnectFulfillmentError)) throw error;
    if (format === 'json')
      process.stdout.write(`${JSON.stringify({ error: { ...error, name: error.name, message: error.message } })}\n`);
    process.stderr.write(`${error.name}: ${error.message}\n`);
    const cannotRun =
      error instanceof RequestValidationError ||
      error instanceof InsufficientScopeError ||
      error instanceof AuthenticationError ||
      error instanceof TokenUnavailableError ||
      error instanceof ConnectionError;
    return cannotRun ? EXIT.CANNOT_RUN : EXIT.PROBLEM;
  }
}
