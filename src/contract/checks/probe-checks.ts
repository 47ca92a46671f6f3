/**
 * Checks that judge a response against what its probe asked for: a request
 * without a token, a body the spec forbids, a status Prism was told to give.
 */
import { fulfillmentCallbackRequestQuery } from '../../../generated/validators.js';
import { finding, named, type Check } from './finding.js';

/** security_conformance: a request without (or with an invalid) bearer token is refused with 401 (RFC 6750 section 3.1). */
export const unauthenticatedRequestRefused: Check = named('security_conformance', (exchange) => {
  const { status } = exchange.response;
  if (status === 401) return [];
  const title =
    status >= 200 && status < 300 ? 'Unauthenticated request accepted' : 'Unauthenticated request not refused with 401';
  return [
    finding(exchange, 'security_conformance', 'error', title, 'response.status', `Received: ${status} / Expected: 401`),
  ];
});

/** negative_data_rejection: a body the spec forbids gets a 4xx, never a 2xx or a 5xx. */
export const negativeDataRejection: Check = named('negative_data_rejection', (exchange) => {
  const { status } = exchange.response;
  if (status >= 400 && status < 500) return [];
  const title = status < 400 ? 'Invalid request accepted' : 'Server error on invalid data';
  return [
    finding(
      exchange,
      'negative_data_rejection',
      'error',
      title,
      'response.status',
      `Received: ${status} / Expected: a documented 4xx`,
    ),
  ];
});

/** expected_status: the mock answered with the status the probe asked it for (Prism's `Prefer: code=`). */
export const expectedStatus = (expected: number): Check =>
  named('expected_status', (exchange) =>
    exchange.response.status === expected
      ? []
      : [
          finding(
            exchange,
            'expected_status',
            'error',
            'Unexpected status from the mock',
            'response.status',
            `Received: ${exchange.response.status} / Asked for: ${expected}`,
          ),
        ],
  );

/**
 * callback_conformance: after a 200 with a callbackUrl, a GET arrives at that URL
 * with the query it was given and a valid `fulfillmentStatus` added.
 */
export const callbackConformance: Check = named('callback_conformance', (exchange) => {
  const { status } = exchange.response;
  const callbacks = exchange.callbacks ?? [];
  const check = 'callback_conformance';
  if (status !== 200) return [];
  if (callbacks.length === 0)
    return [finding(exchange, check, 'error', 'No callback', 'callback', 'No request arrived at callbackUrl')];
  return callbacks.flatMap((callback, i) => {
    const at = `callback[${i}]`;
    const out = [];
    if (callback.method !== 'GET')
      out.push(
        finding(
          exchange,
          check,
          'error',
          'Callback method',
          `${at}.method`,
          `Received: ${callback.method} / Documented: GET`,
        ),
      );
    const query = new URLSearchParams(callback.query);
    if (exchange.probe && query.get('probe') !== exchange.probe) {
      out.push(
        finding(
          exchange,
          check,
          'error',
          'Callback lost the query of callbackUrl',
          `${at}.query`,
          `Received: "${callback.query}" / The callbackUrl's own query must be kept`,
        ),
      );
    }
    const values = query.getAll('fulfillmentStatus');
    if (values.length !== 1) {
      out.push(
        finding(
          exchange,
          check,
          'error',
          'Callback without fulfillmentStatus',
          `${at}.query.fulfillmentStatus`,
          `Received ${values.length} values / Documented: exactly one of success, failed`,
        ),
      );
    } else if (!fulfillmentCallbackRequestQuery({ fulfillmentStatus: values[0] })) {
      out.push(
        finding(
          exchange,
          check,
          'error',
          'Callback violates schema',
          `${at}.query.fulfillmentStatus`,
          `Received: ${JSON.stringify(values[0])} / Documented: success, failed`,
        ),
      );
    }
    return out;
  });
});

/** credentials_rejection: the token endpoint refuses a wrong client secret with a documented 400 or 401. */
export const wrongCredentialsRejected: Check = named('credentials_rejection', (exchange) => {
  const { status } = exchange.response;
  if (status === 400 || status === 401) return [];
  const title =
    status >= 200 && status < 300
      ? 'Token issued for a wrong client secret'
      : 'Wrong client secret not refused with 400 or 401';
  return [
    finding(
      exchange,
      'credentials_rejection',
      'error',
      title,
      'response.status',
      `Received: ${status} / Expected: 400 or 401 (RFC 6749 section 5.2)`,
    ),
  ];
});
