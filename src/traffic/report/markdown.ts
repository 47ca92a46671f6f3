/** The traffic report in Markdown, for a pull-request comment or a run summary. */
import { runVerdictMarked } from '../../evidence/outcome.js';
import { mdCell, mdCode } from '../../core/markdown.js';
import type { TrafficReport } from '../recorder.js';
import { coverageMarkdown, disappearedMarkdown } from '../../evidence/coverage-report.js';
import { curls } from './shared.js';

export function trafficMarkdown(report: TrafficReport, clean: (t: string) => string): string {
  const { summary, entries } = report;
  const verdict = runVerdictMarked(report, 'the traffic matches the contract');
  const lines = [
    `## Traffic report (${report.command}): ${verdict}`,
    '',
    `${mdCode(report.source)} · ${entries.checked.token} token, ${entries.checked.fulfillment} fulfillment, ${entries.checked.callback} callback exchanges checked of ${entries.total} · ${summary.errors} errors · ${summary.warnings} warnings · ${summary.known} known`,
    '',
  ];
  if (report.findings.length > 0) {
    const curl = curls(report, clean);
    lines.push(
      '### Findings',
      '',
      '| | severity | check | operation | location | message | seen |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const f of report.findings)
      lines.push(
        `| ${f.known ? 'known' : 'new'} | ${f.severity} | ${mdCode(f.check)} | ${mdCode(`${f.operation} ${f.status ?? '-'}`)} | ${mdCode(f.location)} | ${mdCell(`${f.title}: ${f.message}`)} | ×${f.count ?? 1}, first at ${mdCell(f.probe ?? '')} |`,
      );
    lines.push('');
    const replays = report.findings.filter((f) => !f.known && curl.has(f.fingerprint));
    if (replays.length > 0) {
      lines.push('<details><summary>Reproduce (curl; set CONNECT_TOKEN first)</summary>', '', '```sh');
      for (const f of replays) lines.push(`# ${f.fingerprint} ${f.check} at ${f.location}`, curl.get(f.fingerprint)!);
      lines.push('```', '', '</details>', '');
    }
  }
  lines.push(...disappearedMarkdown(report.disappeared), ...coverageMarkdown(report.coverage));
  return lines.join('\n');
}
