/**
 * A large `properties` object the new version's parse read in step with the
 * old one's to the end gets the old one's key list (share.ts, keys.ts), and
 * the property rules then walk that one list instead of looking every name up
 * in both versions (schema-objects.ts). Held here: the changes found that way
 * are the ones found from two documents parsed apart, for every property rule
 * the walk decides (a type changed, required or no longer, readOnly, a
 * deprecation), in a request body and in a response; and a list that is not
 * shared (a property added, removed or renamed) takes the lookups.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { types } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Change, diffSpecs, loadSpec } from '../../src/diff/index.js';
import { openMembers, rememberedKeys } from '../../src/diff/keys.js';
import { ParseCache } from '../../src/diff/load.js';

type Obj = Record<string, unknown>;

/**
 * More properties than keys.ts remembers the keys of (1,024); then enough for the properties object's text to
 * pass a megabyte, from which the parse first reads it as the old version's own object (share.ts, objectInStep).
 */
let COUNT = 1_200;

interface Schema {
  type: 'object';
  required?: string[];
  properties: Record<string, Obj>;
}

function schema(edit: (properties: Record<string, Obj>, required: string[]) => void = () => undefined): Schema {
  const properties: Record<string, Obj> = {};
  for (let i = 0; i < COUNT; i++) properties[`p${i}`] = { type: 'string', maxLength: i };
  // Text the same in both versions that names another schema, its `$` as written and escaped (bothWays).
  properties.p20 = { $ref: '#/components/schemas/Target' };
  properties.p21 = { [ESCAPED_REF]: '#/components/schemas/Other' };
  const required = ['p3', 'p5'];
  edit(properties, required);
  return { type: 'object', required, properties };
}

/** A key bothWays writes as `"\u0024ref"`, which JSON reads as `$ref`. */
const ESCAPED_REF = 'escaped-ref';

/** Another schema, so that each text is past the size from which the new version is parsed beside the old (1 MiB). */
const padding = Object.fromEntries(Array.from({ length: 25_000 }, (_, i) => [`pad${i}`, { type: 'string' }]));

const specOf = (request: Schema, response: Schema, target: Obj = { type: 'string' }) => ({
  openapi: '3.1.0',
  components: {
    schemas: { Padding: { type: 'object', properties: COUNT > 10_000 ? {} : padding }, Target: target, Other: target },
  },
  info: { title: 'listed', version: '1' },
  paths: {
    '/orders': {
      post: {
        operationId: 'create',
        requestBody: { required: true, content: { 'application/json': { schema: request } } },
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: response } } } },
      },
    },
  },
});

