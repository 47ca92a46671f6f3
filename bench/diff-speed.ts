/**
 * 7. `diff` against the cost of reading its input. Two revisions of a large,
 * realistic spec, generated here (test/fixtures/realistic-spec.ts: nothing is
 * fetched): about 3 MB of YAML, and about 19 MiB of JSON. Each round runs the
 * real command (`node bin/connect-fulfillment.js diff A B --format json`) and
 * the floor (`node bench/parse-floor.mjs A B`: read and parse both files, one
 * process, nothing else) back to back; the ratio is the median of the rounds'
 * ratios, so drift in the machine hits both alike. Peak RSS of each diff from
 * the process itself (peak-rss.mjs).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dump } from 'js-yaml';
import { realisticSpec, reviseSpec } from '../test/fixtures/realistic-spec.js';
import { median } from './measure.js';

const BIN = resolve('bin/connect-fulfillment.js');
const FLOOR = resolve('bench/parse-floor.mjs');
const PRELOAD = new URL('./peak-rss.mjs', import.meta.url).pathname;

interface Timed {
  readonly ms: number;
  readonly code: number;
  readonly peakMiB: number;
}

async function timed(args: string[], dir: string): Promise<Timed> {
  const rss = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const code = await new Promise<number>((done) =>
    execFile(
      process.execPath,
      ['--import', PRELOAD, ...args],
      { env: { ...process.env, PEAK_RSS_FILE: rss }, maxBuffer: 64 << 20, timeout: 120_000 },
      (error) => done(error ? (typeof error.code === 'number' ? error.code : -1) : 0),
    ),
  );
  const ms = performance.now() - started;
  const peakMiB = Number(await readFile(rss, 'utf8').catch(() => 'NaN')) / 1024;
  return { ms, code, peakMiB };
}

export interface DiffSpeed {
  readonly name: string;
  readonly bytes: number;
  readonly changes: number;
  readonly exitCode: number;
  readonly floorMs: number;
  readonly diffMs: number;
  /** Median over rounds of diff time / floor time, each pair run back to back. */
  readonly ratio: number;
  readonly ratios: readonly number[];
  readonly diffPeakMiB: number;
  readonly floorPeakMiB: number;
}

export async function diffSpeed(options: { quick: boolean }): Promise<DiffSpeed[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cf-bench-diff-'));
  const rounds = options.quick ? 2 : 7;
  const cases = [
    // About 3 MB of YAML: JSON is about four fifths of the YAML of the same document.
    { name: 'a 3 MB YAML pair', format: 'yaml', bytes: options.quick ? 300_000 : 2_400_000 },
    { name: 'a 19 MiB JSON pair', format: 'json', bytes: options.quick ? 2_000_000 : 19.5 * 1024 * 1024 },
  ] as const;
  const out: DiffSpeed[] = [];
  try {
    for (const c of cases) {
      const before = realisticSpec(c.bytes, 11);
      // A release's worth of change: operations added and removed, types and requirements changed, prose reworded.
      const after = reviseSpec(before, 12, 5);
      const text = (doc: object) =>
        c.format === 'json' ? JSON.stringify(doc) : dump(doc, { lineWidth: -1, noRefs: true });
      const [a, b] = [join(dir, `old.${c.format}`), join(dir, `new.${c.format}`)];
      const oldText = text(before);
      await writeFile(a, oldText);
      await writeFile(b, text(after));
      // Warm the file cache and the machine alike for both.
      await timed([FLOOR, a, b], dir);
      const first = await timed([BIN, 'diff', a, b, '--format', 'json'], dir);
      const floors: Timed[] = [];
      const diffs: Timed[] = [];
      for (let r = 0; r < rounds; r++) {
        floors.push(await timed([FLOOR, a, b], dir));
        diffs.push(await timed([BIN, 'diff', a, b, '--format', 'json'], dir));
      }
      const ratios = diffs.map((d, i) => d.ms / floors[i]!.ms);
      out.push({
        name: c.name,
        bytes: Buffer.byteLength(oldText),
        changes: 12,
        exitCode: first.code,
        floorMs: median(floors.map((f) => f.ms)),
        diffMs: median(diffs.map((d) => d.ms)),
        ratio: median(ratios),
        ratios: ratios.map((x) => Math.round(x * 100) / 100),
        diffPeakMiB: Math.max(...diffs.map((d) => d.peakMiB)),
        floorPeakMiB: Math.max(...floors.map((f) => f.peakMiB)),
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
