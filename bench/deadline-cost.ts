/**
 * 1, beside the client's rates: what the per-attempt time limit's own code
 * costs an attempt, with no network in the way. The rates of section 1 read
 * the limit through whole calls, where processes of one client differ by more
 * than the limit could cost (docs/performance.md, section 7, "The early worker
 * sized from the command line"); this reads the code itself. Each attempt
 * does what completeOrder does with its limit: `attemptLimit`, the fetch
 * sending through the limit's dispatcher as undici does (to a stand-in that
 * takes the request and answers at once), `race`, `clear`; with the default
 * limit, and with none (`Infinity`). 32 attempts at a time, as a client at
 * concurrency 32 keeps them, the two kinds in alternating rounds; µs per
 * attempt, the median of the rounds.
 *
 * The stand-in replaces undici's global dispatcher, so this runs in a process
 * of its own: run.ts forks it and reads one message.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { attemptLimit } from '../src/client/deadline.js';
import { DEFAULT_TIMEOUT_MS } from '../src/core/signals.js';
import { median } from './measure.js';

export interface DeadlineCost {
  /** µs per attempt with the default limit. */
  readonly timedMicros: number;
  /** µs per attempt with none. */
  readonly untimedMicros: number;
}

/** Forks this module and returns what it measured. */
export function deadlineCost(rounds: number, attempts: number): Promise<DeadlineCost> {
  const child = fork(new URL(import.meta.url), [String(rounds), String(attempts)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as DeadlineCost));
    child.once('exit', (code) => reject(new Error(`the deadline-cost process ended (exit code ${code})`)));
  });
}

async function measure(rounds: number, attempts: number): Promise<DeadlineCost> {
  // undici's global dispatcher (where deadline.ts finds it), standing in: it connects every request at once, handing
  // the handler the means to stop it as undici does (the limit keeps them), and takes it.
  const stop = () => undefined;
  (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')] = {
    dispatch: (_: object, handler: { onConnect(abort: () => void): void }) => {
      handler.onConnect(stop);
      return true;
    },
  };
  const fetch = () => undefined;
  const answer = Promise.resolve('answered');
  const attempt = async (timeoutMs: number) => {
    const limit = attemptLimit(fetch, timeoutMs, undefined);
    try {
      // What undici hands a dispatcher: a handler of its own per request.
      limit.dispatcher?.dispatch({}, { onConnect: (_abort: () => void) => undefined });
      return await limit.race(answer);
    } finally {
      limit.clear();
    }
  };
  const batch = async (timeoutMs: number) => {
    const started = performance.now();
    for (let done = 0; done < attempts; done += 32) {
      await Promise.all(Array.from({ length: 32 }, () => attempt(timeoutMs)));
    }
    return ((performance.now() - started) * 1000) / attempts;
  };
  // The first attempt through a fetch goes with a signal while the limit finds out it sends through a dispatcher.
  await attempt(DEFAULT_TIMEOUT_MS);
  const timed: number[] = [];
  const untimed: number[] = [];
  await batch(DEFAULT_TIMEOUT_MS);
  await batch(Infinity);
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      timed.push(await batch(DEFAULT_TIMEOUT_MS));
      untimed.push(await batch(Infinity));
    } else {
      untimed.push(await batch(Infinity));
      timed.push(await batch(DEFAULT_TIMEOUT_MS));
    }
  }
  return { timedMicros: median(timed), untimedMicros: median(untimed) };
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [rounds = 9, attempts = 100_000] = process.argv.slice(2).map(Number);
  process.send(await measure(rounds, attempts), () => process.exit(0));
}
