/**
 * createFulfillmentClient: openapi-fetch's typed client with three middleware
 * (auth, validation, and per call retry) and the mapping of every way a call
 * can end to a value or a named error.
 */
import createClient, { type Client } from 'openapi-fetch';
import { specs } from '../../generated/contract.js';
import type { components, paths } from '../../generated/connect-fulfillment.js';
import { authMiddleware, reauthorize } from './auth/middleware.js';
import { TokenCache } from './auth/token-cache.js';
import { requestToken } from './auth/token-request.js';
import { settleResponse, settleThrown } from './outcome.js';
import { toRequestBody } from './input.js';
import {
  checkClientOptions,
  checkTimeout,
  DEFAULT_BASE_URL,
  DEFAULT_TOKEN_URL,
  type CompleteOrderOptions,
  type FulfillmentClientOptions,
} from './options.js';
import { retryMiddleware } from './retry/middleware.js';
import { resolveRetryOptions } from './retry/options.js';
import { callValidationMiddleware, validationMiddleware, type ValidatedResponse } from './validation/middleware.js';

export type CompleteOrderResponse = components['schemas']['CompleteOrderResponse'];
export type CompleteOrderInput = components['schemas']['CompleteOrderRequest'];

const PATH = '/v1/client/order/fulfillment';
const operation = specs['connect-fulfillment'].operations.find((o) => o.operationId === 'completeOrder')!;
const DEFAULT_TIMEOUT_MS = 10_000;

export interface FulfillmentClient {
  /**
   * Completes a previously registered order. Resolves with the 200 body,
   * whether `fulfillmentStatus` is OK or ERROR (a business outcome); rejects
   * with a named error for everything else. Sent at most once unless the
   * request provably was not applied (429, no connection, one 401 refresh).
   */
  completeOrder(input: CompleteOrderInput, options?: CompleteOrderOptions): Promise<CompleteOrderResponse>;
  /** The low-level typed openapi-fetch client, with the auth and validation middleware but no retries (`responseDiagnostics(response)` gives the findings). */
  readonly raw: Client<paths>;
}

export function createFulfillmentClient(options: FulfillmentClientOptions): FulfillmentClient {
  checkClientOptions(options);
  const fetch = options.fetch ?? globalThis.fetch;
  const retry = resolveRetryOptions(options.retry);
  const tokens = new TokenCache(() =>
    requestToken({
      url: options.tokenUrl ?? DEFAULT_TOKEN_URL,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      scope: options.scope,
      fetch,
      timeoutMs: options.tokenTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry,
    }),
  );
  const clientOptions = { baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, fetch, redirect: 'manual' } as const;
  const raw = createClient<paths>(clientOptions);
  raw.use(validationMiddleware(operation), authMiddleware(tokens));
  // completeOrder's own instance validates per call (see callValidationMiddleware); both share the token cache.
  const internal = createClient<paths>(clientOptions);
  internal.use(authMiddleware(tokens));

  async function completeOrder(
    input: CompleteOrderInput,
    callOptions: CompleteOrderOptions = {},
  ): Promise<CompleteOrderResponse> {
    const body = toRequestBody(input, options.allowPrivateCallbackHosts === true);
    checkTimeout('timeoutMs', callOptions.timeoutMs);
    const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const bodyText = JSON.stringify(body);
    const { middleware, state, firstSignal } = retryMiddleware({
      bodyText,
      timeoutMs,
      signal: callOptions.signal,
      options: callOptions.retry ? resolveRetryOptions(options.retry, callOptions.retry) : retry,
      reauthorize: (refused, next) => reauthorize(refused, next, tokens),
    });
    let validated: ValidatedResponse | undefined;
    try {
      // Per-call middleware runs after the client's on the way out and first on the way back: retry settles, then validation judges the final response.
      await internal.POST(PATH, {
        body,
        bodySerializer: () => bodyText,
        parseAs: 'stream',
        ...(firstSignal ? { signal: firstSignal } : {}),
        middleware: [
          callValidationMiddleware(operation, (result) => {
            validated = result;
          }),
          middleware,
        ],
      });
      return settleResponse(validated!, body.orderId, state);
    } catch (error) {
      throw settleThrown(error, { orderId: body.orderId, timeoutMs, state, signal: callOptions.signal });
    } finally {
      state.clearTimers();
    }
  }

  return { completeOrder, raw };
}
