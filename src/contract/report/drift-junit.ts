/** The drift report as JUnit XML: one suite per probe, one case per check. */
import { renderJUnit } from '../../core/junit.js';
import type { ContractReport } from '../runner.js';
import { TRANSPORT } from '../runner.js';

export function driftJUnit(report: ContractReport): string {
  return renderJUnit(
    'connect-fulfillment drift',
    report.probes.map((p) => ({
      name: p.name,
      cases: p.skipped
        ? [{ name: p.title, classname: p.name, skipped: p.skipped }]
        : p.checks.map((check) => {
            const mine = p.diagnostics.filter((d) => (d.check === check || d.check === TRANSPORT) && !d.known);
            const found = mine.filter((d) => d.severity === 'error');
            const warned = mine.filter((d) => d.severity === 'warning');
            return {
              name: check,
              classname: p.name,
              timeMs: p.durationMs,
              ...(warned.length > 0
                ? { output: warned.map((d) => `warning: ${d.title} at ${d.location}: ${d.message}`).join('\n') }
                : {}),
              ...(found.length > 0
                ? {
                    failure: {
                      message: found[0]!.title,
                      body: found.map((d) => `${d.location}: ${d.message}`).join('\n'),
                    },
                  }
                : {}),
            };
          }),
    })),
  );
}
