/**
 * The validating proxy: responses handed back byte for byte (gzip bodies,
 * repeated headers), findings reported as they happen, and the command's
 * report and exit code on SIGTERM; no credential from the traffic in any
 * output.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/evidence/baseline.js';
import { startValidatingProxy, type ValidatingProxy } from '../../src/traffic/proxy.js';
import { basicCredentials } from '../../src/core/sanitize.js';
import { proxySession } from '../helpers/proxy-session.js';
import { createFulfillmentClient } from '../../src/index.js';
import {
  type ConnectUpstream,
  KNOWN_ORDER_ID,
  startConnectUpstream,
  UNKNOWN_ORDER_ID,
  UPSTREAM_CLIENT_ID,
  UPSTREAM_CLIENT_SECRET,
} from '../fixtures/connect-upstream.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const clientVia = (proxy: { baseUrl: string; tokenUrl: string }) =>
  createFulfillmentClient({
    clientId: UPSTREAM_CLIENT_ID,
    clientSecret: UPSTREAM_CLIENT_SECRET,
    baseUrl: proxy.baseUrl,
    tokenUrl: proxy.tokenUrl,
    retry: { maxAttempts: 1 },
  });

async function proxyFor(upstream: ConnectUpstream, found: Finding[] = []): Promise<ValidatingProxy> {
  const proxy = await startValidatingProxy({
    baseUrl: upstream.baseUrl,
    tokenUrl: upstream.tokenUrl,
    onFinding: (f) => found.push(f),
  });
  closers.push(
    () => proxy.close(),
    () => upstream.close(),
  );
  return proxy;
}

/** The raw bytes of an answer: status line, headers as sent, and body, without any decoding. */
function raw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: string[]; body: Buffer }> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.rawHeaders, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the validating proxy', () => {
  it('hands back every response unchanged: status, body bytes (gzip kept as sent), repeated headers, less hop-by-hop ones', async () => {
    const body = gzipSync(Buffer.from(JSON.stringify({ fulfillmentStatus: 'OK', orderId: 14, errorMessage: null })));
    const server = createServer((_, res) => {
      res.writeHead(
        207,
        'Odd Status',
        [
          ['content-type', 'application/json'],
          ['content-encoding', 'gzip'],
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
          ['x-trace', 'abc'],
          ['connection', 'close'],
        ].flat(),
      );
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const proxy = await startValidatingProxy({ baseUrl: `${origin}/capi`, tokenUrl: `${origin}/token` });
    closers.push(
      () => proxy.close(),
      () => new Promise((r) => server.close(r)),
    );
    const direct = await raw(`${origin}/capi/v1/client/order/fulfillment?x=1`);
    const proxied = await raw(`${proxy.baseUrl}/v1/client/order/fulfillment?x=1`);
    expect(proxied.status).toBe(207);
    expect(proxied.body.equals(direct.body)).toBe(true);
    expect(proxied.body.equals(body)).toBe(true);
    const pairs = (h: string[]) => h.flatMap((v, i) => (i % 2 === 0 ? [`${v.toLowerCase()}: ${h[i + 1]}`] : []));
    expect(pairs(proxied.headers)).toEqual(
      expect.arrayContaining(['set-cookie: a=1', 'set-cookie: b=2', 'x-trace: abc', 'content-encoding: gzip']),
    );
    expect(pairs(proxied.headers).filter((h) => h.startsWith('connection: close'))).toEqual([]);
  });

  it('a faithful upstream through the proxy: the client settles as it would directly, no finding, coverage counted', async () => {
    const found: Finding[] = [];
    const proxy = await proxyFor(await startConnectUpstream('faithful'), found);
    const client = clientVia(proxy);
    await expect(client.completeOrder({ orderId: KNOWN_ORDER_ID })).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
    await expect(client.completeOrder({ orderId: UNKNOWN_ORDER_ID })).resolves.toMatchObject({
      fulfillmentStatus: 'ERROR',
    });
    const report = proxy.recorder.report('proxy', 'test');
    expect(found).toEqual([]);
    expect(report.entries.checked).toEqual({ token: 1, fulfillment: 2, callback: 0 });
    expect(report.coverage.items.find((i) => i.item === 'example ok (200)')?.observed).toBe(1);
  });

  it('a drift seen only on a real fulfillment’s 200 OK is reported as it happens, once, redacted', async () => {
    const found: Finding[] = [];
    const upstream = await startConnectUpstream('ok-renamed');
    const proxy = await proxyFor(upstream, found);
    const client = clientVia(proxy);
    await client.completeOrder({ orderId: KNOWN_ORDER_ID }).catch(() => undefined);
    await client.completeOrder({ orderId: KNOWN_ORDER_ID }).catch(() => undefined);
    expect(found.map((f) => [f.check, f.operation, f.status])).toContainEqual([
      'response_schema_conformance',
      'completeOrder',
      200,
    ]);
    expect(new Set(found.map((f) => f.fingerprint)).size).toBe(found.length);
    expect(
      proxy.recorder.report('proxy', 'test').findings.find((f) => f.check === 'response_schema_conformance')?.count,
    ).toBe(2);
    expect(JSON.stringify(found)).not.toContain(UPSTREAM_CLIENT_SECRET);
  });
});

describe('connect-fulfillment proxy', () => {
  it('on faithful traffic: prints its URLs, forwards, and on SIGTERM writes the report and exits 0', async () => {
    const upstream = await startConnectUpstream('faithful');
    closers.push(() => upstream.close());
    const run = await proxySession(
      upstream,
      async (urls) => {
        await clientVia(urls).completeOrder({ orderId: KNOWN_ORDER_ID });
      },
      '--format',
      'json',
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
    expect(report).toMatchObject({
      command: 'proxy',
      summary: { errors: 0 },
      entries: { checked: { token: 1, fulfillment: 1 } },
    });
  });

  it('stopped before any request went through: exit 2, saying it checked nothing, as validate does', async () => {
    const upstream = await startConnectUpstream('faithful');
    closers.push(() => upstream.close());
    const run = await proxySession(upstream, async () => undefined);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('proxy: could not run: checked nothing: no request went through the proxy');
  });

  it('on drifting traffic: each finding on stderr as it happens, exit 1, no credential anywhere', async () => {
    const upstream = await startConnectUpstream('enum-value');
    closers.push(() => upstream.close());
    let token = '';
    const run = await proxySession(
      upstream,
      async (urls) => {
        const answer = await fetch(urls.tokenUrl, {
          method: 'POST',
          headers: {
            authorization: basicCredentials(UPSTREAM_CLIENT_ID, UPSTREAM_CLIENT_SECRET),
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        });
        token = ((await answer.json()) as { access_token: string }).access_token;
        await clientVia(urls)
          .completeOrder({ orderId: KNOWN_ORDER_ID })
          .catch(() => undefined);
      },
      '--format',
      'markdown',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/proxy: error response_schema_conformance \[completeOrder 200\]/);
    expect(run.stdout).toContain('## Traffic report (proxy): ❌');
    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(UPSTREAM_CLIENT_SECRET);
      expect(text).not.toContain(token);
      expect(text).not.toContain(basicCredentials(UPSTREAM_CLIENT_ID, UPSTREAM_CLIENT_SECRET).slice(6));
    }
  });
});
