/**
 * The release pack: npm's own output read in every shape npm prints it, and a
 * packed manifest that carries no lifecycle script into a consumer's tree.
 * The npm versions themselves are run in peer-tests/install.test.ts (they need
 * the registry); here each printed shape is written out as npm prints it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerManifest, INSTALL_LIFECYCLE, packRelease, packResults } from '../../scripts/pack.js';
import { releaseArgs } from '../../scripts/release.js';

const exec = promisify(execFile);
const entry = (name: string) => ({
  id: `${name}@1.0.0`,
  name,
  version: '1.0.0',
  filename: `${name}-1.0.0.tgz`,
  files: [{ path: 'package.json', size: 10, mode: 420 }],
  entryCount: 1,
  bundled: [],
});

describe('packResults reads what npm pack --json prints', () => {
  it('npm 10 and 11: an array with one result per package', () => {
    const printed = JSON.stringify([entry('connect-fulfillment')], null, 2);
    expect(packResults(printed).map((r) => r.filename)).toEqual(['connect-fulfillment-1.0.0.tgz']);
  });

  it('npm 12: an object keyed by package name', () => {
    const printed = JSON.stringify({ 'connect-fulfillment': entry('connect-fulfillment') }, null, 2);
    expect(packResults(printed).map((r) => r.name)).toEqual(['connect-fulfillment']);
  });

  it('npm 12 with several packages (workspaces): every value, in order', () => {
    const printed = JSON.stringify({ a: entry('a'), '@s/b': entry('@s/b') });
    expect(packResults(printed).map((r) => r.name)).toEqual(['a', '@s/b']);
  });

  it('anything else is an error that quotes what was printed, never an empty list', () => {
    expect(() => packResults('> prepack\nnpm notice')).toThrow(/not JSON: "> prepack/);
    expect(() => packResults('[]')).toThrow(/no package result/);
    expect(() => packResults('{}')).toThrow(/no package result/);
    expect(() => packResults('null')).toThrow(/no package result/);
    expect(() => packResults(JSON.stringify([{ name: 'a' }]))).toThrow(/no package result/);
    // One good and one broken result: not silently half read.
    expect(() => packResults(JSON.stringify([entry('a'), { name: 'b' }]))).toThrow(/no package result/);
  });
});

describe('consumerManifest', () => {
  it('drops what only this repository runs or reads, and keeps what a consumer resolves', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as Record<string, unknown>;
    expect(pkg.scripts).toHaveProperty('prepare');
    const manifest = consumerManifest(pkg);
    expect(Object.keys(manifest)).not.toEqual(expect.arrayContaining(['scripts']));
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('allowScripts');
    for (const key of ['name', 'version', 'exports', 'bin', 'dependencies', 'peerDependencies', 'engines', 'files'])
      expect(manifest[key], key).toEqual(pkg[key]);
  });
});

describe('packRelease', () => {
  let dest: string;
  let packed: Awaited<ReturnType<typeof packRelease>>;
  let checkout = '';
  beforeAll(async () => {
    dest = await mkdtemp(join(tmpdir(), 'cf-pack-test-'));
    packed = await packRelease({ root: process.cwd(), dest, build: false });
  }, 60_000);
  afterAll(() => rm(dest, { recursive: true, force: true }));

  it('reads what the npm running this test prints, whatever its major', async () => {
    const { stdout } = await exec('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    checkout = stdout;
    const [result] = packResults(stdout);
    expect(result!.name).toBe('connect-fulfillment');
    expect(result!.files.map((f) => f.path)).toContain('dist/src/index.js');
  });

  it('packs the files npm would pack from the checkout, with a manifest that has no lifecycle script', async () => {
    const stdout = checkout;
    const fromCheckout = packResults(stdout)[0]!
      .files.map((f) => f.path)
      .sort();
    expect(packed.result.files.map((f) => f.path).sort()).toEqual(fromCheckout);
    const { stdout: inTarball } = await exec('tar', ['-xOzf', packed.tarball, 'package/package.json']);
    const manifest = JSON.parse(inTarball) as { scripts?: Record<string, string>; version: string };
    expect(manifest.version).toBe(packed.result.version);
    expect(manifest.scripts).toBeUndefined();
    for (const event of INSTALL_LIFECYCLE) expect(inTarball).not.toContain(`"${event}"`);
  });
});

describe('release.ts options', () => {
  it('reads --registry, --dest, --tag and --no-test, and names an unknown or valueless option', () => {
    expect(releaseArgs(['--registry', 'http://127.0.0.1:4873/', '--no-test', '--tag', 'next'])).toEqual({
      registry: 'http://127.0.0.1:4873/',
      dest: 'release',
      test: false,
      tag: 'next',
    });
    expect(() => releaseArgs(['--registry'])).toThrow('--registry needs a value');
    expect(() => releaseArgs(['--registry', '--no-test'])).toThrow('--registry needs a value');
    expect(() => releaseArgs(['--regsitry', 'x'])).toThrow(/unknown option --regsitry/);
  });
});
