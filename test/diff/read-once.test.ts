/**
 * The versions of one diff share what they read: a file both name is read
 * once while it is unchanged on disk (a spec diffed against itself, a file
 * both versions reference), and read again the moment its size or
 * modification time says it changed. The cache is told apart from a second
 * read by a file rewritten in place to other content of the same size, its
 * modification time put back: only a read that was skipped still sees the
 * first content.
 */
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs, type LoadedSpec, loadSpec } from '../../src/diff/index.js';
import { ParseCache } from '../../src/diff/load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-diff-read-once-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A one-operation spec whose title is `title` (every title here is two characters, so the files keep one size). */
const spec = (title: string, ref?: string) =>
  JSON.stringify({
    openapi: '3.1.0',
    info: { title, version: '1' },
    paths: {
      '/x': {
        get: {
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: ref ? { $ref: ref } : { type: 'string' } } },
            },
          },
        },
      },
    },
  });

const title = (loaded: LoadedSpec) =>
  (loaded.files.get(loaded.rootKey)?.doc as { info?: { title?: string } } | undefined)?.info?.title;

/** Every file here is given this modification time (whole seconds: a time read back to the nanosecond may not set back). */
const PINNED = 1_700_000_000;

async function write(file: string, text: string, time = PINNED): Promise<void> {
  await writeFile(file, text);
  await utimes(file, time, time);
}

/** Rewrites the file in place (same inode, same size) to other content, its modification time as it was. */
async function rewriteKeepingTime(file: string, text: string): Promise<void> {
  const before = await stat(file);
  await write(file, text);
  const after = await stat(file);
  expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
}

describe('a file both versions name is read once', () => {
  it('a spec against itself: the second version is the first read, not read again', async () => {
    const file = join(dir, 'self.json');
    await write(file, spec('v1'));
    const parsed = new ParseCache();
    const first = await loadSpec(file, { parsed });
    await rewriteKeepingTime(file, spec('v2'));
    const second = await loadSpec(file, { parsed });
    expect(title(second)).toBe('v1');
    expect(second.files.get(second.rootKey)?.doc).toBe(first.files.get(first.rootKey)?.doc);
    // Without the cache the file is read, and its new content seen: the test tells the two apart.
    expect(title(await loadSpec(file))).toBe('v2');
    // A cleared cache reads again.
    parsed.clear();
    expect(title(await loadSpec(file, { parsed }))).toBe('v2');
  });

  it('read again when its size or its modification time has changed', async () => {
    const file = join(dir, 'changed.json');
    await write(file, spec('v1'));
    const parsed = new ParseCache();
    expect(title(await loadSpec(file, { parsed }))).toBe('v1');
    await write(file, `${spec('v2')}\n`);
    expect(title(await loadSpec(file, { parsed }))).toBe('v2');
    await write(file, `${spec('v3')}\n`, PINNED + 5);
    expect(title(await loadSpec(file, { parsed }))).toBe('v3');
  });

  it('another file of the same size and time is read; one with the same text shares its document', async () => {
    const [a, b, c] = [join(dir, 'a.json'), join(dir, 'b.json'), join(dir, 'c.json')];
    await write(a, spec('v1'));
    await write(b, spec('v2'));
    await write(c, spec('v1'));
    const parsed = new ParseCache();
    const first = await loadSpec(a, { parsed });
    const other = await loadSpec(b, { parsed });
    expect(title(other)).toBe('v2');
    const copy = await loadSpec(c, { parsed });
    expect(copy.files.get(copy.rootKey)?.doc).toBe(first.files.get(first.rootKey)?.doc);
  });

  it('a file both versions reference is read once, and the diff sees no change in it', async () => {
    const shared = join(dir, 'shared.json');
    await write(shared, JSON.stringify({ Thing: { type: 'string' } }));
    const [oldFile, newFile] = [join(dir, 'old.json'), join(dir, 'new.json')];
    await write(oldFile, spec('o1', 'shared.json#/Thing'));
    await write(newFile, spec('n1', 'shared.json#/Thing'));
    const parsed = new ParseCache();
    const oldSpec = await loadSpec(oldFile, { parsed });
    await rewriteKeepingTime(shared, JSON.stringify({ Thing: { type: 'number' } }));
    const newSpec = await loadSpec(newFile, { parsed });
    const key = [...newSpec.files.keys()].find((k) => k.endsWith('shared.json'))!;
    expect(newSpec.files.get(key)?.doc).toBe(oldSpec.files.get(key)?.doc);
    expect(diffSpecs(oldSpec, newSpec).filter((c) => c.level === 'breaking')).toEqual([]);
  });
});
