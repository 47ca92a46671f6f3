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

export function retryMiddleware(call: RetryCall): { middleware: Middleware; state: RetryState } {
  const clears: (() => void)[] = [];
  const state: RetryState = { attempts: 0, tokenRefreshed: false, lastDecision: undefined, clearTimers: () => clears.splice(0).forEach((clear) => clear()) };
  const withAttemptSignal = (request: Request, body?: string): Request => {
    const { signal, clear } = attemptSignal(call.timeoutMs, call.signal);
    clears.push(clear);
    return new Request(request, { signal, ...(body === undefined ? {} : { body }) });
  };

  async function settle(outcome: AttemptOutcome, request: Request, response: Response | undefined, fetch: typeof globalThis.fetch): Promise<Response | Error> {
    for (;;) {
      const decision = decideRetry(outcome, { attempt: state.attempts, tokenRefreshed: state.tokenRefreshed, options: call.options });
      state.lastDecision = decision;
      if (!decision.retry) return response ?? (outcome.kind === 'error' ? toError(outcome.error) : new Error('no response'));
      await response?.body?.cancel().catch(() => undefined);
      await sleep(decision.delayMs, call.signal);
      let next = withAttemptSignal(request, call.bodyText);
      if (decision.refreshToken) {
        state.tokenRefreshed = true;
        next = await call.reauthorize(request, next);
      }
      state.attempts++;
      request = next;
      try {
        response = await fetch(next);
        outcome = { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after') };
      } catch (error) {
        response = undefined;
        outcome = { kind: 'error', error };
      }
    }
  }

  const middleware: Middleware = {
    onRequest({ request }) {
      state.attempts = 1;
      return withAttemptSignal(request);
    },
    async onResponse({ request, response, options }) {
      const settled = await settle({ kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after') }, request, response, options.fetch);
      if (settled instanceof Error) throw settled;
      return settled;
    },
    onError: ({ request, error, options }) => settle({ kind: 'error', error }, request, undefined, options.fetch),
  };
  return { middleware, state };
}

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
