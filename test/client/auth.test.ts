import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  ContractViolationError,
  InsufficientScopeError,
  TokenUnavailableError,
} from '../../src/index.js';
import { expiryMarginMs, refreshLeadMs, TokenCache } from '../../src/client/auth/token-cache.js';
import { basicCredentials } from '../../src/core/sanitize.js';
import { CANARY_SECRET, clientFor, defaultToken, OK_BODY, startUpstream, type Upstream } from '../helpers/connect.js';
import { json } from '../helpers/server.js';

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
  vi.useRealTimers();
});

describe('the token request (RFC 6749 section 4.4)', () => {
  it('is a form-encoded POST with HTTP Basic client authentication and no credentials in the URL', async () => {
    upstream = await startUpstream();
    await clientFor(upstream, { clientId: 'shop:id+1 x' }).completeOrder({ orderId: 14 });
    const [token] = upstream.tokenRequests();
    expect(token).toMatchObject({ method: 'POST', url: '/token', body: 'grant_type=client_credentials&scope=read' });
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    // RFC 6749 2.3.1: each of id and secret is form-urlencoded before joining them.
    expect(Buffer.from(token!.headers.authorization!.slice('Basic '.length), 'base64').toString()).toBe(
      `shop%3Aid%2B1+x:${CANARY_SECRET}`,
    );
    expect(token!.url).not.toContain(CANARY_SECRET);
  });

  it('asks for the scopes the spec requires of the operation unless told otherwise; an empty scope sends none', async () => {
    upstream = await startUpstream();
    await clientFor(upstream).completeOrder({ orderId: 14 });
    await clientFor(upstream, { scope: 'read write' }).completeOrder({ orderId: 14 });
    await clientFor(upstream, { scope: '' }).completeOrder({ orderId: 14 });
    expect(upstream.tokenRequests().map((r) => r.body)).toEqual([
      'grant_type=client_credentials&scope=read',
      'grant_type=client_credentials&scope=read+write',
      'grant_type=client_credentials',
    ]);
  });

  it('form-encodes the way RFC 6749 appendix B says (space as +, reserved characters escaped)', () => {
    expect(basicCredentials('a b', 'c:d/é')).toBe(`Basic ${Buffer.from('a+b:c%3Ad%2F%C3%A9').toString('base64')}`);
  });

  it('invalid_client is an AuthenticationError, never retried, and nothing reaches Connect', async () => {
    upstream = await startUpstream({
      token: (_, res) =>
        json(
          res,
          401,
          { error: 'invalid_client', error_description: 'Client authentication failed' },
          { 'www-authenticate': 'Basic' },
        ),
    });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, oauthError: 'invalid_client' });
    expect(upstream.tokenRequests()).toHaveLength(1);
    expect(upstream.fulfillRequests()).toHaveLength(0);
  });

  it('a 5xx or 429 from the token endpoint is retried with backoff', async () => {
    upstream = await startUpstream({
      token: (req, res, i) =>
        i === 0 ? json(res, 503, {}) : i === 1 ? json(res, 429, {}, { 'retry-after': '0' }) : defaultToken(req, res),
    });
    await expect(clientFor(upstream).completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
    expect(upstream.tokenRequests()).toHaveLength(3);
  });

  it('a token endpoint that keeps failing is TokenUnavailableError, and nothing reaches Connect', async () => {
    upstream = await startUpstream({ token: (_, res) => json(res, 500, {}) });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect(error.status).toBe(500);
    expect(upstream.tokenRequests()).toHaveLength(3);
    expect(upstream.fulfillRequests()).toHaveLength(0);
  });

  it('a token response that breaks its spec (token_type not bearer) is a ContractViolationError', async () => {
    upstream = await startUpstream({
      token: (_, res) => json(res, 200, { access_token: 'x', token_type: 'mac', expires_in: 60 }),
    });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ContractViolationError);
    expect(error).toMatchObject({ spec: 'connectid-token', status: 200 });
    expect(error.diagnostics[0]).toMatchObject({
      check: 'response_schema_conformance',
      location: 'response.body.token_type',
    });
    expect(upstream.fulfillRequests()).toHaveLength(0);
  });

  it('accepts token_type in any case', async () => {
    upstream = await startUpstream({
      token: (_, res) => json(res, 200, { access_token: 'abc', token_type: 'bEaReR' }),
    });
    await expect(clientFor(upstream).completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
  });
});

