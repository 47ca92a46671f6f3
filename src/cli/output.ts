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
