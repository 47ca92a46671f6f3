/**
 * `connect-fulfillment validate --har`: real traffic, recorded from the real
 * client talking to a local upstream that behaves like Connect (faithful, or
 * with one kind of drift), checked with the checks `drift` uses. One drift is
 * visible only on a real fulfillment's 200 OK, which no probe ever sees.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCredentials } from '../../src/core/sanitize.js';
import { createFulfillmentClient } from '../../src/index.js';
import { cli } from '../cli/run.js';
import {
  type Drift,
  KNOWN_ORDER_ID,
  startConnectUpstream,
  UNKNOWN_ORDER_ID,
  UPSTREAM_CLIENT_ID,
  UPSTREAM_CLIENT_SECRET,
} from '../fixtures/connect-upstream.js';
import { type HarEntryJson, otherEntry, recordingFetch, writeHarFile } from '../helpers/har.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-validate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const BASIC = basicCredentials(UPSTREAM_CLIENT_ID, UPSTREAM_CLIENT_SECRET).slice('Basic '.length);

/** Traffic of one working day: a token, a real fulfillment, an unknown order, plus other sites' requests. */
async function record(
  drift: Drift,
  extra: (entries: HarEntryJson[], upstream: { baseUrl: string }) => Promise<void> = async () => undefined,
  base64 = false,
) {
  const upstream = await startConnectUpstream(drift);
  const entries: HarEntryJson[] = [otherEntry('https://cdn.example.com/app.js')];
  try {
    const client = createFulfillmentClient({
      clientId: UPSTREAM_CLIENT_ID,
      clientSecret: UPSTREAM_CLIENT_SECRET,
      baseUrl: upstream.baseUrl,
      tokenUrl: upstream.tokenUrl,
      fetch: recordingFetch(entries, { base64 }),
      retry: { maxAttempts: 1 },
    });
    await client.completeOrder({ orderId: KNOWN_ORDER_ID }).catch(() => undefined);
    await client.completeOrder({ orderId: UNKNOWN_ORDER_ID }).catch(() => undefined);
    await extra(entries, upstream);
    entries.push(otherEntry('https://analytics.example.com/collect', 0));
    const file = await writeHarFile(
      join(dir, `${drift}-${entries.length}-${Math.random().toString(36).slice(2)}.har`),
      entries,
    );
    return { file, upstream };
  } finally {
    await upstream.close();
  }
}

const validate = (file: string, upstream: { baseUrl: string; tokenUrl: string }, ...flags: string[]) =>
  cli(['validate', '--har', file, '--base-url', upstream.baseUrl, '--token-url', upstream.tokenUrl, ...flags]);

/** The access token the upstream issued, as the HAR holds it. */
async function tokenIn(file: string): Promise<string> {
  const har = JSON.parse(await readFile(file, 'utf8'));
  const entry = har.log.entries.find((e: HarEntryJson) => e.request.url.endsWith('/token'));
  const text =
    entry.response.content.encoding === 'base64'
      ? Buffer.from(entry.response.content.text, 'base64').toString()
      : entry.response.content.text;
  return JSON.parse(text).access_token;
}

function expectNoCredential(texts: string[], token: string) {
  for (const text of texts) {
    expect(text).not.toContain(UPSTREAM_CLIENT_SECRET);
    expect(text).not.toContain(BASIC);
    expect(text).not.toContain(token);
  }
}

