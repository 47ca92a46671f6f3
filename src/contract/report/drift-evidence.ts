/**
 * The exchanges of a drift or contract run as a HAR file (exchanges.har): the
 * evidence behind every finding. The report's exchanges were redacted as the
 * run ended (the client secret, every token issued or sent); the HAR writer
 * writes each credential header as its scheme alone.
 */
import { redactor, type Secrets } from '../../core/sanitize.js';
import { negativeDataRejection } from '../../core/checks/probe-checks.js';
import { writeHar } from '../../evidence/har.js';
import type { ContractReport } from '../runner.js';

/** `secrets`: any the caller knows beyond the run's own (which the report no longer holds); `{}` for none. */
export function driftEvidence(report: ContractReport, secrets: Secrets, version: string): string {
  const exchanges = report.probes.flatMap((p) => {
    if (!p.exchange) return [];
    const fingerprints = p.diagnostics.map((d) => d.fingerprint);
    return [
      {
        exchange: p.exchange,
        comment: `${p.name}${fingerprints.length > 0 ? `: ${fingerprints.join(', ')}` : ''}`,
        // A negative probe's body breaks the spec on purpose: the HAR says so, and validate does not blame its caller.
        deliberate: p.checks.includes(negativeDataRejection.id),
      },
    ];
  });
  return writeHar(exchanges, redactor(secrets), version, { baseUrl: report.baseUrl, tokenUrl: report.tokenUrl });
}
