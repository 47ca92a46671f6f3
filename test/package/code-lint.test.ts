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

/** Runs biome on src/probe.ts holding `source` (no git there, so no ignore file); the exit code and the file after. */
async function biome(command: 'check' | 'format', source: string, write = false) {
  await writeFile(join(dir, 'src/probe.ts'), source);
  const args = [command, '--vcs-enabled=false', ...(write ? ['--write'] : []), 'src'];
  const code = await new Promise<number>((done) =>
    execFile(BIOME, args, { cwd: dir }, (error) => done(error ? Number(error.code) : 0)),
  );
  return { code, after: await readFile(join(dir, 'src/probe.ts'), 'utf8') };
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
