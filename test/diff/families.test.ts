/**
 * Every schema rule family at every site, in both directions. A minimal spec
 * puts one subject schema at a site (a request body, a request property, a
 * parameter, a response body, a response property, a response header, a
 * callback parameter); each family is a pair of subjects, and diffing one
 * against the other must report the family's rule at that site, and the
 * reverse rule the other way. Whether a rule is breaking follows from the
 * side of the wire: a request that narrows, or a response that widens.
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs, RULES, type RuleId, specFromDocument } from '../../src/diff/index.js';
import { LIFECYCLE_RULE_IDS } from '../../src/diff/lifecycle.js';
import { SITES, type Site, siteRule } from '../../src/diff/rules.js';

const S = { type: 'string' };
/** A spec whose only difference between two versions is the schema at `site`. */
function spec(site: Site, subject: object): object {
  const at = (s: Site) => (s === site ? subject : S);
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/orders': {
        post: {
          parameters: [{ name: 'q', in: 'query', schema: at('request-parameter') }],
          requestBody: {
            content: {
              'application/json': {
                schema:
                  site === 'request-body' ? subject : { type: 'object', properties: { p: at('request-property') } },
              },
            },
          },
          responses: {
            200: {
              description: 'ok',
              headers: { 'X-H': { schema: at('response-header') } },
              content: {
                'application/json': {
                  schema:
                    site === 'response-body' ? subject : { type: 'object', properties: { p: at('response-property') } },
                },
              },
            },
          },
          callbacks: {
            done: {
              '{$request.body#/cb}': {
                get: {
                  parameters: [
                    { name: 'c', in: 'query', required: true, schema: at('callback-parameter') },
                    {
                      name: 'o',
                      in: 'query',
                      required: true,
                      schema: { type: 'object', properties: { p: at('callback-property') } },
                    },
                  ],
                  responses: { 200: { description: 'ok' } },
                },
              },
            },
          },
        },
      },
    },
    webhooks: {
      orderCompleted: {
        post: {
          parameters: [{ name: 'X-W', in: 'header', required: true, schema: at('webhook-parameter') }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema:
                  site === 'webhook-body' ? subject : { type: 'object', properties: { p: at('webhook-property') } },
              },
            },
          },
          responses: {
            200: {
              description: 'the receiver got it',
              content: {
                'application/json': {
                  schema:
                    site === 'webhook-response-body'
                      ? subject
                      : { type: 'object', properties: { p: at('webhook-response-property') } },
                },
              },
            },
          },
        },
      },
    },
  };
}

