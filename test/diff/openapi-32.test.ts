/**
 * OpenAPI 3.2 documents, and webhooks (3.1+), compared from a consumer's side.
 * Every pair starts from test/fixtures/openapi-3.2/shop.yaml, which Redocly's
 * lint (the recommended rules) finds valid, with one edit of this file's
 * making: the verdict names the construct the edit touched.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/diff/compare.js';
import { specFromDocument } from '../../src/diff/load.js';

const FIXTURE = 'test/fixtures/openapi-3.2/shop.yaml';
// biome-ignore lint/suspicious/noExplicitAny: the fixture is edited freely, path by path, as a test would edit YAML
type Doc = Record<string, any>;
const base = (): Doc => load(readFileSync(FIXTURE, 'utf8')) as Doc;
/** The changes from the fixture to the fixture edited by `edit`, as [id, location] pairs. */
function changes(edit: (doc: Doc) => void, from: (doc: Doc) => void = () => {}): [string, string][] {
  const [before, after] = [base(), base()];
  from(before);
  from(after);
  edit(after);
  return diffSpecs(specFromDocument(before), specFromDocument(after)).map((c) => [c.id, c.location]);
}
const ids = (edit: (doc: Doc) => void, from?: (doc: Doc) => void) => changes(edit, from).map(([id]) => id);
const orders = (doc: Doc) => doc.paths['/orders'];
const hook = (doc: Doc) => doc.webhooks.orderCompleted.post;

