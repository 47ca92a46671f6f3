/** The longest delay a Node.js timer can hold (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** How long one attempt (a request and its answer, read whole) may take unless told otherwise: 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One attempt's signal: the caller's, plus a timeout whose timer is cleared as
 * soon as the call settles. Undefined when there is neither: with timeoutMs
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
  // A plain timer rather than AbortSignal.timeout(): that one stays scheduled
  // after the call settles, and a busy client would pile them up.
  const timer = setTimeout(
    () => controller.abort(new DOMException(`attempt timed out after ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  return {
    signal: caller ? AbortSignal.any([caller, controller.signal]) : controller.signal,
    clear: () => clearTimeout(timer),
  };
}

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
