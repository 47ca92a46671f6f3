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
 * then B A), and the ratio is the median of the rounds' ratios, so drift in
 * the machine hits both alike. One pair is a control: the full client against
 * the same full client in another process. Its ratio is what this machine
 * reads for no difference at all, the resolution every other ratio is read
 * against.
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
 * `rounds` of every pair, then `closeRounds` more of the two whose goal is a
 * small difference (the time limit's cost under 3%) and of the control that
 * calibrates them: a median of 24 paired rounds moves by about 3% here between
 * runs, one of 120 by about 1.5%.
 */
export async function clientOverhead(upstream: Upstream, size: { rounds: number; calls: number; closeRounds: number }) {
  const names = ['fetch', 'openapi-fetch', 'full', 'full, no timeout', 'full, again'] as const satisfies Variant[];
  type Name = (typeof names)[number];
  /** What the full client is compared with, each over paired rounds. */
  const against = ['fetch', 'openapi-fetch', 'full, no timeout', 'full, again'] as const;
  type Against = (typeof against)[number];
  /** The pairs measured longer: the time limit against none, and the control that says how finely that can be read. */
  const CLOSE = ['full, no timeout', 'full, again'] as const satisfies Against[];
  type Result = Record<Name, { median: number; samples: number[]; cpuMicrosPerCall: number }> & {
    /** Median over paired rounds of full / full without a timeout: the time limit's cost. */
    timeoutRatio: number;
    /** Median over paired rounds of full / bare fetch. */
    fullOverFetch: number;
    /** Median over paired rounds of full / bare openapi-fetch. */
    fullOverOpenapiFetch: number;
    /** The control, full / the same full client in another process: what this machine reads for no difference. */
    control: { median: number; low: number; high: number };
  };
  // A process per side of each pair, every one run once a round: a process run more often than another reads
  // faster for it (warm caches and sockets), and a full client shared by the four pairs read 1.27 against itself.
  const pairs = Object.fromEntries(
    against.map((other) => [
      other,
      { full: new VariantProcess('full', upstream.url), other: new VariantProcess(other, upstream.url) },
    ]),
  ) as Record<Against, { full: VariantProcess; other: VariantProcess }>;
  const all = Object.values(pairs).flatMap((p) => [p.full, p.other]);
  const results = {} as Record<'c1' | 'c32', Result>;
  try {
    await Promise.all(all.map((p) => p.ready));
    for (const concurrency of [1, 32] as const) {
      // Warm every path first: JIT, sockets.
      for (const p of all) await p.batch(300, concurrency);
      const calls = size.calls * (concurrency === 1 ? 1 : 2);
      const samples = Object.fromEntries(names.map((k) => [k, [] as Sample[]])) as Record<Name, Sample[]>;
      const ratios = Object.fromEntries(against.map((k) => [k, [] as number[]])) as Record<Against, number[]>;
      const round = async (r: number, other: Against) => {
        const { full, other: compared } = pairs[other];
        const first = r % 2 === 0 ? full : compared;
        const a = await first.batch(calls, concurrency);
        const b = await (first === full ? compared : full).batch(calls, concurrency);
        const [f, o] = first === full ? [a, b] : [b, a];
        samples.full.push(f);
        samples[other].push(o);
        ratios[other].push(f.perSecond / o.perSecond);
      };
      for (let r = 0; r < size.rounds; r++) for (const other of against) await round(r, other);
      for (let r = 0; r < size.closeRounds; r++) for (const other of CLOSE) await round(size.rounds + r, other);
      const control = ratios['full, again'];
      results[`c${concurrency}`] = {
        ...(Object.fromEntries(
          names.map((name) => [
            name,
            {
              median: median(samples[name].map((x) => x.perSecond)),
              samples: samples[name].map((x) => Math.round(x.perSecond)),
              cpuMicrosPerCall: median(samples[name].map((x) => x.cpuMicros)),
            },
          ]),
        ) as Omit<Result, 'timeoutRatio' | 'fullOverFetch' | 'fullOverOpenapiFetch' | 'control'>),
        timeoutRatio: median(ratios['full, no timeout']),
        fullOverFetch: median(ratios.fetch),
        fullOverOpenapiFetch: median(ratios['openapi-fetch']),
        control: { median: median(control), ...quartiles(control) },
      };
    }
  } finally {
    for (const p of all) p.close();
  }
  return results;
}

/** The middle half of a sample: the spread a median of it is read with. */
function quartiles(values: readonly number[]): { low: number; high: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { low: at(0.25), high: at(0.75) };
}
