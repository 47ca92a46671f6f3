/**
 * The operation-level rules, on this project's own spec: each change applied
 * to a copy of it must report exactly its rules, and the reverse change the
 * reverse rules. Schema rule families are covered site by site in
 * families.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffSpecs, RULES, type RuleId, specFromDocument } from '../../src/diff/index.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate spec documents freely, by key
type Doc = any;
const base: Doc = parse(await readFile('spec/connect-fulfillment.openapi.yaml', 'utf8'));
const PATH = '/v1/client/order/fulfillment';
const op = (d: Doc) => d.paths[PATH].post;
const schemas = (d: Doc) => d.components.schemas;
const callbackGet = (d: Doc) => op(d).callbacks.fulfillmentStatus['{$request.body#/callbackUrl}'].get;
const flow = (d: Doc) => d.components.securitySchemes.connectId.flows.clientCredentials;
const mutated = (mutate: (d: Doc) => void) => {
  const d = structuredClone(base);
  mutate(d);
  return d;
};
const diff = (o: Doc, n: Doc) => diffSpecs(specFromDocument(o), specFromDocument(n));
const ids = (o: Doc, n: Doc) => [...new Set(diff(o, n).map((c) => c.id))].sort();

/** [what changes, the mutation, rule ids old → changed, rule ids changed → old]. */
const PAIRS: [string, (d: Doc) => void, RuleId[], RuleId[]][] = [
  [
    'a path',
    (d) => {
      d.paths['/v1/order/status'] = { get: { responses: { 200: { description: 'ok' } } } };
    },
    ['endpoint-added'],
    ['api-path-removed-without-deprecation'],
  ],
  [
    'a deprecated path',
    (d) => {
      d.paths['/v1/old'] = { get: { deprecated: true, responses: { 200: { description: 'ok' } } } };
    },
    ['endpoint-added'],
    ['api-path-removed-with-deprecation'],
  ],
  [
    'an operation',
    (d) => {
      d.paths[PATH].get = { responses: { 200: { description: 'ok' } } };
    },
    ['endpoint-added'],
    ['api-removed-without-deprecation'],
  ],
  [
    // Without an x-sunset date, as oasdiff's current default policy (0 days) judges it: a note, not a break.
    'the operation deprecated',
    (d) => {
      op(d).deprecated = true;
    },
    ['endpoint-deprecated'],
    ['endpoint-reactivated'],
  ],
  [
    'a renamed path parameter is the same path',
    (d) => {
      d.paths['/v1/orders/{id}'] = {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'ok' } },
        },
      };
    },
    ['endpoint-added'],
    ['api-path-removed-without-deprecation'],
  ],
  [
    'a required request property',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.channel = { type: 'string' };
      schemas(d).CompleteOrderRequest.required.push('channel');
    },
    ['new-required-request-property'],
    ['request-property-removed'],
  ],
  [
    'an optional request property',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.channel = { type: 'string' };
    },
    ['new-optional-request-property'],
    ['request-property-removed'],
  ],
  [
    'a request property made required',
    (d) => void schemas(d).CompleteOrderRequest.required.push('callbackUrl'),
    ['request-property-became-required'],
    ['request-property-became-optional'],
  ],
  [
    'a readOnly request property, never sent',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.id = { type: 'string', readOnly: true };
      schemas(d).CompleteOrderRequest.required.push('id');
    },
    [],
    [],
  ],
  [
    'the request body made optional',
    (d) => {
      op(d).requestBody.required = false;
    },
    ['request-body-became-optional'],
    ['request-body-became-required'],
  ],
  ['the request body', (d) => void delete op(d).requestBody, ['request-body-removed'], ['request-body-added-required']],
  [
    'a request media type',
    (d) => {
      op(d).requestBody.content['application/x-www-form-urlencoded'] = { schema: { type: 'object' } };
    },
    ['request-body-media-type-added'],
    ['request-body-media-type-removed'],
  ],
  [
    'a request media type gains a schema',
    (d) => void delete op(d).requestBody.content['application/json'].schema,
    ['request-body-media-type-schema-removed'],
    ['request-body-media-type-schema-added'],
  ],
  [
    'a required parameter',
    (d) => {
      op(d).parameters = [{ name: 'X-Shop', in: 'header', required: true, schema: { type: 'string' } }];
    },
    ['new-required-request-parameter'],
    ['request-parameter-removed'],
  ],
  [
    'an optional parameter',
    (d) => {
      op(d).parameters = [{ name: 'trace', in: 'query', schema: { type: 'string' } }];
    },
    ['new-optional-request-parameter'],
    ['request-parameter-removed'],
  ],
  [
    'a response property',
    (d) => void delete schemas(d).CompleteOrderResponse.properties.errorMessage,
    ['response-optional-property-removed'],
    ['response-optional-property-added'],
  ],
  [
    'a required response property',
    (d) => {
      schemas(d).CompleteOrderResponse.properties.ref = { type: 'string' };
      schemas(d).CompleteOrderResponse.required.push('ref');
    },
    ['response-required-property-added'],
    ['response-required-property-removed'],
  ],
  [
    'a response property made optional',
    (d) => {
      schemas(d).CompleteOrderResponse.required = [];
    },
    ['response-property-became-optional'],
    ['response-property-became-required'],
  ],
  [
    'a writeOnly response property, never received',
    (d) => {
      schemas(d).CompleteOrderResponse.properties.secret = { type: 'string', writeOnly: true };
    },
    [],
    [],
  ],
  [
    'a success status',
    (d) => {
      op(d).responses['202'] = { description: 'Accepted' };
    },
    ['response-success-status-added'],
    ['response-success-status-removed'],
  ],
  [
    'an error status',
    (d) => {
      op(d).responses['503'] = { description: 'Unavailable' };
    },
    ['response-non-success-status-added'],
    ['response-non-success-status-removed'],
  ],
  [
    'a response media type',
    (d) => {
      op(d).responses['200'].content['application/xml'] = { schema: { type: 'object' } };
    },
    ['response-media-type-added'],
    ['response-media-type-removed'],
  ],
  [
    'a response media type loses its schema',
    (d) => void delete op(d).responses['200'].content['application/json'].schema,
    ['response-body-media-type-schema-removed'],
    ['response-body-media-type-schema-added'],
  ],
  [
    'the optional Retry-After header',
    (d) => void delete op(d).responses['429'].headers,
    ['optional-response-header-removed'],
    ['response-header-added'],
  ],
  [
    'a header made required',
    (d) => {
      op(d).responses['429'].headers['Retry-After'] = { ...d.components.headers.RetryAfter, required: true };
    },
    ['response-header-became-required'],
    ['response-header-became-optional'],
  ],
  [
    'the server URL',
    (d) => {
      d.servers[0].url = 'https://api.mediaconnect.no/capi/v2';
    },
    ['server-url-changed'],
    ['server-url-changed'],
  ],
  [
    'a second server',
    (d) => void d.servers.push({ url: 'https://test.mediaconnect.no/capi' }),
    [],
    ['server-url-changed'],
  ],
  [
    'the token URL',
    (d) => {
      flow(d).tokenUrl = 'https://connectid.se/user/oauth/token';
    },
    ['api-security-component-oauth-token-url-changed'],
    ['api-security-component-oauth-token-url-changed'],
  ],
  [
    'a scope',
    (d) => {
      flow(d).scopes.write = 'Write access';
    },
    ['api-security-component-oauth-scope-added'],
    ['api-security-component-oauth-scope-removed'],
  ],
  [
    'a scope the operation requires',
    (d) => {
      flow(d).scopes.write = 'Write access';
      op(d).security = [{ connectId: ['read', 'write'] }];
    },
    ['api-security-changed', 'api-security-component-oauth-scope-added'],
    ['api-security-relaxed', 'api-security-component-oauth-scope-removed'],
  ],
  [
    'the security scheme type',
    (d) => {
      d.components.securitySchemes.connectId = { type: 'http', scheme: 'bearer' };
      op(d).security = [{ connectId: [] }];
    },
    ['api-security-relaxed', 'api-security-component-type-changed'],
    ['api-security-changed', 'api-security-component-type-changed'],
  ],
  [
    'the security scheme renamed',
    (d) => {
      d.components.securitySchemes.other = d.components.securitySchemes.connectId;
      delete d.components.securitySchemes.connectId;
      op(d).security = [{ other: ['read'] }];
    },
    ['api-security-changed', 'api-security-component-added', 'api-security-component-removed'],
    ['api-security-changed', 'api-security-component-added', 'api-security-component-removed'],
  ],
  ['the callback', (d) => void delete op(d).callbacks, ['callback-removed'], ['callback-added']],
  [
    'the callback method',
    (d) => {
      op(d).callbacks.fulfillmentStatus['{$request.body#/callbackUrl}'].post = callbackGet(d);
      delete op(d).callbacks.fulfillmentStatus['{$request.body#/callbackUrl}'].get;
    },
    ['callback-method-changed'],
    ['callback-method-changed'],
  ],
  [
    'the callback query parameter',
    (d) => {
      callbackGet(d).parameters = [];
    },
    ['callback-parameter-removed'],
    ['callback-parameter-added'],
  ],
  [
    'a callback enum value',
    (d) => void schemas(d).CallbackFulfillmentStatus.enum.push('partial'),
    ['callback-parameter-enum-value-added'],
    ['callback-parameter-enum-value-removed'],
  ],
  [
    'descriptions, summaries and examples only',
    (d) => {
      op(d).description = 'Changed.';
      schemas(d).CompleteOrderRequest.properties.orderId.examples = [15];
      op(d).responses['200'].content['application/json'].examples.ok.value.orderId = 15;
    },
    [],
    [],
  ],
];

