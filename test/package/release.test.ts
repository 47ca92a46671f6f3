import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRelease, snapshotRelease } from '../../scripts/release.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cf-release-'));
  for (const f of ['package.json', 'CHANGELOG.md', 'spec', 'releases']) await cp(f, join(root, f), { recursive: true });
  // Every test starts from a released state: the specs as they are, recorded under the package's version.
  await snapshotRelease(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const SPEC = 'spec/connect-fulfillment.openapi.yaml';
const version = JSON.parse(await readFile('package.json', 'utf8')).version as string;
const [major, minor] = version.split('.').map(Number) as [number, number];
const nextMinor = `${major}.${minor + 1}.0`;
const nextMajor = `${major + 1}.0.0`;

const edit = async (file: string, from: string, to: string) =>
  writeFile(join(root, file), (await readFile(join(root, file), 'utf8')).replace(from, to));
async function bump(version: string) {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const old = pkg.version;
  pkg.version = version;
  await writeFile(join(root, 'package.json'), JSON.stringify(pkg));
  for (const f of [SPEC, 'spec/connectid-token.openapi.yaml']) await edit(f, `version: ${old}`, `version: ${version}`);
  await edit('CHANGELOG.md', '# Changelog\n', `# Changelog\n\n## [${version}] - 2026-12-01\n`);
}
const addEnumValue = () =>
  edit(SPEC, '        - OK\n        - ERROR\n', '        - OK\n        - ERROR\n        - PENDING\n');

describe('the release check', () => {
  it('passes on the repository as it is', async () => {
    expect(await checkRelease(process.cwd())).toEqual([]);
  });

  it('fails on a breaking change without a new major version, naming it', async () => {
    await addEnumValue();
    await bump(nextMinor);
    const problems = await checkRelease(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `breaking changes since ${version} but the major version did not move:\n {4}response-property-enum-value-added`,
      ),
    );
  });

  it('follows the deprecation policy of diff: deprecating the operation without a sunset needs a major; with one 200 days off, a minor', async () => {
    await edit(
      SPEC,
      '      operationId: completeOrder\n',
      '      operationId: completeOrder\n      deprecated: true\n',
    );
    await bump(nextMinor);
    expect((await checkRelease(root))[0]).toMatch(/api-deprecated-sunset-missing/);
    const sunset = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    await edit(SPEC, '      deprecated: true\n', `      deprecated: true\n      x-sunset: '${sunset}'\n`);
    expect(await checkRelease(root)).toEqual([]);
  });

  it('passes the same breaking change with a new major version', async () => {
    await addEnumValue();
    await bump(nextMajor);
    expect(await checkRelease(root)).toEqual([]);
  });

  it('fails on a spec change, even a harmless one, without a new version', async () => {
    await edit(SPEC, '          type: string\n          format: uri\n', '          type: string\n');
    expect(await checkRelease(root)).toEqual([
      expect.stringMatching(
        new RegExp(
          `changed since release ${version} \\(request-property-format-removed\\) but the version is still ${version}`,
        ),
      ),
    ]);
  });

  it('a snapshot of a new version makes it the release the next check compares against', async () => {
    await addEnumValue();
    await bump(nextMajor);
    expect(await snapshotRelease(root)).toBe(join(root, `releases/${nextMajor}`));
    expect(await readFile(join(root, `releases/${nextMajor}/connect-fulfillment.openapi.yaml`), 'utf8')).toBe(
      await readFile(join(root, SPEC), 'utf8'),
    );
    await edit(SPEC, '        - PENDING\n', '');
    expect(await checkRelease(root)).toEqual([
      expect.stringMatching(
        new RegExp(
          `changed since release ${nextMajor} \\(response-property-enum-value-removed\\) but the version is still ${nextMajor}`,
        ),
      ),
    ]);
  });

  it('fails when the versions or the changelog disagree', async () => {
    await edit('spec/connectid-token.openapi.yaml', `version: ${version}`, 'version: 0.0.1');
    await edit('CHANGELOG.md', `## [${version}]`, '## [0.9.0]');
    expect(await checkRelease(root)).toEqual([
      `spec/connectid-token.openapi.yaml info.version is 0.0.1, the package is ${version}`,
      `CHANGELOG.md has no "## [${version}]" section`,
    ]);
  });
});
