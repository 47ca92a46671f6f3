/**
 * The msw handlers answer as the specs say: each outcome settles the real
 * client in the right value or named error, the token endpoint and the
 * fulfillment refuse what the specs refuse, callbacks reach a receiver, and
 * every response passes the project's own contract checks.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_ORDER, REQUEST_TOKEN } from '../../src/core/spec.js';
import { allResponseChecks, observeResponse, runChecks, startCallbackReceiver } from '../../src/contract/index.js';
import {
  ApiError,
  AuthenticationError,
  createFulfillmentClient,
  InsufficientScopeError,
  OutcomeUnknownError,
  RateLimitError,
} from '../../src/index.js';
import { type ConnectOutcome, createConnectHandlers } from '../../src/msw/index.js';

const BASE = 'http://127.0.0.1:4010/capi';
const TOKEN_URL = 'http://127.0.0.1:4011/token';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = (extra: object = {}) =>
  createFulfillmentClient({
    clientId: 'shop',
    clientSecret: 's3cret',
    baseUrl: BASE,
    tokenUrl: TOKEN_URL,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    ...extra,
  });
const use = (options: Parameters<typeof createConnectHandlers>[0] = {}) => {
  const handlers = createConnectHandlers({ baseUrl: BASE, tokenUrl: TOKEN_URL, ...options });
  server.use(...handlers);
  return handlers;
};

describe('each outcome settles the client in the right value or named error', () => {
  it('ok: the OK value, with the request’s orderId', async () => {
    use();
    await expect(client().completeOrder({ orderId: 77 })).resolves.toEqual({
      fulfillmentStatus: 'OK',
      orderId: 77,
      errorMessage: null,
    });
  });

  it('error: the ERROR value with its message (a business outcome, not an exception)', async () => {
    use({ outcome: 'error', errorMessage: 'Order already completed' });
    await expect(client().completeOrder({ orderId: 77 })).resolves.toEqual({
      fulfillmentStatus: 'ERROR',
      orderId: 77,
      errorMessage: 'Order already completed',
    });
  });

  it.each([
    [400, ApiError, 1],
    [401, AuthenticationError, 2],
    [403, InsufficientScopeError, 1],
    [429, RateLimitError, 3],
    [500, OutcomeUnknownError, 1],
  ] as const)('%s: %o, after %i request(s)', async (outcome, ErrorClass, requests) => {
    const handlers = use({ outcome, retryAfter: 0 });
    const error = await client()
      .completeOrder({ orderId: 77 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(handlers.fulfillments).toHaveLength(requests);
  });

  it('a function decides per request: a 429 on the first attempt, then OK', async () => {
    const handlers = use({ outcome: ({ attempt }) => (attempt === 1 ? 429 : 'ok'), retryAfter: 0 });
    await expect(client().completeOrder({ orderId: 5 })).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
    expect(handlers.fulfillments.map((f) => f.attempt)).toEqual([1, 2]);
    expect(handlers.tokensIssued()).toBe(1);
  });
});

describe('the handlers refuse what the specs refuse', () => {
  it('401 without a bearer token, 401 with one they did not issue', async () => {
    use();
    const post = (authorization?: string) =>
      fetch(`${BASE}/v1/client/order/fulfillment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ orderId: 1 }),
      });
    const [none, forged] = await Promise.all([post(), post('Bearer forged')]);
    expect([none.status, forged.status]).toEqual([401, 401]);
    expect(forged.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('400 with the violations for a body the request schema forbids', async () => {
    use();
    const token = await (
      await fetch(TOKEN_URL, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).json();
    const response = await fetch(`${BASE}/v1/client/order/fulfillment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ orderId: 0, callbackUrl: 'not a url' }),
    });
    expect(response.status).toBe(400);
    const { errorMessage } = await response.json();
    expect(errorMessage).toMatch(/orderId must be >= 1/);
    expect(errorMessage).toMatch(/callbackUrl must match format "uri"/);
  });

  it('the token endpoint: a wrong secret is invalid_client (AuthenticationError), a missing grant_type invalid_request', async () => {
    use({ credentials: { clientId: 'shop', clientSecret: 'right' } });
    await expect(client({ clientSecret: 'wrong' }).completeOrder({ orderId: 1 })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    const noGrant = await fetch(TOKEN_URL, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('shop:right').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'scope=read',
    });
    expect(noGrant.status).toBe(400);
    expect((await noGrant.json()).error).toBe('invalid_request');
  });

  it('client credentials are form-encoded before Basic (RFC 6749 section 2.3.1), and decoded so', async () => {
    use({ credentials: { clientId: 'shop:eu', clientSecret: 'p@ss word/+' } });
    await expect(
      client({ clientId: 'shop:eu', clientSecret: 'p@ss word/+' }).completeOrder({ orderId: 1 }),
    ).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
  });

  it('bad options are refused at once, naming the option', () => {
    expect(() => createConnectHandlers({ baseUrl: 'api.example.com' })).toThrow(/baseUrl must be an absolute/);
    expect(() => createConnectHandlers({ outcome: 418 as unknown as ConnectOutcome })).toThrow(
      /outcome must be one of/,
    );
    expect(() => createConnectHandlers({ retryAfter: -1 })).toThrow(/retryAfter must be a non-negative integer/);
  });
});

describe('callbacks', () => {
  it.each([
    ['ok', 'success'],
    ['error', 'failed'],
  ] as const)('%s: the callbackUrl gets its GET with fulfillmentStatus=%s', async (outcome, status) => {
    const receiver = await startCallbackReceiver();
    try {
      const handlers = use({ outcome });
      await client({ allowPrivateCallbackHosts: true }).completeOrder({
        orderId: 9,
        callbackUrl: receiver.urlFor('order-9'),
      });
      const [delivery] = await handlers.callbacksSettled();
      expect(delivery).toMatchObject({ fulfillmentStatus: status, orderId: 9, status: 200 });
      const [received] = await receiver.waitFor('order-9', 2_000);
      expect(received?.query).toBe(`probe=order-9&fulfillmentStatus=${status}`);
    } finally {
      await receiver.close();
    }
  });

  it("'skip' delivers none", async () => {
    const handlers = use({ callbacks: 'skip' });
    await client({ allowPrivateCallbackHosts: true }).completeOrder({
      orderId: 9,
      callbackUrl: 'http://127.0.0.1:9/never',
    });
    expect(await handlers.callbacksSettled()).toEqual([]);
  });
});

describe('every response the handlers give conforms to the spec', () => {
  const OUTCOMES: ConnectOutcome[] = ['ok', 'error', 400, 401, 403, 429, 500];
  it.each(OUTCOMES)('outcome %s passes every response check', async (outcome) => {
    const handlers = use({ outcome });
    const token = await fetch(TOKEN_URL, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=read',
    });
    const tokenObserved = await observeResponse(token);
    const tokenText = tokenObserved.bodyText;
    const tokenDiagnostics = runChecks(allResponseChecks, { operation: REQUEST_TOKEN, response: tokenObserved });
    expect(tokenDiagnostics).toEqual([]);
    const response = await fetch(`${BASE}/v1/client/order/fulfillment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${JSON.parse(tokenText).access_token}` },
      body: JSON.stringify({ orderId: 3 }),
    });
    const diagnostics = runChecks(allResponseChecks, {
      operation: COMPLETE_ORDER,
      response: await observeResponse(response),
    });
    expect(diagnostics).toEqual([]);
    expect(handlers.fulfillments).toHaveLength(1);
  });

  it('the token errors and the 401s for missing or unknown tokens pass too', async () => {
    use({ credentials: { clientId: 'a', clientSecret: 'b' } });
    const exchanges = [
      [REQUEST_TOKEN, await fetch(TOKEN_URL, { method: 'POST', body: 'grant_type=client_credentials' })],
      [
        REQUEST_TOKEN,
        await fetch(TOKEN_URL, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=password',
        }),
      ],
      [COMPLETE_ORDER, await fetch(`${BASE}/v1/client/order/fulfillment`, { method: 'POST', body: '{}' })],
      [
        COMPLETE_ORDER,
        await fetch(`${BASE}/v1/client/order/fulfillment`, {
          method: 'POST',
          headers: { authorization: 'Bearer nope' },
          body: '{}',
        }),
      ],
    ] as const;
    expect(exchanges.map(([, r]) => r.status)).toEqual([401, 400, 401, 401]);
    for (const [operation, response] of exchanges) {
      const observed = await observeResponse(response);
      expect(runChecks(allResponseChecks, { operation, response: observed })).toEqual([]);
    }
  });
});

describe('a client made before msw patches fetch', () => {
  it('still goes through the handlers: fetch is looked up at each call', async () => {
    server.close();
    const early = client();
    server.listen({ onUnhandledRequest: 'error' });
    use();
    await expect(early.completeOrder({ orderId: 21 })).resolves.toMatchObject({ orderId: 21 });
  });
});

describe('one client across tests', () => {
  it('a token issued by earlier handlers is still accepted by the next ones: no 401, no second token', async () => {
    const shared = client();
    use();
    await shared.completeOrder({ orderId: 1 });
    server.resetHandlers();
    const later = use({ outcome: 'error' });
    await expect(shared.completeOrder({ orderId: 2 })).resolves.toMatchObject({ fulfillmentStatus: 'ERROR' });
    expect(later.tokensIssued()).toBe(0);
    expect(later.fulfillments).toEqual([{ orderId: 2, attempt: 1 }]);
  });
});
