/** The traffic report's stable JSON shape (schemaVersion 1). */
import { findingJson } from '../../evidence/baseline.js';
import type { TrafficReport } from '../recorder.js';
import { curls } from './shared.js';

export function trafficJson(report: TrafficReport, strict: boolean, clean: (t: string) => string) {
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
      ...findingJson(f),
      count: f.count ?? 1,
      firstSeen: f.probe ?? null,
      curl: curl.get(f.fingerprint) ?? null,
    })),
    droppedFindings: report.droppedFindings,
    disappeared: report.disappeared,
    coverage: report.coverage,
  };
}
