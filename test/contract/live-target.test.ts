import { afterEach, describe, expect, it } from 'vitest';
import { runContract } from '../../src/contract/runner.js';
import { liveTargetFromEnv } from '../../src/contract/target.js';
import {
  KNOWN_ORDER_ID,
  liveEnv,
  startConnectUpstream,
  type ConnectUpstream,
  type Drift,
} from '../fixtures/connect-upstream.js';

let upstream: ConnectUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function run(drift: Drift, extra: Record<string, string> = {}) {
  upstream = await startConnectUpstream(drift);
  return runContract(liveTargetFromEnv(liveEnv(upstream, extra)), { callbackWaitMs: 1_000 });
}
const errors = (report: Awaited<ReturnType<typeof run>>) => report.findings.filter((d) => d.severity === 'error');

describe('the live target against a faithful upstream', () => {
  it('holds: no error, nothing skipped but the real fulfillment, and nothing fulfilled', async () => {
    const report = await run('faithful');
    expect(errors(report)).toEqual([]);
    expect(report.fatal).toBeUndefined();
    expect(report.probes.filter((p) => p.skipped).map((p) => p.name)).toEqual(['fulfill']);
    expect(upstream!.fulfilled).toEqual([]);
  });

  it('an upstream that accepts any string as callbackUrl still holds: format is not a promise of the page', async () => {
    const report = await run('lenient-callback');
    expect(errors(report)).toEqual([]);
    expect(report.findings).toEqual([
      expect.objectContaining({ severity: 'warning', check: 'negative_data_rejection', title: 'Format not enforced' }),
    ]);
  });

  it('sends a real fulfillment only when CONNECT_FULFILL_ORDER_ID names the order, and checks its real callback', async () => {
    const report = await run('faithful', { CONNECT_FULFILL_ORDER_ID: String(KNOWN_ORDER_ID) });
    expect(errors(report)).toEqual([]);
    expect(upstream!.fulfilled).toEqual([KNOWN_ORDER_ID]);
    const fulfill = report.probes.find((p) => p.name === 'fulfill')!;
    expect(fulfill.checks).toContain('callback_conformance');
  });

  it('without CONNECT_PROBE_ORDER_ID skips the probes that would need an id, and still holds', async () => {
    upstream = await startConnectUpstream('faithful');
    const env = liveEnv(upstream);
    delete env.CONNECT_PROBE_ORDER_ID;
    const report = await runContract(liveTargetFromEnv(env));
    expect(errors(report)).toEqual([]);
    expect(report.probes.filter((p) => p.skipped).map((p) => p.name)).toEqual([
      'negative-order-id-string',
      'negative-order-id-float',
      'negative-callback-not-uri',
      'unknown-order',
      'fulfill',
    ]);
  });
});

describe('the live target against a drifting upstream fails, naming the drift', () => {
  const cases: [Drift, { check: string; title?: string; location?: string }, Record<string, string>?][] = [
    ['enum-value', { check: 'response_schema_conformance', location: 'response.body.fulfillmentStatus' }],
    ['type-change', { check: 'response_schema_conformance', location: 'response.body.orderId' }],
    ['undocumented-status', { check: 'status_code_conformance', title: 'Undocumented HTTP status code' }],
    ['wrong-content-type', { check: 'content_type_conformance', title: 'Undocumented Content-Type' }],
    ['html-error-page', { check: 'negative_data_rejection', title: 'Server error on invalid data' }],
    ['html-error-page', { check: 'content_type_conformance', location: 'response.headers.content-type' }],
    ['broken-token', { check: 'response_schema_conformance', location: 'response.body' }],
    ['no-auth', { check: 'security_conformance', title: 'Unauthenticated request accepted' }],
    ['bad-retry-after', { check: 'response_header_conformance', location: 'response.headers.retry-after' }],
    [
      'callback-status',
      { check: 'callback_conformance', title: 'Callback violates schema' },
      { CONNECT_FULFILL_ORDER_ID: String(KNOWN_ORDER_ID) },
    ],
  ];
  it.each(cases)('%s: %j', async (drift, expected, extra) => {
    const report = await run(drift, extra);
    expect(errors(report)).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
  });

  it('broken-token: drift of the token endpoint is a finding; bearer probes are skipped, saying why', async () => {
    const report = await run('broken-token');
    expect(report.fatal).toBeUndefined();
    expect(report.probes.find((p) => p.name === 'unknown-order')!.skipped).toBe('no access token could be obtained');
  });

  it('refused credentials are fatal: the run could not do its job', async () => {
    const report = await run('faithful', { CONNECT_CLIENT_SECRET: 'wrong' });
    expect(report.fatal).toBe('the token endpoint refused the credentials (HTTP 401)');
  });

  it('extra-property: an undocumented property is a warning listed by path, not an error', async () => {
    const report = await run('extra-property');
    expect(errors(report)).toEqual([]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        check: 'undocumented_properties',
        location: 'response.body.smsReference',
      }),
    );
  });

  it('an unreachable upstream is fatal', async () => {
    upstream = await startConnectUpstream('faithful');
    const env = liveEnv(upstream);
    await upstream.close();
    const report = await runContract(liveTargetFromEnv(env), { timeoutMs: 2_000 });
    expect(report.fatal).toMatch(/could not be reached.*ECONNREFUSED/);
  });
});
