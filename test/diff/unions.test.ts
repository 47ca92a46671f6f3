/**
 * Unions judged by what they accept, on specs written for these cases (the
 * shapes a large public 3.1 API's history and oasdiff's corpus show): an
 * open enum growing, a branch schema renamed, an inline enum extracted into
 * a component, a string parameter widened into a oneOf. None breaks a client;
 * the controls beside them, which do, are still reported.
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs, specFromDocument } from '../../src/diff/index.js';

type Schema = Record<string, unknown>;

/** One GET whose 200 body has `status`, one POST whose body has `kind`, one query parameter `id`; components as given. */
function api(parts: { status?: Schema; kind?: Schema; id?: Schema; components?: Record<string, Schema> }) {
  return {
    openapi: '3.1.0',
    info: { title: 'unions', version: '1' },
    paths: {
      '/things': {
        get: {
          parameters: [{ name: 'id', in: 'query', schema: parts.id ?? { type: 'string' } }],
          responses: {
            200: {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { status: parts.status ?? { type: 'string' } } },
                },
              },
            },
          },
        },
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { kind: parts.kind ?? { type: 'string' } } },
              },
            },
          },
          responses: { 204: { description: 'done' } },
        },
      },
    },
    components: { schemas: parts.components ?? {} },
  };
}

const changes = (o: ReturnType<typeof api>, n: ReturnType<typeof api>) =>
  diffSpecs(specFromDocument(o), specFromDocument(n)).map((c) => `${c.level} ${c.id}`);
const openEnum = (...values: string[]): Schema => ({ anyOf: [{ type: 'string' }, { type: 'string', enum: values }] });

describe('a union is judged by what it accepts', () => {
  it('an open enum (anyOf of string and a string enum) that gains a value breaks nothing: it accepted every string', () => {
    expect(
      changes(api({ status: openEnum('active', 'paused') }), api({ status: openEnum('active', 'paused', 'gone') })),
    ).toEqual([]);
  });

  it('control: the same enum without the string branch gaining a value is breaking for receivers', () => {
    const closed = (...values: string[]) => ({ anyOf: [{ type: 'integer' }, { type: 'string', enum: values }] });
    expect(changes(api({ status: closed('active') }), api({ status: closed('active', 'gone') }))).toEqual([
      'breaking response-property-enum-value-added',
    ]);
  });

  it('an open enum whose wide branch is dropped narrows to the enum: reported, not hidden', () => {
    expect(
      changes(api({ status: openEnum('active') }), api({ status: { anyOf: [{ type: 'string', enum: ['active'] }] } })),
    ).not.toEqual([]);
  });

  it('a branch schema renamed with identical content is the same branch: no any-of-added, no any-of-removed', () => {
    const card = { type: 'object', properties: { last4: { type: 'string' } }, required: ['last4'] };
    const old = api({
      status: { anyOf: [{ $ref: '#/components/schemas/Card' }, { type: 'null' }] },
      components: { Card: card },
    });
    const renamed = api({
      status: { anyOf: [{ $ref: '#/components/schemas/PaymentCard' }, { type: 'null' }] },
      components: { PaymentCard: { ...card, description: 'renamed' } },
    });
    expect(changes(old, renamed)).toEqual([]);
  });

  it('an inline enum extracted into a component with the same content is the same branch', () => {
    const inline = api({ kind: { anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'integer' }] } });
    const extracted = api({
      kind: { anyOf: [{ $ref: '#/components/schemas/Kind' }, { type: 'integer' }] },
      components: { Kind: { type: 'string', enum: ['b', 'a'].reverse(), title: 'Kind' } },
    });
    expect(changes(inline, extracted)).toEqual([]);
    expect(changes(extracted, inline)).toEqual([]);
  });

  it('a uuid query parameter widened to oneOf [string, integer] is a widening: nothing breaks a sender', () => {
    const before = api({ id: { type: 'string', format: 'uuid' } });
    const after = api({ id: { oneOf: [{ type: 'string' }, { type: 'integer' }] } });
    const found = changes(before, after);
    expect(found.filter((c) => c.startsWith('breaking'))).toEqual([]);
    expect(found).toEqual(
      expect.arrayContaining(['info request-parameter-format-removed', 'info request-parameter-one-of-added']),
    );
    // The other way round the parameter narrows: a sender of an integer is refused.
    expect(changes(after, before).filter((c) => c.startsWith('breaking'))).not.toEqual([]);
  });
});

describe('messages read as sentences about the change', () => {
  it('a type set where any type was allowed, inside a numbered branch', () => {
    const before = api({ status: { anyOf: [{}, { type: 'integer' }] } });
    const after = api({ status: { anyOf: [{ type: 'string' }, { type: 'integer' }] } });
    const [found] = diffSpecs(specFromDocument(before), specFromDocument(after));
    expect(found?.message).toBe('type now restricted to string (was any type)');
    expect(found?.location).toMatch(/status\(anyOf branch 1\)$/);
  });
});
