/** Reports of `validate` and `proxy`: the format dispatch (one module per format), --strict, and the evidence HAR. */
import { applyBaseline, type Baseline, countFindings, type Finding, promoteWarnings } from '../../evidence/baseline.js';
import { writeHar } from '../../evidence/har.js';
import type { TrafficReport } from '../recorder.js';
import type { Format } from '../../evidence/formats.js';
import { trafficJson } from './json.js';
import { trafficJUnit } from './junit.js';
import { trafficMarkdown } from './markdown.js';
import { trafficText } from './text.js';
import { trafficHtml } from './html.js';

/** Under --strict every warning counts as an error, as in drift. */
export function applyTrafficStrict(report: TrafficReport): TrafficReport {
  return judgeTraffic(report, promoteWarnings);
}

/** Every finding judged again (`--strict`, `--sunset-within`), the summary counted anew. */
export function judgeTraffic(report: TrafficReport, judge: (finding: Finding) => Finding): TrafficReport {
  const findings = report.findings.map(judge);
  return { ...report, findings, summary: countFindings(findings) };
}

/**
 * Findings the baseline knows are marked known (they no longer fail the run); known ones not seen are listed.
 * Applied after judging, as for drift (applyDriftBaseline): the end of every run takes the same steps in the same order.
 */
export function applyTrafficBaseline(report: TrafficReport, baseline: Baseline | undefined): TrafficReport {
  if (!baseline) return report;
  const { findings, disappeared } = applyBaseline(report.findings, baseline);
  return {
    ...report,
    findings,
    disappeared: [...report.disappeared, ...disappeared],
    summary: countFindings(findings),
  };
}

/** The report in `format`. It was redacted as it was made; `clean` removes any secret of the caller's own besides. */
export function renderTraffic(
  report: TrafficReport,
  format: Format,
  strict: boolean,
  clean: (t: string) => string = (t) => t,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(trafficJson(report, strict, clean), null, 2)}\n`;
    case 'markdown':
      return trafficMarkdown(report, clean);
    case 'junit':
      return trafficJUnit(report);
    case 'text':
      return trafficText(report, clean);
    case 'html':
      return trafficHtml(report, clean);
  }
}

/** The exchanges behind the findings, as a HAR file: credentials redacted, the findings named in each entry's comment. */
export function trafficHar(report: TrafficReport, clean: ((t: string) => string) | undefined, version: string): string {
  return writeHar(
    report.evidence.map((e) => ({ exchange: e.exchange, comment: `entry ${e.index}: ${e.fingerprints.join(', ')}` })),
    clean ?? ((t) => t),
    version,
    report.endpoints,
  );
}
