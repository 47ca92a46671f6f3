import { parseArgs } from 'node:util';
import { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL } from '../../core/spec.js';
import { applyStrict, renderDrift } from '../../contract/report/formats.js';
import { runContract } from '../../contract/runner.js';
import { type ContractTarget, liveTargetFromEnv, TargetConfigError } from '../../contract/target.js';
import { emit, parseFormat, positiveInt } from '../output.js';
import { EXIT, UsageError } from '../usage.js';

export async function drift(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'base-url': { type: 'string' },
      'token-url': { type: 'string' },
      'probe-order-id': { type: 'string' },
      scope: { type: 'string' },
      strict: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'timeout-ms': { type: 'string' },
    },
  });
  const format = parseFormat(values.format);
  const probeOrderId = positiveInt('--probe-order-id', values['probe-order-id']);
  let target: ContractTarget;
  try {
    target = liveTargetFromEnv(process.env, {
      baseUrl: values['base-url'],
      tokenUrl: values['token-url'],
      scope: values.scope,
      probeOrderId,
      defaults: { baseUrl: DEFAULT_BASE_URL, tokenUrl: DEFAULT_TOKEN_URL },
      // drift never fulfils: CONNECT_FULFILL_ORDER_ID is for the contract suite only.
      allowFulfill: false,
    });
  } catch (error) {
    if (error instanceof TargetConfigError) throw new UsageError(error.problems.join('; '));
    throw error;
  }
  process.stderr.write(`drift: probing ${target.baseUrl} and ${target.tokenUrl}\n`);
  const report = await runContract(target, {
    timeoutMs: positiveInt('--timeout-ms', values['timeout-ms']) ?? 10_000,
    onProbe: (p) =>
      process.stderr.write(
        `  ${p.name}: ${p.skipped ? `skipped (${p.skipped})` : `HTTP ${p.status ?? '-'}, ${p.diagnostics.length} finding(s)`}\n`,
      ),
  });
  const final = values.strict ? applyStrict(report) : report;
  await emit(renderDrift(final, format, values.strict === true), values.out);
  if (final.fatal) {
    process.stderr.write(`drift: could not run: ${final.fatal}\n`);
    return EXIT.CANNOT_RUN;
  }
  return final.summary.errors > 0 ? EXIT.PROBLEM : EXIT.OK;
}