describe('validate --har on traffic from a faithful upstream', () => {
  it('exits 0 with no finding, counts what it checked and skipped, and prints no credential in any format', async () => {
    const { file, upstream } = await record('faithful');
    const token = await tokenIn(file);
    for (const format of ['text', 'json', 'markdown', 'junit']) {
      const run = await validate(file, upstream, '--format', format);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expectNoCredential([run.stdout, run.stderr], token);
      if (format === 'json') {
        const report = JSON.parse(run.stdout);
        expect(report.findings).toEqual([]);
        expect(report.entries).toEqual({
          total: 5,
          checked: { token: 1, fulfillment: 2, callback: 0 },
          skipped: { otherTraffic: 2, unreadable: 0, noResponse: 0 },
          otherOrigins: { 'https://cdn.example.com': 1, 'https://analytics.example.com': 1 },
        });
      }
    }
  });

  it('reads base64 bodies and drops HTTP/2 pseudo-headers, as devtools write them', async () => {
    const { file, upstream } = await record('faithful', undefined, true);
    const run = await validate(file, upstream, '--format', 'json');
    expect(run.code, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
  });

  it('the report says which documented statuses, headers, callback values and examples were observed, and which never were', async () => {
    const { file, upstream } = await record('faithful');
    const { coverage } = JSON.parse((await validate(file, upstream, '--format', 'json')).stdout);
    const seen = (item: string) =>
      coverage.items.find(
        (i: { item: string; operation: string }) => i.item === item && i.operation === 'completeOrder',
      )?.observed;
    expect(seen('status 200')).toBe(2);
    expect(seen('example ok (200)')).toBe(1);
    expect(seen('example error (200)')).toBe(1);
    expect(seen('status 429')).toBe(0);
    expect(coverage.documented).toBeGreaterThan(coverage.observed);
    const text = (await validate(file, upstream)).stdout;
    expect(text).toMatch(/never observed: .*completeOrder status 429/);
  });
});

describe('validate --har on traffic that drifted', () => {
  it('a real fulfillment’s 200 OK that renamed fulfillmentStatus (no probe can see it): exit 1, the finding names the exchange', async () => {
    const { file, upstream } = await record('ok-renamed');
    const run = await validate(file, upstream, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        check: 'response_schema_conformance',
        operation: 'completeOrder',
        status: 200,
        firstSeen: 'entry 2',
        curl: expect.stringContaining('"authorization: Bearer $CONNECT_TOKEN"'),
      }),
    );
  });

  it.each([
    ['enum-value', 'response_schema_conformance', 1],
    ['broken-token', 'response_schema_conformance', 1],
    ['extra-property', 'undocumented_properties', 0],
  ] as const)('%s: a %s finding, exit %i (a warning does not fail; --strict makes it)', async (drift, check, code) => {
    const { file, upstream } = await record(drift);
    const run = await validate(file, upstream, '--format', 'json');
    expect(run.code).toBe(code);
    expect(JSON.parse(run.stdout).findings.map((f: { check: string }) => f.check)).toContain(check);
    if (code === 0) expect((await validate(file, upstream, '--strict')).code).toBe(1);
  });

  it('a request the spec forbids is a warning about the caller; accepted with a 2xx, it is drift', async () => {
    const forbidden = async (entries: HarEntryJson[], upstream: { baseUrl: string }) => {
      const token = await tokenIn(await writeHarFile(join(dir, 'tmp.har'), entries));
      await recordingFetch(entries)(`${upstream.baseUrl}/v1/client/order/fulfillment`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orderId: KNOWN_ORDER_ID, callbackUrl: 'not a url' }),
      });
    };
    const strictUpstream = await record('faithful', forbidden);
    const refused = JSON.parse(
      (await validate(strictUpstream.file, strictUpstream.upstream, '--format', 'json')).stdout,
    );
    expect(refused.findings.map((f: { check: string; severity: string }) => [f.check, f.severity])).toEqual([
      ['request_conformance', 'warning'],
    ]);
    // A server that takes a bad URL has not drifted (the page never promised `format` is enforced): a warning, as in drift.
    const lenient = await record('lenient-callback', forbidden);
    const formatOnly = await validate(lenient.file, lenient.upstream, '--format', 'json');
    expect(formatOnly.code).toBe(0);
    expect(JSON.parse(formatOnly.stdout).findings).toContainEqual(
      expect.objectContaining({ check: 'negative_data_rejection', severity: 'warning', title: 'Format not enforced' }),
    );
    // One that fulfils an order whose id is a string has.
    const typeBroken = await record('faithful', async (entries, upstream) => {
      const accepted = otherEntry(`${upstream.baseUrl}/v1/client/order/fulfillment`);
      accepted.request.method = 'POST';
      accepted.request.headers = [
        { name: 'authorization', value: 'Bearer abcdefgh' },
        { name: 'content-type', value: 'application/json' },
      ];
      accepted.request.postData = { mimeType: 'application/json', text: '{"orderId":"14"}' };
      accepted.response.headers = [{ name: 'content-type', value: 'application/json' }];
      accepted.response.content = {
        size: 0,
        mimeType: 'application/json',
        text: '{"fulfillmentStatus":"OK","orderId":14,"errorMessage":null}',
      };
      entries.push(accepted);
    });
    const drifted = await validate(typeBroken.file, typeBroken.upstream, '--format', 'json');
    expect(drifted.code).toBe(1);
    expect(JSON.parse(drifted.stdout).findings).toContainEqual(
      expect.objectContaining({
        check: 'negative_data_rejection',
        severity: 'error',
        title: 'Invalid request accepted',
      }),
    );
  });

  it('callbacks under --callback-url are Connect’s requests: a bad fulfillmentStatus is drift', async () => {
    const callback = (status: string) => async (entries: HarEntryJson[]) => {
      entries.push({ ...otherEntry(`https://shop.example.com/cb?order=14&fulfillmentStatus=${status}`) });
    };
    const good = await record('faithful', callback('success'));
    const bad = await record('faithful', callback('done'));
    const flags = ['--callback-url', 'https://shop.example.com/cb', '--format', 'json'];
    const ok = await validate(good.file, good.upstream, ...flags);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).entries.checked.callback).toBe(1);
    const drifted = await validate(bad.file, bad.upstream, ...flags);
    expect(drifted.code).toBe(1);
    expect(JSON.parse(drifted.stdout).findings[0]).toMatchObject({
      check: 'callback_conformance',
      operation: 'fulfillmentCallback',
    });
  });
});

