/** The traffic report (validate, proxy) as one self-contained HTML page: evidence/findings-html.ts. */
import { findingsHtml } from '../../evidence/findings-html.js';
import type { TrafficReport } from '../recorder.js';

export function trafficHtml(report: TrafficReport, clean: (t: string) => string): string {
  const { entries } = report;
  const evidence = new Map<string, TrafficReport['evidence'][number]>();
  for (const e of report.evidence) for (const fp of e.fingerprints) if (!evidence.has(fp)) evidence.set(fp, e);
  return findingsHtml({
    title: `Traffic report (${report.command})`,
    holds: 'the traffic matches the contract',
    ...(report.fatal ? { fatal: report.fatal } : {}),
    summary: report.summary,
    facts: [
      ['source', report.source],
      [
        'checked',
        `${entries.checked.token} token, ${entries.checked.fulfillment} fulfillment, ${entries.checked.callback} callback exchanges of ${entries.total}`,
      ],
      [
        'skipped',
        `${entries.skipped.otherTraffic} other traffic, ${entries.skipped.unreadable} unreadable, ${entries.skipped.noResponse} without a response`,
      ],
      ['started', report.startedAt],
    ],
    findings: report.findings,
    exchangeOf: (f) => evidence.get(f.fingerprint)?.exchange,
    coverage: report.coverage,
    disappeared: report.disappeared,
    ...(report.droppedFindings > 0
      ? { notes: [`${report.droppedFindings} more findings were counted, not kept.`] }
      : {}),
    clean,
  });
}
