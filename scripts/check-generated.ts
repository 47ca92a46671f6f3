/**
 * `npm run check:generated`: fails (exit 1) when generated/ differs from what
 * the specs produce now, naming every stale, missing or extra file.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAll } from './codegen/index.js';
import { listFiles, ROOT } from './generate.js';

export interface Staleness {
  readonly stale: string[];
  readonly missing: string[];
  readonly extra: string[];
}

export async function checkGenerated(root: string): Promise<Staleness> {
  const expected = await generateAll(root);
  const result: Staleness = { stale: [], missing: [], extra: [] };
  for (const [path, text] of expected) {
    const actual = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (actual === undefined) result.missing.push(path);
    else if (actual !== text) result.stale.push(path);
  }
  for (const file of await listFiles(join(root, 'generated'))) {
    const rel = relative(root, file);
    if (!expected.has(rel) && rel !== 'generated/README.md') result.extra.push(rel);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { stale, missing, extra } = await checkGenerated(ROOT);
  const problems = [
    ...stale.map((f) => `stale: ${f}`),
    ...missing.map((f) => `missing: ${f}`),
    ...extra.map((f) => `not produced by the specs: ${f}`),
  ];
  if (problems.length > 0) {
    process.stderr.write(
      `generated/ is out of date with spec/ (run \`npm run generate\`):\n  ${problems.join('\n  ')}\n`,
    );
    process.exit(1);
  }
  process.stderr.write('generated/ is up to date with spec/\n');
}
