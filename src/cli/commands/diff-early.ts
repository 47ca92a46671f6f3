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
 * anything else loads; the command takes it, and hands it the job, when its
 * limits are the ones the run needs, and otherwise ends it and starts one with
 * the right limits. An early worker that is never taken (`--help`, a bad
 * option) does not keep the process alive.
 */
import { open, stat } from 'node:fs/promises';
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
export async function youngGenerationMiB(sources: readonly string[]): Promise<number> {
  const sizes = await Promise.all(
    sources.map((source) =>
      stat(source).then(
        (info) => (info.isFile() ? info.size : Number.NaN),
        () => Number.NaN,
      ),
    ),
  );
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= SMALL_INPUT_BYTES) return YOUNG_SMALL_MIB;
  if (!Number.isNaN(total) && (await Promise.all(sources.map(startsLikeJson))).every(Boolean)) return YOUNG_SMALL_MIB;
  return YOUNG_LARGE_MIB;
}

/** The most bytes read from the start of a file to tell whether it reads as JSON. */
const SNIFF_BYTES = 4_096;

/**
 * Whether a file's first character, past whitespace and a byte order mark, opens a JSON object or array: what
 * the loader parses as JSON first (looksLikeJson in src/diff/load.ts). Only a hint for sizing the worker:
 * a file it misjudges is read as before, a little slower or heavier.
 */
async function startsLikeJson(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
      let i = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
      while (i < bytesRead && (buffer[i] === 0x20 || buffer[i] === 0x0a || buffer[i] === 0x0d || buffer[i] === 0x09))
        i++;
      return i < bytesRead && (buffer[i] === 0x7b || buffer[i] === 0x5b);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

export interface WorkerLimits {
  /** The old generation: --max-memory. */
  readonly heapMiB: number;
  readonly youngMiB: number;
}

const WORKER = new URL('./diff-worker.js', import.meta.url);
/** The limits an early worker starts with: --max-memory's default and a small input's young generation. */
const EARLY: WorkerLimits = { heapMiB: DEFAULT_DIFF_HEAP_MIB, youngMiB: YOUNG_SMALL_MIB };

let early: { readonly worker: Worker; failed: boolean } | undefined;

/** Whether the installed command starts the worker early for these arguments: `diff`, not its help. */
export const startsEarly = (argv: readonly string[]): boolean =>
  argv[0] === 'diff' && !argv.includes('-h') && !argv.includes('--help');

const start = (limits: WorkerLimits, job?: unknown): Worker =>
  new Worker(WORKER, {
    ...(job === undefined ? {} : { workerData: job }),
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMiB, maxYoungGenerationSizeMb: limits.youngMiB },
  });

/** Starts the worker with the default limits, to wait for its job; returns it (for tests). */
export function startEarly(): Worker {
  const worker = start(EARLY);
  const started = { worker, failed: false };
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
  if (taken && !taken.failed && sameLimits(limits, EARLY)) {
    taken.worker.ref();
    taken.worker.postMessage(job);
    return taken.worker;
  }
  if (taken) void taken.worker.terminate();
  return start(limits, job);
}

const sameLimits = (a: WorkerLimits, b: WorkerLimits) => a.heapMiB === b.heapMiB && a.youngMiB === b.youngMiB;
