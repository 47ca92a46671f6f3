/** The traffic report as JUnit XML: one suite per operation, one case per finding. */
import { type JUnitSuite, renderJUnit } from '../../core/junit.js';
import type { Finding } from '../../evidence/baseline.js';
import type { TrafficReport } from '../recorder.js';

export function trafficJUnit(report: TrafficReport): string {
  const byOperation = new Map<string, Finding[]>();
  for (const f of report.findings) byOperation.set(f.operation, [...(byOperation.get(f.operation) ?? []), f]);
  const suites: JUnitSuite[] = [...byOperation.entries()].map(([operation, findings]) => ({
    name: operation,
    cases: findings.map((f) => ({
      name: `${f.check} ${f.location}`,
      classname: operation,
      ...(f.severity === 'error' && !f.known
        ? { failure: { message: f.title, body: `${f.message} (×${f.count ?? 1}, first at ${f.probe})` } }
        : {
            output: `${f.known ? 'known' : f.severity}: ${f.title}: ${f.message} (×${f.count ?? 1}, first at ${f.probe})`,
          }),
    })),
  }));
  if (suites.length === 0)
    suites.push({ name: 'traffic', cases: [{ name: `${report.entries.total} entries`, classname: 'traffic' }] });
  return renderJUnit(`connect-fulfillment ${report.command}`, suites);
}
