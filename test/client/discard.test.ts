/**
 * A response the client throws away (a 401 before the refresh, a 429 or a
 * token error before the retry) is cancelled and never waited on: a peer
 * whose stream never confirms the cancellation (msw's responses, a stuck
 * proxy) must not hang the call.
 */
import { describe, expect, it } from 'vitest';
import { createFulfillmentClient } from '../../src/index.js';

/** A JSON response whose body stream never settles `cancel()`; `endless` repeats the body without end. */
function stubborn(status: number, body: unknown, headers: Record<string, string> = {}, endless = false): Response {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent && !endless) return controller.close();
      sent = true;
      controller.enqueue(bytes);
    },
    cancel: () => new Promise<void>(() => undefined),
  });
  return new Response(stream, { status, headers: { 'content-type': 'application/json', ...headers } });
}

const OK = { fulfillmentStatus: 'OK', orderId: 14, errorMessage: null };
const TOKEN = { access_token: 't', token_type: 'Bearer', expires_in: 3600 };

function client(answers: (() => Response)[]) {
  const sent: string[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  };
  return {
    sent,
    client: createFulfillmentClient({
      clientId: 'id',
      clientSecret: 'secret',
      baseUrl: 'http://127.0.0.1:9/capi',
      tokenUrl: 'http://127.0.0.1:9/token',
      fetch: fetch as typeof globalThis.fetch,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    }),
  };
}

describe('discarded responses are never awaited', () => {
  it('a 401 whose body never confirms cancel(): the token is refreshed and the call settles', async () => {
    const { client: c, sent } = client([
      () => new Response(JSON.stringify(TOKEN), { headers: { 'content-type': 'application/json' } }),
      () =>
        stubborn(
          401,
          { error: 'invalid_token' },
          { 'www-authenticate': 'Bearer realm="connect", error="invalid_token"' },
        ),
      () => new Response(JSON.stringify(TOKEN), { headers: { 'content-type': 'application/json' } }),
      () => new Response(JSON.stringify(OK), { headers: { 'content-type': 'application/json' } }),
    ]);
    await expect(c.completeOrder({ orderId: 14 })).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
    expect(sent).toEqual([
      'POST /token',
      'POST /capi/v1/client/order/fulfillment',
      'POST /token',
      'POST /capi/v1/client/order/fulfillment',
    ]);
  });

  it('a 429 whose body never confirms cancel(): the retry goes out and the call settles', async () => {
    const { client: c, sent } = client([
      () => new Response(JSON.stringify(TOKEN), { headers: { 'content-type': 'application/json' } }),
      () => stubborn(429, { errorMessage: 'Too many requests' }, { 'retry-after': '0' }),
      () => new Response(JSON.stringify(OK), { headers: { 'content-type': 'application/json' } }),
    ]);
    await expect(c.completeOrder({ orderId: 14 })).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
    expect(sent).toHaveLength(3);
  });

  it('a 200 over the body cap whose stream never confirms cancel(): OutcomeUnknownError, not a hang', async () => {
    const { client: c } = client([
      () => new Response(JSON.stringify(TOKEN), { headers: { 'content-type': 'application/json' } }),
      () => stubborn(200, OK, {}, true),
    ]);
    await expect(c.completeOrder({ orderId: 14 })).rejects.toThrow(/larger than the 1 MiB cap/);
  });

  it('a declared Content-Length over the cap, with a stream that never confirms cancel(): an error, not a hang', async () => {
    const { client: c } = client([
      () => stubborn(200, TOKEN, { 'content-length': String(2 ** 30) }),
      () => stubborn(200, TOKEN, { 'content-length': String(2 ** 30) }),
      () => stubborn(200, TOKEN, { 'content-length': String(2 ** 30) }),
    ]);
    await expect(c.completeOrder({ orderId: 14 })).rejects.toThrow(/larger than the 1 MiB cap/);
  });

  it('a token endpoint 503 whose body never confirms cancel(): the token request is retried', async () => {
    const { client: c, sent } = client([
      () => stubborn(503, { error: 'temporarily_unavailable' }),
      () => new Response(JSON.stringify(TOKEN), { headers: { 'content-type': 'application/json' } }),
      () => new Response(JSON.stringify(OK), { headers: { 'content-type': 'application/json' } }),
    ]);
    await expect(c.completeOrder({ orderId: 14 })).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
    expect(sent).toEqual(['POST /token', 'POST /token', 'POST /capi/v1/client/order/fulfillment']);
  });
});
