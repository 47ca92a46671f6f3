/**
 * One end for every run that checks: drift's report and a traffic report
 * holding the same findings come out of `endOfRun` judged and baselined the
 * same way, drift's per-probe copies in step with its list; and a run that
 * could not run writes no baseline, whichever command it was.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_RUN } from '../../src/contract/report/drift.js';
import type { ContractReport } from '../../src/contract/runner.js';
import { type Baseline, type Finding, promoteWarnings } from '../../src/evidence/baseline.js';
import { endOfRun, type RunKind, type RunReport } from '../../src/evidence/run-end.js';
import type { TrafficReport } from '../../src/traffic/recorder.js';
import { TRAFFIC_RUN } from '../../src/traffic/report/render.js';
import { cli } from '../cli/run.js';
import { writeHarFile } from '../helpers/har.js';

const finding = (fingerprint: string, severity: Finding['severity']): Finding => ({
  severity,
  check: 'response_schema_conformance',
  title: `title ${fingerprint}`,
  location: 'response.body',
  message: `message ${fingerprint}`,
  operation: 'completeOrder',
  fingerprint,
  probe: 'p',
});

const FINDINGS = [finding('a', 'warning'), finding('b', 'warning'), finding('c', 'error')];
const summary = { errors: 1, warnings: 2, known: 0 };
const coverage = { statuses: [], headers: [], callbacks: [], examples: [] } as unknown as ContractReport['coverage'];

const drift: ContractReport = {
  target: 'mock',
  baseUrl: 'http://127.0.0.1:1',
  tokenUrl: 'http://127.0.0.1:1/token',
  startedAt: new Date(0).toISOString(),
  durationMs: 1,
  probes: [
    {
      name: 'p',
      title: 'p',
      operationId: 'completeOrder',
      sideEffects: false,
      checks: [],
      diagnostics: FINDINGS,
      durationMs: 1,
    },
  ],
  findings: FINDINGS,
  coverage,
  summary: { probes: 1, skipped: 0, ...summary },
};

const traffic: TrafficReport = {
  command: 'validate',
  source: 'x.har',
  endpoints: { baseUrl: 'http://127.0.0.1:1', tokenUrl: 'http://127.0.0.1:1/token' },
  startedAt: new Date(0).toISOString(),
  durationMs: 1,
  entries: {
    total: 1,
    checked: { token: 0, fulfillment: 1, callback: 0 },
    skipped: { otherTraffic: 0, unreadable: 0, noResponse: 0 },
    otherOrigins: {},
  },
  findings: FINDINGS,
  disappeared: [],
  droppedFindings: 0,
  coverage,
  evidence: [],
  summary,
};

/** `a` is known; `gone` was known and is not seen. */
const baseline: Baseline = {
  schemaVersion: 1,
  findings: [
    {
      fingerprint: 'a',
      severity: 'warning',
      check: 'x',
      operation: 'completeOrder',
      status: 200,
      title: 't',
      location: 'l',
    },
    {
      fingerprint: 'gone',
      severity: 'error',
      check: 'x',
      operation: 'completeOrder',
      status: 200,
      title: 't',
      location: 'l',
    },
  ],
};

function outcome<R extends RunReport>(kind: RunKind<R>, report: R) {
  const end = endOfRun(kind, report, promoteWarnings, baseline);
  return {
    summary: { errors: end.summary.errors, warnings: end.summary.warnings, known: end.summary.known },
    findings: end.findings.map((f) => `${f.fingerprint}:${f.severity}:${f.known === true}`),
    disappeared: (end.disappeared ?? []).map((f) => f.fingerprint),
  };
}

describe('endOfRun: one judgement and one baseline for drift and traffic', () => {
  it('judges (--strict), then marks what the baseline knows, the same for both kinds', () => {
    const expected = {
      // b was a warning, promoted; a is known and fails nothing; c stays an error.
      summary: { errors: 2, warnings: 0, known: 1 },
      findings: ['a:error:true', 'b:error:false', 'c:error:false'],
      disappeared: ['gone'],
    };
    expect(outcome(DRIFT_RUN, drift)).toEqual(expected);
    expect(outcome(TRAFFIC_RUN, traffic)).toEqual(expected);
  });

  it("drift's per-probe findings are judged and marked in step with its list", () => {
    const end = endOfRun(DRIFT_RUN, drift, promoteWarnings, baseline);
    expect(end.probes[0]!.diagnostics).toEqual(end.findings);
    expect(end.summary).toMatchObject({ probes: 1, skipped: 0 });
  });

  it('keeps what a report already listed as gone, and leaves a report alone without a baseline or judgement', () => {
    const earlier = { ...traffic, disappeared: baseline.findings.slice(1) };
    expect(endOfRun(TRAFFIC_RUN, earlier, promoteWarnings, baseline).disappeared?.map((f) => f.fingerprint)).toEqual([
      'gone',
      'gone',
    ]);
    expect(endOfRun(TRAFFIC_RUN, traffic, (f) => f, undefined)).toEqual(traffic);
    expect(endOfRun(DRIFT_RUN, drift, (f) => f, undefined)).toEqual(drift);
  });
});

describe('a run that could not run writes no baseline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-run-end-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validate of a HAR that checked nothing: exit 2, the reason, no baseline file', async () => {
    const file = await writeHarFile(join(dir, 'empty.har'), []);
    const run = await cli(['validate', '--har', file, '--update-baseline', join(dir, 'baseline.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('validate: could not run: checked nothing');
    expect(await readdir(dir)).toEqual(['empty.har']);
  });
});
