import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, OutcomeUnknownError, RateLimitError, ApiError } from '../../src/index.js';
import { clientFor, OK_BODY, startUpstream, type Upstream } from '../helpers/connect.js';
import { json, refusedUrl } from '../helpers/server.js';

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

const activeTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('the fulfillment POST is sent again only when it provably was not applied', () => {
  it('a 500 is sent once and surfaces as OutcomeUnknownError with the orderId', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 500, { errorMessage: 'boom' }) });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ orderId: 14, status: 500 });
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('an undocumented 503 with an HTML page is sent once and is still OutcomeUnknownError', async () => {
    upstream = await startUpstream({
      fulfill: (_, res) => {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<h1>down</h1>');
      },
    });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('a 200 of any kind is never resent, and ERROR is a value', async () => {
    upstream = await startUpstream({
      fulfill: (_, res) =>
        json(res, 200, { fulfillmentStatus: 'ERROR', orderId: 14, errorMessage: 'phone number not accepted' }),
    });
    await expect(clientFor(upstream).completeOrder({ orderId: 14 })).resolves.toEqual({
      fulfillmentStatus: 'ERROR',
      orderId: 14,
      errorMessage: 'phone number not accepted',
    });
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('a 400 is sent once and is an ApiError carrying the body', async () => {
    upstream = await startUpstream({
      fulfill: (_, res) => json(res, 400, { errorMessage: 'order 14 is not registered' }),
    });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, orderId: 14, body: { errorMessage: 'order 14 is not registered' } });
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('a 429 is retried and every attempt carries the byte-identical body', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => (i < 2 ? json(res, 429, {}, { 'retry-after': '0' }) : json(res, 200, OK_BODY)),
    });
    await expect(
      clientFor(upstream).completeOrder({ orderId: 14, callbackUrl: 'https://shop.example.com/cb?a=1&b=%C3%B8' }),
    ).resolves.toEqual(OK_BODY);
    const bodies = upstream.fulfillRequests().map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies)).toEqual(
      new Set(['{"orderId":14,"callbackUrl":"https://shop.example.com/cb?a=1&b=%C3%B8"}']),
    );
  });

  it('Retry-After: 0 retries immediately', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => (i === 0 ? json(res, 429, {}, { 'retry-after': '0' }) : json(res, 200, OK_BODY)),
    });
    const started = performance.now();
    await clientFor(upstream, { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } }).completeOrder({ orderId: 14 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(upstream.fulfillRequests()).toHaveLength(2);
  });

  it('Retry-After as an HTTP-date in the past retries at once', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) =>
        i === 0 ? json(res, 429, {}, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }) : json(res, 200, OK_BODY),
    });
    await clientFor(upstream, { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } }).completeOrder({ orderId: 14 });
    expect(upstream.fulfillRequests()).toHaveLength(2);
  });

  it('a malformed Retry-After loses only its timing: the 429 is still retried with backoff', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => (i === 0 ? json(res, 429, {}, { 'retry-after': 'soon' }) : json(res, 200, OK_BODY)),
    });
    await expect(clientFor(upstream).completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
    expect(upstream.fulfillRequests()).toHaveLength(2);
  });

  it('Retry-After above the cap is not waited for: RateLimitError with retryAfterMs, one POST', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 429, {}, { 'retry-after': '3600' }) });
    const error = await clientFor(upstream, { retry: { maxRetryAfterMs: 60_000 } })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000, attempts: 1, orderId: 14, status: 429 });
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('429 on every attempt: maxAttempts POSTs, then RateLimitError', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 429, {}, { 'retry-after': '0' }) });
    const error = await clientFor(upstream, { retry: { maxAttempts: 4 } })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ attempts: 4, retryAfterMs: 0 });
    expect(upstream.fulfillRequests()).toHaveLength(4);
  });

  it('per-call retry options win over the client options', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 429, {}) });
    const client = clientFor(upstream, { retry: { maxAttempts: 5 } });
    await expect(client.completeOrder({ orderId: 14 }, { retry: { maxAttempts: 1 } })).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('a refused connection is retried, then surfaces as ConnectionError: nothing was sent', async () => {
    const url = await refusedUrl();
    upstream = await startUpstream();
    const client = clientFor(upstream, { baseUrl: url });
    const error = await client.completeOrder({ orderId: 14 }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 3, orderId: 14 });
  });

  it('a connection reset after the request was sent is OutcomeUnknownError, sent once', async () => {
    upstream = await startUpstream({
      fulfill: (_, res) => {
        res.socket?.destroy();
      },
    });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.status).toBeUndefined();
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('a timeout after the request was sent is OutcomeUnknownError, sent once', async () => {
    upstream = await startUpstream({ fulfill: () => new Promise(() => undefined) });
    const error = await clientFor(upstream, { timeoutMs: 150 })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toContain('no complete answer within 150 ms');
    expect(error.cause).toMatchObject({ name: 'TimeoutError' });
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('a timeout in the middle of the body is OutcomeUnknownError, sent once', async () => {
    upstream = await startUpstream({
      fulfill: (_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"fulfillmentStatus":');
      },
    });
    const error = await clientFor(upstream, { timeoutMs: 150 })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it("the caller's abort ends a backoff wait at once", async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 429, {}, { 'retry-after': '30' }) });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(clientFor(upstream).completeOrder({ orderId: 14 }, { signal: controller.signal })).rejects.toThrow(
      'caller gave up',
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(upstream.fulfillRequests()).toHaveLength(1);
  });

  it('timeoutMs: Infinity sets no time limit, and the caller can still abort', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => {
        if (i === 0) setTimeout(() => json(res, 200, OK_BODY), 300);
      },
    });
    const client = clientFor(upstream, { timeoutMs: Infinity });
    await expect(client.completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
    await expect(client.completeOrder({ orderId: 14 }, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('leaves no timer pending after a call settles, whichever way it ends', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => (i % 2 === 0 ? json(res, 200, OK_BODY) : json(res, 500, {})),
    });
    const client = clientFor(upstream, { timeoutMs: 60_000 });
    await client.completeOrder({ orderId: 1 });
    const before = activeTimers();
    for (let i = 0; i < 20; i++) await client.completeOrder({ orderId: i + 1 }).catch(() => undefined);
    // Each call armed a 60 s timer; had they been left behind there would be 20 more. undici's own
    // connection timers may come and go by one or two, which is not ours to count.
    expect(activeTimers() - before).toBeLessThanOrEqual(2);
  });
});
