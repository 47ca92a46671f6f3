/**
 * The client, drift and the live contract suite against an authorization
 * server we did not write (oidc-provider) and a resource server that
 * introspects every token and enforces the `read` scope. Every scenario counts
 * what crossed the wire: token requests and fulfillment POSTs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createFulfillmentClient,
  type FulfillmentClientOptions,
  InsufficientScopeError,
} from '../../src/index.js';
import { cli } from '../cli/run.js';
import { KNOWN_ORDER_ID, UNKNOWN_ORDER_ID } from '../fixtures/connect-upstream.js';
import { type OidcClient, type OidcUpstream, startOidcUpstream } from '../fixtures/oidc-upstream.js';
import { renderings } from '../helpers/leaks.js';

/** RFC 6749 section 2.3.1 wants each of these form-encoded before Basic: colon, plus, slash, equals, percent, space. */
const ODD: OidcClient = { id: 'shop:42 +/=%', secret: 'se:cr+et/ =%x-7f3a' };
const PLAIN: OidcClient = { id: 'plain-shop', secret: 'PlainSecret123' };
const OK = { fulfillmentStatus: 'OK', orderId: KNOWN_ORDER_ID, errorMessage: null };

let upstream: OidcUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function start(ttlSeconds = 3600) {
  upstream = await startOidcUpstream({ clients: [ODD, PLAIN], ttlSeconds });
  return upstream;
}

const clientFor = (up: OidcUpstream, who: OidcClient, options: Partial<FulfillmentClientOptions> = {}) =>
  createFulfillmentClient({
    clientId: who.id,
    clientSecret: who.secret,
    baseUrl: up.baseUrl,
    tokenUrl: up.tokenUrl,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

describe('client credentials against oidc-provider', () => {
  it.each([
    ['an id and secret with : + / = % and a space', ODD],
    ['a plain id and secret', PLAIN],
  ])('%s: one token request, one POST, fulfilled', async (_, who) => {
    const up = await start();
    await expect(clientFor(up, who).completeOrder({ orderId: KNOWN_ORDER_ID })).resolves.toEqual(OK);
    expect(up.counts).toEqual({ tokenRequests: 1, posts: 1, refused401: 0, refused403: 0 });
    expect(up.fulfilled).toEqual([KNOWN_ORDER_ID]);
  });

  it.each([
    ['a wrong secret', { ...ODD, secret: 'not-the-secret-91' }],
    ['an unknown client', { id: 'nobody', secret: 'whatever-secret-55' }],
  ])('%s: AuthenticationError (invalid_client), nothing sent, nothing leaked', async (_, who) => {
    const up = await start();
    const error = await clientFor(up, who)
      .completeOrder({ orderId: KNOWN_ORDER_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, oauthError: 'invalid_client' });
    expect(up.counts).toEqual({ tokenRequests: 1, posts: 0, refused401: 0, refused403: 0 });
    for (const text of renderings(error)) expect(text).not.toContain(who.secret);
  });

  it('a scope the client is not allowed: AuthenticationError (invalid_scope), nothing sent', async () => {
    const up = await start();
    const error = await clientFor(up, ODD, { scope: 'read write' })
      .completeOrder({ orderId: KNOWN_ORDER_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 400, oauthError: 'invalid_scope' });
    expect(up.counts).toEqual({ tokenRequests: 1, posts: 0, refused401: 0, refused403: 0 });
  });

  it('asks for read by default; a token without it is refused with 403, never retried: InsufficientScopeError', async () => {
    const up = await start();
    const error = await clientFor(up, ODD, { scope: '' })
      .completeOrder({ orderId: KNOWN_ORDER_ID })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InsufficientScopeError);
    expect(error).toMatchObject({ status: 403, requiredScope: 'read', orderId: KNOWN_ORDER_ID });
    expect(up.counts).toEqual({ tokenRequests: 1, posts: 1, refused401: 0, refused403: 1 });
    expect(up.fulfilled).toEqual([]);
  });

  it('a short lifetime: calls across the refresh point and in the last second of a lifetime never earn a 401', async () => {
    // 5 s tokens: the refresh starts 2.5 s before expiry, the safety margin is the last 2 s.
    const up = await start(5);
    const client = clientFor(up, ODD);
    const issued = Date.now();
    await client.completeOrder({ orderId: KNOWN_ORDER_ID });
    // Past the refresh point, before the margin: served the cached token while one refresh runs.
    await sleepUntil(issued + 2_700);
    const refreshed = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => client.completeOrder({ orderId: KNOWN_ORDER_ID })));
    expect(up.counts.tokenRequests).toBe(2);
    // The last 100 ms of the second token's lifetime, as the client computes it: it must wait for a third.
    await sleepUntil(refreshed + 4_900);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => client.completeOrder({ orderId: KNOWN_ORDER_ID })),
    );
    expect(results.every((r) => r.fulfillmentStatus === 'OK')).toBe(true);
    expect(up.counts).toEqual({ tokenRequests: 3, posts: 17, refused401: 0, refused403: 0 });
  }, 20_000);

  it('a revoked token: one refresh, one resend', async () => {
    const up = await start();
    const tokens: string[] = [];
    const client = clientFor(up, ODD, { fetch: recordingTokens(tokens) });
    await client.completeOrder({ orderId: KNOWN_ORDER_ID });
    await up.revoke(tokens[0]!);
    await expect(client.completeOrder({ orderId: KNOWN_ORDER_ID })).resolves.toEqual(OK);
    expect(up.counts).toEqual({ tokenRequests: 2, posts: 3, refused401: 1, refused403: 0 });
  });

  it('a revoked token under 10 concurrent calls: one token request, each call resent once', async () => {
    const up = await start();
    const tokens: string[] = [];
    const client = clientFor(up, ODD, { fetch: recordingTokens(tokens) });
    await client.completeOrder({ orderId: KNOWN_ORDER_ID });
    await up.revoke(tokens[0]!);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => client.completeOrder({ orderId: KNOWN_ORDER_ID })),
    );
    expect(results).toEqual(Array(10).fill(OK));
    expect(up.counts).toEqual({ tokenRequests: 2, posts: 21, refused401: 10, refused403: 0 });
  });
});

