import { runContract } from '../../contract/runner.js';
import { type ContractTarget, liveTargetFromEnv, TargetConfigError } from '../../contract/target.js';
import { parseCommand } from '../args.js';
import { endRun, reportOptions } from '../report-options.js';
import { DRIFT_RUN } from '../../contract/report/drift.js';
import { UsageError } from '../usage.js';
import { weakSecretWarning } from '../../core/sanitize.js';
import { COMMAND_OPTIONS, endpoints, OPTION, parseConfig, read } from '../options.js';

/** The options `drift` takes: each one is in its --help (test/cli/help.test.ts). */
export const DRIFT_OPTIONS = parseConfig(COMMAND_OPTIONS.drift);

export async function drift(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, DRIFT_OPTIONS);
  // Flags first, in the order a user reads them; the environment (credentials) after.
  const options = await reportOptions(values);
  const timeoutMs = read(OPTION.timeoutMs, values);
  const maxBytes = read(OPTION.maxBodyBytes, values);
  // The endpoints as every command resolves them (flag, variable, the spec's servers); the credentials from the environment.
  const { baseUrl, tokenUrl } = endpoints(values);
  const scope = read(OPTION.scope, values);
  const probeOrderId = read(OPTION.probeOrderId, values);
  let target: ContractTarget;
  try {
    target = liveTargetFromEnv(process.env, {
      baseUrl,
      tokenUrl,
      scope,
      probeOrderId,
      // drift never fulfils: CONNECT_FULFILL_ORDER_ID is for the contract suite only.
      allowFulfill: false,
    });
  } catch (error) {
    if (error instanceof TargetConfigError) throw new UsageError(error.problems.join('; '));
    throw error;
  }
  const weak = weakSecretWarning('CONNECT_CLIENT_SECRET', target.clientSecret);
  if (weak) process.stderr.write(`drift: ${weak}\n`);
  process.stderr.write(`drift: probing ${target.baseUrl} and ${target.tokenUrl}\n`);
  const report = await runContract(target, {
    timeoutMs,
    maxBytes,
    onProbe: (p) =>
      process.stderr.write(
        `  ${p.name}: ${p.skipped ? `skipped (${p.skipped})` : `HTTP ${p.status ?? '-'}, ${p.diagnostics.length} finding(s)`}\n`,
      ),
  });
  return endRun('drift', DRIFT_RUN, report, options);
}
