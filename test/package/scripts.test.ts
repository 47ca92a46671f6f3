/**
 * Every `npm run <script>` the README, the docs and the CI recipes tell a
 * reader to type exists, and is run for real by npm test, by .ci/run or by a
 * named test, so that documented commands cannot rot.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const DOCUMENTS = [
  'README.md',
  'docs/ci.md',
  'docs/performance.md',
  'docs/diff-rules.md',
  'CHANGELOG.md',
  'examples/ci/github/contract.yml',
  'examples/ci/github/drift.yml',
  'examples/ci/github/diff.yml',
  'examples/ci/gitlab/.gitlab-ci.yml',
  'examples/ci/github/release.yml',
  'docs/packaging.md',
];

/** Where each script is run, and the text there that shows it. */
const RUN_BY: Record<string, [file: string, evidence: string]> = {
  contract: ['.ci/run', 'npm run contract'],
  lint: ['package.json', 'npm run lint &&'],
  build: ['package.json', 'npm run build &&'],
  'lint:code': ['package.json', 'npm run lint:code &&'],
  'lint:spec': ['package.json', 'npm run lint:spec'],
  format: ['test/package/code-lint.test.ts', "biome('format'"],
  'check:generated': ['package.json', 'npm run check:generated &&'],
  'check:release': ['package.json', 'npm run check:release &&'],
  generate: ['test/codegen/freshness.test.ts', 'checkGenerated('],
  'release:snapshot': ['test/package/release.test.ts', 'snapshotRelease('],
  docs: ['test/package/docs.test.ts', 'buildDocs('],
  'docs:rules': ['test/diff/rules-doc.test.ts', 'renderRulesDoc('],
  bench: ['.ci/run', 'BENCH_QUICK=1 npm run bench'],
  'test:browser': ['.ci/run', 'npm run test:browser'],
  'test:slow': ['.ci/run', 'npm run test:slow'],
  typecheck: ['package.json', 'npm run typecheck &&'],
  'typecheck:ts5': ['scripts/ci-matrix.sh', 'npm run typecheck:ts5'],
  // The scripts run `tsx scripts/release.ts pack|publish`: the consumer tests pack (helpers/consumer.ts), the peer suite publishes.
  'release:pack': ['test/helpers/consumer.ts', 'packRelease('],
  release: ['peer-tests/today.test.ts', "'scripts/release.ts',"],
};

const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
const mentioned = new Set(
  (await Promise.all(DOCUMENTS.map((f) => readFile(f, 'utf8')))).flatMap((text) =>
    [...text.matchAll(/npm run ([a-z][a-z0-9:-]*[a-z0-9])/g)].map((m) => m[1]!),
  ),
);

describe('documented npm scripts', () => {
  it('every npm run command in the docs is a script of package.json', () => {
    expect([...mentioned].filter((s) => !(s in pkg.scripts))).toEqual([]);
  });

  it.each([...mentioned].sort())('npm run %s is run by npm test, .ci/run or a test', async (script) => {
    const where = RUN_BY[script];
    expect(where, `no record of where ${script} runs`).toBeDefined();
    expect(await readFile(where![0], 'utf8')).toContain(where![1]);
  });
});
