/** What the traffic report formats share: the curl line of each finding's first exchange, and where a finding is. */
import type { Finding } from '../../evidence/baseline.js';
import { curlOf } from '../../evidence/curl.js';
import type { TrafficReport } from '../recorder.js';

/** The curl line of the first exchange that showed each finding. */
export function curls(report: TrafficReport, clean: (t: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of report.evidence)
    for (const fp of e.fingerprints) if (!out.has(fp)) out.set(fp, curlOf(e.exchange.request, clean));
  return out;
}

export const where = (f: Finding) => `[${f.operation} ${f.status ?? '-'}]`;