describe('an OpenAPI 3.2 document', () => {
  it('is valid by Redocly (the recommended rules), so every pair below is a pair of real 3.2 documents', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['node_modules/@redocly/cli/bin/cli.js', 'lint', FIXTURE],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    );
    expect(`${stdout}${stderr}`).toMatch(/Your API description is valid/);
    expect(`${stdout}${stderr}`).not.toMatch(/You have \d+ (warning|error)/);
  }, 60_000);

  it('loads and compares: itself gives no change, and 3.1.x to 3.2.0 alone is no change', () => {
    expect(ids(() => {})).toEqual([]);
    expect(
      ids(
        (doc) => {
          doc.openapi = '3.2.0';
        },
        (doc) => {
          doc.openapi = '3.1.1';
          delete orders(doc).query;
          delete orders(doc).additionalOperations;
        },
      ),
    ).toEqual([]);
  });

  it('the query operation is compared like any other: removed, and its body narrowed', () => {
    expect(changes((doc) => delete orders(doc).query)).toEqual([['api-removed-without-deprecation', 'QUERY /orders']]);
    expect(ids((doc) => doc.components.schemas.Criteria.required.push('since'))).toContain(
      'request-property-became-required',
    );
    expect(changes((doc) => doc.components.schemas.Criteria.required.push('since'))[0]![1]).toMatch(
      /^QUERY \/orders › request application\/json › body\.since$/,
    );
  });

  it('additionalOperations are matched by their exact name: PURGE removed breaks, Purge is another operation', () => {
    expect(changes((doc) => delete orders(doc).additionalOperations.PURGE)).toEqual([
      ['api-removed-without-deprecation', 'PURGE /orders'],
    ]);
    const renamed = changes((doc) => {
      orders(doc).additionalOperations.Purge = orders(doc).additionalOperations.PURGE;
      delete orders(doc).additionalOperations.PURGE;
    });
    expect(renamed).toEqual(
      expect.arrayContaining([
        ['endpoint-added', 'Purge /orders'],
        ['api-removed-without-deprecation', 'PURGE /orders'],
      ]),
    );
    // A 3.1 document has neither: a key of that name is not an operation there.
    expect(
      ids(
        (doc) => delete orders(doc).additionalOperations,
        (doc) => {
          doc.openapi = '3.1.1';
        },
      ),
    ).toEqual([]);
  });

  it('the querystring parameter is the query string, whatever it is called; its schema is compared', () => {
    expect(ids((doc) => (orders(doc).get.parameters[0].name = 'q'))).toEqual([]);
    const schema = (doc: Doc) => orders(doc).get.parameters[0].content['application/x-www-form-urlencoded'].schema;
    expect(changes((doc) => (schema(doc).properties.limit.maximum = 50))).toEqual([
      ['request-property-max-decreased', 'GET /orders › parameter querystring.filter › value.limit'],
    ]);
  });

  it('itemSchema of a sequential media type is compared like a schema of each item, requests and responses', () => {
    // Server-Sent Events in a response: a new kind of event breaks receivers.
    expect(changes((doc) => doc.components.schemas.Event.properties.kind.enum.push('refunded'))).toEqual(
      expect.arrayContaining([
        ['response-property-enum-value-added', 'GET /orders/events › response 200 text/event-stream › item.kind'],
      ]),
    );
    // JSON Lines in a request: a property that became required breaks senders.
    expect(changes((doc) => doc.components.schemas.NewOrder.required.push('quantity'))).toEqual([
      ['request-property-became-required', 'POST /orders › request application/jsonl › item.quantity'],
    ]);
  });

  it('schema: {type: array, items: X} on a sequential media type is the same as itemSchema: X', () => {
    const swap = (doc: Doc) => {
      const media = orders(doc).post.requestBody.content['application/jsonl'];
      media.schema = { type: 'array', items: media.itemSchema };
      delete media.itemSchema;
    };
    expect(ids(swap)).toEqual([]);
    // On a media type that is not sequential the array is the whole body, and a change to it is one.
    expect(
      ids((doc) => {
        const content = orders(doc).post.requestBody.content;
        content['application/json'] = { schema: { type: 'array', items: { type: 'string' } } };
      }),
    ).toEqual(['request-body-media-type-added']);
  });

  it('a media type reused through components.mediaTypes and $ref is followed', () => {
    // Order is shared, so its change is reported once; the places it is met at include the media type component's.
    const [before, after] = [base(), base()];
    after.components.schemas.Order.properties.status.enum.push('lost');
    const [found] = diffSpecs(specFromDocument(before), specFromDocument(after));
    expect(found?.id).toBe('response-property-enum-value-added');
    expect(found!.alsoAt?.places).toContain('GET /orders/export › response 200 application/x-ndjson › item');
    expect(ids((doc) => (doc.components.mediaTypes.OrderLines = { itemSchema: { type: 'string' } }))).toContain(
      'response-body-type-changed',
    );
  });

  it('deprecated on a security scheme, the OAuth device flow and the metadata URL are compared', () => {
    expect(changes((doc) => (doc.components.securitySchemes.legacyKey.deprecated = true))).toEqual([
      ['api-security-component-deprecated', 'securitySchemes.legacyKey'],
    ]);
    expect(
      ids(
        (doc) => delete doc.components.securitySchemes.legacyKey.deprecated,
        (doc) => (doc.components.securitySchemes.legacyKey.deprecated = true),
      ),
    ).toEqual(['api-security-component-reactivated']);
    const flows = (doc: Doc) => doc.components.securitySchemes.shopAuth.flows;
    expect(
      changes((doc) => (flows(doc).deviceAuthorization.deviceAuthorizationUrl = 'https://shop.test/oauth/device2')),
    ).toEqual([
      [
        'api-security-component-oauth-token-url-changed',
        'securitySchemes.shopAuth.flows.deviceAuthorization.deviceAuthorizationUrl',
      ],
    ]);
    expect(ids((doc) => delete flows(doc).deviceAuthorization)).toEqual(['api-security-component-type-changed']);
    expect(
      ids((doc) => (doc.components.securitySchemes.shopAuth.oauth2MetadataUrl = 'https://id.shop.test/.well-known/x')),
    ).toEqual(['api-security-component-oauth-metadata-url-changed']);
  });

  it('tag parent and kind, a response summary, $self and discriminator defaultMapping give no verdict', () => {
    expect(
      ids((doc) => {
        doc.tags[1].parent = undefined;
        doc.tags[1].kind = 'badge';
        orders(doc).query.responses['200'].summary = 'Matching orders';
        doc.components.schemas.Event.discriminator.defaultMapping = '#/components/schemas/Order';
        doc.$self = 'https://shop.test/v2/openapi.yaml';
      }),
    ).toEqual([]);
  });
});

