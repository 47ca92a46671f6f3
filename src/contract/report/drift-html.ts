/** The drift report (drift, the contract suite) as one self-contained HTML page: evidence/findings-html.ts. */
import { findingsHtml } from '../../evidence/findings-html.js';
import type { ContractReport } from '../runner.js';

export function driftHtml(
  report: ContractReport,
  title = 'Drift report',
  clean: (text: string) => string = (t) => t,
): string {
  const { summary } = report;
  const ran = report.probes.filter((p) => !p.skipped && p.status !== undefined);
  const statuses = [...new Set(ran.map((p) => p.status!))].sort((a, b) => a - b);
  const checks = [...new Set(ran.flatMap((p) => p.checks))];
  const cell = (check: string, status: number) => {
    const probes = ran.filter((p) => p.status === status && p.checks.includes(check));
    if (probes.length === 0) return '·';
    const found = probes.flatMap((p) => p.diagnostics.filter((d) => d.check === check));
    return found.some((d) => d.severity === 'error' && !d.known) ? 'fail' : found.length > 0 ? 'warn' : 'pass';
  };
  const byProbe = new Map(report.probes.map((p) => [p.name, p]));
  const skipped = report.probes.filter((p) => p.skipped);
  return findingsHtml({
    title,
    holds: 'the contract holds',
    ...(report.fatal ? { fatal: report.fatal } : {}),
    summary,
    facts: [
      ['target', `${report.target} ${report.baseUrl}`],
      ['token endpoint', report.tokenUrl],
      ['probes', `${summary.probes} (${summary.skipped} skipped)`],
      ['started', report.startedAt],
      ['took', `${Math.round(report.durationMs)} ms`],
    ],
    findings: report.findings,
    exchangeOf: (f) => (f.probe ? byProbe.get(f.probe)?.exchange : undefined),
    coverage: report.coverage,
    disappeared: report.disappeared ?? [],
    tables:
      statuses.length === 0
        ? []
        : [
            {
              caption: 'Checks by the status they were run on',
              headers: ['check', ...statuses.map((s) => `HTTP ${s}`)],
              rows: checks.map((c) => [c, ...statuses.map((s) => cell(c, s))]),
            },
          ],
    ...(skipped.length > 0 ? { notes: skipped.map((p) => `Skipped probe ${p.name}: ${p.skipped}`) } : {}),
    clean,
  });
}
