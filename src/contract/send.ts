/** Sends one probe as raw HTTP (probes need control the client forbids: no token, bodies the spec rejects). */
import { basicCredentials, bearer } from '../core/sanitize.js';
import { attemptSignal } from '../core/signals.js';
import { failureReason } from '../core/failure.js';
import { FULFILLMENT_PATH } from '../core/spec.js';
import { type ObservedRequest, type ObservedResponse, observeResponse } from '../core/exchange.js';
import type { Probe } from './probes.js';
import type { ContractTarget } from './target.js';

export interface SendContext {
  readonly target: ContractTarget;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly accessToken: string | undefined;
  readonly callbackUrl: string | undefined;
  /** The cap on each response body. */
  readonly maxBytes: number;
}

function authorization(probe: Probe, context: SendContext): string | undefined {
  const { clientId, clientSecret } = context.target;
  switch (probe.auth) {
    case 'bearer':
      return bearer(String(context.accessToken));
    case 'invalid-bearer':
      return bearer('connect-fulfillment-probe-invalid-token');
    case 'basic':
      return basicCredentials(clientId, clientSecret);
    case 'basic-wrong-secret':
      return basicCredentials(clientId, `${clientSecret}-wrong`);
    case 'none':
      return undefined;
  }
}

function bodyOf(probe: Probe, callbackUrl: string | undefined): string | undefined {
  if (probe.rawBody !== undefined) return probe.rawBody;
  if (probe.body === undefined) return undefined;
  const withCallback =
    probe.callback && callbackUrl && probe.body && typeof probe.body === 'object'
      ? { ...probe.body, callbackUrl }
      : probe.body;
  return JSON.stringify(withCallback);
}

/** What sending a probe came to: the request as sent, and the response or why there was none. */
export type Sent =
  | { readonly request: ObservedRequest; readonly observed: ObservedResponse }
  | { readonly request: ObservedRequest; readonly error: string };

export async function sendProbe(probe: Probe, context: SendContext): Promise<Sent> {
  const isToken = probe.operationId === 'requestToken';
  const url = isToken ? context.target.tokenUrl : `${context.target.baseUrl}${FULFILLMENT_PATH}`;
  const auth = authorization(probe, context);
  const headers: Record<string, string> = {
    'content-type': isToken ? 'application/x-www-form-urlencoded' : 'application/json',
    accept: 'application/json',
    ...(auth ? { authorization: auth } : {}),
    ...probe.headers,
  };
  const bodyText = bodyOf(probe, context.callbackUrl);
  const request: ObservedRequest = { method: 'POST', url, headers, bodyText: bodyText ?? '' };
  const { signal, clear } = attemptSignal(context.timeoutMs);
  try {
    const response = await context.fetch(url, {
      method: 'POST',
      headers,
      body: bodyText ?? null,
      signal,
      redirect: 'manual',
    });
    return { request, observed: await observeResponse(response, { maxBytes: context.maxBytes }) };
  } catch (error) {
    return { request, error: failureReason(error, context.timeoutMs) };
  } finally {
    clear();
  }
}