/** [family suffix, subject before, subject after, the suffix the reverse reports]. */
const FAMILIES: [string, object, object, string][] = [
  ['type-changed', { type: 'string' }, { type: 'boolean' }, 'type-changed'],
  ['type-generalized', { type: 'integer' }, { type: 'number' }, 'type-specialized'],
  ['became-nullable', { type: 'string' }, { type: ['string', 'null'] }, 'became-not-nullable'],
  ['enum-value-added', { type: 'string', enum: ['a'] }, { type: 'string', enum: ['a', 'b'] }, 'enum-value-removed'],
  ['became-not-enum', { type: 'string', enum: ['a'] }, { type: 'string' }, 'became-enum'],
  ['const-added', { type: 'string' }, { type: 'string', const: 'a' }, 'const-removed'],
  ['const-changed', { type: 'string', const: 'a' }, { type: 'string', const: 'b' }, 'const-changed'],
  ['format-added', { type: 'string' }, { type: 'string', format: 'uuid' }, 'format-removed'],
  ['format-changed', { type: 'string', format: 'uuid' }, { type: 'string', format: 'email' }, 'format-changed'],
  ['pattern-added', { type: 'string' }, { type: 'string', pattern: '^a' }, 'pattern-removed'],
  ['pattern-changed', { type: 'string', pattern: '^a' }, { type: 'string', pattern: '^b' }, 'pattern-changed'],
  ['multiple-of-set', { type: 'number' }, { type: 'number', multipleOf: 2 }, 'multiple-of-unset'],
  [
    'multiple-of-generalized',
    { type: 'number', multipleOf: 10 },
    { type: 'number', multipleOf: 5 },
    'multiple-of-specialized',
  ],
  ['multiple-of-changed', { type: 'number', multipleOf: 3 }, { type: 'number', multipleOf: 5 }, 'multiple-of-changed'],
  ['unique-items-set', { type: 'array' }, { type: 'array', uniqueItems: true }, 'unique-items-unset'],
  ['one-of-added', { oneOf: [S] }, { oneOf: [S, { type: 'integer' }] }, 'one-of-removed'],
  ['one-of-introduced', {}, { oneOf: [S, { type: 'integer' }] }, 'one-of-dropped'],
  ['any-of-added', { anyOf: [S] }, { anyOf: [S, { type: 'integer' }] }, 'any-of-removed'],
  ['any-of-introduced', {}, { anyOf: [S, { type: 'integer' }] }, 'any-of-dropped'],
  ['all-of-added', { allOf: [S] }, { allOf: [S, { minLength: 1 }] }, 'all-of-removed'],
  [
    'additional-properties-narrowed',
    { type: 'object' },
    { type: 'object', additionalProperties: false },
    'additional-properties-widened',
  ],
  ...(
    [
      'maxLength',
      'maximum',
      'exclusiveMaximum',
      'maxItems',
      'maxProperties',
      'minimum',
      'exclusiveMinimum',
      'minItems',
      'maxContains',
      'minContains',
    ] as const
  ).flatMap((keyword): [string, object, object, string][] => {
    const stem = {
      maxLength: 'max-length',
      maximum: 'max',
      exclusiveMaximum: 'exclusive-max',
      maxItems: 'max-items',
      maxProperties: 'max-properties',
      minimum: 'min',
      exclusiveMinimum: 'exclusive-min',
      minItems: 'min-items',
      maxContains: 'max-contains',
      minContains: 'min-contains',
    }[keyword];
    return [
      [`${stem}-set`, {}, { [keyword]: 5 }, `${stem}-unset`],
      [`${stem}-increased`, { [keyword]: 5 }, { [keyword]: 10 }, `${stem}-decreased`],
    ];
  }),
  ['min-items-set', { type: 'array', minItems: 0 }, { type: 'array', minItems: 1 }, 'min-items-unset'],
  ['not-added', { type: 'string' }, { type: 'string', not: { const: 'x' } }, 'not-removed'],
  ['not-changed', { not: { const: 'x' } }, { not: { const: 'y' } }, 'not-changed'],
  ['if-added', {}, { if: { type: 'string' }, else: { minLength: 1 } }, 'if-removed'],
  [
    'if-changed',
    { if: { type: 'string' }, else: { minLength: 1 } },
    { if: { type: 'string' }, else: { minLength: 2 } },
    'if-changed',
  ],
  ['contains-added', { type: 'array' }, { type: 'array', contains: { const: 1 } }, 'contains-removed'],
  ['prefix-items-added', { type: 'array' }, { type: 'array', prefixItems: [S] }, 'prefix-items-removed'],
  [
    'pattern-properties-added',
    { type: 'object' },
    { type: 'object', patternProperties: { '^x-': S } },
    'pattern-properties-removed',
  ],
  [
    'property-names-added',
    { type: 'object' },
    { type: 'object', propertyNames: { maxLength: 3 } },
    'property-names-removed',
  ],
  [
    'dependent-required-added',
    { type: 'object' },
    { type: 'object', dependentRequired: { a: ['b'] } },
    'dependent-required-removed',
  ],
  [
    'dependent-schemas-added',
    { type: 'object' },
    { type: 'object', dependentSchemas: { a: { required: ['b'] } } },
    'dependent-schemas-removed',
  ],
  [
    'unevaluated-properties-added',
    { type: 'object' },
    { type: 'object', unevaluatedProperties: false },
    'unevaluated-properties-removed',
  ],
  [
    'unevaluated-items-added',
    { type: 'array' },
    { type: 'array', unevaluatedItems: false },
    'unevaluated-items-removed',
  ],
  ...(['minLength', 'minProperties'] as const).map((keyword): [string, object, object, string] => {
    const stem = { minLength: 'min-length', minProperties: 'min-properties' }[keyword];
    return [`${stem}-increased`, {}, { [keyword]: 5 }, `${stem}-decreased`];
  }),
];

