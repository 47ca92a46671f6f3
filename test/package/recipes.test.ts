/**
 * Every command in the CI recipes is one that is run for real: npm ci, npm run
 * contract and npm test by .ci/run, and each `npx connect-fulfillment ...`
 * line here, with its exact arguments, against a local upstream that behaves
 * like Connect.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { liveEnv, startConnectUpstream, type ConnectUpstream } from '../fixtures/connect-upstream.js';

const RECIPES = [
  'examples/ci/github/contract.yml',
  'examples/ci/github/drift.yml',
  'examples/ci/gitlab/.gitlab-ci.yml',
];
const RUN_BY_CI = ['npm ci', 'npm ci --cache .npm --prefer-offline', 'npm run contract', 'npm test'];

/** The shell lines of a workflow: GitHub `run:` and GitLab `script`, `before_script`, `after_script`. */
function commands(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(commands);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === 'run' && typeof value === 'string') return [value.trim()];
    if (['script', 'before_script', 'after_script'].includes(key) && Array.isArray(value))
      return value.map((v) => String(v).trim());
    return commands(value);
  });
}

let upstream: ConnectUpstream;
let dir: string;
beforeAll(async () => {
  upstream = await startConnectUpstream('faithful');
  dir = await mkdtemp(join(tmpdir(), 'cf-recipes-'));
});
afterAll(async () => {
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

const all = await Promise.all(
  RECIPES.map(async (file) => ({ file, lines: commands(parse(await readFile(file, 'utf8'))) })),
);

describe('the CI recipes', () => {
  it('are valid YAML with at least one job, and every npm command in them is one .ci/run runs', async () => {
    for (const { file, lines } of all) {
      expect(lines.length, file).toBeGreaterThan(0);
      expect(
        lines.filter((l) => /^npm /.test(l) && !RUN_BY_CI.includes(l)),
        file,
      ).toEqual([]);
    }
    const script = await readFile('.ci/run', 'utf8');
    for (const c of ['npm ci', 'npm run contract', 'npm test']) expect(script).toMatch(new RegExp(`^${c}\\b`, 'm'));
  });

  const invocations = all.flatMap(({ file, lines }) =>
    lines.filter((l) => l.startsWith('npx connect-fulfillment ')).map((l) => ({ file, line: l })),
  );
  it.each(invocations)('$file: $line', async ({ line }) => {
    const args = line
      .replace(/ \|\| true$/, '')
      .split(' ')
      .slice(2);
    const result = await new Promise<{ code: number }>((done) =>
      execFile(
        process.execPath,
        [resolve('bin/connect-fulfillment.js'), ...args],
        { cwd: dir, env: { ...process.env, ...liveEnv(upstream) } },
        (error) => done({ code: error ? Number(error.code) : 0 }),
      ),
    );
    expect(result.code).toBe(0);
    const out = args[args.indexOf('--out') + 1]!;
    const report = await readFile(join(dir, out), 'utf8');
    expect(report).toMatch(out.endsWith('.xml') ? /^<\?xml/ : /^## Drift report: ✅/);
  });
});
