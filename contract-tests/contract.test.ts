/**
 * The contract, check by check: every probe of the target's set is sent once
 * (in beforeAll), then each check of each probe is its own test, so a failure
 * names the probe, the check and every finding. Writes contract.md,
 * contract.json and exchanges.har (the evidence, redacted) to
 * CONTRACT_REPORT_DIR (reports/) for CI and pull-request comments.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { probesFor } from '../src/contract/probes.js';
import { driftEvidence } from '../src/contract/report/drift-evidence.js';
import { driftJson } from '../src/contract/report/drift.js';
import { renderMarkdown } from '../src/contract/report/drift-markdown.js';
import { driftHtml } from '../src/contract/report/drift-html.js';
import { redactor } from '../src/core/sanitize.js';
import { prismVersion } from '../src/contract/prism.js';
import { MOCK_LIMITATION, MOCK_STALL, runContract, type ContractReport } from '../src/contract/runner.js';

const target = inject('contractTarget');
const probes = probesFor(target);
let report: ContractReport;

beforeAll(async () => {
  report = await runContract(target);
}, 120_000);

/** Where the Markdown, JSON and HTML reports go. @default 'reports' */
const reportDir = process.env.CONTRACT_REPORT_DIR ?? 'reports';

afterAll(async () => {
  if (!report) return;
  await mkdir(reportDir, { recursive: true });
  const clean = redactor(target);
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  await writeFile(`${reportDir}/contract.md`, clean(renderMarkdown(report, `Contract (${target.kind})`, clean)));
  await writeFile(`${reportDir}/contract.json`, clean(`${JSON.stringify(driftJson(report, false, clean), null, 2)}\n`));
  await writeFile(`${reportDir}/contract.html`, clean(driftHtml(report, `Contract (${target.kind})`, clean)));
  await writeFile(`${reportDir}/exchanges.har`, driftEvidence(report, target, version));
});

const format = (d: { severity: string; title: string; location: string; message: string }) =>
  `${d.severity}: ${d.title} at ${d.location}: ${d.message}`;

describe(`contract against the ${target.kind} target`, () => {
  it('could run: the upstream answered and a token was issued', () => {
    expect(report.fatal).toBeUndefined();
  });

  it.runIf(target.kind === 'mock')(
    'reports that Prism drops the callback query (stoplightio/prism#2162) as a finding of the mock, not of the contract',
    () => {
      // If this fails because Prism now sends the parameter, the limitation is gone: remove mockLimitations() in runner.ts.
      expect(report.findings.filter((d) => d.check === 'callback_conformance')).toEqual([
        expect.objectContaining({
          severity: 'warning',
          probe: 'fulfill-ok',
          title: `${MOCK_LIMITATION}: Callback without fulfillmentStatus`,
        }),
      ]);
    },
  );

  it.runIf(target.kind === 'mock')(
    `answers a body it cannot parse with 400, or (Prism 5.16, here ${prismVersion()}) is reported as a finding of the mock within 500 ms`,
    () => {
      const malformed = report.probes.find((p) => p.name === 'negative-malformed-json')!;
      if (/^5\.16\./.test(prismVersion())) {
        expect(malformed.diagnostics).toEqual([
          expect.objectContaining({
            severity: 'warning',
            title: `${MOCK_STALL}: Request failed`,
            message: 'no answer within 500 ms',
          }),
        ]);
      } else {
        // If Prism 5.17+ answers again, the stall is gone: this branch holds for it too.
        expect(malformed.status).toBe(400);
        expect(malformed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }
    },
  );

  for (const probe of probes) {
    describe(`${probe.name}: ${probe.title}`, () => {
      if (probe.skip) {
        it.skip(`skipped: ${probe.skip}`, () => undefined);
        return;
      }
      for (const check of probe.checks) {
        it(check.name, () => {
          const result = report.probes.find((p) => p.name === probe.name)!;
          if (result.skipped) return expect.soft(result.skipped, 'skipped at run time').toBeUndefined();
          const errors = result.diagnostics
            .filter((d) => d.check === check.name || d.check === 'transport')
            .filter((d) => d.severity === 'error');
          expect(errors.map(format), `HTTP ${result.status}`).toEqual([]);
        });
      }
    });
  }
});
