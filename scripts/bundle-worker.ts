/**
 * `npm run build`, after tsc: the `diff` command's worker as one file.
 *
 * A worker loads its modules one by one, each resolved, read, compiled and
 * linked by Node's ESM loader, and the worker's thirty-odd modules were about
 * a fifth of its start on the 2-core machine the bench runs on
 * (docs/performance.md, section 7, "The worker as one file"). This replaces
 * the worker's compiled entry, dist/src/cli/commands/diff-worker.js, with it
 * and every module of this package it imports, bundled by esbuild (already
 * the engine of tsx, so nothing new is installed). Packages stay imports:
 * js-yaml is the one the user installed, patched or not. Nothing else in dist
 * changes, so the library's modules are tsc's own; without this step the
 * worker is tsc's entry and runs the same, only slower to start.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const WORKER = 'dist/src/cli/commands/diff-worker.js';

export async function bundleWorker(root: string): Promise<void> {
  const file = join(root, WORKER);
  const result = await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    // tsc's own target (tsconfig.json): the code comes through as written.
    target: 'es2022',
    logLevel: 'warning',
  });
  // A warning is a bundle that may not run as tsc's modules do: the build fails on it.
  if (result.warnings.length > 0) throw new Error(`esbuild warned about ${WORKER} (above)`);
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] === here) await bundleWorker(join(dirname(here), '..'));
