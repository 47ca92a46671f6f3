/** What the traffic report formats share: the curl line of each finding's first exchange, where a finding is, its line. */
import { printable } from '../../core/sanitize.js';
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

export const where = (f: Pick<Finding, 'operation' | 'status'>) => `[${f.operation} ${f.status ?? '-'}]`;

/**
 * One finding on one line, as the text report and the proxy's live log write
 * it: severity (or "known"), check, where, location, title and message, each
 * made printable.
 */
export const findingLine = (f: Finding, known = f.known === true) =>
  `${known ? 'known' : f.severity} ${f.check} ${where(f)} at ${printable(f.location, 200)}: ${printable(`${f.title}: ${f.message}`)}`;
