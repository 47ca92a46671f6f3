/**
 * connect-fulfillment: a typed client for Connect's POST
 * /v1/client/order/fulfillment, built from the spec in spec/.
 */
export {
  createFulfillmentClient,
  type FulfillmentClient,
  type CompleteOrderInput,
  type CompleteOrderResponse,
} from './client/client.js';
export type { FulfillmentClientOptions, CompleteOrderOptions, DiagnosticsContext } from './client/options.js';
export { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL, DEFAULT_SCOPE } from './core/spec.js';
export * from './client/errors/index.js';
export {
  decideRetry,
  decideTokenRetry,
  NOT_CONNECTED_CODES,
  type AttemptOutcome,
  type RetryContext,
  type RetryDecision,
} from './client/retry/decide.js';
export { defaultRetryOptions, backoffDelay, type RetryOptions } from './client/retry/options.js';
export { parseRetryAfter } from './client/retry/retry-after.js';
export {
  createCallbackUrl,
  verifyCallback,
  generateCallbackKey,
  type VerifiedCallback,
  type CallbackFulfillmentStatus,
} from './client/callback.js';
export { responseDiagnostics } from './client/validation/middleware.js';
export type { Diagnostic, Severity } from './core/diagnostic.js';
export type { paths, components, operations } from '../generated/connect-fulfillment.js';