const ids = (before: object, after: object) =>
  diffSpecs(specFromDocument(before), specFromDocument(after)).map((c) => c.id);

describe('schema rule families, at every site, in both directions', () => {
  const cases = SITES.flatMap((site) =>
    FAMILIES.map(([suffix, before, after, reverse]) => ({ site, suffix, before, after, reverse })),
  );

  it.each(cases)('$site-$suffix, and back: $site-$reverse', ({ site, suffix, before, after, reverse }) => {
    expect(ids(spec(site, before), spec(site, after))).toContain(`${site}-${suffix}`);
    expect(ids(spec(site, after), spec(site, before))).toContain(`${site}-${reverse}`);
  });

  it.each(SITES)('%s: a subject compared with itself reports nothing', (site) => {
    for (const [, before, after] of FAMILIES) {
      expect(ids(spec(site, before), spec(site, before))).toEqual([]);
      expect(ids(spec(site, after), spec(site, after))).toEqual([]);
    }
  });

  it('a rule id is typed from the one table: an unknown suffix, or a set rule of a count, does not compile', () => {
    expect(siteRule('response-body', 'enum-value-added')).toBe('response-body-enum-value-added');
    expect(siteRule('request-property', 'min-length-increased')).toBe('request-property-min-length-increased');
    // @ts-expect-error no family has this change
    siteRule('response-body', 'enum-value-renamed');
    // @ts-expect-error minLength only rises and falls from 0: it has no set rule
    siteRule('request-property', 'min-length-set');
  });

  it('covers every family rule of the table', () => {
    const exercised = new Set(cases.flatMap((c) => [`${c.site}-${c.suffix}`, `${c.site}-${c.reverse}`]));
    const family = (Object.keys(RULES) as RuleId[]).filter((id) => SITES.some((s) => id.startsWith(`${s}-`)));
    const structural = new Set([
      'request-property-removed',
      'request-property-became-required',
      'request-property-became-optional',
      'request-parameter-removed',
      'request-parameter-became-required',
      'request-parameter-became-optional',
      'request-body-added-required',
      'request-body-added-optional',
      'request-body-removed',
      'request-body-became-required',
      'request-body-became-optional',
      'request-body-media-type-added',
      'request-body-media-type-removed',
      'request-body-media-type-schema-added',
      'request-body-media-type-schema-removed',
      'response-body-media-type-schema-added',
      'response-body-media-type-schema-removed',
      'response-property-became-optional',
      'response-property-became-required',
      'response-header-added',
      'response-header-became-optional',
      'response-header-became-required',
      'callback-parameter-removed',
      'callback-parameter-added',
      // Webhooks and callback properties: test/diff/openapi-32.test.ts, each both ways.
      'callback-optional-property-removed',
      'callback-property-became-optional',
      'callback-property-became-required',
      'webhook-parameter-removed',
      'webhook-parameter-added',
      'webhook-body-added',
      'webhook-body-removed',
      'webhook-body-became-optional',
      'webhook-body-became-required',
      'webhook-body-media-type-added',
      'webhook-body-media-type-removed',
      'webhook-body-media-type-schema-added',
      'webhook-body-media-type-schema-removed',
      'webhook-property-became-optional',
      'webhook-property-became-required',
      'webhook-response-property-removed',
      'webhook-response-property-became-required',
      'webhook-response-property-became-optional',
      // Deprecation and sunset of a parameter: test/diff/lifecycle.test.ts.
      ...LIFECYCLE_RULE_IDS,
    ]);
    expect(family.filter((id) => !exercised.has(id) && !structural.has(id))).toEqual([]);
  });

  it('a narrowing is breaking where a sender sends, a widening where a receiver receives', () => {
    for (const site of SITES) {
      const receiving = !site.startsWith('request-') && !site.startsWith('webhook-response-');
      expect(RULES[`${site}-max-length-decreased` as RuleId][0]).toBe(receiving ? 'info' : 'breaking');
      expect(RULES[`${site}-max-length-increased` as RuleId][0]).toBe(receiving ? 'breaking' : 'info');
      expect(RULES[`${site}-enum-value-added` as RuleId][0]).toBe(receiving ? 'breaking' : 'info');
      expect(RULES[`${site}-type-changed` as RuleId][0]).toBe('breaking');
    }
  });
});

