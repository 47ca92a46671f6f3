/** How a completeOrder call ends: the mapping of each response and failure to a value or a named error. */
import type { components } from '../../generated/connect-fulfillment.js';
import { NOT_CONNECTED_CODES, errorCode } from './retry/decide.js';
import type { RetryState } from './retry/middleware.js';
import { parseRetryAfter } from './retry/retry-after.js';
import type { ValidatedResponse } from './validation/middleware.js';
import {
  ApiError,
  AuthenticationError,
  ConnectFulfillmentError,
  ConnectionError,
  ContractViolationError,
  OutcomeUnknownError,
  RateLimitError,
} from './errors/index.js';

type CompleteOrderResponse = components['schemas']['CompleteOrderResponse'];

export function settleResponse(
  { observed, diagnostics }: ValidatedResponse,
  orderId: number,
  state: RetryState,
): CompleteOrderResponse {
  const { status } = observed;
  const reason = state.lastDecision?.reason ?? `HTTP ${status}`;
  // A 5xx may have been applied: that matters more than whether its body is well-formed.
  if (status >= 500)
    return fail(new OutcomeUnknownError({ orderId, status, reason: `Connect answered HTTP ${status}` }));
  if (diagnostics.length > 0)
    return fail(new ContractViolationError({ status, spec: 'connect-fulfillment', diagnostics, orderId }));
  if (status === 200) return observed.json!.value as CompleteOrderResponse;
  if (status === 429) {
    const retryAfterMs =
      state.lastDecision && 'retryAfterMs' in state.lastDecision
        ? state.lastDecision.retryAfterMs
        : parseRetryAfter(observed.headers['retry-after']);
    return fail(new RateLimitError({ orderId, retryAfterMs, attempts: state.attempts, reason }));
  }
  if (status === 401) return fail(new AuthenticationError({ status, description: reason, orderId }));
  return fail(new ApiError(status, observed.json ? observed.json.value : observed.bodyText, orderId));
}

export function settleThrown(
  error: unknown,
  context: { orderId: number; timeoutMs: number; state: RetryState; signal: AbortSignal | undefined },
): unknown {
  const { orderId, state, signal } = context;
  if (signal?.aborted && error === signal.reason) return error;
  if (error instanceof ConnectFulfillmentError) return error;
  if ((error as Error)?.name === 'TimeoutError') {
    return new OutcomeUnknownError({
      orderId,
      reason: `no complete answer within ${context.timeoutMs} ms`,
      cause: error,
    });
  }
  const code = errorCode(error);
  if (code && NOT_CONNECTED_CODES.has(code))
    return new ConnectionError({ orderId, code, attempts: state.attempts, cause: error });
  return new OutcomeUnknownError({
    orderId,
    reason: `the connection failed mid-flight (${code ?? (error as Error)?.message ?? 'unknown'})`,
    cause: error,
  });
}

const fail = (error: Error): never => {
  throw error;
};
