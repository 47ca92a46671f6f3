/** The longest delay a Node.js timer can hold (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** How long one attempt (a request and its answer, read whole) may take unless told otherwise: 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One attempt's signal: the caller's, plus a timeout that is cleared as soon
 * as the call settles. Undefined when there is neither: with timeoutMs
 * Infinity and no caller signal, no signal is made at all (each one costs
 * undici two listener registrations per request; see docs/performance.md).
 */
export interface AttemptSignal {
  readonly signal: AbortSignal | undefined;
  readonly clear: () => void;
}

export function attemptSignal(timeoutMs: number, caller?: AbortSignal): AttemptSignal {
  if (timeoutMs === Infinity) return { signal: caller, clear: () => undefined };
  const controller = new AbortController();
  const deadline = deadlines.add(timeoutMs, () => controller.abort(timeoutError(timeoutMs)));
  return {
    signal: caller ? AbortSignal.any([caller, controller.signal]) : controller.signal,
    clear: () => deadlines.clear(deadline),
  };
}

/** What an attempt that outlasted its time limit ends in, however it was stopped. */
export const timeoutError = (timeoutMs: number) =>
  new DOMException(`attempt timed out after ${timeoutMs} ms`, 'TimeoutError');

export interface Deadline {
  readonly at: number;
  /** Dropped once the attempt settles: a deadline waiting its turn to leave the queue holds nothing of the attempt. */
  expire: (() => void) | undefined;
  readonly queue: Queue;
  done: boolean;
}

/** One timer per length of time, for every attempt that waits that long, in the order they started. */
class Queue {
  readonly #ms: number;
  readonly #owner: Deadlines;
  #entries: Deadline[] = [];
  #head = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(ms: number, owner: Deadlines) {
    this.#ms = ms;
    this.#owner = owner;
  }

  add(expire: () => void): Deadline {
    const deadline: Deadline = { at: performance.now() + this.#ms, expire, queue: this, done: false };
    this.#entries.push(deadline);
    if (this.#timer === undefined) this.#arm(deadline.at);
    return deadline;
  }

  /** Drops the settled deadlines at the front: attempts of one length settle mostly in the order they started. */
  trim(): void {
    const entries = this.#entries;
    while (this.#head < entries.length && entries[this.#head]!.done) this.#head++;
    if (this.#head === entries.length) {
      this.#entries = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > entries.length) {
      this.#entries = entries.slice(this.#head);
      this.#head = 0;
    }
  }

  #arm(at: number): void {
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, Math.ceil(at - performance.now())));
    // Held only while an attempt waits on it (Deadlines.ref): a settled client never keeps the process alive.
    if (this.#owner.live === 0) this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    const now = performance.now();
    const entries = this.#entries;
    while (this.#head < entries.length) {
      const next = entries[this.#head]!;
      if (!next.done && next.at > now) break;
      this.#head++;
      if (!next.done) {
        const expire = next.expire;
        this.#owner.settle(next);
        expire?.();
      }
    }
    this.trim();
    if (this.#head < this.#entries.length) this.#arm(this.#entries[this.#head]!.at);
  }

  /** Keep its timer holding the process, or not. */
  hold(refed: boolean): void {
    if (this.#timer === undefined) return;
    if (refed) this.#timer.ref();
    else this.#timer.unref();
  }

  /** Nothing waits on it, and no timer is set. */
  get idle(): boolean {
    return this.#timer === undefined && this.#head === this.#entries.length;
  }
}

/** Lengths of time kept a queue each; past this, the idle ones are dropped (a caller may pass any number of them). */
const MAX_QUEUES = 64;

/**
 * Attempt time limits without a timer each: a timer set and cleared per
 * request cost more than anything else the limit does (about 14 µs of CPU a
 * call, docs/performance.md, section 1). Attempts of one length share one
 * timer, set for the earliest of them and set again when it fires; settling an
 * attempt only marks its deadline. The timers hold the process only while an
 * attempt is waiting, as a timer of its own did.
 */
class Deadlines {
  readonly #queues = new Map<number, Queue>();
  /** Attempts waiting now. */
  live = 0;

  add(ms: number, expire: () => void): Deadline {
    let queue = this.#queues.get(ms);
    if (!queue) {
      if (this.#queues.size >= MAX_QUEUES)
        for (const [length, q] of this.#queues) if (q.idle) this.#queues.delete(length);
      queue = new Queue(ms, this);
      this.#queues.set(ms, queue);
    }
    const deadline = queue.add(expire);
    if (this.live++ === 0) for (const q of this.#queues.values()) q.hold(true);
    return deadline;
  }

  clear(deadline: Deadline): void {
    if (deadline.done) return;
    this.settle(deadline);
    deadline.queue.trim();
  }

  settle(deadline: Deadline): void {
    deadline.done = true;
    deadline.expire = undefined;
    if (--this.live === 0) for (const q of this.#queues.values()) q.hold(false);
  }
}

/** Every attempt time limit of the process: `add` one, `clear` it when the attempt settles. */
export const deadlines = new Deadlines();

/** Waits `ms`, or rejects with the signal's reason the moment it aborts; leaves no timer behind either way. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Lets one waiter stop waiting for a shared promise without cancelling it for the others. */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
