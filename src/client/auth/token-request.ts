/**
 * One access token from the ConnectID token endpoint (RFC 6749 section 4.4),
 * with retries: a token request has no side effect, so 429, 5xx and transport
 * failures are retried with the same backoff as the fulfillment POST.
 */
import { specs } from '../../../generated/contract.js';
import { clientResponseChecks, runChecks } from '../../contract/checks/response.js';
import { observeResponse, type ObservedResponse } from '../../contract/exchange.js';
import { AuthenticationError, ContractViolationError, TokenUnavailableError } from '../errors/index.js';
import { decideTokenRetry } from '../retry/decide.js';
import type { RetryOptions } from '../retry/options.js';
import { attemptSignal, sleep } from '../util/signals.js';

const operation = specs['connectid-token'].operations.find((o) => o.operationId === 'requestToken')!;

export interface TokenEndpoint {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string | undefined;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly retry: Required<RetryOptions>;
}

export interface IssuedToken {
  readonly accessToken: string;
  /** `expires_in` in milliseconds, when the endpoint gave it. */
  readonly expiresInMs: number | undefined;
}

const formEncode = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);

/** HTTP Basic client authentication as RFC 6749 section 2.3.1 wants it: id and secret each form-urlencoded first. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
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
      observed = await observeResponse(
        await endpoint.fetch(endpoint.url, { method: 'POST', headers, body, signal, redirect: 'manual' }),
      );
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
    if (!observed)
      throw new TokenUnavailableError({
        reason: `the token endpoint could not be reached (${decision.reason})`,
        cause: failure,
      });
    return settle(observed, decision.reason);
  }
}

function settle(observed: ObservedResponse, reason: string): IssuedToken {
  const { status } = observed;
  const json = observed.json?.value as Record<string, unknown> | undefined;
  if (status === 400 || status === 401) {
    const oauthError = typeof json?.error === 'string' ? json.error : undefined;
    const description =
      typeof json?.error_description === 'string'
        ? json.error_description
        : 'the token endpoint refused the client credentials';
    throw new AuthenticationError({ status, description, ...(oauthError ? { oauthError } : {}) });
  }
  if (status === 429 || status >= 500)
    throw new TokenUnavailableError({ status, reason: `the token endpoint answered HTTP ${status} (${reason})` });
  const diagnostics = runChecks(clientResponseChecks, { operation, response: observed }).filter(
    (d) => d.severity === 'error',
  );
  if (diagnostics.length > 0 || status !== 200) {
    throw new ContractViolationError({ status, spec: 'connectid-token', diagnostics });
  }
  const expiresIn = json!.expires_in;
  return {
    accessToken: String(json!.access_token),
    expiresInMs: typeof expiresIn === 'number' ? expiresIn * 1000 : undefined,
  };
}
