/** The code a consumer writes against the package, shared by the consumer test and the peer matrix. */

/** A typed ESM consumer: compiles under tsc --strict and completes an order against CONNECT_BASE_URL. */
export const ESM_CONSUMER = `
import { createFulfillmentClient, ConnectFulfillmentError, OutcomeUnknownError, RateLimitError, type CompleteOrderResponse } from 'connect-fulfillment';
import type { components } from 'connect-fulfillment/types';
import spec from 'connect-fulfillment/spec/connect-fulfillment.openapi.json' with { type: 'json' };

type Status = components['schemas']['FulfillmentStatus'];
const client = createFulfillmentClient({ clientId: 'consumer', clientSecret: 'consumer-secret', baseUrl: process.env.CONNECT_BASE_URL!, tokenUrl: process.env.CONNECT_TOKEN_URL! });
const result: CompleteOrderResponse = await client.completeOrder({ orderId: 14 });
const status: Status = result.fulfillmentStatus;
const error: ConnectFulfillmentError = new OutcomeUnknownError({ orderId: 14, reason: 'example' });
const retryAfter: number | undefined = (null as unknown as RateLimitError | null)?.retryAfterMs;
console.log(JSON.stringify({ status, error: error.name, retryAfter: retryAfter ?? null, title: spec.info.title }));
`;

/**
 * A consumer's integration test, as the README shows it: msw handlers, the
 * real client, no server. msw 3 renamed `onUnhandledRequest` to `onUnhandledFrame`.
 */
export const mswConsumer = (msw: 2 | 3 = 2) => `
import { setupServer } from 'msw/node';
import { createFulfillmentClient } from 'connect-fulfillment';
import { createConnectHandlers, type ConnectOutcome } from 'connect-fulfillment/msw';

const server = setupServer();
server.listen({ ${msw === 2 ? 'onUnhandledRequest' : 'onUnhandledFrame'}: 'error' });
const client = createFulfillmentClient({ clientId: 'shop', clientSecret: 'secret', retry: { baseDelayMs: 1, maxDelayMs: 1 } });
const settle = async (outcome: ConnectOutcome): Promise<string> => {
  server.resetHandlers(...createConnectHandlers({ outcome, retryAfter: 0 }));
  try {
    return (await client.completeOrder({ orderId: 14 })).fulfillmentStatus;
  } catch (error) {
    return (error as Error).name;
  }
};
const results: Record<string, string | number> = {};
for (const outcome of ['ok', 'error', 400, 401, 429, 500] as const) results[outcome] = await settle(outcome);
server.resetHandlers(...createConnectHandlers());
const url = 'https://api.mediaconnect.no/capi/v1/client/order/fulfillment';
const token = await (await fetch('https://connectid.no/user/oauth/token', {
  method: 'POST',
  headers: { authorization: 'Basic ' + btoa('shop:secret'), 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials',
})).json() as { access_token: string };
results.forbiddenBody = (await fetch(url, {
  method: 'POST',
  headers: { authorization: 'Bearer ' + token.access_token, 'content-type': 'application/json' },
  body: JSON.stringify({ orderId: 'fourteen' }),
})).status;
results.noToken = (await fetch(url, { method: 'POST', body: '{"orderId":14}' })).status;
server.close();
console.log(JSON.stringify(results));
`;

/** What MSW_CONSUMER prints: every outcome settles the client as the README's error table says. */
export const MSW_OUTCOMES = {
  ok: 'OK',
  error: 'ERROR',
  400: 'ApiError',
  401: 'AuthenticationError',
  429: 'RateLimitError',
  500: 'OutcomeUnknownError',
  forbiddenBody: 400,
  noToken: 401,
};

/** Every entry's types, used, so that a declaration TypeScript 7 cannot read fails the compile. */
export const ENTRY_TYPES = `
import { createFulfillmentClient, decideRetry, defaultRetryOptions, type CompleteOrderResponse, type ConnectFulfillmentError } from 'connect-fulfillment';
import { runContract, statusCodeConformance, type ContractReport, type Diagnostic } from 'connect-fulfillment/contract';
import { diffSpecs } from 'connect-fulfillment/diff';
import { TrafficRecorder, type TrafficReport } from 'connect-fulfillment/traffic';
import { createConnectHandlers, type ConnectOutcome } from 'connect-fulfillment/msw';
import type { components, paths } from 'connect-fulfillment/types';
import type { paths as TokenPaths } from 'connect-fulfillment/types/connectid-token';
import { completeOrderRequestBody } from 'connect-fulfillment/validators';

const client = createFulfillmentClient({ clientId: 'a', clientSecret: 'b' });
export const result: Promise<CompleteOrderResponse> = client.completeOrder({ orderId: 14 });
export const status: components['schemas']['FulfillmentStatus'] = 'OK';
export type Body = paths['/v1/client/order/fulfillment']['post']['requestBody'];
export type Token = keyof TokenPaths;
export const retry: boolean = decideRetry({ kind: 'response', status: 500 }, { attempt: 1, tokenRefreshed: false, options: defaultRetryOptions }).retry;
export const run: (typeof runContract) extends (...args: never[]) => Promise<ContractReport> ? true : false = true;
export const check: (typeof statusCodeConformance) extends (...args: never[]) => readonly Diagnostic[] ? true : false = true;
export const diff = diffSpecs;
export const report: TrafficReport = new TrafficRecorder({ baseUrl: 'https://api.example.com', tokenUrl: 'https://id.example.com/token' }).report('validate', 'traffic.har');
export const outcome: ConnectOutcome = 429;
export const handlers = createConnectHandlers({ outcome });
export const valid: boolean = completeOrderRequestBody({ orderId: 14 });
export type Failure = ConnectFulfillmentError['name'];
`;

/** tsc's options for ENTRY_TYPES: what a consumer on nodenext, strict, uses. */
export const TSC_ARGS = [
  '--strict',
  '--noEmit',
  '--module',
  'nodenext',
  '--moduleResolution',
  'nodenext',
  '--target',
  'es2022',
];
