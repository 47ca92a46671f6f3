/**
 * A local upstream that announces Connect's end (Deprecation, Sunset, Link)
 * on every fulfillment answer, met by drift, validate --har, proxy, the
 * client and the msw handlers. Dates are set relative to today, so that each
 * verdict (a warning far off, an error within --sunset-within) holds any day.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startValidatingProxy } from '../../src/traffic/proxy.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { createFulfillmentClient } from '../../src/index.js';
import { createConnectHandlers } from '../../src/msw/index.js';
import { cli } from '../cli/run.js';
import { KNOWN_ORDER_ID, liveEnv, startConnectUpstream, upstreamClient } from '../fixtures/connect-upstream.js';
import { recordingFetch, writeHarFile, type HarEntryJson } from '../helpers/har.js';

const DAY = 86_400_000;
/** A midnight `days` from now, as an HTTP-date, and the day it names. */
const inDays = (days: number) => {
  const date = new Date(Math.floor((Date.now() + days * DAY) / DAY) * DAY);
  return { header: date.toUTCString(), day: date.toISOString().slice(0, 10), date };
};
const far = inDays(200);
const near = inDays(10);
const announcing = (sunset: string) => ({
  deprecation: '@1688169599',
  sunset,
  link: '<https://developer.example.com/connect/sunset>; rel="sunset"; type="text/html"',
});
const title = (day: string) => `Connect will sunset POST /v1/client/order/fulfillment on ${day}`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-lifecycle-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function driftAgainst(sunset: string, args: string[]) {
  const upstream = await startConnectUpstream('faithful', announcing(sunset));
  try {
    return await cli(['drift', ...args], liveEnv(upstream));
  } finally {
    await upstream.close();
  }
}

describe('drift against a Connect that announces its sunset', () => {
  it('reports it in every format with the date, the link and the operation: a warning 200 days off (exit 0)', async () => {
    for (const format of ['text', 'json', 'markdown', 'junit']) {
      const run = await driftAgainst(far.header, ['--format', format]);
      expect(run.code, `${format}: ${run.stderr}`).toBe(0);
      expect(run.stdout, format).toContain(title(far.day));
      if (format !== 'junit') expect(run.stdout, format).toContain('https://developer.example.com/connect/sunset');
    }
  });

  it('an error once the sunset is within --sunset-within days (90 by default), and under --strict', async () => {
    expect((await driftAgainst(near.header, [])).code).toBe(1);
    expect((await driftAgainst(near.header, ['--sunset-within', '5'])).code).toBe(0);
    expect((await driftAgainst(far.header, ['--sunset-within', '365'])).code).toBe(1);
    expect((await driftAgainst(far.header, ['--strict'])).code).toBe(1);
  });

  it('the JSON finding carries the parsed dates and links', async () => {
    const run = await driftAgainst(far.header, ['--format', 'json']);
    const finding = JSON.parse(run.stdout).findings.find((f: Diagnostic) => f.check === 'lifecycle_announcement');
    expect(finding).toMatchObject({
      severity: 'warning',
      title: title(far.day),
      lifecycle: {
        deprecation: '2023-06-30T23:59:59.000Z',
        sunset: far.date.toISOString(),
        sunsetLink: 'https://developer.example.com/connect/sunset',
      },
    });
  });

  it('a baseline knows a repeated announcement, and a changed date is new', async () => {
    const baseline = join(dir, 'known.json');
    expect((await driftAgainst(near.header, ['--update-baseline', baseline])).code).toBe(1);
    expect((await driftAgainst(near.header, ['--baseline', baseline])).code).toBe(0);
    const moved = inDays(12);
    const run = await driftAgainst(moved.header, ['--baseline', baseline, '--format', 'json']);
    expect(run.code).toBe(1);
    const fresh = JSON.parse(run.stdout).findings.filter((f: { known?: boolean }) => !f.known);
    expect(fresh).toEqual([expect.objectContaining({ title: title(moved.day), severity: 'error' })]);
  });

  it('a malformed Sunset is a warning quoting it, and drift still reports every other check', async () => {
    const run = await driftAgainst('next spring', ['--format', 'json']);
    expect(run.code).toBe(0);
    const finding = JSON.parse(run.stdout).findings.find((f: Diagnostic) => f.title === 'Unreadable lifecycle header');
    expect(finding.message).toContain('Sunset "next spring" is not an HTTP-date');
  });
});

