/**
 * createFulfillmentClient: one openapi-fetch client, and completeOrder on it.
 * A call reads top to bottom in `completeOrder` below: the input checked, then
 * per attempt a token, the POST (one fetch call, `postJson`, while the caller
 * added no middleware to `raw`; else through openapi-fetch, sent from its
 * parts: wire.ts), the answer read under the cap and checked, its findings
 * told, and the retry policy's word: once more, or the outcome settled into
 * a value or a named error.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from '../../generated/connect-fulfillment.js';
import { DEFAULT_MAX_BODY_BYTES } from '../core/body.js';
import { announcementsOnce } from '../core/checks/lifecycle.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { type ObservedResponse, observe } from '../core/exchange.js';
import { redactFinding, redactor } from '../core/sanitize.js';
import { DEFAULT_TIMEOUT_MS, sleep } from '../core/signals.js';
import { attemptLimit } from './deadline.js';
import { COMPLETE_ORDER, DEFAULT_BASE_URL, DEFAULT_SCOPE, DEFAULT_TOKEN_URL, FULFILLMENT_PATH } from '../core/spec.js';
import { bearer, forgetIfRefused } from './auth/bearer.js';
import { authMiddleware } from './auth/middleware.js';
import { TokenCache } from './auth/token-cache.js';
import { requestToken } from './auth/token-request.js';
import { type CompleteOrderInput, toRequestBody } from './input.js';

export type { CompleteOrderInput } from './input.js';
import {
  checkClientOptions,
  checkTimeout,
  type CompleteOrderOptions,
  type FulfillmentClientOptions,
} from './options.js';
import { type Attempted, settle } from './outcome.js';
import { type AttemptOutcome, decideRetry } from './retry/decide.js';
import { resolveRetryOptions } from './retry/options.js';
import { checkedResponse, observedOf, responseReading } from './validation/middleware.js';
import { postJson, sendFromParts, WireRequest } from './wire.js';

/** The global fetch as it is at each call (msw and tests replace it), one function for every client (deadline.ts learns it once). */
const globalFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

export type CompleteOrderResponse = components['schemas']['CompleteOrderResponse'];

/** Distinct announcements a client remembers having told; past it, the oldest is forgotten (and told again if seen). */
const MAX_ANNOUNCEMENTS = 100;

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
   * and reading middleware (`responseDiagnostics(response)` gives each
   * response's findings) but no retries. Middleware added with `raw.use()`
   * applies to completeOrder as well.
   */
  readonly raw: Client<paths>;
}

/**
 * The answer a middleware of the caller's gave in place of the API (an
 * `onRequest` that returned a Response): openapi-fetch skipped every
 * `onResponse`, the reading one too, and read the body itself; it is observed
 * from what openapi-fetch read. It came from the caller's own code, not a
 * server, so no cap applies.
 */
function answeredInPlace(sent: { response: Response; data?: unknown; error?: unknown }): ObservedResponse {
  const text = sent.response.ok ? sent.data : sent.error;
  const bodyText = text === undefined ? '' : typeof text === 'string' ? text : JSON.stringify(text);
  return observe(sent.response.status, sent.response.headers as unknown as Iterable<[string, string]>, bodyText);
}

const outcomeOf = (attempted: Attempted): AttemptOutcome =>
  'error' in attempted
    ? { kind: 'error', error: attempted.error }
    : {
        kind: 'response',
        status: attempted.response.status,
        retryAfter: attempted.response.headers.get('retry-after'),
      };

