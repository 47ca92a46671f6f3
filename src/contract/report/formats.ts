/** The drift report in every output format of the command: text, json, markdown, junit. */
import type { Diagnostic } from '../../core/diagnostic.js';
import type { ContractReport } from '../runner.js';
import { renderJUnit } from '../../core/junit.js';
import { renderMarkdown } from './markdown.js';

export const FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** The stable JSON shape (schemaVersion 1), documented in the README. */
export function driftJson(report: ContractReport, strict: boolean) {
  return {
    schemaVersion: 1,
    command: 'drift',
    strict,
    target: { kind: report.target, baseUrl: report.baseUrl, tokenUrl: report.tokenUrl },
    startedAt: report.startedAt,
    durationMs: Math.round(report.durationMs),
    summary: report.summary,
    fatal: report.fatal ?? null,
    findings: report.findings.map((d: Diagnostic) => ({
      severity: d.severity,
      check: d.check,
      title: d.title,
      location: d.location,
      message: d.message,
      status: d.status ?? null,
      probe: d.probe ?? null,
    })),
    probes: report.probes.map((p) => ({
      name: p.name,
      title: p.title,
      status: p.status ?? null,
      checks: p.checks,
      skipped: p.skipped ?? null,
      durationMs: Math.round(p.durationMs),
    })),
  };
}

function text(report: ContractReport): string {
  const lines = [`Drift check of ${report.baseUrl} (token endpoint ${report.tokenUrl})`, ''];
  for (const probe of report.probes) {
    if (probe.skipped) {
      lines.push(`  - ${probe.name}: skipped (${probe.skipped})`);
      continue;
    }
    const errors = probe.diagnostics.filter((d) => d.severity === 'error').length;
    const mark = errors > 0 ? '✗' : probe.diagnostics.length > 0 ? '!' : '✓';
    lines.push(`  ${mark} ${probe.name}: HTTP ${probe.status ?? '-'} · ${probe.checks.length} checks`);
    for (const d of probe.diagnostics)
      lines.push(`      ${d.severity} ${d.check} at ${d.location}: ${d.title}: ${d.message}`);
  }
  const { summary } = report;
  lines.push(
    '',
    report.fatal
      ? `Could not run: ${report.fatal}`
      : `${summary.errors} errors, ${summary.warnings} warnings, ${summary.probes - summary.skipped} probes run, ${summary.skipped} skipped`,
    '',
  );
  return lines.join('\n');
}

function junit(report: ContractReport): string {
  return renderJUnit(
    'connect-fulfillment drift',
    report.probes.map((p) => ({
      name: p.name,
      cases: p.skipped
        ? [{ name: p.title, classname: p.name, skipped: p.skipped }]
        : p.checks.map((check) => {
            const found = p.diagnostics.filter(
              (d) => (d.check === check || d.check === 'transport') && d.severity === 'error',
            );
            return {
              name: check,
              classname: p.name,
              timeMs: p.durationMs,
              ...(found.length > 0
                ? {
                    failure: {
                      message: found[0]!.title,
                      body: found.map((d) => `${d.location}: ${d.message}`).join('\n'),
                    },
                  }
                : {}),
            };
          }),
    })),
  );
}

/** Under --strict every warning (an undocumented property, say) counts as an error. */
export function applyStrict(report: ContractReport): ContractReport {
  const promote = (d: Diagnostic): Diagnostic => (d.severity === 'warning' ? { ...d, severity: 'error' } : d);
  const probes = report.probes.map((p) => ({ ...p, diagnostics: p.diagnostics.map(promote) }));
  const findings = report.findings.map(promote);
  return {
    ...report,
    probes,
    findings,
    summary: { ...report.summary, errors: findings.filter((d) => d.severity === 'error').length, warnings: 0 },
  };
}

export function renderDrift(report: ContractReport, format: Format, strict: boolean): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(driftJson(report, strict), null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report, 'Drift report');
    case 'junit':
      return junit(report);
    case 'text':
      return text(report);
  }
}
