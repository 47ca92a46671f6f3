/**
 * A fresh consumer project that installs the packed tarball the way another
 * repo would (npm ci), but offline: its lock file is derived from ours, so
 * every package comes from npm's cache, which our own `npm ci` filled. No
 * registry is contacted; a missing package fails the install (ENOTCACHED)
 * instead of downloading.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { type PrismServer, startPrism } from '../../src/contract/prism.js';
import { packRelease } from '../../scripts/pack.js';

const run = promisify(execFile);
type Entry = {
  version: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [k: string]: unknown;
};

/** What a package needs installed beside it: its dependencies, and the peers it does not mark optional (npm 7+ installs those). */
const needs = (entry: Entry): string[] => [
  ...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }),
  ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional),
];

/**
 * The lock entries of `names` and everything they need, resolved the way Node
 * would from each dependent. A required peer that our own lock does not hold
 * is left to npm ci to report, as it would in the consumer's project.
 */
export function closure(packages: Record<string, Entry>, names: string[]): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const queue = names.map((name) => ({ from: '', name }));
  while (queue.length > 0) {
    const { from, name } = queue.shift()!;
    let at = from;
    let key = `${at ? `${at}/` : ''}node_modules/${name}`;
    while (!packages[key] && at) {
      at = at.includes('/node_modules/') ? at.slice(0, at.lastIndexOf('/node_modules/')) : '';
      key = `${at ? `${at}/` : ''}node_modules/${name}`;
    }
    const entry = packages[key];
    if (!entry) {
      const peer = from && packages[from]?.peerDependencies?.[name] !== undefined;
      if (peer) continue;
      throw new Error(`${name} (needed by ${from || 'the consumer'}) is not in package-lock.json`);
    }
    if (out[key]) continue;
    // Flags that describe our install, not the consumer's: there every one of these is a production dependency.
    const kept: Entry = { ...entry };
    for (const flag of ['dev', 'devOptional', 'peer']) delete kept[flag];
    out[key] = kept;
    for (const dep of needs(entry)) queue.push({ from: key, name: dep });
  }
  return out;
}

/**
 * The consumer's own install-script policy for what it installs beside the
 * package (msw's worker copy, esbuild's binary check, as this repository
 * decided for itself): connect-fulfillment is not named, so a lifecycle
 * script of ours would be listed by npm 11.16+ and blocked by npm 12.
 */
export const CONSUMER_ALLOW_SCRIPTS = { esbuild: false, msw: false };

/** Installs the tarball and `extra` with npm ci, offline; returns what npm printed on stderr (its warnings). */
export async function installConsumer(dir: string, tarball: string, extra: string[], root: string): Promise<string> {
  const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, Entry>;
  };
  const own = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
    bin: Record<string, string>;
    engines: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, unknown>;
  };
  const versions = Object.fromEntries(extra.map((name) => [name, lock.packages[`node_modules/${name}`]!.version]));
  const dependencies = { 'connect-fulfillment': `file:./${basename(tarball)}`, ...versions };
  const integrity = `sha512-${createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', version: '1.0.0', dependencies },
    'node_modules/connect-fulfillment': {
      version: own.version,
      resolved: `file:${basename(tarball)}`,
      integrity,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
      ...(own.peerDependencies
        ? { peerDependencies: own.peerDependencies, peerDependenciesMeta: own.peerDependenciesMeta }
        : {}),
    },
    ...closure(lock.packages, [...Object.keys(own.dependencies), ...extra]),
  };
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        version: '1.0.0',
        private: true,
        type: 'module',
        dependencies,
        allowScripts: CONSUMER_ALLOW_SCRIPTS,
      },
      null,
      2,
    ),
  );
  await writeFile(
    join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  const { stderr } = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: dir });
  return stderr;
}

/** A consumer project with the packed release installed, and the two Prism mocks its code runs against. */
export interface ConsumerProject {
  readonly dir: string;
  /** The consumer's own TypeScript compiler, strict, in its folder. */
  tsc(args: readonly string[]): Promise<{ stdout: string; stderr: string }>;
  /** The files the release pack holds (npm's packlist). */
  readonly packed: readonly { path: string }[];
  /** What npm printed on stderr as it installed. */
  readonly npmWarnings: string;
  readonly prisms: readonly PrismServer[];
  /** process.env with CONNECT_BASE_URL and CONNECT_TOKEN_URL pointing at the mocks. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Packs the release (dist/ built already), installs it offline with `extra`
 * (what the consumer's own code needs) into a fresh folder, and starts Prism
 * on both specs meanwhile: the consumer test and the generators suite share it.
 */
export async function consumerProject(extra: string[]): Promise<ConsumerProject> {
  const dir = await mkdtemp(join(tmpdir(), 'cf-consumer-'));
  let prisms: PrismServer[] = [];
  const close = async () => {
    await Promise.all(prisms.map((p) => p.close()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const [pack] = await Promise.all([
      packRelease({ root: process.cwd(), dest: dir, build: false }),
      (async () => {
        prisms = await Promise.all([
          startPrism('spec/connect-fulfillment.openapi.yaml'),
          startPrism('spec/connectid-token.openapi.yaml'),
        ]);
      })(),
    ]);
    const npmWarnings = await installConsumer(dir, pack.tarball, extra, process.cwd());
    const env = {
      ...(process.env as Record<string, string>),
      CONNECT_BASE_URL: prisms[0]!.url,
      CONNECT_TOKEN_URL: `${prisms[1]!.url}/token`,
    };
    const tsc = (args: readonly string[]) =>
      run(
        process.execPath,
        [join(dir, 'node_modules/typescript/bin/tsc'), '--strict', '--skipLibCheck', '--target', 'es2022', ...args],
        { cwd: dir },
      );
    return { dir, tsc, packed: pack.result.files, npmWarnings, prisms, env, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A spec as a consumer project has it: in the installed package. */
export const packagedSpec = (name: string) => `node_modules/connect-fulfillment/spec/${name}.openapi.yaml`;
