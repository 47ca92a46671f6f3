/**
 * The retry concern as per-call openapi-fetch middleware. It sees each
 * attempt's outcome first (onResponse and onError run in reverse order and
 * per-call middleware comes last), asks `decideRetry`, and resends the same
 * bytes through the base fetch until the decision is to stop.
 */
import type { Middleware } from 'openapi-fetch';
import { attemptSignal, sleep } from '../util/signals.js';
import { decideRetry, type AttemptOutcome, type RetryDecision } from './decide.js';
import type { RetryOptions } from './options.js';

/** What a call's retrying did; read by the client to explain how the call ended. */
export interface RetryState {
  attempts: number;
  tokenRefreshed: boolean;
  lastDecision: RetryDecision | undefined;
  /** Clears every attempt's timeout timer; called when the call settles. */
  readonly clearTimers: () => void;
}

export interface RetryCall {
  /** The serialized body, resent byte for byte. */
  readonly bodyText: string;
  readonly options: Required<RetryOptions>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** Re-authorizes `next` after `refused` got a 401. */
  readonly reauthorize: (refused: Request, next: Request) => Promise<Request>;
}

/**
 * The per-call retry middleware, and the first attempt's signal: pass it as
 * openapi-fetch's `signal` option, so that the first request is built with it
 * rather than rebuilt.
 */
export function retryMiddleware(call: RetryCall): {
  middleware: Middleware;
  state: RetryState;
  firstSignal: AbortSignal | undefined;
} {
  const clears: (() => void)[] = [];
  const state: RetryState = {
    attempts: 0,
    tokenRefreshed: false,
    lastDecision: undefined,
    clearTimers: () => {
      for (const clear of clears.splice(0)) clear();
    },
  };
  const nextSignal = (): AbortSignal | undefined => {
    const { signal, clear } = attemptSignal(call.timeoutMs, call.signal);
    clears.push(clear);
    return signal;
  };
  const firstSignal = nextSignal();

  /** Asks the policy about an outcome, and remembers its answer for the call's ending. */
  const decide = (outcome: AttemptOutcome): RetryDecision =>
    (state.lastDecision = decideRetry(outcome, {
      attempt: state.attempts,
      tokenRefreshed: state.tokenRefreshed,
      options: call.options,
    }));

  /** Resends while the policy says so; the first decision (a retry) was already taken by the caller. */
  async function resend(
    decision: RetryDecision & { retry: true },
    request: Request,
    response: Response | undefined,
    fetch: typeof globalThis.fetch,
  ): Promise<Response | Error> {
    for (;;) {
      await response?.body?.cancel().catch(() => undefined);
      await sleep(decision.delayMs, call.signal);
      const signal = nextSignal();
      let next = new Request(request, { body: call.bodyText, ...(signal ? { signal } : {}) });
      if (decision.refreshToken) {
        state.tokenRefreshed = true;
        next = await call.reauthorize(request, next);
      }
      state.attempts++;
      request = next;
      let outcome: AttemptOutcome;
      try {
        response = await fetch(next);
        outcome = { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after') };
      } catch (error) {
        response = undefined;
        outcome = { kind: 'error', error };
      }
      const again = decide(outcome);
      if (!again.retry)
        return response ?? (outcome.kind === 'error' ? toError(outcome.error) : new Error('no response'));
      decision = again;
    }
  }

  const middleware: Middleware = {
    onRequest() {
      state.attempts = 1;
      return undefined;
    },
    onResponse({ request, response, options }) {
      const decision = decide({
        kind: 'response',
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
      });
      // Most responses settle the call at once: answer without a promise.
      if (!decision.retry) return undefined;
      return resend(decision, request, response, options.fetch).then((settled) => {
        if (settled instanceof Error) throw settled;
        return settled;
      });
    },
    onError({ request, error, options }) {
      const decision = decide({ kind: 'error', error });
      return decision.retry ? resend(decision, request, undefined, options.fetch) : toError(error);
    },
  };
  return { middleware, state, firstSignal };
}

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
