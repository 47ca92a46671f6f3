/**
 * The `diff` command's worker: its limits, and its start before the command's
 * own modules load.
 *
 * A worker takes about 80 ms to start here (Node's bootstrap of a new
 * isolate, then its bundle and js-yaml), on the second core; the command's
 * thread spends 20-25 ms loading its modules and reading its options first.
 * Started one after the other, they add up; started side by side, the job
 * waits only for the worker (docs/performance.md, section 7, "The worker
 * started first"). The installed command starts one here for `diff` before
 * anything else loads, with the limits the sources its command line names
 * need (`earlyLimits`); the command takes it, and hands it the job, when its
 * limits are the ones the run needs, and otherwise ends it and starts one with
 * the right limits. An early worker that is never taken (`--help`, a bad
 * option) does not keep the process alive.
 */
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DEFAULT_DIFF_HEAP_MIB } from '../../diff/formats.js';

/** The worker's young generation, in MiB, for small local inputs and for the rest (`youngGenerationMiB`). */
export const YOUNG_SMALL_MIB = 8;
export const YOUNG_LARGE_MIB = 16;

/**
 * The most bytes both versions' files may hold together for the worker to get the smaller young generation.
 * Between 16 MB and 32 MB of input the smaller one starts to cost more than it saves (docs/performance.md,
 * section 7, "The young generation by the size of the input").
 */
export const SMALL_INPUT_BYTES = 16 * 2 ** 20;

/**
 * The worker's young generation, in MiB: YOUNG_SMALL_MIB for local files of up to SMALL_INPUT_BYTES together,
 * or of any size when each reads as JSON; else YOUNG_LARGE_MIB. Each page of memory a process touches for the
 * first time costs it (about 3 ms a MiB on the 2-core VM the benchmarks run on), and a young generation is
 * touched whole as a parse fills it; a small input's parse needs no more than 8 MiB, while a large YAML one
 * collects too often in it (js-yaml builds a document of small objects). `JSON.parse` and the walk beside the
 * old version allocate little that dies young: large JSON runs as fast or faster in 8 MiB, and 20 to 35 MiB
 * lighter (docs/performance.md, section 7). A URL, a `REV:path` or anything else whose size is not known
 * before it is read gets 16.
 */
export function youngGenerationMiB(sources: readonly string[]): number {
  const total = sources.reduce((sum, source) => sum + fileSize(source), 0);
  if (total <= SMALL_INPUT_BYTES) return YOUNG_SMALL_MIB;
  if (!Number.isNaN(total) && sources.every(startsLikeJson)) return YOUNG_SMALL_MIB;
  return YOUNG_LARGE_MIB;
}

/** A regular file's size, else NaN (a URL, a `REV:path`, a folder, nothing there). */
function fileSize(source: string): number {
  try {
    const info = statSync(source);
    return info.isFile() ? info.size : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The most bytes read from the start of a file to tell whether it reads as JSON. */
const SNIFF_BYTES = 4_096;

/**
 * Whether a file's first character, past whitespace and a byte order mark, opens a JSON object or array: what
 * the loader parses as JSON first (looksLikeJson in src/diff/load.ts). Only a hint for sizing the worker:
 * a file it misjudges is read as before, a little slower or heavier. Synchronous, like `fileSize`: a stat and
 * a 4 KiB read each, done before the worker starts (`earlyLimits`), when nothing else could run meanwhile.
 */
function startsLikeJson(path: string): boolean {
  let fd: number | undefined;
  try {
    // Not blocking: a file swapped for a FIFO since its stat would otherwise hold the command before it starts.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const bytesRead = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    let i = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    while (i < bytesRead && (buffer[i] === 0x20 || buffer[i] === 0x0a || buffer[i] === 0x0d || buffer[i] === 0x09)) i++;
    return i < bytesRead && (buffer[i] === 0x7b || buffer[i] === 0x5b);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface WorkerLimits {
  /** The old generation: --max-memory. */
  readonly heapMiB: number;
  readonly youngMiB: number;
}

const WORKER = new URL('./diff-worker.js', import.meta.url);

let early: { readonly worker: Worker; readonly limits: WorkerLimits; failed: boolean } | undefined;

/** Whether the installed command starts the worker early for these arguments: `diff`, not its help. */
export const startsEarly = (argv: readonly string[]): boolean =>
  argv[0] === 'diff' && !argv.includes('-h') && !argv.includes('--help');

const start = (limits: WorkerLimits, job?: unknown): Worker =>
  new Worker(WORKER, {
    ...(job === undefined ? {} : { workerData: job }),
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMiB, maxYoungGenerationSizeMb: limits.youngMiB },
  });

/**
 * The limits an early worker starts with: --max-memory's default, and the young generation of the run's two
 * sources as `argv` names them, before its options are parsed (their declarations load with the command's
 * modules, which is what the early start runs beside). The arguments that are not flags are the sources when
 * there are two; else the two of them that name files (a flag's value, such as `--format json`, rarely does);
 * else a small input's young generation, as for more words than a run of `diff` can take (MAX_GUESS_WORDS: no
 * file is looked at for them). A guess that turns out wrong (the sources were others, or --max-memory is given)
 * costs what it did before: the command ends the worker and starts another.
 */
export function earlyLimits(argv: readonly string[]): WorkerLimits {
  const words = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  const files =
    words.length === 2 || words.length > MAX_GUESS_WORDS
      ? words
      : words.filter((word) => !Number.isNaN(fileSize(word)));
  return {
    heapMiB: DEFAULT_DIFF_HEAP_MIB,
    youngMiB: files.length === 2 ? youngGenerationMiB(files) : YOUNG_SMALL_MIB,
  };
}

/**
 * The most words that are not flags `earlyLimits` looks among for the sources: two, and a value for each option
 * of `diff` that takes one (eight), with room to spare. Past it, argv is not a run that can start, and a stat
 * for each word would only hold back the one line that says so.
 */
export const MAX_GUESS_WORDS = 16;

/** Starts the worker for the run `argv` names (`earlyLimits`), to wait for its job; returns it (for tests). */
export function startEarly(argv: readonly string[]): Worker {
  const limits = earlyLimits(argv);
  const worker = start(limits);
  const started = { worker, limits, failed: false };
  // Until the command takes it, nobody listens: an error or an exit now is kept, and the command starts another.
  const failed = () => {
    started.failed = true;
  };
  worker.once('error', failed);
  worker.once('exit', failed);
  worker.unref();
  early = started;
  return worker;
}

/**
 * A worker running `job` under `limits`: the early one, handed the job, when it
 * has those limits and has not failed; otherwise a new one (the early one, if
 * any, is ended).
 */
export function diffWorker(job: unknown, limits: WorkerLimits): Worker {
  const taken = early;
  early = undefined;
  if (taken && !taken.failed && sameLimits(limits, taken.limits)) {
    taken.worker.ref();
    taken.worker.postMessage(job);
    return taken.worker;
  }
  if (taken) void taken.worker.terminate();
  return start(limits, job);
}

const sameLimits = (a: WorkerLimits, b: WorkerLimits) => a.heapMiB === b.heapMiB && a.youngMiB === b.youngMiB;
