import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSpecs } from '../../scripts/lint.js';

describe('the spec lint', () => {
  it('reports warnings as problems, not only errors, on a spec that breaks recommended rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-lint-'));
    try {
      const source = await readFile('spec/connect-fulfillment.openapi.yaml', 'utf8');
      // Drops the operationId (an error under recommended) and the license (a warning).
      const broken = source
        .replace('      operationId: completeOrder\n', '')
        .replace(/ {2}license:\n {4}name: MIT\n {4}identifier: MIT\n/, '');
      await writeFile(join(dir, 'broken.yaml'), broken);
      const problems = await lintSpecs([join(dir, 'broken.yaml')]);
      expect(problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(['operation-operationId', 'info-license']));
      expect(problems.some((p) => p.severity === 'warn')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
