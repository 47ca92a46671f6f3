/**
 * The exchanges of a drift or contract run as a HAR file (exchanges.har): the
 * evidence behind every finding. The client secret, every token the run was
 * issued or sent, and every credential header are redacted.
 */
import { redactor, type Secrets } from '../../core/sanitize.js';
import { negativeDataRejection } from '../../core/checks/probe-checks.js';
import { writeHar } from '../../evidence/har.js';
import type { ContractReport } from '../runner.js';
import { TrafficSecrets } from '../../evidence/secrets.js';

export function driftEvidence(report: ContractReport, secrets: Secrets, version: string): string {
  const learned = new TrafficSecrets();
  const exchanges = report.probes.flatMap((p) => {
    if (!p.exchange) return [];
    learned.learn(p.exchange.request, p.exchange.response);
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
  const base = redactor(secrets);
  const clean = (text: string) => learned.clean(base(text));
  return clean(writeHar(exchanges, clean, version, { baseUrl: report.baseUrl, tokenUrl: report.tokenUrl }));
}
