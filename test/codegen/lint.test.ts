import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpecs } from '../../scripts/lint.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-lint-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function lintEdited(edit: (source: string) => string) {
  const source = await readFile('spec/connect-fulfillment.openapi.yaml', 'utf8');
  const broken = edit(source);
  expect(broken).not.toBe(source);
  const file = join(dir, `broken-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, broken);
  return lintSpecs([file]);
}

describe('the spec lint: Redocly recommended and Spectral oas (all rules), each failing on warnings too', () => {
  it('both specs are clean under both', async () => {
    expect(await lintSpecs(['spec/connect-fulfillment.openapi.yaml', 'spec/connectid-token.openapi.yaml'])).toEqual([]);
  });

  it('Redocly reports a missing operationId (an error) and a missing license (a warning)', async () => {
    const problems = await lintEdited((s) =>
      s.replace('      operationId: completeOrder\n', '').replace(/ {2}license:\n {4}name: MIT\n {4}url: \S+\n/, ''),
    );
    const redocly = problems.filter((p) => p.tool === 'redocly');
    expect(redocly.map((p) => p.ruleId)).toEqual(expect.arrayContaining(['operation-operationId', 'info-license']));
    expect(redocly.some((p) => p.severity === 'warn')).toBe(true);
  });

  it('Spectral reports a missing info.contact and an enum that repeats a value, which Redocly lets pass', async () => {
    const problems = await lintEdited((s) =>
      s
        .replace(/ {2}contact:\n {4}name: .*\n/, '')
        .replace('        - OK\n        - ERROR\n', '        - OK\n        - ERROR\n        - OK\n'),
    );
    const spectral = problems.filter((p) => p.tool === 'spectral').map((p) => p.ruleId);
    expect(spectral).toEqual(expect.arrayContaining(['info-contact', 'duplicated-entry-in-enum']));
  });
});
