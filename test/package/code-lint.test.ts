/**
 * `npm run lint:code` is a check, so it is shown to fail: Biome, with this
 * repository's own biome.jsonc, run over a source file in a scratch project.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIOME = resolve('node_modules/.bin/biome');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-biome-'));
  await cp('biome.jsonc', join(dir, 'biome.jsonc'));
  await mkdir(join(dir, 'src'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs biome on `file` (src/probe.ts) holding `source` (no git there, so no ignore file); the exit code and the file after. */
async function biome(command: 'check' | 'format', source: string, write = false, file = 'src/probe.ts') {
  await mkdir(join(dir, file, '..'), { recursive: true });
  await writeFile(join(dir, file), source);
  const args = [command, '--vcs-enabled=false', ...(write ? ['--write'] : []), file];
  const code = await new Promise<number>((done) =>
    execFile(BIOME, args, { cwd: dir }, (error) => done(error ? Number(error.code) : 0)),
  );
  return { code, after: await readFile(join(dir, file), 'utf8') };
}

describe('npm run lint:code', () => {
  it('passes well-formatted, lint-clean code', async () => {
    expect((await biome('check', 'export const answer = { value: 42 };\n')).code).toBe(0);
  });

  it('fails code that is not formatted; npm run format (biome format --write) fixes it', async () => {
    expect((await biome('check', 'export const answer = {value:42}\n')).code).toBe(1);
    expect((await biome('format', 'export const answer = {value:42}\n', true)).after).toBe(
      'export const answer = { value: 42 };\n',
    );
  });

  it('fails formatted code that breaks a lint rule (an implicit any)', async () => {
    expect((await biome('check', 'export function f() {\n  let x;\n  return x;\n}\n')).code).toBe(1);
  });
});

describe('the layering rule of npm run lint:code', () => {
  /** The products: none imports another. */
  const PRODUCTS = ['client', 'contract', 'traffic', 'diff', 'msw'] as const;
  /** Every planted file, written and checked by one Biome run: its path, and its source. */
  const planted = new Map<string, string>();
  /** A module `depth` folders below src/<from>/ that imports src/<target>/…/x.js; returns its path. */
  const plant = (from: string, target: string, depth = 1) => {
    const file = `src/${from}/${'deep/'.repeat(depth - 1)}planted-${target}.ts`;
    planted.set(
      file,
      `import { x } from '${'../'.repeat(depth)}${target}/${'sub/'.repeat(depth - 1)}x.js';\nexport const y = x;\n`,
    );
    return file;
  };
  /** The connect-fulfillment/contract entry, re-exporting one room per line. */
  const ENTRY = 'src/contract/index.ts';
  const ENTRY_TARGETS = ['traffic', 'client', 'diff', 'msw', 'cli'];
  planted.set(ENTRY, ENTRY_TARGETS.map((target) => `export { x${target} } from '../${target}/x.js';\n`).join(''));

  const sideways = PRODUCTS.flatMap((from) =>
    PRODUCTS.filter((to) => to !== from).map(
      (to) => [from, to, [1, 2, 3].map((depth) => plant(from, to, depth))] as const,
    ),
  );
  const fromCore = [...PRODUCTS, 'evidence', 'cli'].map((to) => [to, plant('core', to)] as const);
  const fromEvidence = [...PRODUCTS, 'cli'].map((to) => [to, plant('evidence', to)] as const);
  const intoEvidence = ['client', 'diff', 'msw'].map((from) => plant(from, 'evidence'));
  const allowed = [
    ...[...PRODUCTS, 'evidence'].map((from) => plant(from, 'core')),
    ...['contract', 'traffic'].map((from) => plant(from, 'evidence')),
  ];

  /** The lines of each planted file that Biome refused for the layering rule. */
  const refused = new Map<string, Set<number>>();
  beforeAll(async () => {
    for (const [file, source] of planted) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), source);
    }
    const report = await new Promise<string>((done) =>
      execFile(
        BIOME,
        ['check', '--vcs-enabled=false', '--reporter=json', ...planted.keys()],
        { cwd: dir },
        (_, stdout) => done(stdout),
      ),
    );
    const { diagnostics } = JSON.parse(report) as {
      diagnostics: { category: string; location: { path: string; start: { line: number } } }[];
    };
    for (const d of diagnostics) {
      // Any other finding would mean a planted file is wrong, not that the rule works.
      expect(d.category).toBe('lint/style/noRestrictedImports');
      const lines = refused.get(d.location.path) ?? new Set<number>();
      refused.set(d.location.path, lines.add(d.location.start.line));
    }
  });

  it.each(sideways)('fails src/%s importing src/%s (a planted import, at three depths)', (_from, _to, files) => {
    for (const file of files) expect(refused.has(file), file).toBe(true);
  });

  it.each(fromCore)('fails a planted upward import from src/core into src/%s', (_to, file) => {
    expect(refused.has(file)).toBe(true);
  });

  it.each(fromEvidence)('fails a planted upward import from src/evidence into src/%s', (_to, file) => {
    expect(refused.has(file)).toBe(true);
  });

  it("fails src/client, src/diff and src/msw importing src/evidence (it is the contract and traffic rooms' floor)", () => {
    for (const file of intoEvidence) expect(refused.has(file), file).toBe(true);
  });

  it('passes an import of src/core from every room above it, and of src/evidence from contract and traffic', () => {
    for (const file of allowed) expect(refused.has(file), file).toBe(false);
  });

  it('lets the connect-fulfillment/contract entry re-export src/traffic, and nothing else of another product', () => {
    expect([...(refused.get(ENTRY) ?? [])].sort()).toEqual([2, 3, 4, 5]);
    expect(ENTRY_TARGETS[0]).toBe('traffic');
    expect(refused.has('src/contract/planted-traffic.ts')).toBe(true);
  });
});

/**
 * Lines where a doc comment ends and another begins at once: the first
 * describes nothing (or another function). The file's own leading comment,
 * which describes the module, may stand above the first declaration's.
 */
function stackedDocComments(text: string): number[] {
  const lines = text.split('\n');
  const leading = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#!'));
  return lines.flatMap((line, i) => {
    if (!line.trimEnd().endsWith('*/')) return [];
    const opened = lines.slice(0, i + 1).findLastIndex((l) => l.trim().startsWith('/**'));
    if (opened === leading) return [];
    const next = lines.slice(i + 1).find((l) => l.trim() !== '');
    return next?.trim().startsWith('/**') ? [i + 1] : [];
  });
}

describe('doc comments', () => {
  it('a stacked doc comment is found (planted)', () => {
    expect(
      stackedDocComments(
        '/** The module. */\nconst x = 1;\n/** parses a thing */\n\n/** reads a thing */\nfunction read() {}\n',
      ),
    ).toEqual([3]);
    expect(stackedDocComments('/**\n * The module.\n */\n/** The first declaration. */\nconst a = 1;\n')).toEqual([]);
    expect(stackedDocComments('/** one */\nconst a = 1;\n/** two */\nconst b = 2;\n')).toEqual([]);
  });

  it('no code of the project stacks two doc comments above one declaration', async () => {
    const stdout = await new Promise<string>((done, fail) =>
      execFile('git', ['ls-files', '*.ts', '*.mjs'], (error, out) => (error ? fail(error) : done(out))),
    );
    const found: string[] = [];
    for (const file of stdout.split('\n').filter(Boolean))
      for (const line of stackedDocComments(await readFile(file, 'utf8'))) found.push(`${file}:${line}`);
    expect(found).toEqual([]);
  });
});
