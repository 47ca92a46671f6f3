/**
 * createFulfillmentClient: one openapi-fetch client with its middleware (the
 * mark of the request it built, auth, validation), and completeOrder, which
 * sends the POST through it (from the request's parts, wire.ts), retries
 * where the retry policy allows, and maps every way a call can end to a value
 * or a named error.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../../generated/connect-fulfillment.js';
import { DEFAULT_MAX_BODY_BYTES } from '../core/body.js';
import { COMPLETE_ORDER, DEFAULT_BASE_URL, DEFAULT_SCOPE, DEFAULT_TOKEN_URL, FULFILLMENT_PATH } from '../core/spec.js';
import { authMiddleware } from './auth/middleware.js';
import { TokenCache } from './auth/token-cache.js';
import { requestToken } from './auth/token-request.js';
import { toRequestBody } from './input.js';
import {
  checkClientOptions,
  checkTimeout,
  type CompleteOrderOptions,
  type FulfillmentClientOptions,
} from './options.js';
import { type Sent, settle } from './outcome.js';
import { type AttemptOutcome, decideRetry } from './retry/decide.js';
import { resolveRetryOptions } from './retry/options.js';
import { attemptSignal, sleep } from '../core/signals.js';
import { responseDiagnostics, validationMiddleware } from './validation/middleware.js';
import { markBuilt, sendBuilt } from './wire.js';
import { redactor } from '../core/sanitize.js';
import { LIFECYCLE_CHECK } from '../core/checks/lifecycle.js';

export type CompleteOrderResponse = components['schemas']['CompleteOrderResponse'];
export type CompleteOrderInput = components['schemas']['CompleteOrderRequest'];

const DEFAULT_TIMEOUT_MS = 10_000;
/** Distinct announcements a client remembers having told; past it, the oldest is forgotten (and told again if seen). */
const MAX_ANNOUNCEMENTS = 100;

/** `first(key)` is true the first time a key is seen, among the last `max` distinct keys. */
function onceEach(max: number) {
  const seen = new Set<string>();
  return {
    first(key: string): boolean {
      if (seen.has(key)) return false;
      if (seen.size >= max) seen.delete(seen.values().next().value!);
      seen.add(key);
      return true;
    },
  };
}

export interface FulfillmentClient {
  /**
   * Completes a previously registered order. Resolves with the 200 body,
   * whether `fulfillmentStatus` is OK or ERROR (a business outcome); rejects
   * with a named error for everything else. Sent at most once unless the
   * request provably was not applied (429, no connection, one 401 refresh).
   */
  completeOrder(input: CompleteOrderInput, options?: CompleteOrderOptions): Promise<CompleteOrderResponse>;
  /**
   * The typed openapi-fetch client completeOrder sends through, with the auth
   * and validation middleware (`responseDiagnostics(response)` gives each
   * response's findings) but no retries. Middleware added with `raw.use()`
   * applies to completeOrder as well.
   */
  readonly raw: Client<paths>;
}

const outcomeOf = (sent: Sent): AttemptOutcome =>
  'error' in sent
    ? { kind: 'error', error: sent.error }
    : { kind: 'response', status: sent.response.status, retryAfter: sent.response.headers.get('retry-after') };

export function createFulfillmentClient(options: FulfillmentClientOptions): FulfillmentClient {
  checkClientOptions(options);
  // Looked up on every call, not at construction: a client made before msw (or any instrumentation)
  // patches globalThis.fetch must still go through the patch.
  const fetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retry = resolveRetryOptions(options.retry);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tokens = new TokenCache(() =>
    requestToken({
      url: options.tokenUrl ?? DEFAULT_TOKEN_URL,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      scope: options.scope ?? DEFAULT_SCOPE,
      fetch,
      timeoutMs: options.tokenTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry,
      maxBytes,
      ...(options.onDiagnostics ? { onDiagnostics: options.onDiagnostics } : {}),
    }),
  );
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, fetch, redirect: 'manual' });
  const report = options.onDiagnostics;
  client.use(markBuilt, authMiddleware(tokens), validationMiddleware(COMPLETE_ORDER, maxBytes, report !== undefined));

  /** One attempt: the POST with its own time limit, from sending to the last byte of the answer. */
  async function send(body: CompleteOrderInput, timeoutMs: number, caller: AbortSignal | undefined): Promise<Sent> {
    const { signal, clear } = attemptSignal(timeoutMs, caller);
    try {
      // The body is serialized here so that the request can be sent from its parts (wire.ts); the
      // signal goes to the fetch that sends, not to openapi-fetch, so undici follows it once.
      const serialized = JSON.stringify(body);
      const { response } = await client.POST(FULFILLMENT_PATH, {
        body,
        bodySerializer: () => serialized,
        parseAs: 'text',
        fetch: sendBuilt(fetch, serialized, signal),
      });
      return { response };
    } catch (error) {
      return { error };
    } finally {
      clear();
    }
  }

  const announced = onceEach(MAX_ANNOUNCEMENTS);

  async function completeOrder(input: CompleteOrderInput, callOptions: CompleteOrderOptions = {}) {
    const body = toRequestBody(input, { allowPrivateHosts: options.allowPrivateCallbackHosts === true });
    checkTimeout('timeoutMs', callOptions.timeoutMs);
    const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const retryOptions = callOptions.retry ? resolveRetryOptions(options.retry, callOptions.retry) : retry;
    const { signal } = callOptions;
    let tokenRefreshed = false;
    for (let attempt = 1; ; attempt++) {
      // A token first: nothing is sent without one, and waiting for it is not part of an attempt's time limit.
      if (tokens.fresh() === undefined) await tokens.get(signal);
      const sent = await send(body, timeoutMs, signal);
      if (report && 'response' in sent) tell(report, sent.response, body.orderId, attempt);
      const decision = decideRetry(outcomeOf(sent), { attempt, tokenRefreshed, options: retryOptions });
      if (!decision.retry)
        return settle(sent, { orderId: body.orderId, attempts: attempt, decision, timeoutMs, signal });
      // The auth middleware has forgotten a token refused with 401; the next attempt's token is a new one.
      tokenRefreshed ||= decision.refreshToken;
      await sleep(decision.delayMs, signal);
    }
  }

  /**
   * Hands a response's findings to onDiagnostics, redacted; what the hook
   * throws never touches the call. An announcement of deprecation or sunset
   * is told once per client: the same one on every later response is not.
   */
  function tell(hook: NonNullable<typeof report>, response: Response, orderId: number, attempt: number) {
    const validated = responseDiagnostics(response);
    if (!validated || validated.all.length === 0) return;
    const fresh = validated.all.filter(
      (d) => d.check !== LIFECYCLE_CHECK || announced.first(`${d.title}\n${d.message}`),
    );
    if (fresh.length === 0) return;
    const clean = redactor({ ...options, tokens: [tokens.fresh()].filter((t): t is string => !!t) });
    const diagnostics = fresh.map((d) => ({ ...d, location: clean(d.location), message: clean(d.message) }));
    try {
      hook(diagnostics, { operation: 'completeOrder', status: response.status, orderId, attempt });
    } catch {
      // A reporting hook must not change the outcome of a call that sent a customer a message.
    }
  }

  return { completeOrder, raw: client };
}