/** Every change the property rules decide, made to properties both versions declare. */
const revise = (properties: Record<string, Obj>, required: string[]) => {
  // The first and the last name of the list too.
  properties.p0 = { type: 'string', maxLength: 0, minLength: 1 };
  properties[`p${COUNT - 1}`] = { type: 'string', maxLength: 0 };
  properties.p7 = { type: 'integer', maxLength: 7 };
  required.push('p9');
  required.splice(required.indexOf('p5'), 1);
  properties.p11 = { type: 'string', maxLength: 11, readOnly: true };
  properties.p13 = { type: 'string', maxLength: 13, deprecated: true };
  properties.p1100 = { type: 'string', maxLength: 1 };
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-listed-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The changes from the two versions parsed apart, and from the new one parsed beside the old one (ParseCache). */
async function bothWays(old: object, next: object) {
  const [a, b] = [join(dir, 'old.json'), join(dir, 'new.json')];
  const text = (doc: object) => JSON.stringify(doc, null, 1).replaceAll(`"${ESCAPED_REF}"`, '"\\u0024ref"');
  await writeFile(a, text(old));
  await writeFile(b, text(next));
  // The changes, or what stopped the diff.
  const attempt = (run: () => Change[]): Change[] | string => {
    try {
      return run();
    } catch (error) {
      return (error as Error).message;
    }
  };
  const [oldApart, newApart] = [await loadSpec(a), await loadSpec(b)];
  const apart = attempt(() => diffSpecs(oldApart, newApart));
  const parsed = new ParseCache();
  const oldSpec = await loadSpec(a, { parsed });
  const newSpec = await loadSpec(b, { parsed });
  const beside = attempt(() => diffSpecs(oldSpec, newSpec));
  const changes = (outcome: Change[] | string) => {
    if (typeof outcome === 'string') throw new Error(outcome);
    return outcome;
  };
  const properties = (spec: typeof oldSpec, where: 'request' | 'response') => {
    const post = (spec.files.get(spec.rootKey)!.doc as ReturnType<typeof specOf>).paths['/orders'].post;
    const body = where === 'request' ? post.requestBody : post.responses['200'];
    return body.content['application/json'].schema.properties;
  };
  // One object in both (the same text), one remembered key list for two objects, or two lists.
  const listed = (where: 'request' | 'response') => {
    const [was, is] = [properties(oldSpec, where), properties(newSpec, where)];
    if (was === is) return 'one object';
    const list = rememberedKeys(was);
    return list !== undefined && list === rememberedKeys(is) ? 'one list' : 'apart';
  };
  // The members the parse did not know for the old version's own (keys.ts), by name.
  const open = (where: 'request' | 'response') => {
    const [was, is] = [properties(oldSpec, where), properties(newSpec, where)];
    return openMembers(is, was)?.map((i) => rememberedKeys(is)![i]);
  };
  return {
    get apart() {
      return changes(apart);
    },
    get beside() {
      return changes(beside);
    },
    outcomes: { apart, beside },
    // Read as the old version's own object with some values replaced (share.ts, sharedView).
    viewed: types.isProxy(properties(newSpec, 'request')),
    listed: { request: listed('request'), response: listed('response') },
    open: { request: open('request'), response: open('response') },
  };
}

const found = (changes: readonly { id: string; location: string }[]) =>
  changes.map((c) => `${c.id} ${c.location}`).sort();

describe.each([
  [1_200, 'read member by member'],
  [14_000, "read as the old version's own object"],
])('a large properties object (%i properties, %s), compared by its one key list', (count) => {
  beforeAll(() => {
    COUNT = count;
  });

  it('finds every property change the lookups find, in a request body and in a response', async () => {
    const { apart, beside, listed, viewed } = await bothWays(
      specOf(schema(), schema()),
      specOf(schema(revise), schema(revise)),
    );
    expect(viewed).toBe(COUNT > 10_000);
    // The shortcut was taken: both versions' properties objects answer one remembered list.
    expect(listed).toEqual({ request: 'one list', response: 'one list' });
    expect(found(beside)).toEqual(found(apart));
    const ids = new Set(beside.map((c) => c.id));
    for (const id of [
      'request-property-type-changed',
      'response-property-type-changed',
      'request-property-became-required',
      'request-property-became-optional',
      'response-property-became-optional',
      'request-property-max-length-decreased',
      'request-property-min-length-increased',
      'request-property-deprecated',
      'response-property-deprecated',
    ]) {
      expect(ids, id).toContain(id);
    }
    for (const name of ['p0', `p${COUNT - 1}`])
      expect(
        beside.some((c) => c.location.endsWith(`body.${name}`)),
        name,
      ).toBe(true);
    // p11 made readOnly is never sent: nothing said of it in the request.
    expect(beside.filter((c) => c.location.endsWith('body.p11') && c.id.startsWith('request-'))).toEqual([]);
  });

  it("knows every member but the changed ones and those whose text holds a reference for the old version's own", async () => {
    const { open } = await bothWays(specOf(schema(), schema()), specOf(schema(revise), schema(revise)));
    const changed = ['p0', 'p7', 'p11', 'p13', 'p20', 'p21', 'p1100', `p${COUNT - 1}`];
    expect(open.request).toEqual(changed);
    expect(open.response).toEqual(changed);
  });

  it('a schema referred to by text the same in both versions changes the properties that refer to it', async () => {
    // One other property changed, so that the properties object is read member by member.
    const touch = (properties: Record<string, Obj>) => {
      properties.p1100 = { type: 'string', maxLength: 1 };
    };
    const { apart, beside, listed, open } = await bothWays(
      specOf(schema(), schema()),
      specOf(schema(touch), schema(touch), { type: 'integer' }),
    );
    expect(listed).toEqual({ request: 'one list', response: 'one list' });
    expect(open).toEqual({ request: ['p20', 'p21', 'p1100'], response: ['p20', 'p21', 'p1100'] });
    expect(found(beside)).toEqual(found(apart));
    for (const [where, at] of [
      ['request', 'request'],
      ['response', 'response 200'],
    ])
      for (const name of ['p20', 'p21'])
        expect(found(beside)).toContain(
          `${where}-property-type-changed POST /orders › ${at} application/json › body.${name}`,
        );
  });

  it('a member nested past what the sameness walk follows is compared as the lookups compare it', async () => {
    let deep: Obj = { type: 'string' };
    for (let i = 0; i < 230; i++) deep = { allOf: [deep] };
    const withDeep = (edit?: (properties: Record<string, Obj>) => void) => (properties: Record<string, Obj>) => {
      properties.p40 = deep;
      edit?.(properties);
    };
    const touch = (properties: Record<string, Obj>) => {
      properties.p1100 = { type: 'string', maxLength: 1 };
    };
    const { outcomes, open } = await bothWays(
      specOf(schema(withDeep()), schema(withDeep())),
      specOf(schema(withDeep(touch)), schema(withDeep(touch))),
    );
    expect(open.request).toEqual(['p20', 'p21', 'p40', 'p1100']);
    const shown = (outcome: Change[] | string) => (typeof outcome === 'string' ? outcome : found(outcome));
    // Compared in full, the member stops the diff; passed over, it would not.
    expect(shown(outcomes.apart)).toBe('allOf nests deeper than 200 levels');
    expect(shown(outcomes.beside)).toEqual(shown(outcomes.apart));
  });

  it('an unchanged large schema is one object in both, and reports nothing', async () => {
    const { beside, listed } = await bothWays(specOf(schema(), schema()), {
      ...specOf(schema(), schema()),
      info: { title: 'listed', version: '2' },
    });
    expect(listed).toEqual({ request: 'one object', response: 'one object' });
    expect(beside).toEqual([]);
  });

  it.each([
    ['added', (p: Record<string, Obj>) => Object.assign(p, { extra: { type: 'string' } })],
    ['removed', (p: Record<string, Obj>) => delete p.p600],
    [
      'renamed',
      (p: Record<string, Obj>) => {
        const entries = Object.entries(p).map(([k, v]) => [k === 'p600' ? 'q600' : k, v] as const);
        for (const k of Object.keys(p)) delete p[k];
        Object.assign(p, Object.fromEntries(entries));
      },
    ],
  ])('a property %s: no list shared, and the changes the lookups find', async (_, edit) => {
    const next = specOf(schema(edit), schema(edit));
    const { apart, beside, listed } = await bothWays(specOf(schema(), schema()), next);
    expect(listed).toEqual({ request: 'apart', response: 'apart' });
    expect(beside.length).toBeGreaterThan(0);
    expect(found(beside)).toEqual(found(apart));
  });
});
