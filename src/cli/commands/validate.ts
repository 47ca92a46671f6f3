import { HarError, readHar } from '../../evidence/har.js';
import { TrafficRecorder } from '../../traffic/recorder.js';
import type { TrafficEndpoints } from '../../traffic/checks.js';
import { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL } from '../../core/spec.js';
import { parseCommand } from '../args.js';
import { endTraffic, reportOptions } from '../report-options.js';
import { UsageError } from '../usage.js';
import { COMMAND_OPTIONS, OPTION, parseConfig, read } from '../options.js';

/** A HAR that turns out unusable is the user's input: exit 2, one line. */
const asUsage = (error: unknown): never => {
  if (error instanceof HarError) throw new UsageError(error.message);
  throw error;
};

/** The options `validate` takes: each one is in its --help (test/cli/help.test.ts). */
export const VALIDATE_OPTIONS = parseConfig(COMMAND_OPTIONS.validate);

export async function validate(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, VALIDATE_OPTIONS);
  if (values.har === undefined || values.har === '') throw new UsageError('validate needs --har FILE');
  const maxEntryBytes = read(OPTION.maxEntryBytes, values);
  const callbackUrl = read(OPTION.recordedCallbackUrl, values);
  const baseUrl = read(OPTION.recordedBaseUrl, values);
  const tokenUrl = read(OPTION.recordedTokenUrl, values);
  const options = await reportOptions(values);
  // Flags win; without any, a HAR of ours says where its traffic went; else the spec's servers.
  const named = baseUrl !== undefined || tokenUrl !== undefined || callbackUrl !== undefined;
  const endpointsFor = (recorded: TrafficEndpoints | undefined): TrafficEndpoints =>
    !named && recorded
      ? recorded
      : {
          baseUrl: baseUrl ?? DEFAULT_BASE_URL,
          tokenUrl: tokenUrl ?? DEFAULT_TOKEN_URL,
          ...(callbackUrl ? { callbackUrl } : {}),
        };

  let recorder: TrafficRecorder | undefined;
  const started = performance.now();
  let next = 10_000;
  try {
    for await (const item of readHar(values.har, maxEntryBytes ? { maxEntryBytes } : {})) {
      recorder ??= new TrafficRecorder(endpointsFor('endpoints' in item ? item.endpoints : undefined));
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
  recorder ??= new TrafficRecorder(endpointsFor(undefined));
  return endTraffic(recorder.report('validate', values.har), options);
}
