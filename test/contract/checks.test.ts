import { describe, expect, it } from 'vitest';
import { specs } from '../../generated/contract.js';
import {
  contentTypeConformance,
  responseHeaderConformance,
  responseSchemaConformance,
  statusCodeConformance,
  undocumentedProperties,
} from '../../src/core/checks/response.js';
import {
  callbackConformance,
  expectedStatus,
  grantedScopeConformance,
  negativeDataRejection,
  unauthenticatedRequestRefused,
  wrongCredentialsRejected,
} from '../../src/core/checks/probe-checks.js';
import { observe, type Exchange } from '../../src/core/exchange.js';
import type { ReceivedCallback } from '../../src/contract/callback-receiver.js';

const completeOrder = specs['connect-fulfillment'].operations.find((o) => o.operationId === 'completeOrder')!;
const requestToken = specs['connectid-token'].operations.find((o) => o.operationId === 'requestToken')!;
const OK = { fulfillmentStatus: 'OK', orderId: 14, errorMessage: null };

const exchange = (
  status: number,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  extra: Partial<Exchange> = {},
): Exchange => ({
  operation: completeOrder,
  probe: 'p',
  response: observe(status, headers, typeof body === 'string' ? body : JSON.stringify(body)),
  ...extra,
});
const ids = (d: { check: string; severity: string; location: string }[]) =>
  d.map((x) => `${x.severity} ${x.check} ${x.location}`);

