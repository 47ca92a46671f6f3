/** `npm run generate`: writes generated/ from the specs, and removes generated files the specs no longer produce. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAll } from './codegen/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

async function main(): Promise<void> {
  const files = await generateAll(ROOT);
  for (const [path, text] of files) {
    await mkdir(dirname(join(ROOT, path)), { recursive: true });
    await writeFile(join(ROOT, path), text);
  }
  for (const file of await listFiles(join(ROOT, 'generated'))) {
    const rel = relative(ROOT, file);
    if (!files.has(rel) && rel !== 'generated/README.md') await rm(file);
  }
  process.stderr.write(`generated ${files.size} files\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
