/**
 * The package beside what npm installs today: the packed tarball installed
 * from the registry (no lock, no --legacy-peer-deps) next to each peer's
 * newest major, on the Node that peer needs. Run by scripts/ci-matrix.sh,
 * which hands over the Node binaries (CONNECT_NODE_24, CONNECT_NODE_26: a
 * folder with `node` in it); needs the npm registry, so not part of npm test.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILER_API_INSTALL } from '../src/diff/types-check.js';
import { ENTRY_TYPES, MSW_OUTCOMES, mswConsumer, TSC_ARGS } from '../test/helpers/consumer-code.js';
import { packRelease } from '../scripts/pack.js';

const exec = promisify(execFile);
const root = process.cwd();
let work: string;
let tarball: string;

function nodeDir(major: 24 | 26): string {
  const dir = process.env[`CONNECT_NODE_${major}`];
  if (!dir) throw new Error(`CONNECT_NODE_${major} is not set: run this suite through scripts/ci-matrix.sh`);
  return resolve(dir);
}

/** Runs a command in `dir` with that Node first on PATH, as a user of that Node would; a failure carries its output. */
async function onNode(major: 24 | 26, dir: string, command: string, args: string[]) {
  const env = { ...process.env, PATH: `${nodeDir(major)}${delimiter}${process.env.PATH}`, npm_config_fund: 'false' };
  try {
    return await exec(command, args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    throw Object.assign(
      new Error(`${command} ${args.join(' ')} exited ${code}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`),
      { code, stdout, stderr },
    );
  }
}

/** A fresh project with the tarball and `peers` installed as a user would: `npm install`, nothing forced. */
async function project(name: string, major: 24 | 26, peers: string[]): Promise<string> {
  const dir = join(work, name);
  await onNode(major, work, 'mkdir', [dir]);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }));
  await onNode(major, dir, 'npm', ['install', '--no-audit', '--loglevel=error', tarball, ...peers]);
  return dir;
}

/** The README's msw 3 consumer, compiled by the project's tsc and run on Node 24: how each outcome settled the client. */
async function mswOutcomes(dir: string): Promise<unknown> {
  await writeFile(join(dir, 'msw-consumer.ts'), mswConsumer(3));
  const emit = TSC_ARGS.filter((a) => a !== '--noEmit');
  await onNode(24, dir, 'npx', ['--no-install', 'tsc', ...emit, '--outDir', 'out', 'msw-consumer.ts']);
  return JSON.parse((await onNode(24, dir, 'node', ['out/msw-consumer.js'])).stdout);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cf-peers-'));
  // The release tarball, as users get it (dist/ was built by npm test before this suite).
  tarball = (await packRelease({ root, dest: work, build: false })).tarball;
}, 60_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('beside TypeScript 7 and msw 3 (Node 24)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project('typescript-7', 24, ['typescript@^7.0.2', 'msw@^3.0.5', '@types/node@^24']);
  }, 180_000);

  it('npm installs the package without --legacy-peer-deps, and TypeScript 7 is what tsc runs', async () => {
    const { stdout } = await onNode(24, dir, 'npx', ['--no-install', 'tsc', '--version']);
    expect(stdout).toMatch(/^Version 7\./);
  });

  it("TypeScript 7's tsc type-checks every entry's types under nodenext, strict", async () => {
    await writeFile(join(dir, 'entries.ts'), ENTRY_TYPES);
    const checked = await onNode(24, dir, 'npx', ['--no-install', 'tsc', ...TSC_ARGS, 'entries.ts']).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(checked.stdout).toBe('');
  });

  it('connect-fulfillment/msw settles the client on every outcome, compiled by TypeScript 7', async () => {
    expect(await mswOutcomes(dir)).toEqual(MSW_OUTCOMES);
  });

  it('diff --types says in one line that TypeScript 7 ships no compiler API, with the exact install; that install makes it work', async () => {
    const spec = join(dir, 'node_modules/connect-fulfillment/spec/connect-fulfillment.openapi.yaml');
    const changed = (await readFile(spec, 'utf8')).replace('- ERROR', '- ERROR\n        - PENDING');
    await writeFile(join(dir, 'new.yaml'), changed);
    await copyFile(spec, join(dir, 'old.yaml'));
    // The exit code and the output, whether the command passed or not.
    const diffTypes = () =>
      onNode(24, dir, 'npx', ['--no-install', 'connect-fulfillment', 'diff', '--types', 'old.yaml', 'new.yaml']).then(
        (run) => ({ code: 0, ...run }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const refused = await diffTypes();
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    const line = refused.stderr;
    expect(line.split('\n')).toEqual([expect.stringContaining('typescript 7.'), '']);
    expect(line).toContain(COMPILER_API_INSTALL);
    expect(line).not.toMatch(/\n\s+at /);

    await onNode(24, dir, 'sh', ['-c', COMPILER_API_INSTALL]);
    expect((await onNode(24, dir, 'npx', ['--no-install', 'tsc', '--version'])).stdout).toMatch(/^Version 7\./);
    const judged = await diffTypes();
    expect(judged).toMatchObject({ code: 1 });
    expect(judged.stdout).toMatch(/PENDING/);
  });
});

describe('beside vitest 5 and msw 3 (Node 26)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project('vitest-5', 26, ['vitest@^5.1.2', 'msw@^3.0.5']);
  }, 180_000);

  it("the README's msw example, with msw 3's option name as the README says, passes under vitest 5", async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Testing your integration without a server'));
    expect(section).toContain("msw 3 renamed the option: `server.listen({ onUnhandledFrame: 'error' })`");
    const example = /```ts\n([\s\S]*?)```/.exec(section)![1]!.replace('onUnhandledRequest', 'onUnhandledFrame');
    await writeFile(join(dir, 'readme.test.ts'), example);
    await onNode(26, dir, 'npx', [
      '--no-install',
      'vitest',
      'run',
      'readme.test.ts',
      '--reporter',
      'json',
      '--outputFile',
      'vitest.json',
    ]);
    expect(JSON.parse(await readFile(join(dir, 'vitest.json'), 'utf8'))).toMatchObject({
      numPassedTests: 2,
      numFailedTests: 0,
    });
  });
});

describe("beside openapi-fetch's newest release, whatever our range says (Node 24)", () => {
  it('the client settles every outcome through msw 3, on the newest openapi-fetch', async () => {
    // src/client/wire.ts rests on how openapi-fetch's coreFetch builds and checks requests: an override to
    // `latest` shows a change in those internals here, before a user meets it on a widened range.
    const dir = join(work, 'openapi-fetch-latest');
    await onNode(24, work, 'mkdir', [dir]);
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'ofl',
        version: '1.0.0',
        private: true,
        type: 'module',
        overrides: { 'openapi-fetch': 'latest' },
      }),
    );
    await onNode(24, dir, 'npm', [
      'install',
      '--no-audit',
      '--loglevel=error',
      tarball,
      'msw@^3.0.5',
      'typescript@^7.0.2',
    ]);
    const latest = (await onNode(24, dir, 'npm', ['view', 'openapi-fetch', 'version'])).stdout.trim();
    const installed = JSON.parse(await readFile(join(dir, 'node_modules/openapi-fetch/package.json'), 'utf8')).version;
    expect(installed).toBe(latest);
    expect(await mswOutcomes(dir)).toEqual(MSW_OUTCOMES);
  }, 240_000);
});
