/**
 * A large spec file read whole (src/diff/file-text.ts): the same text as
 * `readFile(path, 'utf8')` gives, whatever falls across a read's edge; the cap
 * held against a file that grew after `stat` measured it; and the buffer's
 * memory handed back, not left for the collector.
 */
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLargeError } from '../../src/core/body.js';
import { handBack, readFileText, WHOLE_READ_MIN_BYTES } from '../../src/diff/file-text.js';
import { loadSpec } from '../../src/diff/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-file-text-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A file of `bytes` bytes: ASCII filler around the given pieces, each placed at its offset. */
async function fileOf(name: string, bytes: number, pieces: readonly [number, Buffer][] = []): Promise<string> {
  const content = Buffer.alloc(bytes, 'a');
  for (const [at, piece] of pieces) piece.copy(content, at);
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('readFileText', () => {
  const size = WHOLE_READ_MIN_BYTES + 4096;

  it('gives what readFile decodes: a byte order mark, characters of two to four bytes, bytes that are not UTF-8', async () => {
    const path = await fileOf('mixed.json', size, [
      [0, Buffer.from([0xef, 0xbb, 0xbf])],
      // Across the first 512 KiB piece readFile decodes, and the middle of the file.
      [512 * 1024 - 2, Buffer.from('😀é€', 'utf8')],
      [size >> 1, Buffer.from('ø漢😀', 'utf8')],
      // A lone continuation byte, a truncated sequence, an overlong encoding.
      [size - 64, Buffer.from([0x80, 0xe2, 0x82, 0x41, 0xc0, 0xaf])],
      [size - 1, Buffer.from([0xf0])],
    ]);
    const expected = await readFile(path, 'utf8');
    const { text, bytes } = await readFileText(path, size, size);
    expect(bytes).toBe(size);
    expect(text.length).toBe(expected.length);
    expect(text === expected).toBe(true);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.includes('\ufffd')).toBe(true);
  });

  it('reads a small file as before, and an empty one', async () => {
    const small = await fileOf('small.json', 100, [[0, Buffer.from('{"é":1}')]]);
    expect(await readFileText(small, 100, 1000)).toEqual({ text: await readFile(small, 'utf8'), bytes: 100 });
    const empty = await fileOf('empty.json', 0);
    expect(await readFileText(empty, 0, 1000)).toEqual({ text: '', bytes: 0 });
  });

  it('reads on past the size stat gave when the file has grown since, up to the cap and not past it', async () => {
    const path = await fileOf('grown.json', size);
    await appendFile(path, 'bbbb');
    const grown = await readFileText(path, size, size + 4);
    expect(grown.bytes).toBe(size + 4);
    expect(grown.text.endsWith('abbbb')).toBe(true);
    await expect(readFileText(path, size, size + 3)).rejects.toThrow(BodyTooLargeError);
    await expect(readFileText(path, size, size + 3)).rejects.toThrow(/the spec is larger than the/);
  });

  it('reads as before a file grown past its buffer (over 32 MiB) within a larger cap, and refuses it past the cap', async () => {
    const large = 33 * 1024 * 1024;
    const path = await fileOf('grown-large.json', large, [[large - 3, Buffer.from('end')]]);
    // stat said 8 MiB; the file now holds 33 MiB, more than the buffer read whole takes.
    const read = await readFileText(path, size, 64 * 1024 * 1024);
    expect(read.bytes).toBe(large);
    expect(read.text.length).toBe(large);
    expect(read.text.endsWith('aend')).toBe(true);
    await expect(readFileText(path, size, large - 1)).rejects.toThrow(BodyTooLargeError);
  });

  it('hands the buffer back: its memory moves out, the buffer is left empty', () => {
    const buffer = Buffer.allocUnsafeSlow(WHOLE_READ_MIN_BYTES);
    handBack(buffer);
    expect(buffer.buffer.byteLength).toBe(0);
    expect(buffer.length).toBe(0);
    // One that cannot move (a slice of Node's shared pool) is left as it was.
    const pooled = Buffer.from('pooled');
    handBack(pooled);
    expect(pooled.toString()).toBe('pooled');
  });
});

describe('the loader reads a large spec whole', () => {
  it('loads the same document from it as from the text readFile gives', async () => {
    const properties: Record<string, unknown> = {};
    // About 60 bytes a property: past the size read whole.
    for (let i = 0; i * 60 < WHOLE_READ_MIN_BYTES + 1024; i++)
      properties[`property${i}`] = { type: 'string', description: `é ${i} 😀` };
    const doc = {
      openapi: '3.1.0',
      info: { title: 'large', version: '1' },
      paths: {},
      components: { schemas: { S: { type: 'object', properties } } },
    };
    const path = join(dir, 'large.json');
    const text = JSON.stringify(doc);
    expect(Buffer.byteLength(text)).toBeGreaterThan(WHOLE_READ_MIN_BYTES);
    await writeFile(path, text);
    const loaded = await loadSpec(path);
    expect(loaded.files.get(loaded.rootKey)?.doc).toEqual(doc);
  });
});
