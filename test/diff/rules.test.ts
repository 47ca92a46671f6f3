import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffSpecs, RULES, type RuleId } from '../../src/diff/index.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate spec documents freely, by key
type Doc = any;
const base: Doc = parse(await readFile('spec/connect-fulfillment.openapi.yaml', 'utf8'));
const PATH = '/v1/client/order/fulfillment';
const op = (d: Doc) => d.paths[PATH].post;
const schemas = (d: Doc) => d.components.schemas;
const callbackGet = (d: Doc) => op(d).callbacks.fulfillmentStatus['{$request.body#/callbackUrl}'].get;
const flow = (d: Doc) => d.components.securitySchemes.connectId.flows.clientCredentials;
const withChannel = (d: Doc) => {
  schemas(d).CompleteOrderRequest.properties.channel = { type: 'string', enum: ['sms', 'email'] };
};

/** [what changes, mutation giving the "changed" version, rule ids old→changed, rule ids changed→old] */
const PAIRS: [string, (d: Doc) => void, RuleId[], RuleId[]][] = [
  [
    'a path',
    (d) => {
      d.paths['/v1/client/order/status'] = { get: { operationId: 's', responses: { 200: { description: 'ok' } } } };
    },
    ['path-added'],
    ['path-removed'],
  ],
  [
    'an operation',
    (d) => {
      d.paths[PATH].get = { operationId: 'g', responses: { 200: { description: 'ok' } } };
    },
    ['operation-added'],
    ['operation-removed'],
  ],
  [
    'a required request property',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.channel = { type: 'string' };
      schemas(d).CompleteOrderRequest.required.push('channel');
    },
    ['request-property-added-required'],
    ['request-property-removed'],
  ],
  [
    'an optional request property',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.channel = { type: 'string' };
    },
    ['request-property-added-optional'],
    ['request-property-removed'],
  ],
  [
    'a request property made required',
    (d) => {
      schemas(d).CompleteOrderRequest.required.push('callbackUrl');
    },
    ['request-property-became-required'],
    [],
  ],
  [
    'a request type widened',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.orderId.type = 'number';
    },
    ['request-property-type-widened'],
    ['request-property-type-narrowed'],
  ],
  [
    'a request type narrowed to one of two',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.callbackUrl.type = ['string', 'null'];
    },
    ['request-property-type-widened'],
    ['request-property-type-narrowed'],
  ],
  [
    'a request maxLength',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.callbackUrl.maxLength = 2048;
    },
    ['request-property-constraint-added'],
    ['request-property-constraint-relaxed'],
  ],
  [
    'a request pattern',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.callbackUrl.pattern = '^https://';
    },
    ['request-property-constraint-added'],
    ['request-property-constraint-relaxed'],
  ],
  [
    'a request minimum',
    (d) => {
      schemas(d).CompleteOrderRequest.properties.orderId.minimum = 100;
    },
    ['request-property-constraint-added'],
    ['request-property-constraint-relaxed'],
  ],
  [
    'a request format',
    (d) => {
      delete schemas(d).CompleteOrderRequest.properties.callbackUrl.format;
    },
    ['request-property-constraint-relaxed'],
    ['request-property-constraint-added'],
  ],
  [
    'the request body made optional',
    (d) => {
      op(d).requestBody.required = false;
    },
    [],
    ['request-body-became-required'],
  ],
  [
    'a request media type',
    (d) => {
      op(d).requestBody.content['application/x-www-form-urlencoded'] = { schema: { type: 'object' } };
    },
    [],
    ['request-media-type-removed'],
  ],
  [
    'a required parameter',
    (d) => {
      op(d).parameters = [{ name: 'X-Shop', in: 'header', required: true, schema: { type: 'string' } }];
    },
    ['request-parameter-added-required'],
    [],
  ],
  [
    'a response property',
    (d) => {
      delete schemas(d).CompleteOrderResponse.properties.errorMessage;
    },
    ['response-property-removed'],
    ['response-property-added'],
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
    'a response property made nullable',
    (d) => {
      schemas(d).FulfillmentStatus.type = ['string', 'null'];
    },
    ['response-property-became-nullable'],
    [],
  ],
  [
    'a response property type changed',
    (d) => {
      schemas(d).CompleteOrderResponse.properties.orderId.type = ['string', 'null'];
    },
    ['response-property-type-changed'],
    ['response-property-type-changed'],
  ],
  [
    'a response type widened (integer to number)',
    (d) => {
      schemas(d).CompleteOrderResponse.properties.orderId.type = ['number', 'null'];
    },
    ['response-property-type-changed'],
    [],
  ],
  [
    'a response enum value',
    (d) => {
      schemas(d).FulfillmentStatus.enum.push('PENDING');
    },
    ['response-property-enum-value-added'],
    ['response-property-enum-value-removed'],
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
    ['response-error-status-added'],
    ['response-error-status-removed'],
  ],
  [
    'a response media type',
    (d) => {
      op(d).responses['200'].content['application/xml'] = { schema: { type: 'object' } };
    },
    [],
    ['response-media-type-removed'],
  ],
  [
    'the Retry-After header',
    (d) => {
      delete op(d).responses['429'].headers;
    },
    ['response-header-removed'],
    ['response-header-added'],
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
    (d) => {
      d.servers.push({ url: 'https://test.mediaconnect.no/capi' });
    },
    [],
    ['server-url-changed'],
  ],
  [
    'the token URL',
    (d) => {
      flow(d).tokenUrl = 'https://connectid.se/user/oauth/token';
    },
    ['security-token-url-changed'],
    ['security-token-url-changed'],
  ],
  [
    'a scope',
    (d) => {
      flow(d).scopes.write = 'Write access';
    },
    ['security-scope-added'],
    ['security-scope-removed'],
  ],
  [
    'a scope the operation requires',
    (d) => {
      flow(d).scopes.write = 'Write access';
      op(d).security = [{ connectId: ['read', 'write'] }];
    },
    ['security-scope-added', 'operation-security-changed'],
    ['security-scope-removed'],
  ],
  [
    'the security scheme type',
    (d) => {
      d.components.securitySchemes.connectId = { type: 'http', scheme: 'bearer' };
      op(d).security = [{ connectId: [] }];
    },
    ['security-scheme-type-changed'],
    ['security-scheme-type-changed', 'operation-security-changed'],
  ],
  [
    'the security scheme',
    (d) => {
      d.components.securitySchemes.other = d.components.securitySchemes.connectId;
      delete d.components.securitySchemes.connectId;
      op(d).security = [{ other: ['read'] }];
    },
    ['security-scheme-removed', 'operation-security-changed'],
    ['security-scheme-removed', 'operation-security-changed'],
  ],
  [
    'the callback',
    (d) => {
      delete op(d).callbacks;
    },
    ['callback-removed'],
    ['callback-added'],
  ],
  [
    'the callback method',
    (d) => {
      const cb = op(d).callbacks.fulfillmentStatus['{$request.body#/callbackUrl}'];
      cb.post = cb.get;
      delete cb.get;
    },
    ['callback-method-changed'],
    ['callback-method-changed'],
  ],
  [
    'the callback query parameter',
    (d) => {
      callbackGet(d).parameters = [];
    },
    ['callback-query-parameter-removed'],
    ['callback-query-parameter-added'],
  ],
  [
    'a callback enum value',
    (d) => {
      schemas(d).CallbackFulfillmentStatus.enum.push('partial');
    },
    ['callback-enum-value-added'],
    ['callback-enum-value-removed'],
  ],
  [
    'a callback parameter type',
    (d) => {
      schemas(d).CallbackFulfillmentStatus.type = ['string', 'integer'];
    },
    ['callback-parameter-type-changed'],
    [],
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

const ids = (o: Doc, n: Doc) => [...new Set(diffSpecs(o, n).map((c) => c.id))].sort();
const mutated = (mutate: (d: Doc) => void) => {
  const d = structuredClone(base);
  mutate(d);
  return d;
};

describe('breaking-change rules, each change in both directions', () => {
  it('finds nothing between a spec and itself', () => expect(diffSpecs(base, structuredClone(base))).toEqual([]));

  it.each(PAIRS)('%s', (_, mutate, forward, backward) => {
    const changed = mutated(mutate);
    expect(ids(base, changed)).toEqual([...forward].sort());
    expect(ids(changed, base)).toEqual([...backward].sort());
  });

  it('covers every rule in the table', () => {
    const covered = new Set(PAIRS.flatMap(([, , f, b]) => [...f, ...b]));
    for (const id of [
      'response-required-header-removed',
      'request-property-enum-value-added',
      'request-property-enum-value-removed',
    ] as const)
      covered.add(id);
    expect(Object.keys(RULES).filter((id) => !covered.has(id as RuleId))).toEqual([]);
  });

  it('a request enum value removed is breaking; added is not', () => {
    const before = mutated(withChannel);
    const after = mutated((d) => {
      withChannel(d);
      schemas(d).CompleteOrderRequest.properties.channel.enum.push('push');
    });
    expect(ids(before, after)).toEqual(['request-property-enum-value-added']);
    expect(ids(after, before)).toEqual(['request-property-enum-value-removed']);
  });

  it('a required response header removed is breaking', () => {
    const old = mutated((d) => {
      d.components.headers.RetryAfter.required = true;
    });
    const changes = diffSpecs(
      old,
      mutated((d) => {
        delete op(d).responses['429'].headers;
      }),
    );
    expect(changes).toEqual([
      expect.objectContaining({
        id: 'response-required-header-removed',
        level: 'breaking',
        location: 'POST /v1/client/order/fulfillment › response 429 › header Retry-After',
      }),
    ]);
  });

  it('reads OpenAPI 3.0 nullable as 3.1 null in a type array: the same contract, no finding', () => {
    const v30 = mutated((d) => {
      d.openapi = '3.0.3';
      const props = schemas(d).CompleteOrderResponse.properties;
      props.orderId = { type: 'integer', format: 'int64', nullable: true };
      props.errorMessage = { type: 'string', nullable: true };
    });
    expect(diffSpecs(v30, base)).toEqual([]);
    expect(
      ids(
        v30,
        mutated((d) => {
          schemas(d).CompleteOrderResponse.properties.errorMessage.type = 'string';
        }),
      ),
    ).toEqual([]);
    expect(
      ids(
        mutated((d) => {
          schemas(d).CompleteOrderResponse.properties.errorMessage.type = 'string';
        }),
        v30,
      ),
    ).toEqual(['response-property-became-nullable']);
  });

  it('names the location and level of each change', () => {
    const [c] = diffSpecs(
      base,
      mutated((d) => {
        schemas(d).FulfillmentStatus.enum.push('PENDING');
      }),
    );
    expect(c).toEqual({
      id: 'response-property-enum-value-added',
      level: 'breaking',
      location: 'POST /v1/client/order/fulfillment › response 200 application/json › body.fulfillmentStatus',
      message: 'enum value "PENDING" added',
    });
  });
});
