/**
 * The attempt time limit without a signal (src/client/deadline.ts): through
 * Node's fetch it travels as a dispatcher, once that fetch has been seen to
 * use one, and stops the request where undici lets it be stopped; through any
 * other fetch it stays a signal. Either way a timeout ends the same: a
 * TimeoutError inside OutcomeUnknownError, at the limit, the connection closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OutcomeUnknownError } from '../../src/index.js';
import { clientFor, OK_BODY, startUpstream, type Upstream } from '../helpers/connect.js';
import { json } from '../helpers/server.js';

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

type Init = RequestInit & { dispatcher?: unknown };
/** A fetch that notes how each request was limited, then sends it as `send` does. */
function noting(send: (input: RequestInfo | URL, init?: Init) => Promise<Response> = globalThis.fetch) {
  const seen: { signal: boolean; dispatcher: boolean }[] = [];
  const fetch = ((input: RequestInfo | URL, init?: Init) => {
    if (String(input).includes('/fulfillment')) seen.push({ signal: !!init?.signal, dispatcher: !!init?.dispatcher });
    return send(input, init);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}
const dropping = (input: RequestInfo | URL, init?: Init) =>
  globalThis.fetch(input, { ...init, dispatcher: undefined } as RequestInit);

describe('the attempt time limit', () => {
  it("goes as a dispatcher through Node's fetch once it has been seen to use one, with no signal", async () => {
    upstream = await startUpstream();
    const { fetch, seen } = noting();
    const client = clientFor(upstream, { fetch, timeoutMs: 5_000 });
    for (let i = 0; i < 3; i++) await expect(client.completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
    expect(seen).toEqual([
      { signal: true, dispatcher: true },
      { signal: false, dispatcher: true },
      { signal: false, dispatcher: true },
    ]);
  });

  it('stops a request whose answer never comes, closing its connection, at the limit', async () => {
    let closed = false;
    upstream = await startUpstream({
      fulfill: (_, res, i) => {
        if (i === 0) return json(res, 200, OK_BODY);
        res.on('close', () => {
          closed = true;
        });
      },
    });
    const { fetch, seen } = noting();
    const client = clientFor(upstream, { fetch, timeoutMs: 150 });
    await client.completeOrder({ orderId: 14 });
    const started = performance.now();
    const error = await client.completeOrder({ orderId: 14 }).catch((e) => e);
    expect(seen.at(-1)).toEqual({ signal: false, dispatcher: true });
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toContain('no complete answer within 150 ms');
    expect(error.cause).toMatchObject({ name: 'TimeoutError', message: 'attempt timed out after 150 ms' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect.poll(() => closed, { timeout: 2_000 }).toBe(true);
    expect(upstream.fulfillRequests()).toHaveLength(2);
  });

  it('stops an answer whose body stops coming, as a TimeoutError', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => {
        if (i === 0) return json(res, 200, OK_BODY);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"fulfillmentStatus":');
      },
    });
    const { fetch, seen } = noting();
    const client = clientFor(upstream, { fetch, timeoutMs: 150 });
    await client.completeOrder({ orderId: 14 });
    const error = await client.completeOrder({ orderId: 14 }).catch((e) => e);
    expect(seen.at(-1)).toEqual({ signal: false, dispatcher: true });
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.cause).toMatchObject({ name: 'TimeoutError' });
  });

  it('ends an attempt at the limit even before its request reaches a connection, and never sends it', async () => {
    upstream = await startUpstream();
    const { fetch: note } = noting();
    let delay = 0;
    // A fetch that hands the request on late: the limit passes before undici has a connection for it.
    const late = ((input: RequestInfo | URL, init?: Init) =>
      new Promise<Response>((resolve, reject) =>
        setTimeout(() => note(input, init).then(resolve, reject), delay),
      )) as typeof globalThis.fetch;
    const client = clientFor(upstream, { fetch: late, timeoutMs: 100 });
    await client.completeOrder({ orderId: 14 });
    delay = 400;
    const started = performance.now();
    const error = await client.completeOrder({ orderId: 14 }).catch((e) => e);
    expect(performance.now() - started).toBeLessThan(350);
    expect(error.cause).toMatchObject({ name: 'TimeoutError' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('stops a request that undici holds, waiting for a connection, when the limit passes: it is never sent', async () => {
    upstream = await startUpstream();
    const { fetch, seen } = noting();
    const client = clientFor(upstream, { fetch, timeoutMs: 100 });
    await client.completeOrder({ orderId: 14 });
    const slot = globalThis as unknown as Record<symbol, { dispatch(options: object, handler: object): boolean }>;
    const key = Symbol.for('undici.globalDispatcher.1');
    const agent = slot[key]!;
    // undici's own dispatcher, reached 400 ms late: the request has been handed over and has not started.
    slot[key] = {
      dispatch(options, handler) {
        setTimeout(() => agent.dispatch(options, handler), 400);
        return true;
      },
    };
    try {
      const started = performance.now();
      const error = await client.completeOrder({ orderId: 14 }).catch((e) => e);
      expect(seen.at(-1)).toEqual({ signal: false, dispatcher: true });
      expect(performance.now() - started).toBeLessThan(350);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error.cause).toMatchObject({ name: 'TimeoutError' });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(upstream.fulfillRequests()).toHaveLength(1);
    } finally {
      slot[key] = agent;
    }
  });

  it('stays a signal through a fetch that drops the dispatcher, and still stops the request', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => {
        if (i === 0) json(res, 200, OK_BODY);
      },
    });
    const { fetch, seen } = noting(dropping);
    const client = clientFor(upstream, { fetch, timeoutMs: 150 });
    await client.completeOrder({ orderId: 14 });
    const error = await client.completeOrder({ orderId: 14 }).catch((e) => e);
    expect(seen).toEqual([
      { signal: true, dispatcher: true },
      { signal: true, dispatcher: true },
    ]);
    expect(error.cause).toMatchObject({ name: 'TimeoutError' });
  });

  it('goes back to a signal when the fetch stops using the dispatcher', async () => {
    upstream = await startUpstream();
    let drop = false;
    const { fetch, seen } = noting((input, init) => (drop ? dropping(input, init) : globalThis.fetch(input, init)));
    const client = clientFor(upstream, { fetch, timeoutMs: 5_000 });
    await client.completeOrder({ orderId: 14 });
    await client.completeOrder({ orderId: 14 });
    drop = true;
    await client.completeOrder({ orderId: 14 });
    await client.completeOrder({ orderId: 14 });
    expect(seen.map((s) => s.signal)).toEqual([true, false, false, true]);
  });

  it("follows the caller's signal as a signal", async () => {
    upstream = await startUpstream();
    const { fetch, seen } = noting();
    const client = clientFor(upstream, { fetch, timeoutMs: 5_000 });
    await client.completeOrder({ orderId: 14 });
    await client.completeOrder({ orderId: 14 }, { signal: new AbortController().signal });
    expect(seen.at(-1)).toMatchObject({ signal: true });
  });
});