describe('validate --har and proxy see the announcement in real traffic', () => {
  it('validate --har: the title in every format, an error within 90 days', async () => {
    const upstream = await startConnectUpstream('faithful', announcing(near.header));
    const entries: HarEntryJson[] = [];
    try {
      const client = upstreamClient(upstream, { fetch: recordingFetch(entries) });
      await client.completeOrder({ orderId: KNOWN_ORDER_ID });
    } finally {
      await upstream.close();
    }
    const file = await writeHarFile(join(dir, 'sunset.har'), entries);
    const args = ['validate', '--har', file, '--base-url', upstream.baseUrl, '--token-url', upstream.tokenUrl];
    for (const format of ['text', 'json', 'markdown', 'junit']) {
      const run = await cli([...args, '--format', format]);
      expect(run.code, format).toBe(1);
      expect(run.stdout, format).toContain(title(near.day));
    }
    expect((await cli([...args, '--sunset-within', '3'])).code).toBe(0);
  });

  it('proxy: the finding is told as the traffic passes', async () => {
    const upstream = await startConnectUpstream('faithful', announcing(far.header));
    const found: Diagnostic[] = [];
    const proxy = await startValidatingProxy({
      baseUrl: upstream.baseUrl,
      tokenUrl: upstream.tokenUrl,
      onFinding: (f) => found.push(f),
    });
    try {
      const client = upstreamClient(proxy);
      await client.completeOrder({ orderId: KNOWN_ORDER_ID });
      await client.completeOrder({ orderId: KNOWN_ORDER_ID });
      expect(found).toEqual([expect.objectContaining({ title: title(far.day), severity: 'warning' })]);
      const report = proxy.recorder.report('proxy', 'upstream');
      expect(report.findings).toEqual([expect.objectContaining({ title: title(far.day), count: 2 })]);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

describe('the client and the msw handlers', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('createConnectHandlers({ lifecycle }) announces; the client tells onDiagnostics once per distinct announcement, never an error', async () => {
    const told: Diagnostic[][] = [];
    const client = createFulfillmentClient({
      clientId: 'shop',
      clientSecret: 'a-long-enough-secret',
      onDiagnostics: (diagnostics) => told.push([...diagnostics]),
    });
    server.resetHandlers(
      ...createConnectHandlers({
        lifecycle: {
          deprecation: new Date('2023-06-30T23:59:59Z'),
          sunset: far.date,
          sunsetLink: 'https://developer.example.com/connect/sunset',
        },
      }),
    );
    for (let i = 0; i < 3; i++) expect((await client.completeOrder({ orderId: 14 })).fulfillmentStatus).toBe('OK');
    expect(told).toEqual([
      [expect.objectContaining({ check: 'lifecycle_announcement', severity: 'warning', title: title(far.day) })],
    ]);
    expect(told[0]![0]!.lifecycle).toMatchObject({ sunsetLink: 'https://developer.example.com/connect/sunset' });
    // A new date is a new announcement: told again.
    server.resetHandlers(...createConnectHandlers({ lifecycle: { sunset: inDays(300).date } }));
    await client.completeOrder({ orderId: 14 });
    expect(told).toHaveLength(2);
    expect(told[1]![0]!.title).toBe(title(inDays(300).day));
  });

  it('a malformed lifecycle option is refused by name', () => {
    expect(() => createConnectHandlers({ lifecycle: { sunset: new Date('not a date') } })).toThrow(
      'createConnectHandlers: lifecycle.sunset must be a valid Date',
    );
  });
});
