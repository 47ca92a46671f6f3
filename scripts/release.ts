/**
 * Versions move together: the package version, `info.version` of both specs
 * and CHANGELOG.md. Against the last released snapshot (releases/<version>/),
 * a spec that changed needs a new version, and a breaking change needs a new
 * major. `npm run check:release` (part of `npm test`) fails otherwise;
 * `npm run release:snapshot` records the current specs as released.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { diffSpecs } from '../src/diff/compare.js';
import { specFromDocument } from '../src/diff/load.js';
import { SPECS } from './codegen/index.js';
import { ROOT } from './generate.js';
import { npmCommand, packRelease, publishTarball } from './pack.js';

const semver = (v: string): [number, number, number] => {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (!m) throw new Error(`not a release version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};
const compare = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/**
 * This project's own deprecation policy, stricter than diff's default (0 days,
 * oasdiff's): our consumers are told a sunset date at least 180 days ahead
 * (31 for a beta operation) before anything of the contract goes.
 */
export const RELEASE_POLICY = { deprecationDaysBeta: 31, deprecationDaysStable: 180 } as const;

export async function checkRelease(root: string): Promise<string[]> {
  const problems: string[] = [];
  const version = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const specs = await Promise.all(
    SPECS.map(async (s) => ({
      ...s,
      doc: parse(await readFile(join(root, s.file), 'utf8')) as { info: { version: string } },
    })),
  );
  for (const s of specs)
    if (s.doc.info.version !== version)
      problems.push(`${s.file} info.version is ${s.doc.info.version}, the package is ${version}`);
  const changelog = await readFile(join(root, 'CHANGELOG.md'), 'utf8').catch(() => '');
  if (!changelog.includes(`## [${version}]`)) problems.push(`CHANGELOG.md has no "## [${version}]" section`);
  const released = (await readdir(join(root, 'releases')).catch(() => []))
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .sort(compare);
  const last = released.at(-1);
  if (!last) return [...problems, 'no released spec in releases/: run npm run release:snapshot'];
  if (compare(version, last) < 0) problems.push(`the package version ${version} is below the last release ${last}`);
  for (const s of specs) {
    const old = parse(await readFile(join(root, 'releases', last, s.file.replace('spec/', '')), 'utf8'));
    const changes = diffSpecs(
      specFromDocument({ ...old, info: {} }),
      specFromDocument({ ...s.doc, info: {} }),
      RELEASE_POLICY,
    );
    const breaking = changes.filter((c) => c.level === 'breaking');
    if (version === last && changes.length > 0)
      problems.push(
        `${s.file} changed since release ${last} (${changes.map((c) => c.id).join(', ')}) but the version is still ${version}`,
      );
    if (breaking.length > 0 && semver(version)[0] === semver(last)[0]) {
      problems.push(
        `${s.file} has breaking changes since ${last} but the major version did not move:\n    ${breaking.map((c) => `${c.id} at ${c.location}: ${c.message}`).join('\n    ')}`,
      );
    }
  }
  return problems;
}

/** Records the current specs as released: copies them to releases/<package version>/. Returns that folder. */
export async function snapshotRelease(root: string): Promise<string> {
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const dir = join(root, 'releases', version);
  await mkdir(dir, { recursive: true });
  for (const s of SPECS) await cp(join(root, s.file), join(dir, s.file.replace('spec/', '')));
  return dir;
}

/** `release.ts publish` and `release.ts pack`: their options, read before anything runs. */
export function releaseArgs(argv: string[]): { registry?: string; dest: string; test: boolean; tag?: string } {
  const out: { registry?: string; dest: string; test: boolean; tag?: string } = { dest: 'release', test: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--registry') out.registry = value();
    else if (arg === '--dest') out.dest = value();
    else if (arg === '--tag') out.tag = value();
    else if (arg === '--no-test') out.test = false;
    else
      throw new Error(`unknown option ${arg} (release.ts publish --registry URL [--dest DIR] [--tag TAG] [--no-test])`);
  }
  return out;
}

/**
 * The release: the release check, every test (`npm test`), the package packed
 * without lifecycle scripts, then published to the registry given. Each step
 * stops the release when it fails; nothing is published from a failing tree.
 */
export async function release(root: string, argv: string[], log = (line: string) => process.stderr.write(`${line}\n`)) {
  const args = releaseArgs(argv);
  if (!args.registry)
    throw new Error('--registry is required: the registry to publish to (e.g. https://registry.npmjs.org/)');
  const problems = await checkRelease(root);
  if (problems.length) throw new Error(`release check: ${problems.join('; ')}`);
  if (args.test) {
    log('release: npm test');
    const npm = npmCommand();
    await promisify(execFile)(npm.command, [...npm.args, 'test'], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  }
  const { tarball } = await packRelease({ root, dest: join(root, args.dest) });
  log(`release: packed ${tarball}`);
  await publishTarball({ tarball, registry: args.registry, cwd: root, tag: args.tag });
  log(`release: published ${tarball} to ${args.registry}`);
  return tarball;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === 'snapshot') {
      process.stderr.write(`recorded the specs as released in ${await snapshotRelease(ROOT)}\n`);
    } else if (command === 'pack') {
      const { tarball } = await packRelease({ root: ROOT, dest: join(ROOT, releaseArgs(rest).dest) });
      process.stdout.write(`${tarball}\n`);
    } else if (command === 'publish') {
      await release(ROOT, rest);
    } else if (command === undefined) {
      const problems = await checkRelease(ROOT);
      for (const p of problems) process.stderr.write(`${p}\n`);
      process.stderr.write(
        problems.length
          ? `release check: ${problems.length} problem(s)\n`
          : 'release check: versions agree, no unreleased breaking change\n',
      );
      process.exit(problems.length ? 1 : 0);
    } else {
      throw new Error(`unknown command ${command}: release.ts [snapshot | pack | publish --registry URL]`);
    }
  } catch (error) {
    process.stderr.write(`release: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
