import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_INPUT_BYTES, youngGenerationMiB } from '../../src/cli/commands/diff-early.js';

describe("the diff worker's young generation", () => {
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-young-'));
    await writeFile(file('small-a.yaml'), 'openapi: 3.1.0\n');
    await writeFile(file('small-b.yaml'), 'openapi: 3.1.0\n');
    // Sparse files: their size is what counts, and they take no disk.
    await writeFile(file('half.json'), '');
    await truncate(file('half.json'), SMALL_INPUT_BYTES / 2);
    await writeFile(file('half-and-one.json'), '');
    await truncate(file('half-and-one.json'), SMALL_INPUT_BYTES / 2 + 1);
    await mkdir(file('folder'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is the small one for two local files of up to SMALL_INPUT_BYTES together, the boundary included', async () => {
    expect(await youngGenerationMiB([file('small-a.yaml'), file('small-b.yaml')])).toBe(8);
    expect(await youngGenerationMiB([file('half.json'), file('half.json')])).toBe(8);
  });

  it('is the larger one past SMALL_INPUT_BYTES', async () => {
    expect(await youngGenerationMiB([file('half.json'), file('half-and-one.json')])).toBe(16);
  });

  it.each([
    ['an http URL', 'http://127.0.0.1:9/openapi.yaml'],
    ['a git revision', 'HEAD:spec/openapi.yaml'],
    ['a folder', 'folder'],
    ['a file that is not there', 'missing.yaml'],
  ])('is the larger one when a source is %s, whose size is not known before it is read', async (_, source) => {
    const named = source.includes(':') ? source : file(source);
    expect(await youngGenerationMiB([file('small-a.yaml'), named])).toBe(16);
  });
});
