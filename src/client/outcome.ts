/** How a completeOrder call ends: the mapping of its last attempt to a value or a named error. */
import type { CompleteOrderResponse } from './client.js';
import { BodyTooLargeError } from '../core/body.js';
import { errorCode } from '../core/failure.js';
import { printable } from '../core/sanitize.js';
import { DEFAULT_SCOPE } from '../core/spec.js';
import { bearerChallenge } from './auth/challenge.js';
import {
  ApiError,
  AuthenticationError,
  ConnectFulfillmentError,
  ConnectionError,
  ContractViolationError,
  InsufficientScopeError,
  OutcomeUnknownError,
  RateLimitError,
} from './errors/index.js';
import { NOT_CONNECTED_CODES, type RetryDecision } from './retry/decide.js';
import { parseRetryAfter } from './retry/retry-after.js';
import type { ValidatedResponse } from './validation/middleware.js';

/** What one attempt came to: the response read and checked, or what sending it threw. */
export type Attempted =
  | { readonly response: Response; readonly checked: ValidatedResponse }
  | { readonly error: unknown };

export interface Settling {
  readonly orderId: number;
  readonly attempts: number;
  /** The retry policy's last word: why the call stops here. */
  readonly decision: RetryDecision;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** The 200 body, or the named error for everything else. */
export function settle(attempted: Attempted, context: Settling): CompleteOrderResponse {
  if ('error' in attempted) throw settleThrown(attempted.error, context);
  const { observed, diagnostics } = attempted.checked;
  const { orderId, decision } = context;
  const { status } = observed;
  // A 5xx may have been applied: that matters more than whether its body is well-formed.
  if (status >= 500) throw new OutcomeUnknownError({ orderId, status, reason: `Connect answered HTTP ${status}` });
  if (diagnostics.length > 0) {
    throw new ContractViolationError({ status, spec: 'connect-fulfillment', diagnostics, orderId });
  }
  if (status === 200) return observed.json!.value as CompleteOrderResponse;
  if (status === 429) {
    const retryAfterMs =
      'retryAfterMs' in decision ? decision.retryAfterMs : parseRetryAfter(observed.headers['retry-after']);
    throw new RateLimitError({ orderId, retryAfterMs, attempts: context.attempts, reason: decision.reason });
  }
  if (status === 401) throw new AuthenticationError({ status, description: decision.reason, orderId });
  if (status === 403) {
    const named = bearerChallenge(observed.headers['www-authenticate']).scope;
    throw new InsufficientScopeError({ requiredScope: named ? printable(named, 200) : DEFAULT_SCOPE, orderId });
  }
  throw new ApiError({ status, body: observed.json ? observed.json.value : observed.bodyText, orderId });
}

/** A failure to get an answer: before sending (nothing applied) or after (the outcome is unknown). */
function settleThrown(error: unknown, context: Settling): unknown {
  const { orderId, signal } = context;
  if (signal?.aborted && error === signal.reason) return error;
  if (error instanceof ConnectFulfillmentError) return error;
  if (error instanceof BodyTooLargeError) return new OutcomeUnknownError({ orderId, reason: error.message });
  if ((error as Error)?.name === 'TimeoutError') {
    return new OutcomeUnknownError({
      orderId,
      reason: `no complete answer within ${context.timeoutMs} ms`,
      cause: error,
    });
  }
  const code = errorCode(error);
  if (code && NOT_CONNECTED_CODES.has(code)) {
    return new ConnectionError({ orderId, code, attempts: context.attempts, cause: error });
  }
  return new OutcomeUnknownError({
    orderId,
    reason: `the connection failed mid-flight (${code ?? (error as Error)?.message ?? 'unknown'})`,
    cause: error,
  });
}
