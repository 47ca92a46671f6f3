/**
 * Every HAR this project writes reads back clean through this project:
 * `validate --har FILE`, with no other flag, checks it (each entry records
 * where its traffic went) and finds on clean traffic nothing, and on the
 * evidence of a drift exactly the drift. Credentials keep their scheme
 * (`Bearer [redacted]`), so a check still sees that they were sent.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startValidatingProxy } from '../../src/traffic/proxy.js';
import { driftEvidence } from '../../src/contract/report/drift-evidence.js';
import { trafficHar } from '../../src/traffic/report/render.js';
import { runContract } from '../../src/contract/runner.js';
import { cli } from '../cli/run.js';
import { KNOWN_ORDER_ID, liveEnv, startConnectUpstream, upstreamClient } from '../fixtures/connect-upstream.js';
import { withPrismMocks } from '../helpers/prism-mocks.js';
import { otherEntry, writeHarFile } from '../helpers/har.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-round-trip-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** validate --har FILE --format json, nothing else. */
async function validateBare(file: string) {
  const run = await cli(['validate', '--har', file, '--format', 'json']);
  return { ...run, report: run.stdout ? JSON.parse(run.stdout) : undefined };
}

const fingerprints = (findings: { fingerprint: string }[]) => findings.map((f) => f.fingerprint).sort();

describe('every HAR this project writes validates with `validate --har FILE` alone', () => {
  it("the contract suite's evidence (the Prism mock, negative probes included): every entry checked, 0 findings", async () => {
    await withPrismMocks(async (mocks) => {
      const target = {
        kind: 'mock' as const,
        ...mocks,
        clientId: 'round-trip',
        clientSecret: 'round-trip-secret-0f3a',
      };
      const report = await runContract(target);
      const file = join(dir, 'contract.har');
      await writeFile(file, driftEvidence(report, target, '0.0.0'));
      const har = await readFile(file, 'utf8');
      expect(har).toContain('"value": "Bearer [redacted]"');
      expect(har).not.toContain('round-trip-secret-0f3a');
      const { code, report: validated } = await validateBare(file);
      expect(validated.findings).toEqual([]);
      expect(code).toBe(0);
      const { checked } = validated.entries;
      expect(checked.token + checked.fulfillment).toBe(report.probes.filter((p) => p.exchange?.response).length);
    });
  }, 30_000);

  it('drift --evidence against a faithful upstream: every entry checked, 0 findings', async () => {
    const upstream = await startConnectUpstream('faithful');
    try {
      const env = liveEnv(upstream);
      const evidence = join(dir, 'drift.har');
      const run = await cli(['drift', '--evidence', evidence, '--format', 'json'], env);
      expect(run.code).toBe(0);
      const { code, report } = await validateBare(evidence);
      expect(report.findings).toEqual([]);
      expect(report.entries.skipped.otherTraffic).toBe(0);
      expect(code).toBe(0);
    } finally {
      await upstream.close();
    }
  });

  it('drift --evidence of a drifted upstream: validate finds the drift again, and no false security finding', async () => {
    const upstream = await startConnectUpstream('enum-value');
    try {
      const evidence = join(dir, 'drifted.har');
      const drift = await cli(['drift', '--evidence', evidence, '--format', 'json'], liveEnv(upstream));
      expect(drift.code).toBe(1);
      const { code, report } = await validateBare(evidence);
      expect(code).toBe(1);
      expect(report.findings.map((f: { check: string }) => f.check)).not.toContain('security_conformance');
      expect(report.findings).toContainEqual(
        expect.objectContaining({ check: 'response_schema_conformance', location: 'response.body.fulfillmentStatus' }),
      );
    } finally {
      await upstream.close();
    }
  });

  it('validate --evidence and proxy --evidence (one writer): validating the evidence again shows the same findings', async () => {
    const upstream = await startConnectUpstream('enum-value');
    const proxy = await startValidatingProxy({ baseUrl: upstream.baseUrl, tokenUrl: upstream.tokenUrl });
    try {
      const client = upstreamClient(proxy, { retry: { maxAttempts: 1 } });
      await client.completeOrder({ orderId: KNOWN_ORDER_ID }).catch(() => undefined);
      const seen = proxy.recorder.report('proxy', 'round trip');
      expect(seen.findings.length).toBeGreaterThan(0);
      const file = join(dir, 'proxy-evidence.har');
      await writeFile(file, trafficHar(seen, proxy.recorder.secrets.clean, '0.0.0'));
      const { code, report } = await validateBare(file);
      expect(code).toBe(1);
      expect(fingerprints(report.findings)).toEqual(fingerprints([...seen.findings]));

      const again = join(dir, 'validate-evidence.har');
      await cli(['validate', '--har', file, '--evidence', again]);
      expect(fingerprints((await validateBare(again)).report.findings)).toEqual(fingerprints([...seen.findings]));
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});

describe('a run that checked nothing is no pass', () => {
  it('a HAR whose traffic went elsewhere: exit 2, one line naming the origins seen and the flags to use', async () => {
    const file = await writeHarFile(join(dir, 'elsewhere.har'), [
      otherEntry('http://127.0.0.1:4010/v1/client/order/fulfillment'),
      otherEntry('http://127.0.0.1:4010/v1/client/order/fulfillment'),
      otherEntry('https://cdn.example.com/app.js'),
    ]);
    const run = await cli(['validate', '--har', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'validate: could not run: checked nothing: none of the 3 entries went to the API at https://api.mediaconnect.no/capi or the token endpoint https://connectid.no/user/oauth/token; the entries went to http://127.0.0.1:4010 (2), https://cdn.example.com (1): name where the traffic went with --base-url and --token-url\n',
    );
  });

  it('a HAR with no entries: exit 2', async () => {
    const file = await writeHarFile(join(dir, 'empty.har'), []);
    const run = await cli(['validate', '--har', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('validate: could not run: checked nothing: the file has no entries\n');
  });
});