describe('baselines of known drift', () => {
  it('--update-baseline writes stable fingerprints; --baseline reports them as known, fails only on new ones, lists those gone', async () => {
    const drifted = await record('extra-property');
    const baseline = join(dir, 'baseline.json');
    expect((await validate(drifted.file, drifted.upstream, '--strict', '--update-baseline', baseline)).code).toBe(1);
    const saved = JSON.parse(await readFile(baseline, 'utf8'));
    expect(saved.findings.map((f: { check: string }) => f.check)).toEqual(['undocumented_properties']);
    expect(JSON.stringify(saved)).not.toMatch(/\d{4}-\d{2}-\d{2}T|orderId|msw-|token/i);

    // The same drift recorded again (new tokens, new times): known, exit 0 even under --strict.
    const again = await record('extra-property');
    const known = await validate(again.file, again.upstream, '--strict', '--baseline', baseline, '--format', 'json');
    expect(known.code).toBe(0);
    expect(JSON.parse(known.stdout).summary).toEqual({ errors: 0, warnings: 0, known: 1 });

    // A new drift beside the known one fails.
    const worse = await record('enum-value');
    expect((await validate(worse.file, worse.upstream, '--baseline', baseline)).code).toBe(1);

    // Faithful traffic: the known finding is gone, and says so.
    const fixed = await record('faithful');
    const gone = await validate(fixed.file, fixed.upstream, '--baseline', baseline, '--format', 'json');
    expect(gone.code).toBe(0);
    expect(JSON.parse(gone.stdout).disappeared).toEqual([
      expect.objectContaining({ check: 'undocumented_properties' }),
    ]);
  });

  it('a baseline that is not one is refused in one line (exit 2)', async () => {
    const { file, upstream } = await record('faithful');
    const bogus = join(dir, 'bogus.json');
    await writeFile(bogus, '{"findings": 3}');
    const run = await validate(file, upstream, '--baseline', bogus);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('not a connect-fulfillment baseline');
  });
});

