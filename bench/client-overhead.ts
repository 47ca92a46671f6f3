/**
 * 1. Client overhead: bare fetch, bare openapi-fetch and the full client
 * (cached token, validation and retry on) against the same fixed 200 from a
 * separate process, at concurrency 1 and 32.
 *
 * Each variant runs in a process of its own (client-variant.ts), as a user's
 * process runs one client: in one shared process each paid for the others'
 * garbage and for the shapes they left in undici's code, and the full client
 * read 0.69–0.78 of bare fetch there against 0.92 alone (docs/performance.md,
 * section 1). Every ratio is paired: each round runs the full client and the
 * variant it is compared with back to back, in turn first and second (A B,
 * then B A), so drift in the machine hits both alike; a set of processes reads
 * the median of its rounds' ratios, and the ratio printed is the median over
 * several sets, each started fresh, because a process keeps the speed it
 * started with. One pair is a control: the full client against the same full
 * client in another process. Its ratio is what this machine reads for no
 * difference at all, the resolution every other ratio is read against.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { Variant } from './client-variant.js';
import { median, type Upstream } from './measure.js';

interface Sample {
  readonly perSecond: number;
  readonly cpuMicros: number;
}

/** A variant's process: started, warmed, and asked for one batch at a time. */
class VariantProcess {
  readonly #child: ChildProcess;
  readonly ready: Promise<void>;

  readonly #name: Variant;

  constructor(name: Variant, url: string) {
    this.#name = name;
    this.#child = fork(new URL('./client-variant.js', import.meta.url), [name, url], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = this.#answer().then(() => undefined);
  }

  batch(calls: number, concurrency: number): Promise<Sample> {
    const answer = this.#answer();
    if (this.#child.connected) this.#child.send({ calls, concurrency });
    return answer as Promise<Sample>;
  }

  /** The process's next message; a process that ends first (its calls threw) fails the bench instead of hanging it. */
  #answer(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const ended = (code: number | null) =>
        reject(new Error(`the bench's "${this.#name}" process ended (exit code ${code}) before answering`));
      if (!this.#child.connected) return ended(this.#child.exitCode);
      this.#child.once('exit', ended);
      this.#child.once('message', (m) => {
        this.#child.off('exit', ended);
        resolve(m);
      });
    });
  }

  close(): void {
    if (this.#child.connected) this.#child.disconnect();
  }
}

/**
 * `generations` of fresh processes, each running `rounds` of every pair, then
 * `closeRounds` more of the two whose goal is a small difference (the time
 * limit's cost under 3%) and of the control that calibrates them. A process
 * keeps the speed it started with: over eight fresh sets of processes (ten
 * rounds each), the full client against the untimed one read from 0.91 to 1.11,
 * set by set, and their median 1.008 (c1) and 1.003 (c32). With one set per
 * run, every ratio was one draw of that spread, and the time limit's goal line
 * flipped from run to run. Each ratio is the median of the sets' medians.
 */
export async function clientOverhead(
  upstream: Upstream,
  size: { generations: number; rounds: number; calls: number; closeRounds: number },
) {
  const names = ['fetch', 'openapi-fetch', 'full', 'full, no timeout', 'full, again'] as const satisfies Variant[];
  type Name = (typeof names)[number];
  /** What the full client is compared with, each over paired rounds. */
  const against = ['fetch', 'openapi-fetch', 'full, no timeout', 'full, again'] as const;
  type Against = (typeof against)[number];
  /** The pairs measured longer: the time limit against none, and the control that says how finely that can be read. */
  const CLOSE = ['full, no timeout', 'full, again'] as const satisfies Against[];
  type Result = Record<Name, { median: number; samples: number[]; cpuMicrosPerCall: number }> & {
    /** Median over generations of full / full without a timeout (each the median of its paired rounds): the time limit's cost. */
    timeoutRatio: number;
    /** Median over generations of full / bare fetch. */
    fullOverFetch: number;
    /** Median over generations of full / bare openapi-fetch. */
    fullOverOpenapiFetch: number;
    /** The control, full / the same full client in another process: what this machine reads for no difference. */
    control: { median: number; low: number; high: number };
  };
  const levels = [1, 32] as const;
  type Level = `c${(typeof levels)[number]}`;
  const samples = Object.fromEntries(
    levels.map((c) => [`c${c}`, Object.fromEntries(names.map((k) => [k, [] as Sample[]]))]),
  ) as Record<Level, Record<Name, Sample[]>>;
  /** Per concurrency and pair: each generation's median ratio. */
  const byGeneration = Object.fromEntries(
    levels.map((c) => [`c${c}`, Object.fromEntries(against.map((k) => [k, [] as number[]]))]),
  ) as Record<Level, Record<Against, number[]>>;
  for (let generation = 0; generation < size.generations; generation++) {
    // A process per side of each pair, every one run once a round: a process run more often than another reads
    // faster for it (warm caches and sockets), and a full client shared by the four pairs read 1.27 against itself.
    const pairs = Object.fromEntries(
      against.map((other) => [
        other,
        { full: new VariantProcess('full', upstream.url), other: new VariantProcess(other, upstream.url) },
      ]),
    ) as Record<Against, { full: VariantProcess; other: VariantProcess }>;
    const all = Object.values(pairs).flatMap((p) => [p.full, p.other]);
    try {
      await Promise.all(all.map((p) => p.ready));
      for (const concurrency of levels) {
        // Warm every path first: JIT, sockets.
        for (const p of all) await p.batch(300, concurrency);
        const calls = size.calls * (concurrency === 1 ? 1 : 2);
        const level = samples[`c${concurrency}`];
        const ratios = Object.fromEntries(against.map((k) => [k, [] as number[]])) as Record<Against, number[]>;
        const round = async (r: number, other: Against) => {
          const { full, other: compared } = pairs[other];
          const first = r % 2 === 0 ? full : compared;
          const a = await first.batch(calls, concurrency);
          const b = await (first === full ? compared : full).batch(calls, concurrency);
          const [f, o] = first === full ? [a, b] : [b, a];
          level.full.push(f);
          level[other].push(o);
          ratios[other].push(f.perSecond / o.perSecond);
        };
        for (let r = 0; r < size.rounds; r++) for (const other of against) await round(r, other);
        for (let r = 0; r < size.closeRounds; r++) for (const other of CLOSE) await round(size.rounds + r, other);
        for (const other of against) byGeneration[`c${concurrency}`][other].push(median(ratios[other]));
      }
    } finally {
      for (const p of all) p.close();
    }
  }
  const results = {} as Record<Level, Result>;
  for (const c of levels) {
    const level = samples[`c${c}`];
    const generations = byGeneration[`c${c}`];
    results[`c${c}`] = {
      ...(Object.fromEntries(
        names.map((name) => [
          name,
          {
            median: median(level[name].map((x) => x.perSecond)),
            samples: level[name].map((x) => Math.round(x.perSecond)),
            cpuMicrosPerCall: median(level[name].map((x) => x.cpuMicros)),
          },
        ]),
      ) as Omit<Result, 'timeoutRatio' | 'fullOverFetch' | 'fullOverOpenapiFetch' | 'control'>),
      timeoutRatio: median(generations['full, no timeout']),
      fullOverFetch: median(generations.fetch),
      fullOverOpenapiFetch: median(generations['openapi-fetch']),
      control: { median: median(generations['full, again']), ...quartiles(generations['full, again']) },
    };
  }
  return results;
}

/** The middle half of a sample: the spread a median of it is read with. */
function quartiles(values: readonly number[]): { low: number; high: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { low: at(0.25), high: at(0.75) };
}