describe('subschemas under the 2020-12 applicators are compared like any schema', () => {
  const NESTED: [string, object, object][] = [
    ['contains', { type: 'array', contains: { maxLength: 5 } }, { type: 'array', contains: { maxLength: 3 } }],
    [
      'patternProperties',
      { type: 'object', patternProperties: { '^x-': { maxLength: 5 } } },
      { type: 'object', patternProperties: { '^x-': { maxLength: 3 } } },
    ],
    [
      'prefixItems',
      { type: 'array', prefixItems: [{ maxLength: 5 }] },
      { type: 'array', prefixItems: [{ maxLength: 3 }] },
    ],
    [
      'dependentSchemas',
      { type: 'object', dependentSchemas: { a: { maxProperties: 5 } } },
      { type: 'object', dependentSchemas: { a: { maxProperties: 3 } } },
    ],
    [
      'propertyNames',
      { type: 'object', propertyNames: { maxLength: 5 } },
      { type: 'object', propertyNames: { maxLength: 3 } },
    ],
  ];
  it.each(NESTED)('a bound lowered inside %s: breaking on a request, not on a response', (_, before, after) => {
    const request = diffSpecs(
      specFromDocument(spec('request-body', before)),
      specFromDocument(spec('request-body', after)),
    );
    expect(request.map((c) => [c.id, c.level])).toEqual([
      [expect.stringMatching(/^request-property-max-/), 'breaking'],
    ]);
    const response = diffSpecs(
      specFromDocument(spec('response-body', before)),
      specFromDocument(spec('response-body', after)),
    );
    expect(response.map((c) => c.level)).toEqual(['info']);
  });
});

describe('a schema wrapped into a oneOf or anyOf that keeps it is compared with the branch it became', () => {
  const X = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
  const both = (site: Site, before: object, after: object) => ({
    forward: diffSpecs(specFromDocument(spec(site, before)), specFromDocument(spec(site, after))).map((c) => [
      c.id,
      c.level,
    ]),
    back: diffSpecs(specFromDocument(spec(site, after)), specFromDocument(spec(site, before))).map((c) => [
      c.id,
      c.level,
    ]),
  });

  it.each(['oneOf', 'anyOf'])(
    'X to %s [X, null] is nullability, not a new constraint and removed properties',
    (key) => {
      expect(both('request-body', X, { [key]: [{ type: 'null' }, X] })).toEqual({
        forward: [['request-body-became-nullable', 'info']],
        back: [['request-body-became-not-nullable', 'breaking']],
      });
      expect(both('response-body', X, { [key]: [X, { type: 'null' }] })).toEqual({
        forward: [['response-body-became-nullable', 'breaking']],
        back: [['response-body-became-not-nullable', 'info']],
      });
    },
  );

  it('$ref X to oneOf [$ref X, Y]: a branch added (breaking for a response), and a change inside X still found', () => {
    const withX = (doc: object, x: object) => ({ ...doc, components: { schemas: { X: x } } });
    const ref = { $ref: '#/components/schemas/X' };
    const wrappedIn = { oneOf: [ref, { type: 'integer' }] };
    const ids = (before: object, after: object) =>
      diffSpecs(specFromDocument(before), specFromDocument(after)).map((c) => [c.id, c.level]);
    const [a, b] = [spec('response-body', ref), spec('response-body', wrappedIn)];
    expect(ids(withX(a, X), withX(b, X))).toEqual([['response-body-one-of-added', 'breaking']]);
    expect(ids(withX(b, X), withX(a, X))).toEqual([['response-body-one-of-removed', 'info']]);
    const bounded = { ...X, properties: { a: { type: 'string', maxLength: 3 } } };
    expect(ids(withX(a, bounded), withX(b, X))).toEqual([
      ['response-property-max-length-unset', 'breaking'],
      ['response-body-one-of-added', 'breaking'],
    ]);
  });

  it('a oneOf that does not keep the old schema as a branch is a new constraint', () => {
    expect(both('request-body', X, { oneOf: [{ type: 'string' }, { type: 'integer' }] }).forward).toContainEqual([
      'request-body-one-of-introduced',
      'breaking',
    ]);
  });
});