describe('$self, the base references resolve against', () => {
  it("a reference by the document's own $self URI is a reference into it, and compared", () => {
    const bySelf = (doc: Doc) => {
      orders(doc).get.responses['200'].content['application/json'].schema.items.$ref =
        'https://shop.test/openapi/shop.yaml#/components/schemas/Order';
    };
    expect(ids(() => {}, bySelf)).toEqual([]);
    expect(ids((doc) => doc.components.schemas.Order.properties.status.enum.push('lost'), bySelf)).toContain(
      'response-property-enum-value-added',
    );
  });

  it("a document beside $self is read from the spec's own folder; one on another host is refused unless allowed", async () => {
    const { mkdtemp, writeFile, mkdir, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { dump } = await import('js-yaml');
    const { loadSpec } = await import('../../src/diff/load.js');
    const dir = await mkdtemp(join(tmpdir(), 'cf-self-'));
    try {
      await mkdir(join(dir, 'schemas'));
      const root = (ref: string, statuses: string[]) => {
        const doc = base();
        orders(doc).get.responses['200'].content['application/json'].schema.items = { $ref: ref };
        return { doc, order: { type: 'object', properties: { status: { type: 'string', enum: statuses } } } };
      };
      const write = async (name: string, ref: string, statuses: string[]) => {
        const { doc, order } = root(ref, statuses);
        await mkdir(join(dir, name));
        await mkdir(join(dir, name, 'schemas'));
        await writeFile(join(dir, name, 'shop.yaml'), dump(doc));
        await writeFile(join(dir, name, 'schemas', 'order.yaml'), dump({ Order: order }));
        return join(dir, name, 'shop.yaml');
      };
      // $self is https://shop.test/openapi/shop.yaml: this absolute URI names schemas/order.yaml beside it.
      const beside = 'https://shop.test/openapi/schemas/order.yaml#/Order';
      const before = await write('v1', beside, ['open']);
      const after = await write('v2', beside, ['open', 'lost']);
      const found = diffSpecs(await loadSpec(before), await loadSpec(after)).map((c) => c.id);
      expect(found).toContain('response-property-enum-value-added');
      const away = await write('v3', 'https://elsewhere.test/order.yaml#/Order', ['open']);
      await expect(loadSpec(away)).rejects.toThrow(/points outside the spec's folder; --allow-external-refs/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('webhooks, from the receiver side', () => {
  it('one added is info, one removed breaks its receivers', () => {
    expect(changes((doc) => (doc.webhooks.orderShipped = doc.webhooks.orderCompleted))).toEqual([
      ['webhook-added', 'webhook orderShipped'],
    ]);
    expect(changes((doc) => delete doc.webhooks.orderCompleted)).toEqual([
      ['webhook-removed', 'webhook orderCompleted'],
    ]);
    expect(changes((doc) => (doc.webhooks.orderCompleted = { put: hook(doc) }))).toEqual([
      ['webhook-operation-added', 'webhook orderCompleted PUT'],
      ['webhook-operation-removed', 'webhook orderCompleted POST'],
    ]);
  });

  it('the payload the API sends: widening it breaks receivers, narrowing it is safe', () => {
    const event = (doc: Doc) => hook(doc).requestBody.content['application/json'];
    const payload = { type: 'object', properties: { kind: { type: 'string', enum: ['created', 'completed'] } } };
    const wider = (doc: Doc) => (event(doc).schema.properties.kind.enum = ['created', 'completed', 'refunded']);
    const inline = (doc: Doc) => (event(doc).schema = structuredClone(payload));
    expect(changes(wider, inline)).toEqual([
      ['webhook-property-enum-value-added', 'webhook orderCompleted POST › payload application/json › body.kind'],
    ]);
    expect(changes((doc) => (event(doc).schema.properties.kind.enum = ['created']), inline)).toEqual([
      ['webhook-property-enum-value-removed', 'webhook orderCompleted POST › payload application/json › body.kind'],
    ]);
    const levels = (edit: (doc: Doc) => void) =>
      diffSpecs(
        specFromDocument(
          (() => {
            const d = base();
            inline(d);
            return d;
          })(),
        ),
        specFromDocument(
          (() => {
            const d = base();
            inline(d);
            edit(d);
            return d;
          })(),
        ),
      ).map((c) => c.level);
    expect(levels(wider)).toEqual(['breaking']);
    expect(levels((doc) => (event(doc).schema.properties.kind.enum = ['created']))).toEqual(['info']);
    // A required property the API no longer sends breaks receivers; one it adds is for them to ignore.
    expect(ids((doc) => doc.components.schemas.Event.required.pop())).toEqual(
      expect.arrayContaining(['webhook-property-became-optional']),
    );
    expect(ids((doc) => delete hook(doc).requestBody)).toEqual(['webhook-body-removed']);
    expect(ids((doc) => (hook(doc).requestBody.required = false))).toEqual(['webhook-body-became-optional']);
    expect(ids((doc) => delete hook(doc).parameters)).toEqual(['webhook-parameter-removed']);
  });

  it("the receiver's answer is what the API reads: narrowing it breaks receivers, widening it is safe", () => {
    const answer = (doc: Doc) => hook(doc).responses['200'].content['application/json'].schema;
    expect(changes((doc) => (answer(doc).required = ['received']))).toEqual([
      [
        'webhook-response-property-became-required',
        'webhook orderCompleted POST › response 200 application/json › body.received',
      ],
    ]);
    expect(ids((doc) => (answer(doc).properties.note = { type: 'string' }))).toEqual([
      'new-optional-webhook-response-property',
    ]);
    expect(ids((doc) => delete hook(doc).responses['410'])).toEqual(['webhook-response-status-removed']);
  });

  /** [edit of the fixture, the rule it gives, the rule the reverse edit gives]: each structural rule of webhooks, both ways. */
  const payload = (doc: Doc) => hook(doc).requestBody.content;
  const answer = (doc: Doc) => hook(doc).responses['200'].content['application/json'].schema;
  const STRUCTURAL: [string, (doc: Doc) => void, string, string][] = [
    ['a parameter', (doc) => hook(doc).parameters.pop(), 'webhook-parameter-removed', 'webhook-parameter-added'],
    ['the payload', (doc) => delete hook(doc).requestBody, 'webhook-body-removed', 'webhook-body-added'],
    [
      'payload required',
      (doc) => (hook(doc).requestBody.required = false),
      'webhook-body-became-optional',
      'webhook-body-became-required',
    ],
    [
      'a payload media type',
      (doc) => (payload(doc)['application/cloudevents+json'] = payload(doc)['application/json']),
      'webhook-body-media-type-added',
      'webhook-body-media-type-removed',
    ],
    [
      'a payload schema',
      (doc) => delete payload(doc)['application/json'].schema,
      'webhook-body-media-type-schema-removed',
      'webhook-body-media-type-schema-added',
    ],
    [
      'a required payload property',
      (doc) => (payload(doc)['application/json'].schema = { type: 'object', properties: { kind: { type: 'string' } } }),
      'webhook-property-became-optional',
      'webhook-property-became-required',
    ],
    [
      "an answer's property",
      (doc) => delete answer(doc).properties,
      'webhook-response-property-removed',
      'new-optional-webhook-response-property',
    ],
    [
      "an answer's required property",
      (doc) => (answer(doc).required = ['received']),
      'webhook-response-property-became-required',
      'webhook-response-property-became-optional',
    ],
  ];
  it.each(STRUCTURAL)('%s: %s one way, the other way back', (_, edit, forward, back) => {
    const [before, after] = [base(), base()];
    payload(before)['application/json'].schema = {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string' } },
    };
    payload(after)['application/json'].schema = structuredClone(payload(before)['application/json'].schema);
    edit(after);
    const one = diffSpecs(specFromDocument(before), specFromDocument(after)).map((c) => c.id);
    const other = diffSpecs(specFromDocument(after), specFromDocument(before)).map((c) => c.id);
    expect(one).toContain(forward);
    expect(other).toContain(back);
  });

  it('properties inside a callback parameter are named as callback properties, not response ones', () => {
    const callbacks = (extra: object) => (doc: Doc) => {
      orders(doc).post.callbacks = {
        done: {
          '{$request.body#/cb}': {
            get: {
              parameters: [
                {
                  name: 'o',
                  in: 'query',
                  required: true,
                  content: {
                    'application/json': { schema: { type: 'object', properties: { a: { type: 'string' }, ...extra } } },
                  },
                },
              ],
              responses: { 200: { description: 'ok' } },
            },
          },
        },
      };
    };
    expect(ids(callbacks({}), callbacks({ b: { type: 'string' } }))).toEqual(['callback-optional-property-removed']);
    const required = (list: string[]) => (doc: Doc) => {
      callbacks({ b: { type: 'string' } })(doc);
      orders(doc).post.callbacks.done['{$request.body#/cb}'].get.parameters[0].content[
        'application/json'
      ].schema.required = list;
    };
    expect(ids(required([]), required(['b']))).toEqual(['callback-property-became-optional']);
    expect(ids(required(['b']), required([]))).toEqual(['callback-property-became-required']);
  });
});
