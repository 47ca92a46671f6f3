/**
 * The package installed the ways the README gives, with the npm users run
 * today, and the client on the other runtimes people run it on:
 * - the release tarball under npm 10, 11 and 12: no warning, nothing blocked;
 * - published by the release script to a real registry (Verdaccio on
 *   loopback, proxying everything else to the configured registry), then
 *   `npm install connect-fulfillment` by name under npm 12 beside
 *   TypeScript 7 and msw 3: no warning;
 * - from git under npm 12, refused without `--allow-git=root` and taken with it;
 * - the client completing an order against a local Connect-like upstream on
 *   Bun and on Deno.
 * Run by scripts/ci-matrix.sh, which installs the tools and names them:
 * CONNECT_NODE_24 (a folder with `node`), CONNECT_NPM_10/11/12 (a folder with
 * `npm`), CONNECT_VERDACCIO (its bin script), CONNECT_BUN, CONNECT_DENO
 * (their binaries). Needs the npm registry, so not part of npm test.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packRelease } from '../scripts/pack.js';
import {
  KNOWN_ORDER_ID,
  liveEnv,
  startConnectUpstream,
  UNKNOWN_ORDER_ID,
  type ConnectUpstream,
} from '../test/fixtures/connect-upstream.js';
import { ENTRY_TYPES, TSC_ARGS } from '../test/helpers/consumer-code.js';

const exec = promisify(execFile);
const root = process.cwd();
let work: string;
let tarball: string;
let userconfig: string;

function tool(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through scripts/ci-matrix.sh`);
  return resolve(value);
}

/**
 * Runs a command with Node 24 and the given npm first on PATH, and a user
 * config that is this machine's less `nodedir` (set here for node-gyp; npm 12
 * warns that it is not an npm setting, which is the machine's, not ours).
 */
async function run(
  npm: 10 | 11 | 12,
  cwd: string,
  command: string,
  args: string[],
  extra: Record<string, string> = {},
) {
  // The environment a user's shell has: without the npm_config_* and npm_* variables that the npx running vitest set.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const env = {
    ...inherited,
    PATH: [tool(`CONNECT_NPM_${npm}`), tool('CONNECT_NODE_24'), process.env.PATH].join(delimiter),
    npm_config_userconfig: userconfig,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
  try {
    return await exec(command, args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    throw Object.assign(
      new Error(`${command} ${args.join(' ')} exited ${code}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`),
      { code, stdout, stderr },
    );
  }
}

/** npm's warnings and errors in what it printed: every `npm warn`/`npm error` line. */
const npmWarnings = (stderr: string) => stderr.split('\n').filter((l) => /^npm (warn|WARN|error|ERR)/.test(l));

async function project(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }));
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cf-today-'));
  const machine = await readFile(join(homedir(), '.npmrc'), 'utf8').catch(() => '');
  userconfig = join(work, 'npmrc');
  await writeFile(userconfig, machine.replace(/^nodedir=.*$/m, ''));
  // dist/ was built by npm test before this suite runs.
  tarball = (await packRelease({ root, dest: work, build: false })).tarball;
}, 60_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the release tarball, installed by npm 10, 11 and 12 (Node 24)', () => {
  for (const npm of [10, 11, 12] as const) {
    it(`npm ${npm}: installs with no warning at all, and every entry loads`, async () => {
      const dir = await project(`tarball-npm${npm}`);
      const { stdout: version } = await run(npm, dir, 'npm', ['--version']);
      expect(version.trim().split('.')[0]).toBe(String(npm));
      const { stderr } = await run(npm, dir, 'npm', ['install', '--loglevel=warn', tarball]);
      expect(npmWarnings(stderr)).toEqual([]);
      const loaded = await run(npm, dir, 'node', [
        '--input-type=module',
        '-e',
        "const m = await Promise.all(['connect-fulfillment', 'connect-fulfillment/contract', 'connect-fulfillment/traffic', 'connect-fulfillment/diff'].map((e) => import(e))); console.log(m.length);",
      ]);
      expect(loaded.stdout.trim()).toBe('4');
    });
  }
});

/** A free loopback port: bound, read, released. */
const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