describe('single flight', () => {
  it('1,000 concurrent calls with a cold cache make exactly one token request', async () => {
    upstream = await startUpstream({
      token: (req, res) => new Promise((resolve) => setTimeout(() => resolve(defaultToken(req, res)), 50)),
    });
    // A burst of 1,000 connections on two cores takes seconds; the per-attempt timeout must not be what is tested.
    const client = clientFor(upstream, { timeoutMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => client.completeOrder({ orderId: i + 1 })));
    expect(results).toHaveLength(1000);
    expect(upstream.tokenRequests()).toHaveLength(1);
    expect(new Set(upstream.fulfillRequests().map((r) => r.headers.authorization)).size).toBe(1);
  });

  it('a failed token request rejects every waiter, and the next call starts afresh', async () => {
    upstream = await startUpstream({
      token: (req, res, i) => (i === 0 ? json(res, 400, { error: 'invalid_request' }) : defaultToken(req, res)),
    });
    const client = clientFor(upstream);
    const first = await Promise.allSettled(Array.from({ length: 10 }, () => client.completeOrder({ orderId: 14 })));
    expect(first.every((r) => r.status === 'rejected' && r.reason instanceof AuthenticationError)).toBe(true);
    await expect(client.completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
    expect(upstream.tokenRequests()).toHaveLength(2);
  });
});

describe('refresh ahead of expiry', () => {
  it('starts refreshing at expiresAt - min(300 s, expires_in / 2)', () => {
    expect(refreshLeadMs(3_600_000)).toBe(300_000);
    expect(refreshLeadMs(100_000)).toBe(50_000);
  });

  it('counts a token expired a safety margin early: a tenth of the lifetime, from 2 s to 30 s, at most half of it', () => {
    expect(expiryMarginMs(3_600_000)).toBe(30_000);
    expect(expiryMarginMs(100_000)).toBe(10_000);
    expect(expiryMarginMs(10_000)).toBe(2_000);
    expect(expiryMarginMs(3_000)).toBe(1_500);
  });

  it('a call inside the safety margin waits for a new token instead of using the old one', async () => {
    vi.useFakeTimers({ now: 0 });
    let issued = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++issued}`, expiresInMs: 60_000 }));
    expect(await cache.get()).toBe('t1');
    // 60 s lifetime: refresh from 30 s before expiry, margin the last 6 s.
    vi.setSystemTime(53_999);
    expect(await cache.get()).toBe('t1');
    await vi.waitFor(() => expect(issued).toBe(2));
    cache.invalidate('t2');
    vi.setSystemTime(54_000 + 60_000);
    // t2 was requested at 53,999: it too is inside its margin now, so the caller gets a third.
    expect(await cache.get()).toBe('t3');
  });

  it('serves the cached token until the refresh point, then refreshes in the background while still serving it', async () => {
    vi.useFakeTimers({ now: 0 });
    let issued = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++issued}`, expiresInMs: 3_600_000 }));
    expect(await cache.get()).toBe('t1');
    vi.setSystemTime(3_299_000);
    expect(await cache.get()).toBe('t1');
    expect(issued).toBe(1);
    vi.setSystemTime(3_301_000);
    expect(await cache.get()).toBe('t1');
    expect(issued).toBe(2);
    expect(await cache.get()).toBe('t2');
  });

  it('waits for a new token once the cached one has expired', async () => {
    vi.useFakeTimers({ now: 0 });
    let issued = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++issued}`, expiresInMs: 60_000 }));
    await cache.get();
    vi.setSystemTime(60_000);
    expect(await cache.get()).toBe('t2');
  });

  it('without expires_in uses the cached token until it is invalidated', async () => {
    vi.useFakeTimers({ now: 0 });
    let issued = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++issued}`, expiresInMs: undefined }));
    await cache.get();
    vi.setSystemTime(365 * 86_400_000);
    expect(await cache.get()).toBe('t1');
    cache.invalidate('t1');
    expect(await cache.get()).toBe('t2');
  });

  it('invalidates a refused token only if it is still the one that was sent', async () => {
    let issued = 0;
    const cache = new TokenCache(async () => ({ accessToken: `t${++issued}`, expiresInMs: undefined }));
    await cache.get();
    cache.invalidate('t1');
    expect(await cache.get()).toBe('t2');
    cache.invalidate('t1'); // a late 401 for the old token must not throw away the new one
    expect(await cache.get()).toBe('t2');
    expect(issued).toBe(2);
  });
});

