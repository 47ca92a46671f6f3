/**
 * The package as a consumer receives it. npm 12 blocks a dependency's install
 * scripts, and for a tarball, git or folder dependency its `prepare` as well,
 * unless the consumer's own `allowScripts` allows them; npm 11.16+ lists them.
 * So the release tarball carries no lifecycle script at all: it is built here,
 * when packing, and its manifest is the repository's less what only this
 * repository uses (`scripts`, `devDependencies`, `allowScripts`).
 *
 * The files are the ones npm itself would pack from the checkout (its own
 * packlist, read from `npm pack --dry-run --json`), copied into a staging
 * folder beside the cleaned manifest, and packed there.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** One package's entry in `npm pack --json`. */
export type PackResult = { name: string; version: string; filename: string; files: { path: string }[] };

/**
 * Reads what `npm pack --json` printed. npm 10 and 11 print an array with one
 * result per package; npm 12 prints an object keyed by package name. Anything
 * else is an error that says what was printed, not a silent empty list.
 */
export function packResults(stdout: string): PackResult[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`npm pack --json printed something that is not JSON: ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed !== null && typeof parsed === 'object'
      ? Object.values(parsed as Record<string, unknown>)
      : [];
  const results = list.filter(
    (r): r is PackResult =>
      r !== null &&
      typeof r === 'object' &&
      typeof (r as PackResult).filename === 'string' &&
      typeof (r as PackResult).name === 'string' &&
      Array.isArray((r as PackResult).files),
  );
  if (results.length === 0 || results.length !== list.length)
    throw new Error(
      `npm pack --json printed no package result with name, filename and files: ${JSON.stringify(stdout.slice(0, 200))}`,
    );
  return results;
}

/** The lifecycle scripts npm runs, lists or blocks when a package is installed into someone's tree. */
export const INSTALL_LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare'] as const;

/** The repository's manifest as consumers get it: nothing that only this repository runs or reads. */
export function consumerManifest(pkg: Record<string, unknown>): Record<string, unknown> {
  const { scripts: _scripts, devDependencies: _dev, allowScripts: _allow, ...rest } = pkg;
  return rest;
}

type Npm = { command: string; args: string[] };
/** npm as this process was started by it (npm_execpath), else the one on PATH. */
export function npmCommand(env: NodeJS.ProcessEnv = process.env): Npm {
  const execpath = env.npm_execpath;
  if (execpath && /npm-cli\.js$/.test(execpath)) return { command: process.execPath, args: [execpath] };
  return { command: 'npm', args: [] };
}

async function npm(npmBin: Npm, args: string[], cwd: string) {
  try {
    return await exec(npmBin.command, [...npmBin.args, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number };
    throw new Error(`npm ${args.join(' ')} exited ${code}: ${(stderr ?? '').trim().split('\n').slice(-5).join('\n')}`);
  }
}

/**
 * Builds the package, then packs it with a manifest that asks nothing of the
 * consumer's npm. Returns the tarball's path and what it holds.
 */
export async function packRelease(options: {
  root: string;
  dest: string;
  build?: boolean;
  npm?: Npm;
}): Promise<{ tarball: string; result: PackResult; manifest: Record<string, unknown> }> {
  const root = resolve(options.root);
  const npmBin = options.npm ?? npmCommand();
  if (options.build !== false) await npm(npmBin, ['run', 'build'], root);
  const { stdout } = await npm(npmBin, ['pack', '--dry-run', '--ignore-scripts', '--json'], root);
  const [listed] = packResults(stdout);
  const stage = await mkdtemp(join(tmpdir(), 'cf-pack-'));
  try {
    for (const { path } of listed!.files) {
      if (path === 'package.json') continue;
      await mkdir(dirname(join(stage, path)), { recursive: true });
      await cp(join(root, path), join(stage, path));
    }
    const manifest = consumerManifest(JSON.parse(await readFile(join(root, 'package.json'), 'utf8')));
    await writeFile(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(options.dest, { recursive: true });
    const packed = await npm(npmBin, ['pack', '--json', '--pack-destination', resolve(options.dest)], stage);
    const [result] = packResults(packed.stdout);
    return { tarball: join(resolve(options.dest), result!.filename), result: result!, manifest };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/**
 * Publishes a packed tarball to `registry`, with the credentials npm has for
 * it (a user or project .npmrc; in CI `//host/:_authToken=${NODE_AUTH_TOKEN}`).
 * A tarball is published as it is: npm runs no script of it.
 */
export async function publishTarball(options: {
  tarball: string;
  registry: string;
  cwd: string;
  npm?: Npm;
  tag?: string;
}) {
  let url: URL;
  try {
    url = new URL(options.registry);
  } catch {
    throw new Error(`--registry must be an absolute http(s) URL, got ${JSON.stringify(options.registry)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`--registry must be an http(s) URL, got the scheme ${url.protocol}`);
  const args = ['publish', options.tarball, '--registry', url.href];
  if (options.tag) args.push('--tag', options.tag);
  return npm(options.npm ?? npmCommand(), args, options.cwd);
}
