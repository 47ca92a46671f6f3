import { writeFile } from 'node:fs/promises';
import { printable, redact, type Secrets } from '../core/sanitize.js';

/**
 * Results go to stdout or --out; progress and reasons go to stderr. Whatever
 * is written passes one last redaction of the client secret, in every form it
 * travels in, whatever a server or a file managed to put into a report.
 */
export async function emit(text: string, out: string | undefined, secrets: Secrets = {}): Promise<void> {
  const safe = redact(text, secrets);
  if (out) {
    await writeFile(out, safe);
    process.stderr.write(`report written to ${printable(out, 200)}\n`);
  } else {
    process.stdout.write(safe);
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
