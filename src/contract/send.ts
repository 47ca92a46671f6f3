/** Sends one probe as raw HTTP (probes need control the client forbids: no token, bodies the spec rejects). */
import { basicCredentials } from '../core/sanitize.js';
import { attemptSignal } from '../client/util/signals.js';
import { observeResponse, type ObservedResponse } from './exchange.js';
import type { Probe } from './probes.js';
import type { ContractTarget } from './target.js';

export interface SendContext {
  readonly target: ContractTarget;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly accessToken: string | undefined;
  readonly callbackUrl: string | undefined;
}

const PATH = '/v1/client/order/fulfillment';

function authorization(probe: Probe, context: SendContext): string | undefined {
  const { clientId, clientSecret } = context.target;
  switch (probe.auth) {
    case 'bearer':
      return `Bearer ${context.accessToken}`;
    case 'invalid-bearer':
      return 'Bearer connect-fulfillment-probe-invalid-token';
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

/** The observed response, or the transport failure's message. */
export async function sendProbe(
  probe: Probe,
  context: SendContext,
): Promise<{ observed: ObservedResponse } | { error: string }> {
  const isToken = probe.operationId === 'requestToken';
  const url = isToken ? context.target.tokenUrl : `${context.target.baseUrl}${PATH}`;
  const auth = authorization(probe, context);
  const headers: Record<string, string> = {
    'content-type': isToken ? 'application/x-www-form-urlencoded' : 'application/json',
    accept: 'application/json',
    ...(auth ? { authorization: auth } : {}),
    ...probe.headers,
  };
  const { signal, clear } = attemptSignal(context.timeoutMs);
  try {
    const response = await context.fetch(url, {
      method: 'POST',
      headers,
      body: bodyOf(probe, context.callbackUrl) ?? null,
      signal,
      redirect: 'manual',
    });
    return { observed: await observeResponse(response) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? (error as Error).message };
  } finally {
    clear();
  }
}