describe('evidence', () => {
  it('--evidence writes the exchanges behind the findings as a HAR, every credential redacted', async () => {
    const { file, upstream } = await record('ok-renamed');
    const token = await tokenIn(file);
    const evidence = join(dir, 'evidence.har');
    const run = await validate(file, upstream, '--evidence', evidence, '--format', 'markdown');
    expect(run.code).toBe(1);
    const har = await readFile(evidence, 'utf8');
    const entries = JSON.parse(har).log.entries;
    expect(entries).toHaveLength(1);
    expect(entries[0].request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [redacted]' });
    expect(entries[0].response.content.text).toContain('"status":"OK"');
    expectNoCredential([har, run.stdout, run.stderr], token);
    expect(run.stdout).toContain('Reproduce (curl; set CONNECT_TOKEN first)');
  });
});

describe('validate --har on traffic that echoes a credential', () => {
  it('a token echoed in a drifting body and a header is redacted in every format and in the evidence', async () => {
    const { file, upstream } = await record('ok-renamed');
    const token = await tokenIn(file);
    const har = JSON.parse(await readFile(file, 'utf8'));
    const drifting = har.log.entries.find(
      (e: HarEntryJson) => e.request.url.endsWith('/fulfillment') && e.response.content.text?.includes('"status"'),
    );
    drifting.response.content.text = JSON.stringify({ status: 'OK', echoed: `Bearer ${token}` });
    drifting.response.headers.push({ name: 'x-debug-token', value: token });
    const echoing = join(dir, 'echoing.har');
    await writeFile(echoing, JSON.stringify(har));
    for (const format of ['text', 'json', 'markdown', 'junit']) {
      const evidence = join(dir, `echoing-${format}.har`);
      const run = await validate(echoing, upstream, '--evidence', evidence, '--format', format);
      expect(run.code).toBe(1);
      const written = await readFile(evidence, 'utf8');
      expect(written).toContain('[redacted]');
      expectNoCredential([written, run.stdout, run.stderr], token);
      // What this project writes reads back clean through it.
      const again = await validate(evidence, upstream, '--format', 'json');
      expect(again.code).toBe(1);
      expectNoCredential([again.stdout, again.stderr], token);
    }
  });
});

describe('a HAR that is not one, or is built to hurt', () => {
  it.each([
    ['not JSON', 'hello', 'not JSON'],
    ['JSON without log.entries', '{"log":{"version":"1.2"}}', 'no log.entries'],
    ['an array at the root', '[1,2,3]', 'root is not an object'],
  ])('%s: exit 2, one line naming why', async (_, text, reason) => {
    const file = join(dir, `bad-${reason.replace(/\W/g, '')}.har`);
    await writeFile(file, text);
    const run = await cli(['validate', '--har', file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(reason);
  });

  it('a missing file, and a missing --har, are refused in one line', async () => {
    expect((await cli(['validate', '--har', join(dir, 'nope.har')])).stderr).toMatch(/cannot read .*ENOENT/);
    expect((await cli(['validate'])).stderr).toMatch(/^connect-fulfillment validate: validate needs --har FILE\n$/);
  });

  it('an entry over --max-entry-bytes is skipped and counted, the rest checked; strings with brackets do not confuse the reader', async () => {
    const { file, upstream } = await record('faithful', async (entries) => {
      entries.push({
        ...otherEntry('https://cdn.example.com/big.js'),
        comment: `x${'{['.repeat(30_000)}"\\`,
      } as HarEntryJson);
    });
    const run = await validate(file, upstream, '--format', 'json', '--max-entry-bytes', '20000');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.entries.skipped.unreadable).toBe(1);
    expect(report.entries.checked.fulfillment).toBe(2);
  });

  it('an entry that is not an object (null, a number, a string, a list) is counted unreadable, never passed over', async () => {
    const { file, upstream } = await record('faithful');
    const har = JSON.parse(await readFile(file, 'utf8'));
    har.log.entries.push(null, 42, 'an entry', [1, 2], true);
    const odd = join(dir, 'odd-entries.har');
    await writeFile(odd, JSON.stringify(har, null, 1));
    const run = await validate(odd, upstream, '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.entries.total).toBe(har.log.entries.length);
    expect(report.entries.skipped.unreadable).toBe(5);
    expect(report.entries.checked.fulfillment).toBe(2);
  });
});
