/** A Markdown summary for pull-request comments: a table of check by status code, then every finding. */
import { runVerdictMarked } from '../../evidence/outcome.js';
import { mdCell, mdCode } from '../../core/markdown.js';
import { curlOf } from '../../evidence/curl.js';
import type { ContractReport } from '../runner.js';
import { coverageMarkdown, disappearedMarkdown } from '../../evidence/coverage-report.js';

const cell = (worst: 'error' | 'warning' | 'pass' | undefined): string =>
  worst === 'error' ? '❌ fail' : worst === 'warning' ? '⚠️ warn' : worst === 'pass' ? '✅ pass' : '·';

export function renderMarkdown(
  report: ContractReport,
  title = 'Contract report',
  clean: (text: string) => string = (t) => t,
): string {
  const ran = report.probes.filter((p) => !p.skipped && p.status !== undefined);
  const statuses = [...new Set(ran.map((p) => p.status!))].sort((a, b) => a - b);
  const checks = [...new Set(ran.flatMap((p) => p.checks))];
  const worst = (check: string, status: number) => {
    const probes = ran.filter((p) => p.status === status && p.checks.includes(check));
    if (probes.length === 0) return undefined;
    const found = probes.flatMap((p) => p.diagnostics.filter((d) => d.check === check));
    return found.some((d) => d.severity === 'error' && !d.known) ? 'error' : found.length > 0 ? 'warning' : 'pass';
  };
  const { summary } = report;
  const verdict = runVerdictMarked(report, 'the contract holds');
  const lines = [
    `## ${title}: ${verdict}`,
    '',
    `Target **${report.target}** \`${report.baseUrl}\` · ${summary.probes} probes (${summary.skipped} skipped) · ${summary.errors} errors · ${summary.warnings} warnings${summary.known > 0 ? ` · ${summary.known} known` : ''} · ${Math.round(report.durationMs)} ms`,
    '',
  ];
  // No response, no table: a run that reached nothing has only its findings to show.
  if (statuses.length > 0) {
    lines.push(
      `| check | ${statuses.map((s) => `HTTP ${s}`).join(' | ')} |`,
      `| --- | ${statuses.map(() => '---').join(' | ')} |`,
      ...checks.map((c) => `| \`${c}\` | ${statuses.map((s) => cell(worst(c, s))).join(' | ')} |`),
      '',
    );
  }
  if (report.findings.length > 0) {
    lines.push(
      '### Findings',
      '',
      '| severity | check | probe | location | message |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const d of report.findings)
      lines.push(
        `| ${d.known ? 'known' : d.severity} | ${mdCode(d.check)} | ${mdCell(d.probe ?? '')} | ${mdCode(d.location)} | ${mdCell(`${d.title}: ${d.message}`)} |`,
      );
    lines.push('');
    const failing = report.probes.filter(
      (p) => p.exchange && p.diagnostics.some((d) => d.severity === 'error' && !d.known),
    );
    if (failing.length > 0) {
      lines.push('<details><summary>Reproduce (curl; set CONNECT_TOKEN first)</summary>', '', '```sh');
      for (const p of failing) lines.push(`# ${p.name}`, curlOf(p.exchange!.request, clean));
      lines.push('```', '', '</details>', '');
    }
  }
  lines.push(...disappearedMarkdown(report.disappeared ?? []));
  const skipped = report.probes.filter((p) => p.skipped);
  if (skipped.length > 0) {
    lines.push('### Skipped probes', '', ...skipped.map((p) => `- ${p.name}: ${p.skipped}`), '');
  }
  if (report.coverage) lines.push(...coverageMarkdown(report.coverage));
  return lines.join('\n');
}
