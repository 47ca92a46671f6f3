/**
 * The `diff` command's worker: runs one diff under the heap limit the command
 * gave it and posts the outcome back, or the error as a name and a message
 * (a worker's errors reach the command as copies, without their class).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { holdTurbofan, releaseTurbofan } from './diff-compiler.js';
import { type DiffJob, runDiff } from './diff-run.js';

// Turbofan held back while the comparison is young (diff-compiler.ts); the command's thread lets it go if it runs long.
const phases = {
  comparing: (characters: number) => {
    if (holdTurbofan(characters)) parentPort!.postMessage({ comparing: true });
  },
  compared: releaseTurbofan,
};

try {
  // Started early (diff-early.ts), the worker gets its job as its first message.
  const job = (workerData as DiffJob | null) ?? (await new Promise<DiffJob>((got) => parentPort!.once('message', got)));
  parentPort!.postMessage({ outcome: await runDiff(job, phases) });
} catch (error) {
  parentPort!.postMessage({
    error: {
      name: (error as Error)?.name ?? 'Error',
      message: (error as Error)?.message ?? String(error),
      stack: (error as Error)?.stack,
    },
  });
}
