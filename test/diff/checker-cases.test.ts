/**
 * The verdicts where a corpus built from oasdiff's checker tests disagreed,
 * each on a spec of this file's making, with the level oasdiff's rules give
 * (checker/rules.go) or the difference argued in docs/diff-rules.md.
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs, specFromDocument } from '../../src/diff/index.js';

const doc = (paths: object, schemas: object = {}, openapi = '3.0.1') => ({
  openapi,
  info: { title: 'cases', version: '1' },
  paths,
  components: { schemas },
});
const judged = (a: object, b: object) =>
  diffSpecs(specFromDocument(a), specFromDocument(b)).map((c) => `${c.level} ${c.id} @ ${c.location}`);
const SCHEMAS = {
  A: { type: 'object', properties: { a: { type: 'string' } } },
  B: { type: 'object', properties: { b: { type: 'string' } } },
  C: { type: 'object', properties: { c: { type: 'string' } } },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('checker cases', () => {
  const response = (schema: object) =>
    doc(
      { '/t': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } } } },
      SCHEMAS,
    );
  const at = 'GET /t › response 200 application/json';

  it('an allOf member removed from a response is info; what it brought is judged by its own rule', () => {
    expect(judged(response({ allOf: [ref('A'), ref('B')] }), response({ allOf: [ref('A')] }))).toEqual([
      `info response-body-all-of-removed @ ${at} › body`,
      `breaking response-optional-property-removed @ ${at} › body.b`,
    ]);
    expect(
      judged(response({ allOf: [{ type: 'string' }, { maxLength: 5 }] }), response({ allOf: [{ type: 'string' }] })),
    ).toEqual([
      `breaking response-body-max-length-unset @ ${at} › body`,
      `info response-body-all-of-removed @ ${at} › body`,
    ]);
  });

  it("a response media type's schema removed is a warning (the type is still returned, undocumented)", () => {
    const bare = doc(
      { '/t': { get: { responses: { 200: { description: 'ok', content: { 'application/json': {} } } } } } },
      SCHEMAS,
    );
    expect(judged(response(ref('A')), bare)).toEqual([`warning response-body-media-type-schema-removed @ ${at}`]);
  });

  it('an anyOf branch replaced in a request body with two media types is reported in each', () => {
    const body = (branches: object[]) =>
      doc(
        {
          '/t': {
            post: {
              requestBody: {
                content: {
                  'application/json': { schema: { anyOf: branches } },
                  'application/xml': { schema: { anyOf: branches } },
                },
              },
              responses: { 204: { description: 'done' } },
            },
          },
        },
        SCHEMAS,
      );
    const found = judged(body([ref('A'), ref('B')]), body([ref('A'), ref('C')]));
    for (const media of ['application/json', 'application/xml'])
      expect(found).toEqual(
        expect.arrayContaining([
          `breaking request-body-any-of-removed @ POST /t › request ${media} › body`,
          `info request-body-any-of-added @ POST /t › request ${media} › body`,
        ]),
      );
  });

  it('a query parameter widened to a list of types is a generalization (info), and narrowed back breaking', () => {
    const query = (schema: object) =>
      doc(
        {
          '/t': {
            get: { parameters: [{ name: 'q', in: 'query', schema }], responses: { 204: { description: 'ok' } } },
          },
        },
        {},
        '3.1.0',
      );
    expect(judged(query({ type: 'string' }), query({ type: ['string', 'integer'] }))).toEqual([
      'info request-parameter-type-generalized @ GET /t › parameter query.q › value',
    ]);
    expect(judged(query({ type: ['string', 'integer'] }), query({ type: 'string' }))).toEqual([
      'breaking request-parameter-type-specialized @ GET /t › parameter query.q › value',
    ]);
  });

  it('a pattern added to a request property is reported on the request side, also when a response shares the schema', () => {
    const shared = (pattern?: string) =>
      doc(
        {
          '/t': {
            post: {
              requestBody: { content: { 'application/json': { schema: ref('R') } } },
              responses: { 200: { description: 'ok', content: { 'application/json': { schema: ref('R') } } } },
            },
          },
        },
        { R: { type: 'object', properties: { name: { type: 'string', ...(pattern ? { pattern } : {}) } } } },
      );
    expect(judged(shared(), shared('^\\w+$'))).toEqual([
      'breaking request-property-pattern-added @ POST /t › request application/json › body.name',
      'info response-property-pattern-added @ POST /t › response 200 application/json › body.name',
    ]);
  });
});
