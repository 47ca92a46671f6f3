/** The drift report in every output format of the command, one module each; and what every format shares. */
import { type Baseline, countFindings, type Finding, promoteWarnings } from '../../evidence/baseline.js';
import { endOfRun, type RunKind } from '../../evidence/run-end.js';
import { driftEvidence } from './drift-evidence.js';
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

/** Every finding, and each probe's, passed through `change`, the summary counted anew. */
function mapDriftFindings(report: ContractReport, change: (finding: Finding) => Finding): ContractReport {
  const probes = report.probes.map((p) => ({ ...p, diagnostics: p.diagnostics.map(change) }));
  const findings = report.findings.map(change);
  return { ...report, probes, findings, summary: { ...report.summary, ...countFindings(findings) } };
}

/** A drift run, for the end every run shares (`endOfRun`): its findings sit in the list and in each probe. */
export const DRIFT_RUN: RunKind<ContractReport> = {
  mapFindings: mapDriftFindings,
  render: (report, format, strict) => renderDrift(report, format, strict),
  evidence: (report, version) => driftEvidence(report, {}, version),
};

/** Every finding, and each probe's, judged again (`--strict`, `--sunset-within`), the summary counted anew. */
export function judgeDrift(report: ContractReport, judge: (finding: Finding) => Finding): ContractReport {
  return endOfRun(DRIFT_RUN, report, judge, undefined);
}

/** Findings the baseline knows are marked known (they no longer fail the run); known ones not seen are listed. */
export function applyDriftBaseline(report: ContractReport, baseline: Baseline | undefined): ContractReport {
  return endOfRun(DRIFT_RUN, report, (f) => f, baseline);
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
