import { DEFAULT_MAX_BODY_BYTES } from '../../core/body.js';
import { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL } from '../../core/spec.js';
import { writeFile } from 'node:fs/promises';
import { BaselineError, readBaseline, writeBaseline } from '../../contract/baseline.js';
import { driftEvidence } from '../../contract/report/drift-evidence.js';
import { applyDriftBaseline, applyStrict, FORMATS, renderDrift } from '../../contract/report/formats.js';
import { runContract } from '../../contract/runner.js';
import { type ContractTarget, liveTargetFromEnv, TargetConfigError } from '../../contract/target.js';
import { bytesArg, choiceArg, orderIdArg, outArg, parseCommand, timeoutArg, urlArg } from '../args.js';
import { emit } from '../output.js';
import { EXIT, UsageError } from '../usage.js';
import { packageVersion } from '../version.js';
import { printable, redactor } from '../../core/sanitize.js';

export async function drift(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, {
    'base-url': { type: 'string' },
    'token-url': { type: 'string' },
    'probe-order-id': { type: 'string' },
    scope: { type: 'string' },
    strict: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
    'timeout-ms': { type: 'string' },
    'max-bytes': { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'string' },
    evidence: { type: 'string' },
  });
  const format = choiceArg('format', values.format, FORMATS);
  const timeoutMs = timeoutArg('timeout-ms', values['timeout-ms']) ?? 10_000;
  const maxBytes = bytesArg('max-bytes', values['max-bytes']) ?? DEFAULT_MAX_BODY_BYTES;
  let target: ContractTarget;
  try {
    target = liveTargetFromEnv(process.env, {
      baseUrl: urlArg('base-url', values['base-url']),
      tokenUrl: urlArg('token-url', values['token-url']),
      scope: values.scope,
      probeOrderId: orderIdArg('probe-order-id', values['probe-order-id']),
      defaults: { baseUrl: DEFAULT_BASE_URL, tokenUrl: DEFAULT_TOKEN_URL },
      // drift never fulfils: CONNECT_FULFILL_ORDER_ID is for the contract suite only.
      allowFulfill: false,
    });
  } catch (error) {
    if (error instanceof TargetConfigError) throw new UsageError(error.problems.join('; '));
    throw error;
  }
  const [out, evidence, update] = await Promise.all([
    outArg(values.out),
    outArg(values.evidence),
    outArg(values['update-baseline']),
  ]);
  const baseline =
    values.baseline === undefined
      ? undefined
      : await readBaseline(values.baseline).catch((error: unknown) => {
          if (error instanceof BaselineError) throw new UsageError(error.message);
          throw error;
        });
  process.stderr.write(`drift: probing ${target.baseUrl} and ${target.tokenUrl}\n`);
  const report = await runContract(target, {
    timeoutMs,
    maxBytes,
    onProbe: (p) =>
      process.stderr.write(
        `  ${p.name}: ${p.skipped ? `skipped (${p.skipped})` : `HTTP ${p.status ?? '-'}, ${p.diagnostics.length} finding(s)`}\n`,
      ),
  });
  const final = applyDriftBaseline(values.strict ? applyStrict(report) : report, baseline);
  const clean = redactor(target);
  if (update && !final.fatal) {
    await writeBaseline(update, final.findings);
    process.stderr.write(`baseline of ${final.findings.length} finding(s) written to ${printable(update, 200)}\n`);
  }
  if (evidence) {
    await writeFile(evidence, driftEvidence(final, target, packageVersion()));
    process.stderr.write(`evidence written to ${printable(evidence, 200)}\n`);
  }
  await emit(renderDrift(final, format, values.strict === true, clean), out, target);
  if (final.fatal) {
    process.stderr.write(`drift: could not run: ${final.fatal}\n`);
    return EXIT.CANNOT_RUN;
  }
  return final.summary.errors > 0 ? EXIT.PROBLEM : EXIT.OK;
}
