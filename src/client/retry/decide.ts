import { errorCode } from '../../core/failure.js';
import { backoffDelay, type RetryOptions } from './options.js';
import { parseRetryAfter } from './retry-after.js';

/** What one attempt came to: a response, or a transport failure. */
export type AttemptOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly retryAfter?: string | null }
  | { readonly kind: 'error'; readonly error: unknown };

export interface RetryContext {
  /** Attempts sent so far, this one included (1-based). */
  readonly attempt: number;
  /** Whether a 401 has already been answered with a token refresh. */
  readonly tokenRefreshed: boolean;
  readonly options: Required<RetryOptions>;
  readonly now?: number;
  readonly random?: () => number;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly refreshToken: boolean; readonly reason: string }
  | { readonly retry: false; readonly reason: string; readonly retryAfterMs?: number };

/** System error codes that prove the connection was never established, so nothing was sent. */
export const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Whether to send the fulfillment POST again, and when. POST is not idempotent
 * (RFC 9110 section 9.2.2) and Connect offers no idempotency key, so it is
 * resent only where the first request provably was not applied. Pure: no I/O,
 * no clock unless `now` is omitted.
 */
export function decideRetry(outcome: AttemptOutcome, context: RetryContext): RetryDecision {
  const { attempt, options } = context;
  const attemptsLeft = attempt < options.maxAttempts;

  if (outcome.kind === 'error') {
    const code = errorCode(outcome.error);
    // Anything but a refused or unresolvable connection may have reached the server.
    if (!code || !NOT_CONNECTED_CODES.has(code))
      return {
        retry: false,
        reason: `transport failure ${code ?? String((outcome.error as Error)?.name)} may have happened after the request was sent`,
      };
    // Never connected, so never applied: safe to send again.
    if (!attemptsLeft)
      return {
        retry: false,
        reason: `connection not established (${code}) and ${options.maxAttempts} attempt(s) used`,
      };
    return {
      retry: true,
      delayMs: backoffDelay(attempt, options, context.random),
      refreshToken: false,
      reason: `connection not established (${code}): the request was never sent`,
    };
  }

  const { status } = outcome;
  if (status === 401) {
    // RFC 6750: the cached token expired or was revoked; one fresh token, once.
    if (context.tokenRefreshed) return { retry: false, reason: 'a freshly issued token was refused too (second 401)' };
    if (!attemptsLeft) return { retry: false, reason: `401 and ${options.maxAttempts} attempt(s) used` };
    return { retry: true, delayMs: 0, refreshToken: true, reason: '401: refresh the token and send once more' };
  }
  if (status === 429) {
    // 429 says the request was not processed (RFC 6585 section 4).
    const retryAfterMs = parseRetryAfter(outcome.retryAfter, context.now);
    if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) {
      return {
        retry: false,
        reason: `Retry-After of ${retryAfterMs} ms is above maxRetryAfterMs (${options.maxRetryAfterMs} ms)`,
        retryAfterMs,
      };
    }
    if (!attemptsLeft)
      return {
        retry: false,
        reason: `still 429 after ${options.maxAttempts} attempt(s)`,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    if (retryAfterMs !== undefined)
      return {
        retry: true,
        delayMs: retryAfterMs,
        refreshToken: false,
        reason: `429: waiting ${retryAfterMs} ms as Retry-After asks`,
      };
    return {
      retry: true,
      delayMs: backoffDelay(attempt, options, context.random),
      refreshToken: false,
      reason: '429 without a usable Retry-After: backing off',
    };
  }
  // A 5xx may have been applied before the server failed: never resent.
  if (status >= 500) return { retry: false, reason: `HTTP ${status} may have been applied` };
  // Any other response settles the call: 2xx is the answer, 4xx a refusal.
  return { retry: false, reason: `HTTP ${status} settles the call` };
}

/**
 * Whether to request a token again. A token request has no side effect, so,
 * unlike the fulfillment POST, any transport failure, 429 or 5xx is retried.
 */
export function decideTokenRetry(outcome: AttemptOutcome, context: RetryContext): RetryDecision {
  const { attempt, options } = context;
  const attemptsLeft = attempt < options.maxAttempts;
  if (outcome.kind === 'error') {
    if (!attemptsLeft) return { retry: false, reason: `transport failure on ${options.maxAttempts} attempt(s)` };
    return {
      retry: true,
      delayMs: backoffDelay(attempt, options, context.random),
      refreshToken: false,
      reason: 'transport failure: a token request is safe to repeat',
    };
  }
  if (outcome.status === 429 || outcome.status >= 500) {
    if (outcome.status === 429) {
      const retryAfterMs = parseRetryAfter(outcome.retryAfter, context.now);
      if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs)
        return { retry: false, reason: `Retry-After of ${retryAfterMs} ms is above maxRetryAfterMs`, retryAfterMs };
      if (attemptsLeft && retryAfterMs !== undefined)
        return { retry: true, delayMs: retryAfterMs, refreshToken: false, reason: '429: waiting as Retry-After asks' };
    }
    if (!attemptsLeft) return { retry: false, reason: `HTTP ${outcome.status} on ${options.maxAttempts} attempt(s)` };
    return {
      retry: true,
      delayMs: backoffDelay(attempt, options, context.random),
      refreshToken: false,
      reason: `HTTP ${outcome.status}: a token request is safe to repeat`,
    };
  }
  return { retry: false, reason: `HTTP ${outcome.status} settles the token request` };
}
