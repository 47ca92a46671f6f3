/**
 * One attempt's time limit, at the least cost the fetch allows.
 *
 * Handing fetch an AbortSignal costs undici a listener, a weak reference and
 * a finalization registration per request, about 4% of the client's
 * throughput (docs/performance.md, section 1). Node's own fetch (undici)
 * takes a `dispatcher` instead: ours passes each request to the global
 * dispatcher and keeps the means to stop it that undici hands every request
 * (`onConnect(abort)`, or `onRequestStart(controller)` in undici 7 and later),
 * and the shared deadline timer (core/signals.ts) stops it there. An attempt
 * that times out ends the same way either way: in a TimeoutError, its
 * connection closed, the same moment.
 *
 * A fetch is trusted with a dispatcher only while it is seen to use one: the
 * first attempt through any fetch goes with a signal, and a pass-through
 * dispatcher beside it finds out; an attempt that settles without using the
 * dispatcher (the global fetch replaced by msw's since, say) sends the next
 * one back to the signal. A fetch that ignores `dispatcher` (msw's, a test's,
 * another runtime's) keeps the signal. So does an attempt with a caller's
 * signal, which the limit must follow anyway.
 */
import { attemptSignal, deadlines, timeoutError } from '../core/signals.js';

/** undici's dispatcher, as far as this module uses it. */
export interface Dispatcher {
  dispatch(options: object, handler: object): boolean;
}

/** Where undici keeps the dispatcher every fetch uses unless told otherwise (undici's setGlobalDispatcher). */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const globalDispatcher = () => (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as Dispatcher;

/** Each fetch seen to send through the dispatcher it was given. */
const honouring = new WeakSet<object>();

export interface AttemptLimit {
  /** For fetch's init: a signal, a dispatcher, or both (while finding out), or neither (no limit). */
  readonly signal?: AbortSignal;
  readonly dispatcher?: Dispatcher;
  /** The attempt, or its TimeoutError the moment the limit passes. */
  race<T>(sending: Promise<T>): Promise<T>;
  /** What the attempt ended in: its TimeoutError once the limit has passed, whatever fetch said. */
  error(error: unknown): unknown;
  clear(): void;
}

type Abort = (reason: Error) => void;
interface Stopper {
  abort?: Abort;
  fired?: Error;
  /** Whether fetch sent through the dispatcher at all. */
  dispatched?: boolean;
}

export function attemptLimit(fetch: object, timeoutMs: number, caller: AbortSignal | undefined): AttemptLimit {
  if (caller !== undefined || timeoutMs === Infinity || !honouring.has(fetch)) {
    const { signal, clear } = attemptSignal(timeoutMs, caller);
    const probe: Dispatcher | undefined = honouring.has(fetch)
      ? undefined
      : {
          dispatch(options, handler) {
            honouring.add(fetch);
            return globalDispatcher().dispatch(options, handler);
          },
        };
    return {
      ...(signal ? { signal } : {}),
      ...(probe ? { dispatcher: probe } : {}),
      race: (sending) => sending,
      error: (error) => error,
      clear,
    };
  }
  const stopper: Stopper = {};
  let expire: Abort = () => undefined;
  const expired = new Promise<never>((_, reject) => {
    expire = reject;
  });
  const deadline = deadlines.add(timeoutMs, () => {
    const error = timeoutError(timeoutMs);
    stopper.fired = error;
    stopper.abort?.(error);
    expire(error);
  });
  return {
    dispatcher: {
      dispatch(options, handler) {
        stopper.dispatched = true;
        return globalDispatcher().dispatch(options, stopping(handler, stopper));
      },
    },
    race: (sending) => Promise.race([sending, expired]),
    error: (error) => stopper.fired ?? error,
    clear() {
      deadlines.clear(deadline);
      // It no longer sends through a dispatcher (msw put in its place, say): the next attempt goes with a signal.
      if (!stopper.dispatched) honouring.delete(fetch);
    },
  };
}

/** The handler undici gave, keeping the means to stop its request (and using them at once if the limit has passed). */
function stopping(handler: object, stopper: Stopper): object {
  const h = handler as Record<string, unknown>;
  if (typeof h.onRequestStart === 'function') {
    const start = h.onRequestStart as (this: unknown, controller: { abort: Abort }, context: unknown) => unknown;
    h.onRequestStart = function (this: unknown, controller: { abort: Abort }, context: unknown) {
      stopper.abort = (reason) => controller.abort(reason);
      const result = start.call(this, controller, context);
      if (stopper.fired) controller.abort(stopper.fired);
      return result;
    };
  } else if (typeof h.onConnect === 'function') {
    const connect = h.onConnect as (this: unknown, abort: Abort, context: unknown) => unknown;
    h.onConnect = function (this: unknown, abort: Abort, context: unknown) {
      stopper.abort = abort;
      const result = connect.call(this, abort, context);
      if (stopper.fired) abort(stopper.fired);
      return result;
    };
  }
  return handler;
}
