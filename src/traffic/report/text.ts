/** The traffic report (validate, proxy) as text for a terminal. */
import type { TrafficReport } from '../recorder.js';
import { coverageText, disappearedText } from '../../evidence/coverage-report.js';
import { curls, findingLine } from './shared.js';

export function trafficText(report: TrafficReport, clean: (t: string) => string): string {
  const { entries } = report;
  const lines = [
    `${report.command}: ${report.source} (API ${report.endpoints.baseUrl}, token ${report.endpoints.tokenUrl}${report.endpoints.callbackUrl ? `, callbacks ${report.endpoints.callbackUrl}` : ''})`,
    `  ${entries.total} entries: ${entries.checked.token} token, ${entries.checked.fulfillment} fulfillment, ${entries.checked.callback} callback checked; ${entries.skipped.otherTraffic} other traffic, ${entries.skipped.unreadable} unreadable, ${entries.skipped.noResponse} without a response`,
    '',
  ];
  const curl = curls(report, clean);
  for (const f of report.findings) {
    const mark = f.known ? '=' : f.severity === 'error' ? '✗' : '!';
    lines.push(`  ${mark} ${findingLine(f)} (×${f.count ?? 1}, first at ${f.probe})`);
    const line = curl.get(f.fingerprint);
    if (line && !f.known) lines.push(`      ${line}`);
  }
  if (report.droppedFindings > 0) lines.push(`  … and ${report.droppedFindings} more distinct findings, not kept`);
  if (report.findings.length > 0) lines.push('');
  lines.push(...disappearedText(report.disappeared));
  if (report.disappeared.length > 0) lines.push('');
  lines.push(...coverageText(report.coverage), '');
  const { summary } = report;
  lines.push(
    report.fatal
      ? `Could not run: ${report.fatal}`
      : `${summary.errors} errors, ${summary.warnings} warnings, ${summary.known} known`,
    '',
  );
  return lines.join('\n');
}
