/**
 * The rules a completeOrder input must meet before anything is sent: the
 * spec's (through its generated validator) and the client's own policy for
 * callback URLs. Every broken rule is reported, each naming its field.
 */
import type { components } from '../../generated/connect-fulfillment.js';
import { completeOrderRequestBody } from '../../generated/validators.js';
import { printable } from '../core/sanitize.js';
import { nonPublicHost } from './callback-host.js';
import { type InputViolation, RequestValidationError } from './errors/index.js';

/** What completeOrder takes: the request body of the spec, by the one name the package exports. */
export type CompleteOrderInput = components['schemas']['CompleteOrderRequest'];

/** The longest callback URL accepted. */
const MAX_CALLBACK_URL_LENGTH = 2048;

export interface CallbackPolicy {
  /** Accept callback hosts on loopback, private and other special-purpose addresses, and localhost. */
  readonly allowPrivateHosts: boolean;
  /** How the caller turns that on, for the message: an option name, a flag. @default 'allowPrivateCallbackHosts' */
  readonly allowSwitch?: string;
}

/** Why an order id is not one, or undefined: a safe integer of at least 1 (the spec's `minimum`). */
export function orderIdRule(value: unknown): string | undefined {
  if (!Number.isSafeInteger(value)) {
    return `must be a safe integer (got ${typeof value === 'number' ? value : typeof value})`;
  }
  return (value as number) < 1 ? `must be at least 1: order ids are positive (got ${value})` : undefined;
}

/** Every rule a callback URL breaks; none for a usable one. */
export function callbackUrlRules(value: unknown, policy: CallbackPolicy): string[] {
  if (typeof value !== 'string') return ['must be a string'];
  if (value.length > MAX_CALLBACK_URL_LENGTH)
    return [`must be at most ${MAX_CALLBACK_URL_LENGTH} characters (got ${value.length})`];
  if (!URL.canParse(value)) return ['must be an absolute URL'];
  const url = new URL(value);
  const rules: string[] = [];
  if (/[^\x21-\x7e]/.test(value))
    rules.push('must hold only printable ASCII (percent-encode other characters, as RFC 3986 requires)');
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    rules.push(`must use http or https (got ${printable(url.protocol.replace(':', ''), 40)})`);
  if (url.username || url.password) rules.push('must not carry user-info (credentials in the URL)');
  if (value.includes('#')) rules.push('must not have a fragment');
  const nonPublic = policy.allowPrivateHosts ? undefined : nonPublicHost(url.hostname);
  if (nonPublic) {
    rules.push(
      `must not point at ${nonPublic} (${printable(url.hostname, 80)}); ` +
        `${policy.allowSwitch ?? 'allowPrivateCallbackHosts'} allows it, for local development`,
    );
  }
  return rules;
}

/** Checks an input and returns the exact body to send; throws RequestValidationError listing every broken rule. */
export function toRequestBody(input: unknown, policy: CallbackPolicy): CompleteOrderInput {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new RequestValidationError({ violations: [{ field: 'input', rule: 'must be an object with orderId' }] });
  const { orderId, callbackUrl, ...rest } = input as Record<string, unknown>;
  const violations: InputViolation[] = Object.keys(rest).map((field) => ({
    field: printable(field, 80),
    rule: 'is not a field of the request (only orderId and callbackUrl are)',
  }));
  const idRule = orderId === undefined ? 'is required' : orderIdRule(orderId);
  if (idRule) violations.push({ field: 'orderId', rule: idRule });
  if (callbackUrl !== undefined) {
    violations.push(...callbackUrlRules(callbackUrl, policy).map((rule) => ({ field: 'callbackUrl', rule })));
  }
  const body = { orderId, ...(callbackUrl === undefined ? {} : { callbackUrl }) };
  // The spec's own rules, last: they must agree with the ones above.
  if (violations.length === 0 && !completeOrderRequestBody(body)) {
    violations.push(
      ...(completeOrderRequestBody.errors ?? []).map((e) => ({
        field: e.instancePath.slice(1) || 'input',
        rule: `${e.message ?? e.keyword} (the spec's rule)`,
      })),
    );
  }
  if (violations.length > 0)
    throw new RequestValidationError({
      violations,
      orderId: Number.isSafeInteger(orderId) ? (orderId as number) : undefined,
    });
  return body as CompleteOrderInput;
}
