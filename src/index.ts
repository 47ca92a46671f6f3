/**
 * connect-fulfillment: a typed client for Connect's POST
 * /v1/client/order/fulfillment, built from the spec in spec/. What a user
 * calls, and nothing else: the client and its options, its errors, the
 * callback helpers, the retry policy (`decideRetry`, pure, to reason about or
 * test), and the spec's types. test/package/exports.test.ts pins this list.
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
export { decideRetry, type AttemptOutcome, type RetryContext, type RetryDecision } from './client/retry/decide.js';
export { defaultRetryOptions, type RetryOptions } from './client/retry/options.js';
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
