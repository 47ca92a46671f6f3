/** The traffic report's stable JSON shape (schemaVersion 1). */
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
      ...(f.lifecycle ? { lifecycle: f.lifecycle } : {}),
    })),
    droppedFindings: report.droppedFindings,
    disappeared: report.disappeared,
    coverage: report.coverage,
  };
}
