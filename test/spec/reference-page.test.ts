import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Every fact of the API reference page (../shared/seed/), asserted against the
 * spec, so that none is lost in an edit. Decisions where the page is
 * ambiguous are asserted as decided in docs/spec-notes.md.
 */
const spec = parse(await readFile('spec/connect-fulfillment.openapi.yaml', 'utf8'));
const op = spec.paths['/v1/client/order/fulfillment'].post;
const schemas = spec.components.schemas;

describe('the spec carries every fact of the reference page', () => {
  it('serves production at https://api.mediaconnect.no/capi', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.servers).toEqual([{ url: 'https://api.mediaconnect.no/capi', description: 'Production' }]);
  });

  it('secures the operation with ConnectID client credentials, scope read "For all access"', () => {
    expect(spec.components.securitySchemes.connectId).toMatchObject({
      type: 'oauth2',
      flows: {
        clientCredentials: {
          tokenUrl: 'https://connectid.no/user/oauth/token',
          refreshUrl: 'https://connectid.no/user/oauth/token',
          scopes: { read: 'For all access' },
        },
      },
    });
    expect(op.security).toEqual([{ connectId: ['read'] }]);
  });

  it('names the operation as the page does', () => {
    expect(op).toMatchObject({
      operationId: 'completeOrder',
      tags: ['Fulfillment'],
      summary: 'Complete order - client mode',
    });
    expect(op.description).toContain('Only the client needs to be logged in');
    expect(op.description).toContain('The user does\nnot need to be logged in');
    expect(op.description).toContain('previously registered order');
    expect(op.description).toContain('mobile\npayment or for prepaid orders');
    expect(op.description).toContain('Assign user');
    for (const method of [
      '`sms`',
      '`invoice`',
      '`free`',
      '`kco` (Klarna)',
      '`creditcardPayex`',
      '`other` (own integration with payment provider)',
    ]) {
      expect(op.description).toContain(method);
    }
  });

  it('takes orderId (integer, required) and callbackUrl (absolute URI, optional) as JSON', () => {
    expect(op.requestBody.required).toBe(true);
    expect(Object.keys(op.requestBody.content)).toEqual(['application/json']);
    expect(schemas.CompleteOrderRequest.required).toEqual(['orderId']);
    expect(schemas.CompleteOrderRequest.properties.orderId).toMatchObject({
      type: 'integer',
      description: 'Fulfill order with this id.',
      // Not the page's: order ids are positive (docs/spec-notes.md, decision 20).
      minimum: 1,
    });
    expect(schemas.CompleteOrderRequest.properties.callbackUrl).toMatchObject({ type: 'string', format: 'uri' });
    expect(op.requestBody.content['application/json'].examples.orderOnly.value).toEqual({ orderId: 14 });
  });

  it('answers 200 with fulfillmentStatus OK | ERROR, orderId and errorMessage, with the page example', () => {
    const body = schemas.CompleteOrderResponse;
    expect(schemas.FulfillmentStatus.enum).toEqual(['OK', 'ERROR']);
    expect(schemas.FulfillmentStatus.description).toContain('a message is sent to the user');
    expect(body.properties.orderId.type).toContain('integer');
    expect(body.properties.errorMessage.type).toContain('string');
    const examples = op.responses['200'].content['application/json'].examples;
    expect(examples.error.value).toEqual({
      fulfillmentStatus: 'ERROR',
      orderId: 14,
      errorMessage: 'Descriptiv error message',
    });
    expect(examples.ok.value.fulfillmentStatus).toBe('OK');
  });

  it('documents 400, 429 and 500 from the page, and 401 and 403 as marked additions', () => {
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '429', '500']);
    expect(op.responses['401']['x-connect-addition']).toBe(true);
    expect(op.responses['403']['x-connect-addition']).toBe(true);
    expect(op.responses['403'].headers['WWW-Authenticate'].$ref).toBe('#/components/headers/WWWAuthenticate');
    expect(op.responses['429'].headers['Retry-After'].$ref).toBe('#/components/headers/RetryAfter');
    expect(spec.components.headers.RetryAfter.required).toBe(false);
  });

  it('documents the callback: GET on callbackUrl with fulfillmentStatus success | failed', () => {
    const callback = op.callbacks.fulfillmentStatus['{$request.body#/callbackUrl}'];
    expect(Object.keys(callback)).toEqual(['get']);
    expect(spec.components.parameters.FulfillmentStatusQuery).toMatchObject({
      name: 'fulfillmentStatus',
      in: 'query',
      required: true,
    });
    expect(schemas.CallbackFulfillmentStatus.enum).toEqual(['success', 'failed']);
  });
});
