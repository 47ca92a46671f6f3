/**
 * Every command in the CI recipes is one that is run for real: npm ci, npm run
 * contract and npm test by .ci/run, and each `npx connect-fulfillment ...`
 * line here, through bash with its exact arguments and quoting: drift against
 * a local upstream that behaves like Connect, diff in a git repository shaped
 * like a pull request.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { liveEnv, startConnectUpstream, type ConnectUpstream } from '../fixtures/connect-upstream.js';

const RECIPES = [
  'examples/ci/github/contract.yml',
  'examples/ci/github/drift.yml',
  'examples/ci/github/diff.yml',
  'examples/ci/gitlab/.gitlab-ci.yml',
  'examples/ci/github/release.yml',
];
const RUN_BY_CI = ['npm ci', 'npm ci --cache .npm --prefer-offline', 'npm run contract', 'npm test'];
/** Run by peer-tests/today.test.ts against a Verdaccio on loopback (scripts/release.ts publish, there with --no-test: CI has run npm test). */
const RELEASE = /^npm run release -- --registry https:\/\/\S+\/$/;

/** The shell lines of a workflow: GitHub `run:` and GitLab `script`, `before_script`, `after_script`. */
function commands(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(commands);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === 'run' && typeof value === 'string')
      return value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
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
        lines.filter((l) => /^npm /.test(l) && !RUN_BY_CI.includes(l) && !RELEASE.test(l)),
        file,
      ).toEqual([]);
    }
    const script = await readFile('.ci/run', 'utf8');
    for (const c of ['npm ci', 'npm run contract', 'npm test']) expect(script).toMatch(new RegExp(`^${c}\\b`, 'm'));
  });

  const invocations = all.flatMap(({ file, lines }) =>
    lines.filter((l) => l.startsWith('npx connect-fulfillment ')).map((l) => ({ file, line: l })),
  );

  it('every npx connect-fulfillment line is a drift or a diff, and each is run below', () => {
    expect(invocations.length).toBeGreaterThan(0);
    for (const { line } of invocations) expect(line).toMatch(/^npx connect-fulfillment (drift|diff) /);
  });

  it.each(invocations.filter((i) => / drift /.test(i.line)))('$file: $line', async ({ line }) => {
    const result = await shell(line, dir, liveEnv(upstream));
    expect(result.code, result.stderr).toBe(0);
    for (const [flag, written] of [
      ['--update-baseline', /"schemaVersion": 1/],
      ['--evidence', /"creator"/],
    ] as const) {
      const file = new RegExp(`${flag} (\\S+)`).exec(line)?.[1];
      if (file) expect(await readFile(join(dir, file), 'utf8')).toMatch(written);
    }
    const out = /--out (\S+)/.exec(line)![1]!;
    const report = await readFile(join(dir, out), 'utf8');
    expect(report).toMatch(out.endsWith('.xml') ? /^<\?xml/ : /^## Drift report: ✅/);
  });

  const diffLines = invocations.filter((i) => / diff /.test(i.line));
  it.each(diffLines)('$file, a pull request with a breaking spec change: $line', async ({ line }) => {
    const { cwd, env, changedLine } = await pullRequest(true);
    const result = await shell(line, cwd, env);
    if (line.includes('--format github')) {
      expect(result.code).toBe(1);
      expect(result.stdout.split('\n')[0]).toBe(
        `::error file=${SPEC},line=${changedLine},title=response-property-enum-value-added::POST /v1/client/order/fulfillment › response 200 application/json › body.fulfillmentStatus: enum value "PENDING" added`,
      );
    } else {
      expect(result.code, result.stderr).toBe(0);
      expect(await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')).toMatch(/^## Spec diff: ❌ 1 breaking/);
    }
  });

  it.each(diffLines)('$file, a pull request that leaves the spec alone: $line', async ({ line }) => {
    const { cwd, env } = await pullRequest(false);
    const result = await shell(line, cwd, env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('::error');
  });
});

const SPEC = 'spec/connect-fulfillment.openapi.yaml';

/** Runs a recipe line as the CI shell would, with `npx connect-fulfillment` this checkout's bin. */
async function shell(line: string, cwd: string, env: Record<string, string>) {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  await writeFile(
    join(bin, 'npx'),
    `#!/bin/sh\n[ "$1" = connect-fulfillment ] || exit 127\nshift\nexec "${process.execPath}" "${resolve('bin/connect-fulfillment.js')}" "$@"\n`,
    { mode: 0o755 },
  );
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      'bash',
      ['-e', '-c', line],
      { cwd, env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

/** A git repository whose base commit holds this spec, and a working copy with or without a breaking change. */
async function pullRequest(breaking: boolean) {
  const cwd = await mkdtemp(join(dir, 'pr-'));
  const git = (...args: string[]) =>
    new Promise<string>((done, fail) =>
      execFile('git', args, { cwd }, (error, stdout) => (error ? fail(error) : done(stdout.trim()))),
    );
  await mkdir(join(cwd, 'spec'));
  const text = await readFile(SPEC, 'utf8');
  await writeFile(join(cwd, SPEC), text);
  await git('init', '-q');
  await git('add', '.');
  await git('-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', 'commit', '-qm', 'base');
  const base = await git('rev-parse', 'HEAD');
  let changedLine = 0;
  if (breaking) {
    const doc = parseDocument(text);
    (doc.getIn(['components', 'schemas', 'FulfillmentStatus', 'enum']) as { add(v: string): void }).add('PENDING');
    const changed = String(doc);
    await writeFile(join(cwd, SPEC), changed);
    changedLine = changed.split('\n').indexOf('    FulfillmentStatus:') + 1;
  }
  const env = { BASE_SHA: base, GITHUB_STEP_SUMMARY: join(cwd, 'summary.md') };
  return { cwd, env, changedLine };
}

describe('examples/ci/github/drift-issues.sh: one issue per drift, kept up to date', () => {
  /** Runs the script over a drift run's findings, with a stand-in gh whose issues live in a file. */
  async function sync(state: string, findings: object[], report = '## Drift report') {
    await writeFile(join(dir, 'current.json'), JSON.stringify({ schemaVersion: 1, findings }));
    await writeFile(join(dir, 'drift.md'), report);
    const bin = join(dir, 'gh-bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'gh'),
      `#!/bin/sh\nexec "${process.execPath}" "${resolve('test/helpers/fake-gh.mjs')}" "$@"\n`,
      {
        mode: 0o755,
      },
    );
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(
        'bash',
        [resolve('examples/ci/github/drift-issues.sh'), 'current.json', 'drift.md'],
        { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_GH_STATE: state } },
        (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
    expect(result.code, result.stderr).toBe(0);
    return {
      ...result,
      issues: JSON.parse(await readFile(state, 'utf8')).issues as { title: string; state: string; body: string }[],
    };
  }
  const finding = (fingerprint: string, check: string) => ({
    fingerprint,
    severity: 'error',
    check,
    operation: 'completeOrder',
    status: 200,
    location: 'response.body.fulfillmentStatus',
    title: 'Response violates schema',
  });

  it('opens one issue per finding, updates it the next morning instead of opening another, closes it when the drift is gone', async () => {
    const state = join(dir, 'gh-state.json');
    const a = finding('0123456789abcdef', 'response_schema_conformance');
    const b = finding('fedcba9876543210', 'undocumented_properties');
    const first = await sync(state, [a, b], 'day 1');
    expect(first.issues.map((i) => [i.title, i.state])).toEqual([
      [
        'Connect API drift: completeOrder 200 response_schema_conformance at response.body.fulfillmentStatus [drift 0123456789abcdef]',
        'open',
      ],
      [
        'Connect API drift: completeOrder 200 undocumented_properties at response.body.fulfillmentStatus [drift fedcba9876543210]',
        'open',
      ],
    ]);
    const second = await sync(state, [a, b], 'day 2');
    expect(second.issues).toHaveLength(2);
    expect(second.issues.every((i) => i.body.includes('day 2'))).toBe(true);
    const third = await sync(state, [a], 'day 3');
    expect(third.issues.map((i) => i.state)).toEqual(['open', 'closed']);
    expect(third.stdout).toContain('drift fedcba9876543210: issue #2 closed');
  });

  it('an announced sunset gets an issue titled as the announcement, with its date', async () => {
    const state = join(dir, 'gh-state-sunset.json');
    const sunset = {
      ...finding('00112233445566aa', 'lifecycle_announcement'),
      status: null,
      location: 'response.headers.sunset',
      title: 'Connect will sunset POST /v1/client/order/fulfillment on 2027-03-01',
    };
    const run = await sync(state, [sunset], 'day 1');
    expect(run.issues.map((i) => i.title)).toEqual([
      'Connect will sunset POST /v1/client/order/fulfillment on 2027-03-01 [drift 00112233445566aa]',
    ]);
  });
});
