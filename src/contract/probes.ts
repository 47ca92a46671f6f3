/**
 * The requests the contract suite sends, as data. The mock set drives every
 * documented status through Prism's `Prefer` header; the live set is safe by
 * default: nothing in it can fulfil an order unless CONNECT_FULFILL_ORDER_ID
 * names one.
 */
import { allResponseChecks, type Check } from '../core/checks/response.js';
import {
  callbackConformance,
  expectedStatus,
  grantedScopeConformance,
  negativeDataRejection,
  unauthenticatedRequestRefused,
  wrongCredentialsRejected,
} from '../core/checks/probe-checks.js';
import { DEFAULT_SCOPE } from '../core/spec.js';
import type { ContractTarget } from './target.js';

export interface Probe {
  readonly name: string;
  readonly title: string;
  readonly operationId: 'completeOrder' | 'requestToken';
  readonly auth: 'bearer' | 'none' | 'invalid-bearer' | 'basic' | 'basic-wrong-secret';
  /** The JSON body; `rawBody` wins when set (for bodies that are not JSON). */
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Adds a callbackUrl at the local receiver and waits for the callback. */
  readonly callback?: boolean;
  /** True when the probe can change anything upstream (a real fulfillment). */
  readonly sideEffects: boolean;
  readonly checks: readonly Check[];
  /** Why the probe cannot run for this target, when it cannot. */
  readonly skip?: string;
}

const MOCK_ORDER_ID = 14;
const fulfil = (p: Omit<Probe, 'operationId' | 'sideEffects'> & { sideEffects?: boolean }): Probe => ({
  operationId: 'completeOrder',
  sideEffects: false,
  ...p,
});
const token = (p: Omit<Probe, 'operationId' | 'sideEffects'>): Probe => ({
  operationId: 'requestToken',
  sideEffects: false,
  ...p,
});
/** The client-credentials grant, asking for the target's scope (the spec's required scopes unless it says otherwise). */
const tokenBody = (target: ContractTarget): string => {
  const scope = target.scope ?? DEFAULT_SCOPE;
  return new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString();
};

/** Bodies the spec forbids. With an id, only the probe order id is used: a lenient server that coerces "7" or 7.5 to 7 must not hit a real order. */
function negativeProbes(orderId: number | undefined): Probe[] {
  const needsId = orderId === undefined ? 'needs CONNECT_PROBE_ORDER_ID (an order id that does not exist)' : undefined;
  const id = orderId ?? 0;
  const probe = (name: string, title: string, body: Partial<Probe>, skip?: string): Probe =>
    fulfil({
      name: `negative-${name}`,
      title: `Rejects ${title}`,
      auth: 'bearer',
      checks: [...allResponseChecks, negativeDataRejection],
      ...body,
      ...(skip ? { skip } : {}),
    });
  return [
    probe('missing-order-id', 'a body without orderId', { body: {} }),
    probe('order-id-null', 'orderId null', { body: { orderId: null } }),
    probe('order-id-string', 'orderId as a string', { body: { orderId: String(id) } }, needsId),
    probe('order-id-float', 'orderId as a float', { body: { orderId: id + 0.5 } }, needsId),
    probe(
      'callback-not-uri',
      'a callbackUrl that is not a URI',
      { body: { orderId: id, callbackUrl: 'not a uri' } },
      needsId,
    ),
    probe('array-body', 'an array body', { body: [id] }),
    probe('string-body', 'a string body', { body: 'orderId' }),
    probe('malformed-json', 'malformed JSON', { rawBody: '{"orderId":' }),
  ];
}