describe('a token endpoint that never answers', () => {
  it('ends in TokenUnavailableError naming the time limit, after the allowed attempts, and nothing is sent', async () => {
    upstream = await startUpstream({ token: () => new Promise(() => undefined) });
    const error = await clientFor(upstream, { tokenTimeoutMs: 100 })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect(error.message).toMatch(/no answer within 100 ms; 3 attempt\(s\)/);
    expect(upstream.tokenRequests()).toHaveLength(3);
    expect(upstream.fulfillRequests()).toHaveLength(0);
  });

  it('waiting for a token is not counted against the fulfillment attempt time limit', async () => {
    upstream = await startUpstream({
      token: (req, res) => new Promise((done) => setTimeout(() => done(defaultToken(req, res)), 300)),
    });
    await expect(clientFor(upstream, { timeoutMs: 200 }).completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
  });
});

describe('a 403 from Connect (RFC 6750 insufficient_scope)', () => {
  it('is InsufficientScopeError naming the scope of the challenge, sent once, never retried', async () => {
    upstream = await startUpstream({
      fulfill: (_, res) =>
        json(
          res,
          403,
          { error: 'insufficient_scope' },
          {
            'www-authenticate': 'Bearer realm="connect", error="insufficient_scope", scope="orders:write"',
          },
        ),
    });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error).toMatchObject({ status: 403, requiredScope: 'orders:write', orderId: 14 });
    expect(error.message).toContain('"orders:write"');
    expect(upstream.fulfillRequests()).toHaveLength(1);
    expect(upstream.tokenRequests()).toHaveLength(1);
  });

  it('without a scope in the challenge, names the scope the spec requires', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 403, {}) });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'InsufficientScopeError', requiredScope: 'read' });
  });
});

describe('a 401 from Connect', () => {
  it('refreshes the token and retries once', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => (i === 0 ? json(res, 401, { error: 'invalid_token' }) : json(res, 200, OK_BODY)),
    });
    await expect(clientFor(upstream).completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
    const [first, second] = upstream.fulfillRequests();
    expect(upstream.tokenRequests()).toHaveLength(2);
    expect(first!.headers.authorization).not.toBe(second!.headers.authorization);
    expect(second!.body).toBe(first!.body);
  });

  it('a second 401 is an AuthenticationError after exactly two POSTs', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 401, {}) });
    const error = await clientFor(upstream)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, orderId: 14 });
    expect(upstream.fulfillRequests()).toHaveLength(2);
  });
});

describe('client.raw: the auth middleware', () => {
  const PATH = '/v1/client/order/fulfillment';

  it('puts the cached token on a raw call, and a 401 makes the next call, raw or not, fetch a new one', async () => {
    upstream = await startUpstream({
      fulfill: (_, res, i) => (i === 0 ? json(res, 401, { error: 'invalid_token' }) : json(res, 200, OK_BODY)),
    });
    const client = clientFor(upstream);
    const { response } = await client.raw.POST(PATH, { body: { orderId: 14 } });
    expect(response.status).toBe(401);
    await expect(client.completeOrder({ orderId: 14 })).resolves.toEqual(OK_BODY);
    const [first, second] = upstream.fulfillRequests();
    expect(first!.headers.authorization).toMatch(/^Bearer CANARY-TOKEN-/);
    expect(second!.headers.authorization).toMatch(/^Bearer CANARY-TOKEN-/);
    expect(second!.headers.authorization).not.toBe(first!.headers.authorization);
    expect(upstream.tokenRequests()).toHaveLength(2);
  });

  it('leaves a raw call that brings its own credentials alone, and does not forget its token on their 401', async () => {
    upstream = await startUpstream({
      fulfill: (req, res) =>
        req.headers.authorization === 'Bearer mine' ? json(res, 401, {}) : json(res, 200, OK_BODY),
    });
    const client = clientFor(upstream);
    await client.completeOrder({ orderId: 14 });
    const { response } = await client.raw.POST(PATH, {
      body: { orderId: 14 },
      headers: { authorization: 'Bearer mine' },
    });
    expect(response.status).toBe(401);
    await client.completeOrder({ orderId: 15 });
    const [ours, theirs, oursAgain] = upstream.fulfillRequests().map((r) => r.headers.authorization);
    expect(ours).toMatch(/^Bearer CANARY-TOKEN-/);
    expect([theirs, oursAgain]).toEqual(['Bearer mine', ours]);
    expect(upstream.tokenRequests()).toHaveLength(1);
  });
});
