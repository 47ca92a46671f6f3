/** Reports of `validate` and `proxy`: text, json, markdown, junit; and the evidence behind them (HAR, curl). */
import { renderJUnit } from '../../core/junit.js';
import { mdCell, mdCode } from '../../core/markdown.js';
import { countFindings, type Finding, promoteWarnings } from '../baseline.js';
import { curlOf } from '../evidence.js';
import { writeHar } from '../har.js';
import type { TrafficReport } from '../traffic-run.js';
import { coverageMarkdown, coverageText, disappearedMarkdown, disappearedText } from './coverage.js';
import type { Format } from './formats.js';

/** Under --strict every warning counts as an error, as in drift. */
export function applyTrafficStrict(report: TrafficReport): TrafficReport {
  const findings = report.findings.map(promoteWarnings);
  return { ...report, findings, summary: countFindings(findings) };
}

/** The curl line of the first exchange that showed each finding. */
function curls(report: TrafficReport, clean: (t: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of report.evidence)
    for (const fp of e.fingerprints) if (!out.has(fp)) out.set(fp, curlOf(e.exchange.request, clean));
  return out;
}

const where = (f: Finding) => `[${f.operation} ${f.status ?? '-'}]`;

function text(report: TrafficReport, clean: (t: string) => string): string {
  const { entries } = report;
  const lines = [
    `${report.command}: ${report.source} (API ${report.endpoints.baseUrl}, token ${report.endpoints.tokenUrl}${report.endpoints.callbackUrl ? `, callbacks ${report.endpoints.callbackUrl}` : ''})`,
    `  ${entries.total} entries: ${entries.checked.token} token, ${entries.checked.fulfillment} fulfillment, ${entries.checked.callback} callback checked; ${entries.skipped.otherTraffic} other traffic, ${entries.skipped.unreadable} unreadable, ${entries.skipped.noResponse} without a response`,
    '',
  ];
  const curl = curls(report, clean);
  for (const f of report.findings) {
    const mark = f.known ? '=' : f.severity === 'error' ? '✗' : '!';
    lines.push(
      `  ${mark} ${f.known ? 'known' : f.severity} ${f.check} ${where(f)} at ${f.location}: ${f.title}: ${f.message} (×${f.count ?? 1}, first at ${f.probe})`,
    );
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

function trafficJson(report: TrafficReport, strict: boolean, clean: (t: string) => string) {
  const curl = curls(report, clean);
  return {
    schemaVersion: 1,
    command: report.command,
    strict,
    source: report.source,
    endpoints: report.endpoints,
    startedAt: report.startedAt,
    durationMs: Math.round(report.durationMs),
    entries: report.entries,
    summary: report.summary,
    fatal: report.fatal ?? null,
    findings: report.findings.map((f) => ({
      fingerprint: f.fingerprint,
      known: f.known === true,
      severity: f.severity,
      check: f.check,
      operation: f.operation,
      status: f.status ?? null,
      title: f.title,
      location: f.location,
      message: f.message,
      count: f.count ?? 1,
      firstSeen: f.probe ?? null,
      curl: curl.get(f.fingerprint) ?? null,
    })),
    droppedFindings: report.droppedFindings,
    disappeared: report.disappeared,
    coverage: report.coverage,
  };
}

function markdown(report: TrafficReport, clean: (t: string) => string): string {
  const { summary, entries } = report;
  const verdict = report.fatal
    ? `⛔ could not run: ${report.fatal}`
    : summary.errors > 0
      ? `❌ ${summary.errors} error(s)`
      : '✅ the traffic matches the contract';
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

function junit(report: TrafficReport): string {
  const byOperation = new Map<string, Finding[]>();
  for (const f of report.findings) byOperation.set(f.operation, [...(byOperation.get(f.operation) ?? []), f]);
  const suites = [...byOperation.entries()].map(([operation, findings]) => ({
    name: operation,
    cases: findings.map((f) => ({
      name: `${f.check} ${f.location}`,
      classname: operation,
      ...(f.severity === 'error' && !f.known
        ? { failure: { message: f.title, body: `${f.message} (×${f.count ?? 1}, first at ${f.probe})` } }
        : {}),
    })),
  }));
  if (suites.length === 0)
    suites.push({ name: 'traffic', cases: [{ name: `${report.entries.total} entries`, classname: 'traffic' }] });
  return renderJUnit(`connect-fulfillment ${report.command}`, suites);
}

export function renderTraffic(
  report: TrafficReport,
  format: Format,
  strict: boolean,
  clean: (t: string) => string,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(trafficJson(report, strict, clean), null, 2)}\n`;
    case 'markdown':
      return markdown(report, clean);
    case 'junit':
      return junit(report);
    case 'text':
      return text(report, clean);
  }
}

/** The exchanges behind the findings, as a HAR file: credentials redacted, the findings named in each entry's comment. */
export function trafficHar(report: TrafficReport, clean: (t: string) => string, version: string): string {
  return writeHar(
    report.evidence.map((e) => ({ exchange: e.exchange, comment: `entry ${e.index}: ${e.fingerprints.join(', ')}` })),
    clean,
    version,
  );
}