export function mockProbes(target: ContractTarget): Probe[] {
  const all = allResponseChecks;
  const prefer = (value: string) => ({ prefer: value });
  const asked = (name: string, title: string, preferValue: string, status: number, extra: Partial<Probe> = {}) =>
    fulfil({
      name,
      title,
      auth: 'bearer',
      body: { orderId: MOCK_ORDER_ID },
      headers: prefer(preferValue),
      checks: [...all, expectedStatus(status)],
      ...extra,
    });
  return [
    token({
      name: 'token-issued',
      title: 'Issues a bearer token',
      auth: 'basic',
      rawBody: tokenBody(target),
      checks: [...all, grantedScopeConformance, expectedStatus(200)],
    }),
    token({
      name: 'token-no-credentials',
      title: 'Refuses a token request without client credentials',
      auth: 'none',
      rawBody: tokenBody(target),
      checks: [...all, expectedStatus(401)],
    }),
    token({
      name: 'token-error-400',
      title: 'Answers an RFC 6749 error body',
      auth: 'basic',
      rawBody: tokenBody(target),
      headers: prefer('code=400'),
      checks: [...all, expectedStatus(400)],
    }),
    asked('fulfill-ok', '200 with the OK example, and the callback', 'example=ok', 200, {
      callback: true,
      checks: [...all, expectedStatus(200), callbackConformance],
    }),
    asked('fulfill-error', '200 with the ERROR example', 'example=error', 200),
    asked('fulfill-400', '400 Bad Request', 'code=400', 400),
    asked('fulfill-401', '401 for an expired token', 'code=401', 401),
    asked('fulfill-429', '429 with Retry-After', 'code=429', 429),
    asked('fulfill-500', '500 Server Error', 'code=500', 500),
    fulfil({
      name: 'no-token',
      title: 'Refuses a request without a bearer token',
      auth: 'none',
      body: { orderId: MOCK_ORDER_ID },
      checks: [...all, unauthenticatedRequestRefused],
    }),
    ...negativeProbes(MOCK_ORDER_ID),
  ];
}

const isLoopback = (url: string): boolean => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(new URL(url).hostname);

export function liveProbes(target: ContractTarget): Probe[] {
  const all = allResponseChecks;
  const noId = 'needs CONNECT_PROBE_ORDER_ID (an order id that does not exist)';
  return [
    token({
      name: 'token-issued',
      title: 'Issues a bearer token with the scope asked for',
      auth: 'basic',
      rawBody: tokenBody(target),
      checks: [...all, grantedScopeConformance],
    }),
    token({
      name: 'token-wrong-secret',
      title: 'Refuses a wrong client secret',
      auth: 'basic-wrong-secret',
      rawBody: tokenBody(target),
      checks: [...all, wrongCredentialsRejected],
    }),
    fulfil({
      name: 'no-token',
      title: 'Refuses a request without a bearer token',
      auth: 'none',
      body: { orderId: target.probeOrderId ?? 0 },
      checks: [...all, unauthenticatedRequestRefused],
    }),
    fulfil({
      name: 'invalid-token',
      title: 'Refuses an invalid bearer token',
      auth: 'invalid-bearer',
      body: { orderId: target.probeOrderId ?? 0 },
      checks: [...all, unauthenticatedRequestRefused],
    }),
    ...negativeProbes(target.probeOrderId),
    fulfil({
      name: 'unknown-order',
      title: 'Answers for an order that does not exist',
      auth: 'bearer',
      body: { orderId: target.probeOrderId ?? 0 },
      checks: all,
      ...(target.probeOrderId === undefined ? { skip: noId } : {}),
    }),
    fulfil({
      name: 'fulfill',
      title: 'Fulfils the order named by CONNECT_FULFILL_ORDER_ID',
      auth: 'bearer',
      body: { orderId: target.fulfillOrderId ?? 0 },
      sideEffects: true,
      // The callback receiver listens on loopback: only a local upstream can reach it.
      callback: isLoopback(target.baseUrl),
      checks: isLoopback(target.baseUrl) ? [...all, callbackConformance] : all,
      ...(target.fulfillOrderId === undefined
        ? { skip: 'sends a real message to a customer: set CONNECT_FULFILL_ORDER_ID to run it' }
        : {}),
    }),
  ];
}

export const probesFor = (target: ContractTarget): Probe[] =>
  target.kind === 'mock' ? mockProbes(target) : liveProbes(target);
