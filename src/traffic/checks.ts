/**
 * Real traffic, checked with the checks `drift` uses: an exchange recorded in
 * a HAR file or seen by the proxy is matched to its operation (the token
 * endpoint, the fulfillment, or a callback by its URL prefix) and judged in
 * both directions. A request the spec forbids is the caller's doing, so it is
 * a warning; it is drift only when the API accepts it with a 2xx.
 */
import type { OperationContract } from '../../generated/contract.js';
import { validators } from '../../generated/validators.js';
import { allResponseChecks, runChecks } from '../core/checks/response.js';
import { defineCheck } from '../core/checks/define.js';
import { type Diagnostic, locationOf } from '../core/diagnostic.js';
import type { Exchange, ObservedRequest, ObservedResponse } from '../core/exchange.js';
import {
  CALLBACK_STATUS_PARAM,
  COMPLETE_ORDER,
  FULFILLMENT_CALLBACK,
  FULFILLMENT_PATH,
  REQUEST_TOKEN,
} from '../core/spec.js';
import {
  grantedScopeConformance,
  negativeDataRejection,
  unauthenticatedRequestRefused,
} from '../core/checks/probe-checks.js';
import type { TrafficEndpoints, TrafficExchange } from '../evidence/recorded.js';

export type { TrafficEndpoints, TrafficExchange };

export type TrafficKind = 'token' | 'fulfillment' | 'callback';

const withoutQuery = (url: string) => url.split(/[?#]/)[0]!.replace(/\/+$/, '');

/** The operation a request belongs to, or undefined when it is none of this contract's. */
export function classify(
  request: ObservedRequest,
  endpoints: TrafficEndpoints,
): { readonly kind: TrafficKind; readonly operation: OperationContract } | undefined {
  const url = withoutQuery(request.url);
  const method = request.method.toUpperCase();
  if (method === 'POST' && url === withoutQuery(endpoints.tokenUrl)) return { kind: 'token', operation: REQUEST_TOKEN };
  if (method === 'POST' && url === `${withoutQuery(endpoints.baseUrl)}${FULFILLMENT_PATH}`)
    return { kind: 'fulfillment', operation: COMPLETE_ORDER };
  if (method === 'GET' && endpoints.callbackUrl && request.url.startsWith(endpoints.callbackUrl))
    return { kind: 'callback', operation: FULFILLMENT_CALLBACK };
  return undefined;
}

/** The request body as the operation's request schema sees it: JSON, or a form as an object. */
function requestValue(kind: TrafficKind, request: ObservedRequest): { value: unknown } | undefined {
  if (kind === 'token') return { value: Object.fromEntries(new URLSearchParams(request.bodyText)) };
  try {
    return { value: JSON.parse(request.bodyText) };
  } catch {
    return undefined;
  }
}

/**
 * request_conformance: the request is one the spec allows. A finding here is
 * about the caller, not the API, so it is only ever a warning.
 */
export const requestConformance = defineCheck('request_conformance', (exchange, report) => {
  const request = exchange.request;
  const name = exchange.operation.requestBodyValidator;
  // No body in the record: recorders leave out what they did not capture, so nothing can be said of it.
  if (!request || !name || request.bodyText === '') return;
  const kind = exchange.operation.operationId === REQUEST_TOKEN.operationId ? 'token' : 'fulfillment';
  const parsed = requestValue(kind, request);
  if (!parsed)
    return report.warning('Request body is not JSON', 'request.body', 'The caller sent a body that does not parse');
  const validate = validators[name]!;
  if (validate(parsed.value)) return;
  for (const e of validate.errors ?? [])
    report.warning('Request the spec forbids', locationOf('request.body', e.instancePath), `${e.message ?? e.keyword}`);
});

/** callback_conformance, for a callback seen in traffic: a GET whose query carries one valid fulfillmentStatus. */
export const trafficCallbackConformance = defineCheck('callback_conformance', (exchange, report) => {
  const request = exchange.request;
  if (!request) return;
  const param = CALLBACK_STATUS_PARAM.name;
  const values = new URL(request.url).searchParams.getAll(param);
  if (values.length !== 1)
    report.error(
      `Callback without ${param}`,
      `callback.query.${param}`,
      `Received ${values.length} values / Documented: exactly one of ${CALLBACK_STATUS_PARAM.values.join(', ')}`,
    );
  else if (!CALLBACK_STATUS_PARAM.values.includes(values[0]!))
    report.error(
      'Callback violates schema',
      `callback.query.${param}`,
      `Received: ${JSON.stringify(values[0])} / Documented: ${CALLBACK_STATUS_PARAM.values.join(', ')}`,
    );
});

const bearer = (request: ObservedRequest) => /^Bearer\s+\S/i.test(request.headers.authorization ?? '');
const accepted = (response: ObservedResponse) => response.status >= 200 && response.status < 300;

/** Every diagnostic of one exchange of real traffic. */
export function checkTraffic(kind: TrafficKind, operation: OperationContract, traffic: TrafficExchange): Diagnostic[] {
  const { request, response } = traffic;
  if (kind === 'callback') {
    // What the receiver answered is the consumer's business; what Connect sent is the contract's.
    const exchange: Exchange = { operation, request, response: response ?? EMPTY };
    return trafficCallbackConformance(exchange);
  }
  if (!response) return [];
  const exchange: Exchange = { operation, request, response };
  const caller = requestConformance(exchange);
  const found = [...runChecks(allResponseChecks, exchange), ...(traffic.deliberate ? [] : caller)];
  if (kind === 'token') found.push(...grantedScopeConformance(exchange));
  if (kind === 'fulfillment' && !bearer(request)) found.push(...unauthenticatedRequestRefused(exchange));
  // Sent on purpose or not, a forbidden request the API accepted is drift.
  if (caller.length > 0 && accepted(response)) found.push(...negativeDataRejection(exchange));
  return found;
}

const EMPTY: ObservedResponse = { status: 0, headers: {}, bodyText: '', mediaType: '' };