export function createFulfillmentClient(options: FulfillmentClientOptions): FulfillmentClient {
  checkClientOptions(options);
  // Looked up on every call, not at construction: a client made before msw (or any instrumentation)
  // patches globalThis.fetch must still go through the patch.
  const fetch: typeof globalThis.fetch = options.fetch ?? globalFetch;
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
  const report = options.onDiagnostics;
  const reading = responseReading(COMPLETE_ORDER, maxBytes, report !== undefined);
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    fetch,
    redirect: 'manual',
    Request: WireRequest,
  });
  client.use(authMiddleware(tokens), reading.middleware);
  // Middleware the caller adds through raw.use() applies to completeOrder too: while there is none, completeOrder
  // sends its POST as one fetch call (postJson), what openapi-fetch would send, without building a second Request.
  const callers = new Set<Middleware>();
  const { use, eject } = client;
  client.use = (...added) => {
    for (const m of added) callers.add(m);
    use(...added);
  };
  client.eject = (...removed) => {
    for (const m of removed) callers.delete(m);
    eject(...removed);
  };
  // As openapi-fetch joins them: the base URL less one trailing slash, then the path (no parameters).
  const base = options.baseUrl ?? DEFAULT_BASE_URL;
  const url = `${base.endsWith('/') ? base.slice(0, -1) : base}${FULFILLMENT_PATH}`;
  const announced = announcementsOnce(MAX_ANNOUNCEMENTS);

  async function completeOrder(input: CompleteOrderInput, callOptions: CompleteOrderOptions = {}) {
    const body = toRequestBody(input, { allowPrivateHosts: options.allowPrivateCallbackHosts === true });
    checkTimeout('timeoutMs', callOptions.timeoutMs);
    const timeoutMs = callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const retryOptions = callOptions.retry ? resolveRetryOptions(options.retry, callOptions.retry) : retry;
    const { signal } = callOptions;
    let tokenRefreshed = false;
    for (let attempt = 1; ; attempt++) {
      // The token first: nothing is sent without one, and waiting for it is not part of an attempt's time limit.
      const token = tokens.fresh() ?? (await tokens.get(signal));
      const attempted = await send(body, token, timeoutMs, signal);
      if ('checked' in attempted) {
        forgetIfRefused(tokens, token, attempted.response.status);
        if (report) tell(report, attempted.checked.all, attempted.response.status, body.orderId, attempt);
      }
      const decision = decideRetry(outcomeOf(attempted), { attempt, tokenRefreshed, options: retryOptions });
      if (!decision.retry)
        return settle(attempted, { orderId: body.orderId, attempts: attempt, decision, timeoutMs, signal });
      tokenRefreshed ||= decision.refreshToken;
      await sleep(decision.delayMs, signal);
    }
  }

  /** One attempt: the POST with its own time limit, from sending to the last byte of the answer, read and checked. */
  async function send(
    body: CompleteOrderInput,
    token: string,
    timeoutMs: number,
    caller: AbortSignal | undefined,
  ): Promise<Attempted> {
    const limit = attemptLimit(fetch, timeoutMs, caller);
    try {
      if (callers.size === 0) {
        const response = await limit.race(
          postJson(fetch, limit, url, { authorization: bearer(token) }, body).then(async (r) => ({
            response: r,
            observed: await reading.read(r),
          })),
        );
        return {
          response: response.response,
          checked: checkedResponse(reading.checks, COMPLETE_ORDER, response.observed),
        };
      }
      // The limit goes to the fetch that sends, not to openapi-fetch, so undici follows it once.
      const sent = await limit.race(
        client.POST(FULFILLMENT_PATH, {
          body,
          headers: { authorization: bearer(token) },
          parseAs: 'text',
          fetch: sendFromParts(fetch, limit),
        }),
      );
      const { response } = sent;
      const observed = observedOf(response) ?? answeredInPlace(sent);
      return { response, checked: checkedResponse(reading.checks, COMPLETE_ORDER, observed) };
    } catch (error) {
      return { error: limit.error(error) };
    } finally {
      limit.clear();
    }
  }

  /**
   * Hands a response's findings to onDiagnostics, redacted; what the hook
   * throws never touches the call. An announcement of deprecation or sunset
   * is told once per client: the same one on every later response is not.
   */
  function tell(
    hook: NonNullable<typeof report>,
    findings: readonly Diagnostic[],
    status: number,
    orderId: number,
    attempt: number,
  ) {
    const fresh = findings.filter((d) => announced(d, `${d.title}\n${d.message}`));
    if (fresh.length === 0) return;
    const clean = redactor({ ...options, tokens: [tokens.fresh()].filter((t): t is string => !!t) });
    // Every text a finding carries is redacted, its title too, as every run's report redacts it.
    const diagnostics = fresh.map((d) => redactFinding(d, clean));
    try {
      hook(diagnostics, { operation: 'completeOrder', status, orderId, attempt });
    } catch {
      // A reporting hook must not change the outcome of a call that sent a customer a message.
    }
  }

  return { completeOrder, raw: client };
}
