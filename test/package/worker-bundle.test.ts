/**
 * `npm run build` leaves the `diff` command's worker as one file
 * (scripts/bundle-worker.ts): every module it imports is one of Node's or a
 * package, never one of this package's, which would cost the worker's start a
 * load each. The check is shown failing on tsc's own entry.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { WORKER } from '../../scripts/bundle-worker.js';

/** The modules a file names: static imports and re-exports, and dynamic imports of a literal. */
function imported(source: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

/** A module of this package: a relative or absolute path, not `node:` or a package name. */
const own = (specifier: string) => /^(?:\.{1,2}\/|\/|file:)/.test(specifier);

describe('the diff worker as npm run build leaves it', () => {
  it('imports no module of this package: they are bundled into it', async () => {
    const specifiers = imported(await readFile(WORKER, 'utf8'));
    expect(specifiers.filter(own)).toEqual([]);
    // Packages stay imports: js-yaml is the user's installed copy, patched or not.
    expect(new Set(specifiers.filter((s) => !s.startsWith('node:')))).toEqual(new Set(['js-yaml']));
  });

  it('the check finds the modules the compiled entry imports, static and dynamic', () => {
    const tscEntry = [
      "import { parentPort, workerData } from 'node:worker_threads';",
      "import { holdTurbofan,\n  releaseTurbofan } from './diff-compiler.js';",
      "export { runDiff } from './diff-run.js';",
      "const { lineFinder } = await import('../../diff/positions.js');",
      "import { load } from 'js-yaml';",
    ].join('\n');
    expect(imported(tscEntry).filter(own)).toEqual(['./diff-compiler.js', './diff-run.js', '../../diff/positions.js']);
  });
});
