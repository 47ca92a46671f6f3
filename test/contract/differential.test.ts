import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { completeOrderRequestBody } from '../../generated/validators.js';
import { confineCallbacks, invalidBody, runDifferential, validBody } from '../../contract-tests/differential.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const base = 'http://127.0.0.1:9';

describe('the differential run', () => {
  it('generates bodies the spec accepts and bodies it rejects, as labelled', () => {
    fc.assert(
      fc.property(validBody(base), (b) => completeOrderRequestBody(b)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(invalidBody(base), (b) => !completeOrderRequestBody(b)),
      { numRuns: 300 },
    );
  });

  it('never lets a generated callbackUrl point anywhere but the loopback receiver', () => {
    fc.assert(
      fc.property(
        fc.oneof(validBody(base), invalidBody(base), fc.record({ orderId: fc.integer(), callbackUrl: fc.webUrl() })),
        (body) => {
          const url = (confineCallbacks(body, base) as { callbackUrl?: unknown } | null)?.callbackUrl;
          return typeof url !== 'string' || !/^\s*(https?:)?\/\//i.test(url) || url.startsWith(`${base}/`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports every disagreement with its body (a server that accepts everything)', async () => {
    server = await startServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"fulfillmentStatus":"OK"}');
    });
    const result = await runDifferential({
      baseUrl: server.url,
      accessToken: 't',
      callbackBase: base,
      runs: 60,
      seed: 7,
    });
    expect(result.cases).toBe(60);
    expect(result.disagreements.length).toBe(result.rejected);
    expect(result.disagreements.every((d) => d.ours === 'reject' && d.theirs === 'accept')).toBe(true);
  });

  it('reports a server error as a disagreement of its own kind', async () => {
    server = await startServer((_, res) => {
      res.writeHead(500).end();
    });
    const result = await runDifferential({
      baseUrl: server.url,
      accessToken: 't',
      callbackBase: base,
      runs: 10,
      seed: 1,
    });
    expect(new Set(result.disagreements.map((d) => d.theirs))).toEqual(new Set(['unexpected 500']));
  });

  it('a dropped connection is tried once more; one that fails twice is reported with its cause', async () => {
    let dropped = 0;
    server = await startServer((request, res) => {
      // Every body's first request is dropped without an answer; its second is answered as Prism would.
      dropped += 1;
      if (dropped % 2 === 1) return void res.socket?.destroy();
      const valid = completeOrderRequestBody(JSON.parse(request.body));
      res.writeHead(valid ? 200 : 422, { 'content-type': 'application/json' }).end('{}');
    });
    const once = await runDifferential({
      baseUrl: server.url,
      accessToken: 't',
      callbackBase: base,
      runs: 20,
      seed: 3,
      concurrency: 1,
    });
    expect(once.disagreements).toEqual([]);
    expect(dropped).toBe(40);
    await server.close();
    server = await startServer((_, res) => void res.socket?.destroy());
    const always = await runDifferential({
      baseUrl: server.url,
      accessToken: 't',
      callbackBase: base,
      runs: 3,
      seed: 3,
    });
    expect(always.disagreements.map((d) => d.theirs)).toEqual(Array(3).fill('failed fetch failed (UND_ERR_SOCKET)'));
  });
});
