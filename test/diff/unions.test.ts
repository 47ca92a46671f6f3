/**
 * Unions judged by what they accept, on specs written for these cases (the
 * shapes a large public 3.1 API's history and oasdiff's corpus show): an
 * open enum growing, a branch schema renamed, an inline enum extracted into
 * a component, a string parameter widened into a oneOf. None breaks a client;
 * the controls beside them, which do, are still reported.
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs, specFromDocument } from '../../src/diff/index.js';
import { child, rootOf } from '../../src/diff/resolve.js';
import { matchBranches, membershipChanges } from '../../src/diff/union.js';

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

describe('subsumption through references and nested unions, at any depth', () => {
  const enumOf = (...values: string[]): Schema => ({ type: 'string', enum: values });
  /** `anyOf: [$ref to a schema that is itself anyOf [string, enum], enum]`: an open enum written twice over. */
  const viaRef = (...values: string[]) =>
    api({
      status: { anyOf: [{ $ref: '#/components/schemas/Open' }, enumOf(...values)] },
      components: { Open: { anyOf: [{ type: 'string' }, enumOf('base')] } },
    });

  it('an enum beside a $ref to an open enum gains values: nothing breaks, whatever the order of the branches', () => {
    expect(changes(viaRef('active', 'paused'), viaRef('active', 'paused', 'gone'))).toEqual([]);
    const reversed = (...values: string[]) =>
      api({
        status: { anyOf: [enumOf(...values), { $ref: '#/components/schemas/Open' }] },
        components: { Open: { anyOf: [enumOf('base'), { type: 'string' }] } },
      });
    expect(changes(reversed('active'), reversed('active', 'gone'))).toEqual([]);
  });

  it('through a chain of references and unions nested three deep, the open enum stays open', () => {
    const deep = (...values: string[]) =>
      api({
        status: { anyOf: [{ $ref: '#/components/schemas/A' }, enumOf(...values)] },
        components: {
          A: { $ref: '#/components/schemas/B' },
          B: { anyOf: [{ anyOf: [{ $ref: '#/components/schemas/C' }] }, enumOf('x')] },
          C: { type: ['string', 'null'] },
        },
      });
    expect(changes(deep('a'), deep('a', 'b'))).toEqual([]);
  });

  it('an enum written without a type is judged by its values: strings within a string branch', () => {
    const untyped = (...values: string[]) => api({ status: { anyOf: [{ type: 'string' }, { enum: values }] } });
    expect(changes(untyped('a'), untyped('a', 'b'))).toEqual([]);
  });

  it('controls: a oneOf is not subsumed (a value in two branches is refused), nor an enum with a non-string value', () => {
    const closed = (...values: string[]) =>
      api({
        status: { anyOf: [{ $ref: '#/components/schemas/Closed' }, enumOf(...values)] },
        components: { Closed: { oneOf: [{ type: 'integer' }, enumOf('base')] } },
      });
    expect(changes(closed('a'), closed('a', 'b'))).toEqual(['breaking response-property-enum-value-added']);
    const mixed = (...values: unknown[]) => api({ status: { anyOf: [{ type: 'string' }, { enum: values }] } });
    expect(changes(mixed('a', 1), mixed('a', 1, 2))).toEqual(['breaking response-property-enum-value-added']);
  });

  it('a cycle of references ends the search instead of the run', () => {
    const cyclic = (...values: string[]) =>
      api({
        status: { anyOf: [{ $ref: '#/components/schemas/Loop' }, enumOf(...values)] },
        components: { Loop: { anyOf: [{ $ref: '#/components/schemas/Loop' }] } },
      });
    expect(changes(cyclic('a'), cyclic('a', 'b'))).toEqual(['breaking response-property-enum-value-added']);
  });
});

describe('allOf membership without writing members out (membershipChanges)', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const inline = (type: string, extra: Schema = {}) => ({ type: 'object', properties: { v: { type } }, ...extra });
  const components = { A: { type: 'object', required: ['a'] }, B: { type: 'string' }, C: { type: 'integer' } };
  const spec = (allOf: Schema[]) =>
    specFromDocument({
      openapi: '3.1.0',
      info: { title: 'members', version: '1' },
      paths: {},
      components: { schemas: { ...components, Host: { allOf } } },
    });
  const handles = (doc: ReturnType<typeof spec>, count: number) => {
    const allOf = child(child(child(child(rootOf(doc), 'components'), 'schemas'), 'Host'), 'allOf');
    return Array.from({ length: count }, (_, i) => child(allOf, i));
  };
  const shapes: [string, Schema[], Schema[]][] = [
    [
      'references reordered, one inline member edited',
      [ref('A'), ref('B'), inline('string')],
      [ref('B'), ref('A'), inline('integer')],
    ],
    ['a reference added', [ref('A'), inline('string')], [ref('A'), ref('C'), inline('string')]],
    ['a reference swapped for another', [ref('A'), inline('string')], [ref('B'), inline('string')]],
    ['an inline member swapped for a reference', [ref('A'), inline('string')], [ref('A'), ref('B')]],
    ['two inline members swapped', [inline('string'), inline('integer')], [inline('integer'), inline('string')]],
    [
      'two inline members, one edited',
      [ref('A'), inline('string'), inline('boolean')],
      [ref('A'), inline('string'), inline('number')],
    ],
    ['a reference repeated', [ref('A'), ref('A')], [ref('A'), ref('B')]],
    ['nothing at all', [], [inline('string')]],
  ];
  it.each(shapes)('%s: the same members added and removed as matchBranches finds', (_, before, after) => {
    const [a, b] = [spec(before), spec(after)];
    const specs = { old: a, new: b };
    const [o, n] = [handles(a, before.length), handles(b, after.length)];
    const paths = (hs: readonly { key?: string | number }[]) => hs.map((h) => h.key);
    const fast = membershipChanges(specs, o, n);
    const full = matchBranches(specs, o, n);
    expect({ added: paths(fast.added), removed: paths(fast.removed) }).toEqual({
      added: paths(full.added),
      removed: paths(full.removed),
    });
  });
});
