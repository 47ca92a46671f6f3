/**
 * Versions move together: the package version, `info.version` of both specs
 * and CHANGELOG.md. Against the last released snapshot (releases/<version>/),
 * a spec that changed needs a new version, and a breaking change needs a new
 * major. `npm run check:release` (part of `npm test`) fails otherwise;
 * `npm run release:snapshot` records the current specs as released.
 */
import { cp, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { diffSpecs } from '../src/diff/compare.js';
import { specFromDocument } from '../src/diff/load.js';
import { SPECS } from './codegen/index.js';
import { ROOT } from './generate.js';

const semver = (v: string): [number, number, number] => {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (!m) throw new Error(`not a release version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};
const compare = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

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
    const changes = diffSpecs(specFromDocument({ ...old, info: {} }), specFromDocument({ ...s.doc, info: {} }));
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'snapshot') {
    process.stderr.write(`recorded the specs as released in ${await snapshotRelease(ROOT)}\n`);
  } else {
    const problems = await checkRelease(ROOT);
    for (const p of problems) process.stderr.write(`${p}\n`);
    process.stderr.write(
      problems.length
        ? `release check: ${problems.length} problem(s)\n`
        : 'release check: versions agree, no unreleased breaking change\n',
    );
    process.exit(problems.length ? 1 : 0);
  }
}
