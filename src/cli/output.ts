import { writeFile } from 'node:fs/promises';
import { printable } from '../core/sanitize.js';

/**
 * Results go to stdout or --out; progress and reasons go to stderr. A report
 * is written as it is: the run that made it redacted it once, as it ended
 * (src/evidence/secrets.ts).
 */
export async function emit(text: string, out: string | undefined): Promise<void> {
  if (out) {
    await writeFile(out, text);
    process.stderr.write(`report written to ${printable(out, 200)}\n`);
  } else {
    process.stdout.write(text);
  }
}

let guarded = false;

/**
 * What becomes of output that cannot be written. A reader that went away
 * (EPIPE: `connect-fulfillment diff A B | head`) ends the output quietly and
 * the run keeps its exit code, as a Unix filter does. Any other failure (a
 * full disk, an I/O error) loses output that was asked for: one line on
 * stderr, and a run that would have exited 0 exits `lostExitCode`, unless it
 * is undefined (`complete`, whose exit code says what became of the order).
 * Without a listener Node throws the stream's error, stack and all. An
 * error on stderr itself has nowhere left to be told.
 */
export function guardStandardStreams(command: string | undefined, lostExitCode: number | undefined): void {
  if (guarded) return;
  guarded = true;
  let failed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // Only the first error says what happened; writes after it fail because the stream is gone.
    if (failed) return;
    failed = true;
    if (error.code === 'EPIPE') return;
    const who = command === undefined ? 'connect-fulfillment' : `connect-fulfillment ${command}`;
    process.stderr.write(
      `${who}: could not write to standard output (${printable(error.message, 200)}); the output is incomplete\n`,
    );
    if (lostExitCode !== undefined) process.on('exit', () => (process.exitCode ||= lostExitCode));
  });
  process.stderr.on('error', () => {});
}

/**
 * A progress line on stderr, but only once `text`'s wait has lasted `afterMs`:
 * a quick command, or one that fails at once, still prints a single line.
 * Returns what stops it.
 */
export function progressAfter(text: string, afterMs = 2_000): () => void {
  const timer = setTimeout(() => process.stderr.write(`${text}\n`), afterMs);
  timer.unref();
  return () => clearTimeout(timer);
}
