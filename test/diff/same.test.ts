/**
 * The comparison skips what is the same in both versions (src/diff/same.ts).
 * These tests hold the shortcut to the full walk: the same changes with it and
 * without it on generated revisions of a realistic spec and on random edits
 * anywhere in it, and the cases a naive "equal JSON" check gets wrong (a
 * `$ref` whose target changed, a change inside a cycle, an answer left over
 * from a check that gave up).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs, loadSpec, SpecLoadError, specFromDocument } from '../../src/diff/index.js';
import { ParseCache } from '../../src/diff/load.js';
import { child, rootOf } from '../../src/diff/resolve.js';
import { Sameness } from '../../src/diff/same.js';
import { random, realisticSpec, reviseSpec } from '../fixtures/realistic-spec.js';

type Obj = Record<string, unknown>;
const shown = (changes: ReturnType<typeof diffSpecs>) =>
  changes.map((c) => `${c.level} ${c.id} @ ${c.location}: ${c.message}${c.alsoAt ? ` (+${c.alsoAt.total})` : ''}`);
const both = (a: object, b: object) => ({
  skipping: shown(diffSpecs(a, b)),
  full: shown(diffSpecs(a, b, { skipUnchanged: false })),
});

const api = (schemas: Obj, schema: Obj = { $ref: '#/components/schemas/Node' }) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/n': {
      post: {
        requestBody: { content: { 'application/json': { schema } } },
        responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } },
      },
    },
  },
  components: { schemas },
});

/** Every object of a document, with a way to reach it: for random edits. */
function objectsOf(doc: unknown): Obj[] {
  const found: Obj[] = [];
  const stack = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (!Array.isArray(node)) found.push(node as Obj);
    for (const value of Object.values(node)) stack.push(value);
  }
  return found;
}

/** One random edit somewhere in the document: a keyword changed, removed or added, as a careless release might. */
function edit(doc: Obj, next: () => number): void {
  const objects = objectsOf(doc);
  const target = objects[Math.floor(next() * objects.length)]!;
  const keys = Object.keys(target);
  const key = keys[Math.floor(next() * keys.length)];
  switch (Math.floor(next() * 6)) {
    case 0:
      if (key !== undefined) delete target[key];
      break;
    case 1:
      target.type = target.type === 'string' ? 'integer' : 'string';
      break;
    case 2:
      target.required = [...(Array.isArray(target.required) ? target.required : []), key ?? 'x'];
      break;
    case 3:
      if (Array.isArray(target.enum)) target.enum = [...target.enum, 'added'];
      else target.maxLength = 3;
      break;
    case 4:
      target.deprecated = true;
      break;
    default:
      if (key !== undefined && typeof target[key] === 'string') target[key] = `${target[key]}x`;
      else target.nullable = true;
  }
}

