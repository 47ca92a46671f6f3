/**
 * Facts the specs already hold, read from the generated contract data so that
 * none is written by hand twice: the operations, their path, the servers, the
 * token URL and the scopes an operation requires.
 */
import { examples, type OperationContract, specs } from '../../generated/contract.js';

const fulfillmentSpec = specs['connect-fulfillment'];
type OAuthSchemes = Record<string, { flows?: { clientCredentials?: { tokenUrl?: string } } }>;

function operation(spec: keyof typeof specs, operationId: string): OperationContract {
  const found = specs[spec].operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`${spec} has no operation ${operationId}`);
  return found;
}

/** POST /v1/client/order/fulfillment. */
export const COMPLETE_ORDER = operation('connect-fulfillment', 'completeOrder');
/** The GET Connect sends to the callbackUrl. */
export const FULFILLMENT_CALLBACK = operation('connect-fulfillment', 'fulfillmentCallback');
/** POST to the ConnectID token endpoint. */
export const REQUEST_TOKEN = operation('connectid-token', 'requestToken');

/** `/v1/client/order/fulfillment`, as the spec writes it. */
export const FULFILLMENT_PATH = COMPLETE_ORDER.path as '/v1/client/order/fulfillment';

/** The API's name as its spec's title begins: "Connect" of "Connect API - Fulfillment". */
export const API_NAME: string = fulfillmentSpec.title.split(/\s+API\b/)[0]!;

/** The spec's production server. */
export const DEFAULT_BASE_URL: string = fulfillmentSpec.servers[0];

/** The token URL of the client-credentials flow of the scheme that secures the fulfillment. */
export const DEFAULT_TOKEN_URL: string = (() => {
  const schemes = fulfillmentSpec.securitySchemes as OAuthSchemes;
  const url = Object.values(schemes).find((s) => s.flows?.clientCredentials?.tokenUrl)?.flows?.clientCredentials
    ?.tokenUrl;
  if (!url) throw new Error('the fulfillment spec names no client-credentials token URL');
  return url;
})();

/**
 * The scopes an operation's first security requirement names, space-separated
 * as RFC 6749 section 3.3 writes them (`read` for the fulfillment).
 */
export function requiredScope(op: OperationContract): string {
  const [first] = (op.security ?? []) as readonly Record<string, readonly string[]>[];
  return [...new Set(Object.values(first ?? {}).flat())].join(' ');
}

/** The scope the client asks for unless told otherwise. */
export const DEFAULT_SCOPE = requiredScope(COMPLETE_ORDER);

/** The query parameter Connect adds to the callbackUrl, and the values it may carry (`success`, `failed`). */
export const CALLBACK_STATUS_PARAM = (() => {
  const [param] = FULFILLMENT_CALLBACK.queryParameters;
  if (!param?.values) throw new Error('the fulfillment callback documents no enum query parameter');
  return { name: param.name, values: param.values };
})();

/** The value of the example the spec writes at the JSON pointer that ends with `pointerEnd`. */
export function exampleValue(spec: keyof typeof specs, pointerEnd: string): unknown {
  const found = examples.find((e) => e.spec === spec && e.pointer.endsWith(pointerEnd));
  if (!found) throw new Error(`${spec} has no example at …${pointerEnd}`);
  return found.value;
}
