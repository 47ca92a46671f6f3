/**
 * A large local file's text, read into one buffer and decoded once, the
 * buffer's memory handed back the moment the text is made.
 *
 * `readFile(path, 'utf8')` decodes each 512 KiB piece as it reads it and joins
 * the pieces; the first use of the text copies them into one string, and the
 * pieces (as much again as the file) lie dead until the next full collection,
 * which a diff near its cap may not run before its peak (the two texts and
 * the old document live; docs/performance.md, section 7, "A large file read
 * whole"). Read whole into one
 * buffer instead, a file leaves only that buffer behind, and the buffer can be
 * let go at once: its memory moves to a new ArrayBuffer that nothing refers to
 * (a transfer), freed by the next young collection, however long the old one
 * lived.
 *
 * One catch, glibc's malloc: freeing a mapped block of up to 32 MiB raises the
 * size below which later blocks come from its heap, where freed memory stays
 * with the process, so the second file's buffer would never be given back. A
 * block of more than 32 MiB is always mapped and unmapped: the buffer asks for
 * that much (pages never written cost no memory).
 */
import { open, readFile } from 'node:fs/promises';
import { BodyTooLargeError } from '../core/body.js';

/**
 * Files smaller than this are read as before. The buffer counts whole as memory outside V8's heap, and that
 * brings its collector's marking forward: read whole, a 3 MB YAML pair's diff took 7% longer to save 3 MiB, not
 * worth it; a 20 MB JSON pair's about 6% longer to save 14 MiB, and the 32.5 MB spec changed saves 10 MiB at
 * its peak (docs/performance.md, section 7, "A large file read whole").
 */
export const WHOLE_READ_MIN_BYTES = 8 * 1024 * 1024;

/** More than glibc's largest threshold for mapping a block itself (32 MiB on 64-bit systems). */
const ALWAYS_MAPPED_BYTES = 32 * 1024 * 1024 + 64 * 1024;

/**
 * The file's text (decoded as `readFile(path, 'utf8')` decodes it) and its bytes. `size` is what `stat` said;
 * a file that has grown since is read on, up to `maxBytes`, past which it throws BodyTooLargeError.
 */
export async function readFileText(
  path: string,
  size: number,
  maxBytes: number,
): Promise<{ text: string; bytes: number }> {
  if (size < WHOLE_READ_MIN_BYTES) {
    const text = await readFile(path, 'utf8');
    return { text, bytes: size };
  }
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafeSlow(Math.max(size + 1, ALWAYS_MAPPED_BYTES));
  try {
    // One byte more than the cap at most: a file that grew past it since `stat` is caught here.
    const limit = Math.min(buffer.length, maxBytes + 1);
    let bytes = 0;
    while (bytes < limit) {
      const { bytesRead } = await handle.read(buffer, bytes, limit - bytes, bytes);
      if (bytesRead === 0) break;
      bytes += bytesRead;
    }
    const tooLarge = () => new BodyTooLargeError({ limit: maxBytes, what: 'the spec' });
    if (bytes > maxBytes) throw tooLarge();
    if (bytes === buffer.length) {
      // Grown past the buffer but within a cap larger still (a --max-bytes above 32 MiB): read as before.
      const text = await readFile(path, 'utf8');
      const total = Buffer.byteLength(text);
      if (total > maxBytes) throw tooLarge();
      return { text, bytes: total };
    }
    return { text: buffer.toString('utf8', 0, bytes), bytes };
  } finally {
    await handle.close();
    handBack(buffer);
  }
}

/**
 * Lets a buffer's memory go now rather than at the next full collection: it moves to a fresh ArrayBuffer that
 * nothing holds (the buffer is left empty). Where a runtime cannot transfer it, it goes with the buffer, later.
 */
export function handBack(buffer: Buffer): void {
  try {
    structuredClone(buffer.buffer, { transfer: [buffer.buffer] });
  } catch {
    // Not transferable here: the collector frees it with the buffer.
  }
}
