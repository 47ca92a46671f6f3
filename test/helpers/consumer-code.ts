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
