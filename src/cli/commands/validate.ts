import { writeFile } from 'node:fs/promises';
import { BaselineError, readBaseline, writeBaseline } from '../../contract/baseline.js';
import { HarError, readHar } from '../../contract/har.js';
import { FORMATS } from '../../contract/report/formats.js';
import { applyTrafficStrict, renderTraffic, trafficHar } from '../../contract/report/traffic.js';
import { TrafficRecorder } from '../../contract/traffic-run.js';
import { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL } from '../../core/spec.js';
import { printable } from '../../core/sanitize.js';
import { bytesArg, choiceArg, outArg, parseCommand, urlArg } from '../args.js';
import { emit } from '../output.js';
import { EXIT, UsageError } from '../usage.js';
import { packageVersion } from '../version.js';

/** A file the command reads that turns out unusable is the user's input: exit 2, one line. */
const asUsage = (error: unknown): never => {
  if (error instanceof HarError || error instanceof BaselineError) throw new UsageError(error.message);
  throw error;
};

export async function validate(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, {
    har: { type: 'string' },
    'base-url': { type: 'string' },
    'token-url': { type: 'string' },
    'callback-url': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    strict: { type: 'boolean' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'string' },
    evidence: { type: 'string' },
    'max-entry-bytes': { type: 'string' },
  });
  if (values.har === undefined || values.har === '') throw new UsageError('validate needs --har FILE');
  const format = choiceArg('format', values.format, FORMATS);
  const maxEntryBytes = bytesArg('max-entry-bytes', values['max-entry-bytes']);
  const callbackUrl = urlArg('callback-url', values['callback-url']);
  const endpoints = {
    baseUrl: urlArg('base-url', values['base-url']) ?? DEFAULT_BASE_URL,
    tokenUrl: urlArg('token-url', values['token-url']) ?? DEFAULT_TOKEN_URL,
    ...(callbackUrl ? { callbackUrl } : {}),
  };
  const [out, evidence, update] = await Promise.all([
    outArg(values.out),
    outArg(values.evidence),
    outArg(values['update-baseline']),
  ]);
  const baseline = values.baseline === undefined ? undefined : await readBaseline(values.baseline).catch(asUsage);

  const recorder = new TrafficRecorder(endpoints);
  const started = performance.now();
  let next = 10_000;
  try {
    for await (const item of readHar(values.har, maxEntryBytes ? { maxEntryBytes } : {})) {
      if ('problem' in item) recorder.unreadable();
      else recorder.add(item.index, item.exchange);
      if (item.index + 1 >= next) {
        next += 10_000;
        if (performance.now() - started > 2_000) process.stderr.write(`validate: ${item.index + 1} entries read\n`);
      }
    }
  } catch (error) {
    asUsage(error);
  }
  let report = recorder.report('validate', values.har, baseline);
  if (values.strict) report = applyTrafficStrict(report);
  const clean = recorder.secrets.clean;
  if (update) {
    await writeBaseline(update, report.findings);
    process.stderr.write(`baseline of ${report.findings.length} finding(s) written to ${printable(update, 200)}\n`);
  }
  if (evidence) {
    await writeFile(evidence, trafficHar(report, clean, packageVersion()));
    process.stderr.write(`evidence (${report.evidence.length} exchange(s)) written to ${printable(evidence, 200)}\n`);
  }
  await emit(clean(renderTraffic(report, format, values.strict === true, clean)), out);
  if (report.fatal) return EXIT.CANNOT_RUN;
  return report.summary.errors > 0 ? EXIT.PROBLEM : EXIT.OK;
}