describe('operation-level rules, each change in both directions', () => {
  it('finds nothing between a spec and itself', () => expect(diff(base, structuredClone(base))).toEqual([]));

  it.each(PAIRS)('%s', (_, mutate, forward, backward) => {
    const changed = mutated(mutate);
    expect(ids(base, changed)).toEqual([...forward].sort());
    expect(ids(changed, base)).toEqual([...backward].sort());
  });

  it('names the location, level and anchor of each change', () => {
    const [c] = diff(
      base,
      mutated((d) => void schemas(d).FulfillmentStatus.enum.push('PENDING')),
    );
    expect(c).toEqual({
      id: 'response-property-enum-value-added',
      level: 'breaking',
      location: 'POST /v1/client/order/fulfillment › response 200 application/json › body.fulfillmentStatus',
      message: 'enum value "PENDING" added',
      anchor: { file: '(document)', path: ['components', 'schemas', 'FulfillmentStatus'] },
    });
  });

  it('reads OpenAPI 3.0 nullable as 3.1 null in a type array: the same contract, no finding', () => {
    const v30 = mutated((d) => {
      d.openapi = '3.0.3';
      const props = schemas(d).CompleteOrderResponse.properties;
      props.orderId = { type: 'integer', format: 'int64', nullable: true };
      props.errorMessage = { type: 'string', nullable: true };
    });
    expect(diff(v30, base)).toEqual([]);
    const notNull = mutated((d) => {
      schemas(d).CompleteOrderResponse.properties.errorMessage.type = 'string';
    });
    expect(ids(v30, notNull)).toEqual(['response-property-became-not-nullable']);
    expect(ids(notNull, v30)).toEqual(['response-property-became-nullable']);
  });

  it('reads const x as enum [x]: the same contract', () => {
    const asConst = mutated((d) => {
      schemas(d).CallbackFulfillmentStatus = { type: 'string', const: 'success' };
    });
    const asEnum = mutated((d) => {
      schemas(d).CallbackFulfillmentStatus = { type: 'string', enum: ['success'] };
    });
    expect(diff(asConst, asEnum)).toEqual([]);
  });

  it('every rule id in the table names its level and a reason', () => {
    for (const [id, [level, reason]] of Object.entries(RULES)) {
      expect(['breaking', 'warning', 'info'], id).toContain(level);
      expect(reason.length, id).toBeGreaterThan(10);
    }
  });
});
