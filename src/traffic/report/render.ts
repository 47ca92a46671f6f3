/** Reports of `validate` and `proxy`: the format dispatch (one module per format), --strict, and the evidence HAR. */
import { countFindings, type Finding, promoteWarnings } from '../../evidence/baseline.js';
import { endOfRun, type RunKind } from '../../evidence/run-end.js';
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

/** A traffic run (validate, proxy), for the end every run shares (`endOfRun`). */
export const TRAFFIC_RUN: RunKind<TrafficReport> = {
  mapFindings: (report, change) => {
    const findings = report.findings.map(change);
    return { ...report, findings, summary: countFindings(findings) };
  },
  render: (report, format, strict) => renderTraffic(report, format, strict),
  evidence: (report, version) => trafficHar(report, undefined, version),
};

/** Every finding judged again (`--strict`, `--sunset-within`), the summary counted anew. */
export function judgeTraffic(report: TrafficReport, judge: (finding: Finding) => Finding): TrafficReport {
  return endOfRun(TRAFFIC_RUN, report, judge, undefined);
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
