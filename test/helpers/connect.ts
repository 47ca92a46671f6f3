/**
 * A local upstream that behaves like Connect and ConnectID for client tests:
 * `/token` issues tokens, `/v1/client/order/fulfillment` answers through a
 * per-test handler. Secrets are canaries, so a leak is easy to find.
 */
import type { ServerResponse } from 'node:http';
import { createFulfillmentClient, type FulfillmentClientOptions } from '../../src/index.js';
import { json, startServer, type Recorded, type TestServer } from './server.js';

export const CANARY_SECRET = 'CANARY-SECRET-9f3a1c';
export const CANARY_TOKEN = 'CANARY-TOKEN-7d2e4b';
export const OK_BODY = { fulfillmentStatus: 'OK', orderId: 14, errorMessage: null };

export interface Upstream extends TestServer {
  readonly tokenRequests: () => Recorded[];
  readonly fulfillRequests: () => Recorded[];
}

export interface UpstreamHandlers {
  token?: (request: Recorded, res: ServerResponse, index: number) => void | Promise<void>;
  fulfill?: (request: Recorded, res: ServerResponse, index: number) => void | Promise<void>;
}

let tokenSerial = 0;
export const defaultToken = (_: Recorded, res: ServerResponse) =>
  json(res, 200, { access_token: `${CANARY_TOKEN}-${++tokenSerial}`, token_type: 'Bearer', expires_in: 3600 });
export const defaultFulfill = (_: Recorded, res: ServerResponse) => json(res, 200, OK_BODY);

export async function startUpstream(handlers: UpstreamHandlers = {}): Promise<Upstream> {
  let tokens = 0;
  let fulfills = 0;
  const server = await startServer((request, res) => {
    if (request.url.startsWith('/token')) return (handlers.token ?? defaultToken)(request, res, tokens++);
    if (request.url.startsWith('/v1/client/order/fulfillment'))
      return (handlers.fulfill ?? defaultFulfill)(request, res, fulfills++);
    res.writeHead(404).end();
  });
  return {
    ...server,
    tokenRequests: () => server.requests.filter((r) => r.url.startsWith('/token')),
    fulfillRequests: () => server.requests.filter((r) => r.url.startsWith('/v1/client/order/fulfillment')),
  };
}

/** A client pointed at the upstream, with fast retries so tests stay quick. */
export function clientFor(upstream: { url: string }, options: Partial<FulfillmentClientOptions> = {}) {
  return createFulfillmentClient({
    clientId: 'client-id',
    clientSecret: CANARY_SECRET,
    baseUrl: upstream.url,
    tokenUrl: `${upstream.url}/token`,
    timeoutMs: 2_000,
    allowPrivateCallbackHosts: true,
    ...options,
    retry: { baseDelayMs: 1, maxDelayMs: 5, ...options.retry },
  });
}