/** A fetch that notes each access token the token endpoint issues, so a test can revoke it. */
function recordingTokens(into: string[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).endsWith('/user/oauth/token') && response.ok) {
      into.push(((await response.clone().json()) as { access_token: string }).access_token);
    }
    return response;
  };
}

const liveEnv = (up: OidcUpstream, who: OidcClient) => ({
  CONNECT_BASE_URL: up.baseUrl,
  CONNECT_TOKEN_URL: up.tokenUrl,
  CONNECT_CLIENT_ID: who.id,
  CONNECT_CLIENT_SECRET: who.secret,
  CONNECT_PROBE_ORDER_ID: String(UNKNOWN_ORDER_ID),
});

describe('drift and the live contract suite against oidc-provider and a resource server enforcing read', () => {
  it('drift: 0 findings, exit 0', async () => {
    const up = await start();
    const { code, stdout } = await cli(['drift', '--format', 'json'], liveEnv(up, ODD));
    const report = JSON.parse(stdout);
    expect(report.findings).toEqual([]);
    expect(report.fatal).toBeNull();
    expect(code).toBe(0);
    expect(up.counts.refused403).toBe(0);
  });

  it('drift asking for no scope cannot do its job: exit 2, saying the token lacks a scope', async () => {
    const up = await start();
    const { code, stderr } = await cli(['drift', '--scope', ''], liveEnv(up, ODD));
    expect(code).toBe(2);
    expect(stderr).toContain('refused the issued token for lacking a scope (HTTP 403)');
  });

  it('CONTRACT_TARGET=live npm run contract: 0 findings, exit 0', async () => {
    const up = await start();
    const reports = await mkdtemp(join(tmpdir(), 'cf-oidc-'));
    try {
      const clean = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith('CONNECT_') && !k.startsWith('VITEST')),
      );
      const code = await new Promise<number>((resolve) =>
        execFile(
          'npx',
          ['vitest', 'run', '--project', 'contract', 'contract-tests/contract.test.ts'],
          { env: { ...clean, ...liveEnv(up, ODD), CONTRACT_TARGET: 'live', CONTRACT_REPORT_DIR: reports } },
          (error) => resolve(error ? Number(error.code) : 0),
        ),
      );
      const report = JSON.parse(await readFile(join(reports, 'contract.json'), 'utf8'));
      expect(report.findings).toEqual([]);
      expect(code).toBe(0);
    } finally {
      await rm(reports, { recursive: true, force: true });
    }
  }, 60_000);
});
