import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  earlyLimits,
  MAX_GUESS_WORDS,
  SMALL_INPUT_BYTES,
  youngGenerationMiB,
} from '../../src/cli/commands/diff-early.js';

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
    // Large files that read as JSON (a byte order mark and whitespace before the first brace in one), and YAML.
    for (const [name, start] of [
      ['large-a.json', '{"openapi":"3.1.0"'],
      ['large-b.json', '\ufeff \r\n\t["x"'],
      ['large.yaml', 'openapi: 3.1.0\n'],
      ['large-flow.yaml', '  # a comment\n{openapi: 3.1.0}'],
    ]) {
      await writeFile(file(name!), start!);
      await truncate(file(name!), SMALL_INPUT_BYTES);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is the small one for two local files of up to SMALL_INPUT_BYTES together, the boundary included', () => {
    expect(youngGenerationMiB([file('small-a.yaml'), file('small-b.yaml')])).toBe(8);
    expect(youngGenerationMiB([file('half.json'), file('half.json')])).toBe(8);
  });

  it('is the larger one past SMALL_INPUT_BYTES', () => {
    expect(youngGenerationMiB([file('half.json'), file('half-and-one.json')])).toBe(16);
  });

  it('is the small one past SMALL_INPUT_BYTES when every file reads as JSON', () => {
    expect(youngGenerationMiB([file('large-a.json'), file('large-b.json')])).toBe(8);
    expect(youngGenerationMiB([file('large-a.json'), file('large-a.json')])).toBe(8);
  });

  it('is the larger one past SMALL_INPUT_BYTES when a file reads as YAML', () => {
    expect(youngGenerationMiB([file('large-a.json'), file('large.yaml')])).toBe(16);
    expect(youngGenerationMiB([file('large-flow.yaml'), file('large-a.json')])).toBe(16);
    expect(youngGenerationMiB([file('large.yaml'), file('large.yaml')])).toBe(16);
  });

  it.each([
    ['an http URL', 'http://127.0.0.1:9/openapi.yaml'],
    ['a git revision', 'HEAD:spec/openapi.yaml'],
    ['a folder', 'folder'],
    ['a file that is not there', 'missing.yaml'],
  ])('is the larger one when a source is %s, whose size is not known before it is read', async (_, source) => {
    const named = source.includes(':') ? source : file(source);
    expect(youngGenerationMiB([file('small-a.yaml'), named])).toBe(16);
  });

  describe('guessed from argv before the options are parsed, for the worker started early', () => {
    const young = (...args: string[]) => earlyLimits(['diff', ...args]).youngMiB;

    it("is the sources' own when argv has two words that are not flags, whatever they name", () => {
      expect(young(file('large.yaml'), file('large.yaml'))).toBe(16);
      expect(young('--types', file('large-a.json'), file('large.yaml'))).toBe(16);
      expect(young(file('small-a.yaml'), file('small-b.yaml'), '--fail-on=warning')).toBe(8);
      expect(young(file('large-a.json'), file('large-b.json'))).toBe(8);
      expect(young(file('small-a.yaml'), 'HEAD:spec/openapi.yaml')).toBe(16);
    });

    it("is the one of the two files among more words (a flag's value names no file)", () => {
      expect(young('--format', 'json', file('large.yaml'), file('large.yaml'))).toBe(16);
      expect(young(file('large.yaml'), '--stability-level', 'alpha', file('large-a.json'))).toBe(16);
      expect(young('--format', 'github', file('large-a.json'), file('large-b.json'))).toBe(8);
    });

    it("is the small one, and --max-memory's default, when argv does not say which two sources", () => {
      expect(earlyLimits(['diff'])).toEqual({ heapMiB: 320, youngMiB: 8 });
      expect(young(file('large.yaml'))).toBe(8);
      expect(young('--out', file('small-a.yaml'), file('large.yaml'), file('large.yaml'))).toBe(8);
      expect(young('--format', 'json', 'x', file('large.yaml'))).toBe(8);
    });

    it('looks at no file past MAX_GUESS_WORDS words, where no run of diff can start', () => {
      const within = Array.from({ length: MAX_GUESS_WORDS - 2 }, (_, i) => `x${i}`);
      expect(young(...within, file('large.yaml'), file('large.yaml'))).toBe(16);
      expect(young('x', ...within, file('large.yaml'), file('large.yaml'))).toBe(8);
    });
  });
});
