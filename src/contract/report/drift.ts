/** The drift report in every output format of the command, one module each; and what every format shares. */
import { applyBaseline, type Baseline, countFindings, type Finding, promoteWarnings } from '../../evidence/baseline.js';
import { FORMATS, type Format } from '../../evidence/formats.js';
import type { ContractReport } from '../runner.js';
import { driftJson } from './drift-json.js';
import { driftJUnit } from './drift-junit.js';
import { driftText } from './drift-text.js';
import { renderMarkdown } from './drift-markdown.js';
import { driftHtml } from './drift-html.js';

export { FORMATS, type Format };

export { driftJson } from './drift-json.js';

/** Under --strict every warning (an undocumented property, say) counts as an error. */
export function applyStrict(report: ContractReport): ContractReport {
  return judgeDrift(report, promoteWarnings);
}

/** Every finding, and each probe's, judged again (`--strict`, `--sunset-within`), the summary counted anew. */
export function judgeDrift(report: ContractReport, judge: (finding: Finding) => Finding): ContractReport {
  const probes = report.probes.map((p) => ({ ...p, diagnostics: p.diagnostics.map(judge) }));
  const findings = report.findings.map(judge);
  return { ...report, probes, findings, summary: { ...report.summary, ...countFindings(findings) } };
}

/** Findings the baseline knows are marked known (they no longer fail the run); known ones not seen are listed. */
export function applyDriftBaseline(report: ContractReport, baseline: Baseline | undefined): ContractReport {
  if (!baseline) return report;
  const { findings, disappeared } = applyBaseline(report.findings, baseline);
  const known = new Set(findings.filter((f) => f.known).map((f) => f.fingerprint));
  const probes = report.probes.map((p) => ({
    ...p,
    diagnostics: p.diagnostics.map((d) => (known.has(d.fingerprint) ? { ...d, known: true } : d)),
  }));
  return { ...report, probes, findings, disappeared, summary: { ...report.summary, ...countFindings(findings) } };
}

/** `clean` redacts the run's credentials from what the evidence (curl lines) shows. */
export function renderDrift(
  report: ContractReport,
  format: Format,
  strict: boolean,
  clean: (text: string) => string = (t) => t,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(driftJson(report, strict, clean), null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report, 'Drift report', clean);
    case 'junit':
      return driftJUnit(report);
    case 'text':
      return driftText(report, clean);
    case 'html':
      return driftHtml(report, 'Drift report', clean);
  }
}
