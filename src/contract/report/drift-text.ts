/** The drift report as text for a terminal: each probe, its findings, the curl line of each failing probe. */
import { curlOf } from '../../evidence/curl.js';
import type { ContractReport } from '../runner.js';
import { coverageText, disappearedText } from '../../evidence/coverage-report.js';

export function driftText(report: ContractReport, clean: (text: string) => string): string {
  const lines = [`Drift check of ${report.baseUrl} (token endpoint ${report.tokenUrl})`, ''];
  for (const probe of report.probes) {
    if (probe.skipped) {
      lines.push(`  - ${probe.name}: skipped (${probe.skipped})`);
      continue;
    }
    const failing = probe.diagnostics.some((d) => d.severity === 'error' && !d.known);
    const mark = failing ? '✗' : probe.diagnostics.length > 0 ? '!' : '✓';
    lines.push(`  ${mark} ${probe.name}: HTTP ${probe.status ?? '-'} · ${probe.checks.length} checks`);
    for (const d of probe.diagnostics)
      lines.push(`      ${d.known ? 'known' : d.severity} ${d.check} at ${d.location}: ${d.title}: ${d.message}`);
    if (failing && probe.exchange) lines.push(`      reproduce: ${curlOf(probe.exchange.request, clean)}`);
  }
  const { summary } = report;
  const gone = disappearedText(report.disappeared ?? []);
  lines.push('', ...(gone.length > 0 ? [...gone, ''] : []), ...coverageText(report.coverage), '');
  lines.push(
    report.fatal
      ? `Could not run: ${report.fatal}`
      : `${summary.errors} errors, ${summary.warnings} warnings, ${summary.probes - summary.skipped} probes run, ${summary.skipped} skipped${summary.known > 0 ? `, ${summary.known} known` : ''}`,
    '',
  );
  return lines.join('\n');
}
