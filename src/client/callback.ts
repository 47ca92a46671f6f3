/**
 * Callback URLs that cannot be guessed. Connect's callback carries no
 * signature, so anyone who knows the URL could report an order fulfilled.
 * The URL therefore carries a token: HMAC-SHA256 of the order id under a
 * secret key (256 bits, unforgeable without the key), so a receiver verifies
 * it statelessly, in constant time, and duplicate deliveries are harmless.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fulfillmentCallbackRequestQuery } from '../../generated/validators.js';
import type { components } from '../../generated/connect-fulfillment.js';
import { CALLBACK_STATUS_PARAM } from '../core/spec.js';
import { CallbackVerificationError } from './errors/index.js';
import { orderIdRule } from './input.js';

export type CallbackFulfillmentStatus = components['schemas']['CallbackFulfillmentStatus'];

/** Query parameter names the helper adds to the URL. */
const CALLBACK_ORDER_PARAM = 'cf_order';
const CALLBACK_TOKEN_PARAM = 'cf_token';
const MIN_KEY_BYTES = 16;

/** A new random key for callback tokens: 32 bytes, base64url. Keep it secret, like a client secret. */
export const generateCallbackKey = (): string => randomBytes(32).toString('base64url');

function keyBytes(key: string | Uint8Array): Buffer {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'base64url') : Buffer.from(key);
  if (bytes.length < MIN_KEY_BYTES)
    throw new TypeError(
      `callback key must hold at least ${MIN_KEY_BYTES * 8} bits (got ${bytes.length * 8}); use generateCallbackKey()`,
    );
  return bytes;
}

const tokenFor = (key: Buffer, orderId: number): Buffer =>
  createHmac('sha256', key).update(`connect-fulfillment:callback:${orderId}`).digest();

/** The callback URL for `orderId`: `base` with its query kept, plus the order id and its token. */
export function createCallbackUrl(base: string | URL, orderId: number, key: string | Uint8Array): string {
  const rule = orderIdRule(orderId);
  if (rule) throw new TypeError(`orderId ${rule}`);
  const url = new URL(base);
  url.searchParams.set(CALLBACK_ORDER_PARAM, String(orderId));
  url.searchParams.set(CALLBACK_TOKEN_PARAM, tokenFor(keyBytes(key), orderId).toString('base64url'));
  return url.href;
}

export interface VerifiedCallback {
  readonly orderId: number;
  readonly fulfillmentStatus: CallbackFulfillmentStatus;
}

const single = (params: URLSearchParams, name: string): string => {
  const values = params.getAll(name);
  if (values.length === 0) throw new CallbackVerificationError({ field: name, rule: 'is missing' });
  if (values.length > 1) throw new CallbackVerificationError({ field: name, rule: 'appears more than once' });
  return values[0]!;
};

/**
 * Verifies an incoming callback request URL (absolute, or the path and query
 * of a node:http request). Returns the order and its status, or throws
 * CallbackVerificationError: answer that with 400.
 */
export function verifyCallback(requestUrl: string | URL, key: string | Uint8Array): VerifiedCallback {
  const params = new URL(requestUrl, 'http://callback.invalid').searchParams;
  const orderText = single(params, CALLBACK_ORDER_PARAM);
  const orderId = Number(orderText);
  if (!/^[1-9]\d*$/.test(orderText) || orderIdRule(orderId))
    throw new CallbackVerificationError({ field: CALLBACK_ORDER_PARAM, rule: 'must be a positive integer order id' });
  const given = Buffer.from(single(params, CALLBACK_TOKEN_PARAM), 'base64url');
  const expected = tokenFor(keyBytes(key), orderId);
  // The length is not secret; the comparison of equal lengths is constant-time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CallbackVerificationError({ field: CALLBACK_TOKEN_PARAM, rule: 'does not match the order' });
  const { name, values } = CALLBACK_STATUS_PARAM;
  const query = { [name]: single(params, name) };
  if (!fulfillmentCallbackRequestQuery(query))
    throw new CallbackVerificationError({ field: name, rule: `must be one of ${values.join(', ')}` });
  return { orderId, fulfillmentStatus: query.fulfillmentStatus };
}
