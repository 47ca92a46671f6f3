import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGenerated } from '../../scripts/check-generated.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cf-freshness-'));
  for (const dir of ['spec', 'generated']) await cp(dir, join(root, dir), { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the freshness check', () => {
  it('passes on the committed generated/ files', async () => {
    expect(await checkGenerated(process.cwd())).toEqual({ stale: [], missing: [], extra: [] });
  });

  it('fails, naming the files, when the spec changes without regeneration', async () => {
    const spec = join(root, 'spec/connect-fulfillment.openapi.yaml');
    const original = await readFile(spec, 'utf8');
    await writeFile(
      spec,
      original.replace('        - OK\n        - ERROR\n', '        - OK\n        - ERROR\n        - PENDING\n'),
    );
    try {
      const result = await checkGenerated(root);
      expect(result.stale).toEqual(
        expect.arrayContaining([
          'generated/connect-fulfillment.ts',
          'generated/validators.standalone.ts',
          'generated/spec/connect-fulfillment.openapi.json',
        ]),
      );
    } finally {
      await writeFile(spec, original);
    }
  });

  it('fails when a generated file is edited by hand, deleted, or added', async () => {
    const types = join(root, 'generated/connectid-token.ts');
    await writeFile(types, `${await readFile(types, 'utf8')}\nexport type HandEdit = 1;\n`);
    await rm(join(root, 'generated/contract.ts'));
    await writeFile(join(root, 'generated/leftover.ts'), 'export {};\n');
    expect(await checkGenerated(root)).toEqual({
      stale: ['generated/connectid-token.ts'],
      missing: ['generated/contract.ts'],
      extra: ['generated/leftover.ts'],
    });
  });
});
