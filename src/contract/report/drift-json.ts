/** The stable JSON shape of a drift report (schemaVersion 1), documented in the README. */
import { findingJson } from '../../evidence/baseline.js';
import { curlOf } from '../../evidence/curl.js';
import type { ContractReport } from '../runner.js';

export function driftJson(report: ContractReport, strict: boolean, clean: (text: string) => string = (t) => t) {
  const curl = new Map(
    report.probes.flatMap((p) =>
      p.exchange && p.diagnostics.some((d) => d.severity === 'error' && !d.known)
        ? [[p.name, curlOf(p.exchange.request, clean)] as const]
        : [],
    ),
  );
  return {
    schemaVersion: 1,
    command: 'drift',
    strict,
    target: { kind: report.target, baseUrl: report.baseUrl, tokenUrl: report.tokenUrl },
    startedAt: report.startedAt,
    durationMs: Math.round(report.durationMs),
    summary: report.summary,
    fatal: report.fatal ?? null,
    findings: report.findings.map((d) => ({ ...findingJson(d), probe: d.probe ?? null })),
    disappeared: report.disappeared ?? [],
    probes: report.probes.map((p) => ({
      name: p.name,
      title: p.title,
      status: p.status ?? null,
      checks: p.checks,
      skipped: p.skipped ?? null,
      durationMs: Math.round(p.durationMs),
      curl: curl.get(p.name) ?? null,
    })),
    coverage: report.coverage,
  };
}
