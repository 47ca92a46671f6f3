/**
 * One access token from the ConnectID token endpoint (RFC 6749 section 4.4),
 * with retries: a token request has no side effect, so 429, 5xx and transport
 * failures are retried with the same backoff as the fulfillment POST.
 */
import { failureReason } from '../../core/failure.js';
import { basicCredentials, printable, redact, redactor } from '../../core/sanitize.js';
import { REQUEST_TOKEN } from '../../core/spec.js';
import { allResponseChecks, clientResponseChecks, runChecks } from '../../core/checks/response.js';
import { type ObservedResponse, observeResponse } from '../../core/exchange.js';
import { AuthenticationError, ContractViolationError, TokenUnavailableError } from '../errors/index.js';
import { decideTokenRetry } from '../retry/decide.js';
import type { FulfillmentClientOptions } from '../options.js';
import type { RetryOptions } from '../retry/options.js';
import { attemptSignal, sleep } from '../../core/signals.js';

export interface TokenEndpoint {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Sent as `scope` unless empty. */
  readonly scope: string;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly retry: Required<RetryOptions>;
  readonly maxBytes: number;
  /** The client's onDiagnostics, told of the token response's findings, warnings included. */
  readonly onDiagnostics?: FulfillmentClientOptions['onDiagnostics'];
}

export interface IssuedToken {
  readonly accessToken: string;
  /** `expires_in` in milliseconds, when the endpoint gave it. */
  readonly expiresInMs: number | undefined;
}

export async function requestToken(endpoint: TokenEndpoint): Promise<IssuedToken> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    ...(endpoint.scope ? { scope: endpoint.scope } : {}),
  }).toString();
  const headers = {
    authorization: basicCredentials(endpoint.clientId, endpoint.clientSecret),
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  for (let attempt = 1; ; attempt++) {
    const { signal, clear } = attemptSignal(endpoint.timeoutMs);
    let observed: ObservedResponse | undefined;
    let failure: unknown;
    try {
      const response = await endpoint.fetch(endpoint.url, {
        method: 'POST',
        headers,
        body,
        signal,
        redirect: 'manual',
      });
      observed = await observeResponse(response, { maxBytes: endpoint.maxBytes });
    } catch (error) {
      failure = error;
    } finally {
      clear();
    }
    const outcome = observed
      ? { kind: 'response' as const, status: observed.status, retryAfter: observed.headers['retry-after'] }
      : { kind: 'error' as const, error: failure };
    const decision = decideTokenRetry(outcome, { attempt, tokenRefreshed: false, options: endpoint.retry });
    if (decision.retry) {
      await sleep(decision.delayMs);
      continue;
    }
    if (!observed) {
      throw new TokenUnavailableError({
        reason: `the token endpoint gave no usable answer (${failureReason(failure, endpoint.timeoutMs)}; ${attempt} attempt(s))`,
      });
    }
    return settle(observed, decision.reason, endpoint);
  }
}

function settle(observed: ObservedResponse, reason: string, endpoint: TokenEndpoint): IssuedToken {
  const { status } = observed;
  const json = observed.json?.value as Record<string, unknown> | undefined;
  if (status === 400 || status === 401) {
    // The server's words, but never verbatim: a server may echo the request, credentials included.
    const safe = (text: unknown) => printable(redact(String(text), endpoint), 300);
    const oauthError = typeof json?.error === 'string' ? safe(json.error) : undefined;
    const description =
      typeof json?.error_description === 'string'
        ? safe(json.error_description)
        : 'the token endpoint refused the client credentials';
    throw new AuthenticationError({ status, description, ...(oauthError ? { oauthError } : {}) });
  }
  if (status === 429 || status >= 500) {
    throw new TokenUnavailableError({ status, reason: `the token endpoint answered HTTP ${status} (${reason})` });
  }
  const all = runChecks(endpoint.onDiagnostics ? allResponseChecks : clientResponseChecks, {
    operation: REQUEST_TOKEN,
    response: observed,
  });
  if (endpoint.onDiagnostics && all.length > 0) {
    const token = typeof json?.access_token === 'string' ? [json.access_token] : [];
    const clean = redactor({ ...endpoint, tokens: token });
    try {
      endpoint.onDiagnostics(
        all.map((d) => ({ ...d, location: clean(d.location), message: clean(d.message) })),
        { operation: 'requestToken', status },
      );
    } catch {
      // A reporting hook never changes whether a token was obtained.
    }
  }
  const diagnostics = all.filter((d) => d.severity === 'error');
  if (diagnostics.length > 0 || status !== 200) {
    throw new ContractViolationError({ status, spec: 'connectid-token', diagnostics });
  }
  const expiresIn = json!.expires_in;
  return {
    accessToken: String(json!.access_token),
    expiresInMs: typeof expiresIn === 'number' ? expiresIn * 1000 : undefined,
  };
}
