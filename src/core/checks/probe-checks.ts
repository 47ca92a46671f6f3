/**
 * Checks that judge a response against what its probe asked for: a request
 * without a token, a body the spec forbids, a status Prism was told to give,
 * a token request, a callback.
 */
import { validators } from '../../../generated/validators.js';
import { CALLBACK_STATUS_PARAM } from '../spec.js';
import type { Exchange } from '../exchange.js';
import { type Check, defineCheck } from './define.js';

const CALLBACK_VALUES = CALLBACK_STATUS_PARAM.values.join(', ');

/** security_conformance: a request without (or with an invalid) bearer token is refused with 401 (RFC 6750 section 3.1). */
export const unauthenticatedRequestRefused = defineCheck('security_conformance', (exchange, report) => {
  const { status } = exchange.response;
  if (status === 401) return;
  const title =
    status >= 200 && status < 300 ? 'Unauthenticated request accepted' : 'Unauthenticated request not refused with 401';
  report.error(title, 'response.status', `Received: ${status} / Expected: 401`);
});

/** Rules our spec adds on values that the reference page does not promise the server enforces. */
const VALUE_RULES = new Set(['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

/**
 * The value rules a request body breaks, when they are all it breaks: the body
 * parses, and every violation the operation's request validator finds is a
 * `format` or a bound. Undefined when the type, a required property or the
 * shape is wrong too.
 */
function onlyValueRulesBroken(exchange: Exchange): string[] | undefined {
  const validate = exchange.operation.requestBodyValidator
    ? validators[exchange.operation.requestBodyValidator]
    : undefined;
  if (!validate || exchange.request === undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(exchange.request.bodyText);
  } catch {
    return undefined;
  }
  if (validate(body)) return undefined;
  const errors = validate.errors ?? [];
  if (errors.length === 0 || errors.some((e) => !VALUE_RULES.has(e.keyword))) return undefined;
  return [
    ...new Set(
      errors.map((e) => (e.keyword === 'format' ? `format ${(e.params as { format?: unknown }).format}` : e.keyword)),
    ),
  ];
}

/**
 * negative_data_rejection: a body the spec forbids gets a 4xx, never a 2xx or
 * a 5xx. One kind is only a warning: a body that breaks nothing but a value
 * rule (a `format`, a bound) and is accepted. In JSON Schema 2020-12 `format`
 * is an annotation, and the reference page promises neither, so a server that
 * does not enforce them has not drifted; `--strict` makes it an error like
 * every warning.
 */
export const negativeDataRejection = defineCheck('negative_data_rejection', (exchange, report) => {
  const { status } = exchange.response;
  if (status >= 400 && status < 500) return;
  const message = `Received: ${status} / Expected: a documented 4xx`;
  if (status >= 500) return report.error('Server error on invalid data', 'response.status', message);
  const rules = onlyValueRulesBroken(exchange);
  if (rules) {
    const [first] = rules[0]!.split(' ');
    return report.warning(
      `${first![0]!.toUpperCase()}${first!.slice(1)} not enforced`,
      'response.status',
      `${message}; the body breaks only ${rules.join(', ')}, which the reference page does not promise is enforced`,
    );
  }
  report.error('Invalid request accepted', 'response.status', message);
});

/** expected_status: the mock answered with the status the probe asked it for (Prism's `Prefer: code=`). */
export const expectedStatus = (expected: number): Check =>
  defineCheck('expected_status', (exchange, report) => {
    const { status } = exchange.response;
    if (status !== expected) {
      report.error(
        'Unexpected status from the mock',
        'response.status',
        `Received: ${status} / Asked for: ${expected}`,
      );
    }
  });

/**
 * callback_conformance: after a 200 with a callbackUrl, a GET arrives at that URL
 * with the query it was given and a valid `fulfillmentStatus` added.
 */
export const callbackConformance = defineCheck('callback_conformance', (exchange, report) => {
  if (exchange.response.status !== 200) return;
  const callbacks = exchange.callbacks ?? [];
  if (callbacks.length === 0) return report.error('No callback', 'callback', 'No request arrived at callbackUrl');
  const param = CALLBACK_STATUS_PARAM.name;
  for (const [i, callback] of callbacks.entries()) {
    const at = `callback[${i}]`;
    if (callback.method !== 'GET') {
      report.error('Callback method', `${at}.method`, `Received: ${callback.method} / Documented: GET`);
    }
    const query = new URLSearchParams(callback.query);
    if (exchange.probe && query.get('probe') !== exchange.probe) {
      report.error(
        'Callback lost the query of callbackUrl',
        `${at}.query`,
        `Received: "${callback.query}" / The callbackUrl's own query must be kept`,
      );
    }
    const values = query.getAll(param);
    if (values.length !== 1) {
      report.error(
        `Callback without ${param}`,
        `${at}.query.${param}`,
        `Received ${values.length} values / Documented: exactly one of ${CALLBACK_VALUES}`,
      );
    } else if (!CALLBACK_STATUS_PARAM.values.includes(values[0]!)) {
      report.error(
        'Callback violates schema',
        `${at}.query.${param}`,
        `Received: ${JSON.stringify(values[0])} / Documented: ${CALLBACK_VALUES}`,
      );
    }
  }
});

/** credentials_rejection: the token endpoint refuses a wrong client secret with a documented 400 or 401. */
export const wrongCredentialsRejected = defineCheck('credentials_rejection', (exchange, report) => {
  const { status } = exchange.response;
  if (status === 400 || status === 401) return;
  const title =
    status >= 200 && status < 300
      ? 'Token issued for a wrong client secret'
      : 'Wrong client secret not refused with 400 or 401';
  report.error(title, 'response.status', `Received: ${status} / Expected: 400 or 401 (RFC 6749 section 5.2)`);
});

/**
 * granted_scope_conformance: a token response grants every scope the request
 * asked for. RFC 6749 section 5.1 has the server return `scope` when it grants
 * other than what was asked; without `scope` the grant is as requested. A
 * narrower grant is a warning: the token works for nothing that needs the rest,
 * which the API then refuses with 403.
 */
export const grantedScopeConformance = defineCheck('granted_scope_conformance', (exchange, report) => {
  if (exchange.response.status !== 200) return;
  const granted = (exchange.response.json?.value as { scope?: unknown } | undefined)?.scope;
  const requested = new URLSearchParams(exchange.request?.bodyText ?? '').get('scope') ?? '';
  if (typeof granted !== 'string' || requested === '') return;
  const have = new Set(granted.split(' '));
  const missing = requested.split(' ').filter((s) => s !== '' && !have.has(s));
  if (missing.length > 0) {
    report.warning(
      'Scope not granted',
      'response.body.scope',
      `Requested: ${requested} / Granted: ${granted || '(none)'}; missing ${missing.join(', ')}`,
    );
  }
});