describe('published by the release script to a registry, installed by name (npm 12, Node 24)', () => {
  let registry: string;
  // npm's cache of this registry's answers stays here: its tarball entries are keyed by this loopback URL, and in the
  // user's cache they would stand in for the public registry's by content, leaving later offline installs without
  // the public registry's entries.
  let privateCache: Record<string, string>;
  let verdaccio: ReturnType<typeof spawn> | undefined;
  let log = '';
  beforeAll(async () => {
    const port = await freePort();
    registry = `http://127.0.0.1:${port}/`;
    const home = join(work, 'verdaccio');
    await mkdir(home);
    privateCache = { npm_config_cache: join(home, 'npm-cache') };
    const upstream = (await run(12, work, 'npm', ['config', 'get', 'registry'])).stdout.trim();
    await writeFile(
      join(home, 'config.yaml'),
      [
        `storage: ${join(home, 'storage')}`,
        'auth:',
        '  htpasswd:',
        `    file: ${join(home, 'htpasswd')}`,
        '    max_users: 1',
        'uplinks:',
        '  upstream:',
        `    url: ${upstream}`,
        'packages:',
        "  'connect-fulfillment':",
        '    access: $all',
        '    publish: $authenticated',
        "  '**':",
        '    access: $all',
        '    proxy: upstream',
        'log: { type: stdout, format: pretty, level: warn }',
        '',
      ].join('\n'),
    );
    verdaccio = spawn(
      join(tool('CONNECT_NODE_24'), 'node'),
      [tool('CONNECT_VERDACCIO'), '--config', join(home, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    verdaccio.stdout!.on('data', (c: Buffer) => (log += c));
    verdaccio.stderr!.on('data', (c: Buffer) => (log += c));
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(`${registry}-/ping`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline || verdaccio.exitCode !== null) throw new Error(`Verdaccio did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // A publisher, as a registry has one: its token goes into the npm user config for this registry only.
    const created = await fetch(`${registry}-/user/org.couchdb.user:release`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'release', password: 'release-password-local' }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    await writeFile(userconfig, `${await readFile(userconfig, 'utf8')}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  }, 120_000);
  afterAll(() => verdaccio?.kill());

  it('the release script publishes the tarball; npm 12 installs it by name beside TypeScript 7 and msw 3 with no warning', async () => {
    const published = await run(
      12,
      root,
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        'scripts/release.ts',
        'publish',
        '--registry',
        registry,
        '--no-test',
        '--dest',
        join(work, 'release'),
      ],
      privateCache,
    );
    expect(published.stderr).toMatch(/release: published .*connect-fulfillment-[\d.]+\.tgz/);
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const viewed = await run(
      12,
      work,
      'npm',
      ['view', 'connect-fulfillment', 'version', '--registry', registry],
      privateCache,
    );
    expect(viewed.stdout.trim()).toBe(version);

    const dir = await project('by-name');
    const { stderr } = await run(
      12,
      dir,
      'npm',
      [
        'install',
        '--loglevel=warn',
        '--registry',
        registry,
        'connect-fulfillment',
        'typescript@^7.0.2',
        'msw@^3.0.5',
        '@types/node@^24',
      ],
      privateCache,
    );
    expect(npmWarnings(stderr)).toEqual([]);
    const installed = JSON.parse(await readFile(join(dir, 'node_modules/connect-fulfillment/package.json'), 'utf8'));
    expect(installed.version).toBe(version);
    expect(installed.scripts).toBeUndefined();
    expect((await run(12, dir, 'npx', ['--no-install', 'tsc', '--version'])).stdout).toMatch(/^Version 7\./);
    await writeFile(join(dir, 'entries.ts'), ENTRY_TYPES);
    const checked = await run(12, dir, 'npx', ['--no-install', 'tsc', ...TSC_ARGS, 'entries.ts']);
    expect(checked.stdout).toBe('');
    expect((await run(12, dir, 'npx', ['--no-install', 'connect-fulfillment', '--version'])).stdout.trim()).toBe(
      version,
    );
  }, 300_000);
});

describe('installed from git (npm 12, Node 24), as the README says', () => {
  it('is refused without a flag (EALLOWGIT); with --allow-git=root npm builds it, and only the warning the README explains remains', async () => {
    const dir = await project('from-git');
    const spec = `git+file://${root}`;
    const refused = await run(12, dir, 'npm', ['install', '--loglevel=warn', spec]).catch((e: { stderr: string }) => e);
    expect('stderr' in refused && refused.stderr).toMatch(/EALLOWGIT/);

    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const line = /^npm install (--allow-git=\S+) git\+https:\S+$/m.exec(readme);
    expect(line, 'the README gives the git install with its flag').not.toBeNull();
    const { stderr } = await run(12, dir, 'npm', ['install', '--loglevel=warn', line![1]!, spec]);
    // The one warning left is npm 12 not running the package's prepare a second time in this tree; the README says so.
    const warnings = npmWarnings(stderr);
    expect(warnings.join('\n')).toMatch(/connect-fulfillment@[\d.]+ \(prepare: npm run build\)/);
    for (const warning of warnings) expect(warning).toMatch(/^npm warn install-scripts/);
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    expect((await run(12, dir, 'npx', ['--no-install', 'connect-fulfillment', '--version'])).stdout.trim()).toBe(
      version,
    );

    // The README's answer to that warning: the git URL denied in the project's allowScripts. A fresh
    // project that records it from the start installs with no warning at all, and the package works.
    const answer = /"allowScripts": \{ "(git\+https:[^"]+)": false \}/.exec(readme);
    expect(answer?.[1], 'the README gives the allowScripts entry for the git URL').toBe(
      line![0].split(' ').at(-1)!.replace(/#.*$/, ''),
    );
    const quiet = await project('from-git-decided');
    const manifest = JSON.parse(await readFile(join(quiet, 'package.json'), 'utf8'));
    await writeFile(join(quiet, 'package.json'), JSON.stringify({ ...manifest, allowScripts: { [spec]: false } }));
    const decided = await run(12, quiet, 'npm', ['install', '--loglevel=warn', line![1]!, spec]);
    expect(npmWarnings(decided.stderr)).toEqual([]);
    expect((await run(12, quiet, 'npx', ['--no-install', 'connect-fulfillment', '--version'])).stdout.trim()).toBe(
      version,
    );
  }, 300_000);
});

describe('the client on Bun and on Deno, against a local Connect-like upstream', () => {
  let upstream: ConnectUpstream;
  let dir: string;
  beforeAll(async () => {
    upstream = await startConnectUpstream('faithful');
    dir = await project('runtimes');
    await run(12, dir, 'npm', ['install', '--loglevel=error', tarball]);
    await writeFile(
      join(dir, 'complete.mjs'),
      `import process from 'node:process';
import { createFulfillmentClient, ConnectFulfillmentError } from 'connect-fulfillment';
const client = createFulfillmentClient({
  clientId: process.env.CONNECT_CLIENT_ID, clientSecret: process.env.CONNECT_CLIENT_SECRET,
  baseUrl: process.env.CONNECT_BASE_URL, tokenUrl: process.env.CONNECT_TOKEN_URL,
  allowPrivateCallbackHosts: true,
});
// The callback goes to the loopback upstream (a 404 there): nothing leaves this machine.
const known = await client.completeOrder({ orderId: ${KNOWN_ORDER_ID}, callbackUrl: new URL('/callback', process.env.CONNECT_BASE_URL).href });
const unknown = await client.completeOrder({ orderId: ${UNKNOWN_ORDER_ID} });
let refused;
try { await client.completeOrder({ orderId: -1 }); } catch (error) { refused = error instanceof ConnectFulfillmentError ? error.name : String(error); }
console.log(JSON.stringify({ known: known.fulfillmentStatus, unknown: unknown.fulfillmentStatus, refused }));
`,
    );
  }, 120_000);
  afterAll(() => upstream?.close());

  const expected = { known: 'OK', unknown: 'ERROR', refused: 'RequestValidationError' };
  it('Bun completes an order, gets ERROR for an unknown one, and refuses bad input before any I/O', async () => {
    const before = upstream.fulfilled.length;
    const { stdout } = await run(12, dir, tool('CONNECT_BUN'), ['complete.mjs'], liveEnv(upstream));
    expect(JSON.parse(stdout)).toEqual(expected);
    expect(upstream.fulfilled.slice(before)).toEqual([KNOWN_ORDER_ID]);
  });

  it('Deno does the same, with network access to loopback only', async () => {
    const before = upstream.fulfilled.length;
    const host = new URL(upstream.baseUrl).host;
    const { stdout } = await run(
      12,
      dir,
      tool('CONNECT_DENO'),
      ['run', `--allow-net=${host}`, '--allow-env', '--allow-read', 'complete.mjs'],
      liveEnv(upstream),
    );
    expect(JSON.parse(stdout)).toEqual(expected);
    expect(upstream.fulfilled.slice(before)).toEqual([KNOWN_ORDER_ID]);
  });
});
