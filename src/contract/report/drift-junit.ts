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
            const found = p.diagnostics.filter(
              (d) => (d.check === check || d.check === TRANSPORT) && d.severity === 'error' && !d.known,
            );
            return {
              name: check,
              classname: p.name,
              timeMs: p.durationMs,
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
