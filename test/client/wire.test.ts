import { afterEach, describe, expect, it } from 'vitest';
import { type Upstream, clientFor, startUpstream } from '../helpers/connect.js';
import type { Recorded } from '../helpers/server.js';

/** The real fetch, recording what form each fulfillment request was handed to it in. */
function recordingFetch() {
  const forms: ('request' | 'parts')[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes('/fulfillment')) {
      forms.push(input instanceof Request ? 'request' : 'parts');
      signals.push(init?.signal ?? undefined);
    }
    return globalThis.fetch(input, init);
  };
  return { forms, signals, fetch };
}

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

describe('the request openapi-fetch built is sent from its parts, and any other request as it is', () => {
  it('an unreplaced request reaches the wire from its parts with its method, headers, body and a time limit', async () => {
    upstream = await startUpstream();
    const { forms, signals, fetch } = recordingFetch();
    const client = clientFor(upstream, { fetch });
    await client.completeOrder({ orderId: 14, callbackUrl: 'https://shop.example.com/cb?a=1' });
    expect(forms).toEqual(['parts']);
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    const [sent] = upstream.fulfillRequests();
    expect(sent!.method).toBe('POST');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers.authorization).toMatch(/^Bearer CANARY-TOKEN-/);
    expect(sent!.headers['content-length']).toBe(String(Buffer.byteLength(sent!.body)));
    expect(JSON.parse(sent!.body)).toEqual({ orderId: 14, callbackUrl: 'https://shop.example.com/cb?a=1' });
  });

  it('a header a middleware sets in place is sent', async () => {
    upstream = await startUpstream();
    const { forms, fetch } = recordingFetch();
    const client = clientFor(upstream, { fetch });
    client.raw.use({
      onRequest({ request }) {
        request.headers.set('x-trace-id', 'trace-1');
        return undefined;
      },
    });
    await client.completeOrder({ orderId: 14 });
    expect(forms).toEqual(['parts']);
    expect(upstream.fulfillRequests()[0]!.headers['x-trace-id']).toBe('trace-1');
  });

  it('a request a middleware replaced is sent as it is, with its own body', async () => {
    upstream = await startUpstream();
    const { forms, fetch } = recordingFetch();
    const client = clientFor(upstream, { fetch });
    client.raw.use({
      onRequest({ request }) {
        return new Request(request.url, { method: 'POST', headers: request.headers, body: '{"orderId":15}' });
      },
    });
    await client.completeOrder({ orderId: 14 });
    expect(forms).toEqual(['request']);
    expect(JSON.parse(upstream.fulfillRequests()[0]!.body)).toEqual({ orderId: 15 });
  });

  it('a request whose body a middleware read is handed to fetch as it is, and nothing is sent', async () => {
    upstream = await startUpstream();
    const { forms, fetch } = recordingFetch();
    const client = clientFor(upstream, { fetch });
    client.raw.use({
      async onRequest({ request }) {
        await request.text();
        return undefined;
      },
    });
    await expect(client.completeOrder({ orderId: 14 })).rejects.toThrow();
    expect(forms).toEqual(['request']);
    expect(upstream.fulfillRequests()).toEqual([]);
  });

  it('a retried attempt is built and sent anew, from its parts', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, index) => {
        if (index === 0) res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{}');
        else
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ fulfillmentStatus: 'OK' }));
      },
    });
    const { forms, fetch } = recordingFetch();
    await clientFor(upstream, { fetch }).completeOrder({ orderId: 14 });
    expect(forms).toEqual(['parts', 'parts']);
    expect(upstream.fulfillRequests().map((r) => JSON.parse(r.body))).toEqual([{ orderId: 14 }, { orderId: 14 }]);
  });

  it('an answer a middleware gives in place of the API is still checked, and nothing is sent', async () => {
    upstream = await startUpstream();
    const { forms, fetch } = recordingFetch();
    const client = clientFor(upstream, { fetch });
    client.raw.use({
      onRequest() {
        return new Response(JSON.stringify({ fulfillmentStatus: 'MAYBE' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await expect(client.completeOrder({ orderId: 14 })).rejects.toMatchObject({ name: 'ContractViolationError' });
    expect(forms).toEqual([]);
    expect(upstream.fulfillRequests()).toEqual([]);
  });

  it("a well-formed answer a middleware gives in place of the API is the call's outcome", async () => {
    upstream = await startUpstream();
    const client = clientFor(upstream);
    const ok = { fulfillmentStatus: 'OK' };
    client.raw.use({
      onRequest: () =>
        new Response(JSON.stringify(ok), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(client.completeOrder({ orderId: 14 })).resolves.toEqual(ok);
    expect(upstream.fulfillRequests()).toEqual([]);
  });
});

describe('without middleware of the caller, completeOrder sends what openapi-fetch would, as one fetch call', () => {
  /** The request as the server saw it, less what differs from one call to the next. */
  const seen = (r: Recorded) => ({
    method: r.method,
    url: r.url,
    contentType: r.headers['content-type'],
    contentLength: r.headers['content-length'],
    authorization: String(r.headers.authorization).replace(/CANARY-TOKEN-\S+/, 'TOKEN'),
    body: r.body,
  });

  it.each(['', '/'])(
    'the same method, URL, content type, authorization and body as through openapi-fetch (base URL ending %j)',
    async (slash) => {
      upstream = await startUpstream();
      const direct = clientFor(upstream, { baseUrl: `${upstream.url}${slash}` });
      const through = clientFor(upstream, { baseUrl: `${upstream.url}${slash}` });
      // A middleware that changes nothing: completeOrder goes through openapi-fetch's coreFetch.
      through.raw.use({ onRequest: () => undefined });
      const input = { orderId: 14, callbackUrl: 'https://shop.example.com/cb?a=1&b=%C3%B8' };
      await direct.completeOrder(input);
      await through.completeOrder(input);
      const [a, b] = upstream.fulfillRequests();
      expect(seen(a!)).toEqual(seen(b!));
      expect(seen(a!)).toMatchObject({
        method: 'POST',
        url: '/v1/client/order/fulfillment',
        contentType: 'application/json',
      });
    },
  );

  it('a middleware added later applies to the next call, and no longer once ejected', async () => {
    upstream = await startUpstream();
    const { forms, fetch } = recordingFetch();
    const client = clientFor(upstream, { fetch });
    await client.completeOrder({ orderId: 14 });
    let called = 0;
    const traced = {
      onRequest({ request }: { request: Request }) {
        called++;
        request.headers.set('x-trace-id', 'trace-2');
        return undefined;
      },
    };
    client.raw.use(traced);
    await client.completeOrder({ orderId: 14 });
    client.raw.eject(traced);
    await client.completeOrder({ orderId: 14 });
    expect(called).toBe(1);
    expect(upstream.fulfillRequests().map((r) => r.headers['x-trace-id'] ?? null)).toEqual([null, 'trace-2', null]);
    expect(forms).toEqual(['parts', 'parts', 'parts']);
  });
});
