import { outArg, parseCommand } from '../args.js';
import { emit } from '../output.js';
import { EXIT, UsageError } from '../usage.js';
import { releaseTurbofan, TURBOFAN_HOLD_MS } from './diff-compiler.js';
import { diffWorker, youngGenerationMiB } from './diff-early.js';
import type { DiffJob, DiffOutcome } from './diff-run.js';
import { COMMAND_OPTIONS, OPTION, parseConfig, read } from '../options.js';

export { DEFAULT_DIFF_HEAP_MIB } from '../../diff/formats.js';

/** The worker's errors that say why the diff could not run, in words meant for its user (by name: they cross a thread). */
const EXPECTED = new Set(['SpecLoadError', 'TypesUnavailableError']);

/** The options `diff` takes: each one is in its --help (test/cli/help.test.ts). */
export const DIFF_OPTIONS = parseConfig(COMMAND_OPTIONS.diff);

export async function diff(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(argv, DIFF_OPTIONS, true);
  const format = read(OPTION.diffFormat, values);
  const failOn = read(OPTION.failOn, values);
  const maxBytes = read(OPTION.specMaxBytes, values);
  const heapMiB = read(OPTION.maxMemory, values);
  const deprecationDaysBeta = read(OPTION.deprecationDaysBeta, values);
  const deprecationDaysStable = read(OPTION.deprecationDaysStable, values);
  const stabilityLevel = read(OPTION.stabilityLevel, values);
  if (positionals.length !== 2)
    throw new UsageError(`diff needs OLD_SPEC and NEW_SPEC, got ${positionals.length} argument(s)`);
  const out = await outArg(values.out);
  const [oldSource, newSource] = positionals as [string, string];
  const job: DiffJob = {
    oldSource,
    newSource,
    format,
    failOn,
    types: values.types === true,
    allowExternalRefs: values['allow-external-refs'] === true,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(deprecationDaysBeta === undefined ? {} : { deprecationDaysBeta }),
    ...(deprecationDaysStable === undefined ? {} : { deprecationDaysStable }),
    stabilityLevel,
  };
  const { text, failing } = await inWorker(job, heapMiB, youngGenerationMiB([oldSource, newSource]));
  await emit(text, out);
  return failing ? EXIT.PROBLEM : EXIT.OK;
}

/** Runs the diff in a worker whose heap is limited; its errors come back as the classes the command reports. */
function inWorker(job: DiffJob, heapMiB: number, youngMiB: number): Promise<DiffOutcome> {
  // The one the installed command started early, when its limits are these (diff-early.ts), else a new one.
  const worker = diffWorker(job, { heapMiB, youngMiB });
  // The worker holds Turbofan back when its comparison starts; this thread, idle meanwhile, lets it go
  // once the comparison has run TURBOFAN_HOLD_MS (diff-compiler.ts), and when the worker is done, whatever it did.
  let release: ReturnType<typeof setTimeout> | undefined;
  const done = () => {
    clearTimeout(release);
    if (release) releaseTurbofan();
  };
  return new Promise<DiffOutcome>((resolve, reject) => {
    worker.on(
      'message',
      (message: {
        comparing?: true;
        outcome?: DiffOutcome;
        error?: { name: string; message: string; stack?: string };
      }) => {
        if (message.comparing) {
          release = setTimeout(releaseTurbofan, TURBOFAN_HOLD_MS);
          release.unref();
          return;
        }
        if (message.outcome) return resolve(message.outcome);
        const { name, message: text, stack } = message.error!;
        // A spec that cannot be read, or --types without a compiler API, is the user's input: one line, exit 2.
        const error = EXPECTED.has(name) ? new UsageError(text) : Object.assign(new Error(text), { name });
        // The worker's stack, for CONNECT_FULFILLMENT_DEBUG=1: the command never shows it otherwise.
        if (stack) error.stack = stack;
        reject(error);
      },
    );
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(
          new UsageError(
            `comparing these specs needs more than ${heapMiB} MiB of memory; --max-memory raises the limit`,
          ),
        );
      } else reject(error);
    });
    worker.once('exit', (code) => reject(new Error(`the diff worker stopped (exit code ${code})`)));
  }).finally(done);
}