describe('every check passes a conforming exchange and fails the drift it exists to catch', () => {
  it('status_code_conformance: an undocumented status is an error, 4xx and 5xx included', () => {
    expect(statusCodeConformance(exchange(200, OK))).toEqual([]);
    for (const status of [201, 404, 422, 503]) {
      expect(statusCodeConformance(exchange(status, {}))).toEqual([
        expect.objectContaining({ severity: 'error', title: 'Undocumented HTTP status code', status, probe: 'p' }),
      ]);
    }
  });

  it('content_type_conformance: wrong media type, missing 2xx body, body where none is documented', () => {
    expect(contentTypeConformance(exchange(200, OK, { 'content-type': 'application/json; charset=utf-8' }))).toEqual(
      [],
    );
    expect(contentTypeConformance(exchange(500, '', {}))).toEqual([]);
    expect(ids(contentTypeConformance(exchange(200, OK, { 'content-type': 'text/plain' })))).toEqual([
      'error content_type_conformance response.headers.content-type',
    ]);
    expect(ids(contentTypeConformance(exchange(200, OK, {})))).toEqual([
      'error content_type_conformance response.headers.content-type',
    ]);
    expect(contentTypeConformance(exchange(200, '', {}))[0]!.title).toBe('Missing response body');
    const tokenFiveHundred = { ...exchange(500, 'oops', { 'content-type': 'text/plain' }), operation: requestToken };
    expect(ids(contentTypeConformance(tokenFiveHundred))).toEqual(['warning content_type_conformance response.body']);
  });

  it('response_schema_conformance: each violation by path, and malformed JSON', () => {
    const check = responseSchemaConformance();
    expect(check(exchange(200, OK))).toEqual([]);
    expect(check(exchange(200, { fulfillmentStatus: 'ERROR' }))).toEqual([]);
    expect(new Set(ids(check(exchange(200, { fulfillmentStatus: 'NEW', orderId: 1.5 }))))).toEqual(
      new Set([
        'error response_schema_conformance response.body.fulfillmentStatus',
        'error response_schema_conformance response.body.orderId',
      ]),
    );
    expect(check(exchange(200, '{"a":'))[0]).toMatchObject({
      title: 'Malformed JSON',
      message: expect.stringMatching(/^The body is not JSON/),
    });
    expect(ids(check(exchange(400, [1])))).toEqual(['error response_schema_conformance response.body']);
  });

  it('response_header_conformance: Retry-After on 429 must be delay-seconds or an HTTP-date when present', () => {
    const check = responseHeaderConformance();
    const h = (value?: string) =>
      exchange(
        429,
        {},
        { 'content-type': 'application/json', ...(value === undefined ? {} : { 'retry-after': value }) },
      );
    expect(check(h())).toEqual([]);
    expect(check(h('120'))).toEqual([]);
    expect(check(h('Wed, 21 Oct 2015 07:28:00 GMT'))).toEqual([]);
    for (const bad of ['soon', '-1', '1.5', '21 Oct 2015'])
      expect(ids(check(h(bad)))).toEqual(['error response_header_conformance response.headers.retry-after']);
  });

  it('undocumented_properties: a warning per property, listed by path', () => {
    const check = undocumentedProperties();
    expect(check(exchange(200, OK))).toEqual([]);
    expect(ids(check(exchange(200, { ...OK, smsId: 1, 'odd key': 2 })))).toEqual([
      'warning undocumented_properties response.body.smsId',
      'warning undocumented_properties response.body["odd key"]',
    ]);
  });

  it('security_conformance: anything but 401 for an unauthenticated request fails', () => {
    expect(unauthenticatedRequestRefused(exchange(401, {}))).toEqual([]);
    expect(unauthenticatedRequestRefused(exchange(200, OK))[0]!.title).toBe('Unauthenticated request accepted');
    expect(unauthenticatedRequestRefused(exchange(403, {}))[0]!.title).toBe(
      'Unauthenticated request not refused with 401',
    );
  });

  it('negative_data_rejection: invalid data must get a 4xx, never a 2xx or 5xx', () => {
    expect(negativeDataRejection(exchange(400, {}))).toEqual([]);
    expect(negativeDataRejection(exchange(200, OK))[0]!.title).toBe('Invalid request accepted');
    expect(negativeDataRejection(exchange(500, {}))[0]!.title).toBe('Server error on invalid data');
  });

  it('negative_data_rejection: a body that breaks only a format and is accepted is a warning; anything more is an error', () => {
    const sent = (body: unknown, status = 200) =>
      exchange(status, OK, undefined, {
        request: { method: 'POST', url: 'http://x/', headers: {}, bodyText: JSON.stringify(body) },
      });
    expect(negativeDataRejection(sent({ orderId: 14, callbackUrl: 'not a uri' }))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        title: 'Format not enforced',
        message: expect.stringContaining('uri'),
      }),
    ]);
    for (const body of [
      { orderId: '14', callbackUrl: 'not a uri' },
      { callbackUrl: 'not a uri' },
      [14],
      { orderId: 1.5 },
    ]) {
      expect(negativeDataRejection(sent(body))).toEqual([
        expect.objectContaining({ severity: 'error', title: 'Invalid request accepted' }),
      ]);
    }
    expect(negativeDataRejection(sent({ orderId: 14, callbackUrl: 'not a uri' }, 500))[0]!.severity).toBe('error');
  });

  it('security_conformance: a 403 to a request without any token is still an error (RFC 6750: 401)', () => {
    expect(unauthenticatedRequestRefused(exchange(403, { error: 'insufficient_scope' }))).toEqual([
      expect.objectContaining({ severity: 'error', check: 'security_conformance' }),
    ]);
  });

  it('granted_scope_conformance: a token response granting less than was asked is a warning', () => {
    const token = (requested: string, body: object) => ({
      ...exchange(200, { access_token: 't', token_type: 'Bearer', ...body }),
      operation: requestToken,
      request: { method: 'POST', url: 'http://x/token', headers: {}, bodyText: requested },
    });
    expect(grantedScopeConformance(token('grant_type=client_credentials&scope=read', {}))).toEqual([]);
    expect(grantedScopeConformance(token('grant_type=client_credentials&scope=read', { scope: 'read write' }))).toEqual(
      [],
    );
    expect(grantedScopeConformance(token('grant_type=client_credentials', { scope: '' }))).toEqual([]);
    expect(grantedScopeConformance(token('grant_type=client_credentials&scope=read', { scope: '' }))).toEqual([
      expect.objectContaining({ severity: 'warning', title: 'Scope not granted', location: 'response.body.scope' }),
    ]);
    expect(
      grantedScopeConformance(token('grant_type=client_credentials&scope=read+write', { scope: 'write' }))[0]!.message,
    ).toContain('missing read');
  });

  it('the token error code: the six of RFC 6749 and any extension code its grammar allows, nothing else', () => {
    const check = responseSchemaConformance();
    const tokenError = (error: unknown) => ({ ...exchange(400, { error }), operation: requestToken });
    for (const code of ['invalid_client', 'invalid_target', 'use_dpop_nonce', 'invalid_dpop_proof']) {
      expect(check(tokenError(code))).toEqual([]);
    }
    for (const bad of ['', 'quote"d', 'back\\slash', 'tab\tbed', 42]) {
      expect(ids(check(tokenError(bad)))).toContain('error response_schema_conformance response.body.error');
    }
  });

  it('credentials_rejection: a wrong client secret must get 400 or 401', () => {
    expect(wrongCredentialsRejected(exchange(401, {}))).toEqual([]);
    expect(wrongCredentialsRejected(exchange(200, {}))[0]!.title).toBe('Token issued for a wrong client secret');
  });

  it('expected_status: the mock must answer what it was asked for', () => {
    expect(expectedStatus(429)(exchange(429, {}))).toEqual([]);
    expect(expectedStatus(429)(exchange(200, OK))[0]!.message).toBe('Received: 200 / Asked for: 429');
  });

  it('callback_conformance: a GET, with the URL query kept and exactly one valid fulfillmentStatus', () => {
    const cb = (query: string, method = 'GET'): ReceivedCallback => ({
      method,
      path: '/callback/p',
      query,
      receivedAt: 0,
    });
    const with_ = (...callbacks: ReceivedCallback[]) => exchange(200, OK, undefined, { callbacks });
    expect(callbackConformance(with_(cb('probe=p&fulfillmentStatus=success')))).toEqual([]);
    expect(callbackConformance(exchange(400, {}, undefined, { callbacks: [] }))).toEqual([]);
    expect(callbackConformance(with_())[0]!.title).toBe('No callback');
    expect(callbackConformance(with_(cb('probe=p&fulfillmentStatus=success', 'POST')))[0]!.title).toBe(
      'Callback method',
    );
    expect(callbackConformance(with_(cb('fulfillmentStatus=failed')))[0]!.title).toBe(
      'Callback lost the query of callbackUrl',
    );
    expect(callbackConformance(with_(cb('probe=p')))[0]!.title).toBe('Callback without fulfillmentStatus');
    expect(callbackConformance(with_(cb('probe=p&fulfillmentStatus=success&fulfillmentStatus=failed')))[0]!.title).toBe(
      'Callback without fulfillmentStatus',
    );
    expect(callbackConformance(with_(cb('probe=p&fulfillmentStatus=done')))[0]!.title).toBe('Callback violates schema');
  });
});