describe('skipping what is the same', () => {
  const base = realisticSpec(150_000, 7);

  it('finds the same changes as the full comparison on generated revisions, both ways', () => {
    let changes = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const revised = reviseSpec(base, 1 + (seed % 6), seed);
      for (const [a, b] of [
        [base, revised],
        [revised, base],
      ] as const) {
        const { skipping, full } = both(a, b);
        expect(skipping).toEqual(full);
        changes += full.length;
      }
    }
    expect(changes).toBeGreaterThan(50);
  });

  it('finds the same changes as the full comparison after random edits anywhere', () => {
    const next = random(42);
    let changed = 0;
    for (let round = 0; round < 40; round++) {
      const edited = structuredClone(base);
      for (let i = 0; i < 1 + (round % 4); i++) edit(edited, next);
      let skipping: string[] | Error;
      let full: string[] | Error;
      try {
        skipping = shown(diffSpecs(base, edited));
      } catch (error) {
        skipping = error as Error;
      }
      try {
        full = shown(diffSpecs(base, edited, { skipUnchanged: false }));
      } catch (error) {
        full = error as Error;
      }
      expect(skipping).toEqual(full);
      if (Array.isArray(full) && full.length > 0) changed++;
    }
    expect(changed).toBeGreaterThan(15);
  });

  it('is at work: an unchanged spec compares within a budget the full walk exceeds', () => {
    const copy = structuredClone(base);
    expect(diffSpecs(base, copy, { maxComparisons: 50 })).toEqual([]);
    expect(() => diffSpecs(base, copy, { maxComparisons: 50, skipUnchanged: false })).toThrow(SpecLoadError);
  });

  it('follows a $ref whose text is unchanged to a target that changed', () => {
    const before = api({ Node: { type: 'object', properties: { v: { type: 'string' } } } });
    const after = api({ Node: { type: 'object', properties: { v: { type: 'integer' } } } });
    const { skipping, full } = both(before, after);
    expect(skipping).toEqual(full);
    expect(skipping.some((line) => line.includes('request-property-type-changed'))).toBe(true);
  });

  it('finds a change inside a cycle of references, however the cycle is entered', () => {
    const list = (valueType: string) => ({
      Node: {
        type: 'object',
        properties: { next: { $ref: '#/components/schemas/Link' }, value: { type: valueType } },
      },
      Link: { anyOf: [{ $ref: '#/components/schemas/Node' }, { type: 'null' }] },
    });
    for (const entry of [{ $ref: '#/components/schemas/Node' }, { $ref: '#/components/schemas/Link' }]) {
      const { skipping, full } = both(api(list('string'), entry), api(list('integer'), entry));
      expect(skipping).toEqual(full);
      expect(skipping.length).toBeGreaterThan(0);
      expect(both(api(list('string'), entry), api(list('string'), entry)).skipping).toEqual([]);
    }
  });

  it('forgets what a check assumed when it gave up: a pair met again is checked again', () => {
    // The first check enters Shared through a $ref and gives up inside it (deeper than the comparison goes);
    // the second meets Shared through another $ref and must look at it again, not take the first one's assumption.
    let deep: Obj = { type: 'string' };
    for (let i = 0; i < 150; i++) deep = { type: 'object', properties: { n: deep } };
    const schemas = (type: string) => ({
      Shared: { type: 'object', properties: { deep, v: { type } } },
      A: { $ref: '#/components/schemas/Shared' },
      B: { type: 'object', properties: { s: { $ref: '#/components/schemas/Shared' } } },
    });
    const [a, b] = [specFromDocument(api(schemas('string'))), specFromDocument(api(schemas('integer')))];
    const at = (spec: typeof a, name: string) => child(child(child(rootOf(spec), 'components'), 'schemas'), name);
    const sameness = new Sameness(a, b);
    expect(sameness.same(at(a, 'A'), at(b, 'A'))).toBe(false);
    expect(sameness.same(at(a, 'B'), at(b, 'B'))).toBe(false);
    // And a pair too deep to check is never called the same, even unchanged: it is compared in full.
    const unchanged = new Sameness(a, specFromDocument(api(schemas('string'))));
    expect(unchanged.same(at(a, 'B'), at(a, 'B'))).toBe(false);
  });

  it('keeps what a check that ended "different" proved the same on the way, and only that', () => {
    // Shared is the same in both; A reaches it, then differs after it. B reaches Shared too.
    // Cyclic leans on A (open when the check fails) and comes back to it: it must not be kept as the same.
    const schemas = (type: string) => ({
      Shared: { type: 'object', properties: { v: { type: 'string' } } },
      Cyclic: { type: 'object', properties: { back: { $ref: '#/components/schemas/A' } } },
      A: {
        type: 'object',
        properties: {
          s: { $ref: '#/components/schemas/Shared' },
          c: { $ref: '#/components/schemas/Cyclic' },
          z: { type },
        },
      },
      Entry: { $ref: '#/components/schemas/A' },
    });
    const [a, b] = [specFromDocument(api(schemas('string'))), specFromDocument(api(schemas('integer')))];
    const at = (spec: typeof a, name: string) => child(child(child(rootOf(spec), 'components'), 'schemas'), name);
    const sameness = new Sameness(a, b);
    expect(sameness.same(at(a, 'Entry'), at(b, 'Entry'))).toBe(false);
    expect(sameness.known(at(a, 'A'), at(b, 'A'))).toBe(false);
    // Shared was proved the same under no assumption: known now, without a walk (a budget of none would refuse one).
    expect(sameness.known(at(a, 'Shared'), at(b, 'Shared'))).toBe(true);
    // Cyclic leaned on A (open while Cyclic was checked), which turned out different: not kept, and rightly not the same.
    expect(sameness.known(at(a, 'Cyclic'), at(b, 'Cyclic'))).toBeUndefined();
    expect(sameness.same(at(a, 'Cyclic'), at(b, 'Cyclic'))).toBe(false);
    const entry = { $ref: '#/components/schemas/A' };
    const { skipping, full } = both(api(schemas('string'), entry), api(schemas('integer'), entry));
    expect(skipping).toEqual(full);
    expect(skipping.length).toBeGreaterThan(0);
  });

  it("one document on both sides still follows its references into each version's own files", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-diff-same-'));
    try {
      const root = JSON.stringify(api({ Node: { $ref: 'schemas.json#/Node' } }));
      for (const [version, type] of [
        ['a', 'string'],
        ['b', 'integer'],
      ] as const) {
        await mkdir(join(dir, version));
        await writeFile(join(dir, version, 'spec.json'), root);
        await writeFile(join(dir, version, 'schemas.json'), JSON.stringify({ Node: { type } }));
      }
      const parsed = new ParseCache();
      const before = await loadSpec(join(dir, 'a', 'spec.json'), { parsed });
      const after = await loadSpec(join(dir, 'b', 'spec.json'), { parsed });
      // The two roots are one text, so one parsed object: the walk meets the same node on both sides.
      expect(after.files.get(after.rootKey)?.doc).toBe(before.files.get(before.rootKey)?.doc);
      const { skipping, full } = both(before, after);
      expect(skipping).toEqual(full);
      expect(skipping.some((line) => line.includes('request-body-type-changed'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("one document on both sides keeps the full comparison's errors", () => {
    const broken = api({ Node: { $ref: '#/components/schemas/Missing' } });
    expect(() => diffSpecs(broken, broken)).toThrow(/cannot resolve the \$ref/);
    const loop = api({ Node: { $ref: '#/components/schemas/Loop' }, Loop: { $ref: '#/components/schemas/Node' } });
    expect(() => diffSpecs(loop, loop)).toThrow(/longer than 32 hops/);
  });

  it('leaves every error of the full comparison in place (it never skips what it cannot read)', () => {
    const broken = api({ Node: { $ref: '#/components/schemas/Missing' } });
    expect(() => diffSpecs(broken, structuredClone(broken))).toThrow(/cannot resolve the \$ref/);
    const loop = api({ Node: { $ref: '#/components/schemas/Loop' }, Loop: { $ref: '#/components/schemas/Node' } });
    expect(() => diffSpecs(loop, structuredClone(loop))).toThrow(/longer than 32 hops/);
  });
});
