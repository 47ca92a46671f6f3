/**
 * The rules a completeOrder input must meet before anything is sent: the
 * spec's (through its generated validator) and the client's own policy for
 * callback URLs. Every broken rule is reported, each naming its field.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { completeOrderRequestBody } from '../../generated/validators.js';
import type { components } from '../../generated/connect-fulfillment.js';
import { RequestValidationError, type InputViolation } from './errors/index.js';

export type CompleteOrderRequest = components['schemas']['CompleteOrderRequest'];

/** The longest callback URL accepted. */
export const MAX_CALLBACK_URL_LENGTH = 2048;

const nonPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv6');

/** Whether a URL host is an IP literal in a loopback, private, link-local or unspecified range, or `localhost`. */
export function isNonPublicHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIPv4(host)) return nonPublic.check(host, 'ipv4');
  if (!isIPv6(host)) return false;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const n = ((parseInt(mapped[1]!, 16) << 16) >>> 0) + parseInt(mapped[2]!, 16);
    return nonPublic.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return nonPublic.check(host, 'ipv6');
}

function callbackUrlViolations(value: unknown, allowPrivateHosts: boolean): string[] {
  if (typeof value !== 'string') return ['must be a string'];
  if (value.length > MAX_CALLBACK_URL_LENGTH)
    return [`must be at most ${MAX_CALLBACK_URL_LENGTH} characters (got ${value.length})`];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ['must be an absolute URL'];
  }
  const rules: string[] = [];
  if (/[^\x21-\x7e]/.test(value))
    rules.push('must hold only printable ASCII (percent-encode other characters, as RFC 3986 requires)');
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    rules.push(`must use http or https (got ${url.protocol.replace(':', '')})`);
  if (url.username || url.password) rules.push('must not carry user-info (credentials in the URL)');
  if (value.includes('#')) rules.push('must not have a fragment');
  if (!allowPrivateHosts && isNonPublicHost(url.hostname))
    rules.push(
      `must not point at a loopback, private or link-local host (${url.hostname}); set allowPrivateCallbackHosts for local development`,
    );
  return rules;
}

/** Checks an input and returns the exact body to send; throws RequestValidationError listing every broken rule. */
export function toRequestBody(input: unknown, allowPrivateHosts: boolean): CompleteOrderRequest {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new RequestValidationError({ violations: [{ field: 'input', rule: 'must be an object with orderId' }] });
  const { orderId, callbackUrl, ...rest } = input as Record<string, unknown>;
  const violations: InputViolation[] = Object.keys(rest).map((field) => ({
    field,
    rule: 'is not a field of the request (only orderId and callbackUrl are)',
  }));
  if (orderId === undefined) violations.push({ field: 'orderId', rule: 'is required' });
  else if (!Number.isSafeInteger(orderId))
    violations.push({
      field: 'orderId',
      rule: `must be a safe integer (got ${typeof orderId === 'number' ? orderId : typeof orderId})`,
    });
  if (callbackUrl !== undefined)
    violations.push(
      ...callbackUrlViolations(callbackUrl, allowPrivateHosts).map((rule) => ({ field: 'callbackUrl', rule })),
    );
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
  return body as CompleteOrderRequest;
}
