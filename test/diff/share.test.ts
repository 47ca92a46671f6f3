/**
 * The new version of a large JSON spec shares the old version's unchanged
 * values (src/diff/share.ts). What it gives must be what `JSON.parse` gives:
 * held here against `JSON.parse` itself on random documents and random
 * revisions of them, in every layout, on texts broken at random, and on the
 * corners of JSON a walk gets wrong (a repeated key, `__proto__`, an escaped
 * name, a number that is the start of another); then the diff's changes with
 * and without sharing on revisions of a realistic spec, and the loader using it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, types } from 'node:util';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { diffSpecs, loadSpec, specFromDocument } from '../../src/diff/index.js';
import { ParseCache, parseSpecText, parseYamlBeside } from '../../src/diff/load.js';
import { keysOf } from '../../src/diff/keys.js';
import { parseSharing as parseSharingWith } from '../../src/diff/share.js';
import { realisticSpec, reviseAnywhere as revise, reviseSpec } from '../fixtures/realistic-spec.js';

/**
 * share-in-step.test.ts runs this file again with every object first read in
 * step with the basis's (objectInStep), not only those of a megabyte or more.
 */
const inStepMinChars = (globalThis as { shareInStepMinChars?: number }).shareInStepMinChars;
const parseSharing: typeof parseSharingWith = (text, basis, options = {}) =>
  parseSharingWith(text, basis, inStepMinChars === undefined ? options : { ...options, inStepMinChars });

const basisOf = (text: string) => ({ text, doc: JSON.parse(text) });

/** Equal as the diff can see: values, prototypes, -0, and the order of every object's keys. */
function sameAsParse(shared: unknown, text: string): boolean {
  const parsed = JSON.parse(text);
  return isDeepStrictEqual(shared, parsed) && JSON.stringify(shared) === JSON.stringify(parsed);
}

/** Objects whose values sharing can reach: every basis below is a document. */
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'type', '200', '0', '__proto__', 'constructor', 'a\u0000', '\u00e9', 'x y'),
  fc.string({ maxLength: 6 }),
);
const { doc: docArb } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
    fc.string({ maxLength: 20 }),
    tie('doc'),
    fc.array(tie('value'), { maxLength: 5 }),
  ),
  doc: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
}));

const layouts = [
  (v: unknown) => JSON.stringify(v),
  (v: unknown) => JSON.stringify(v, null, 2),
  (v: unknown) => JSON.stringify(v, null, '\t').replaceAll('\n', '\r\n'),
];

describe('parsing a revision beside its basis', () => {
  it('gives what JSON.parse gives, on random documents and revisions, in every layout', () => {
    fc.assert(
      fc.property(docArb, fc.integer({ min: 1, max: 1e6 }), fc.nat(2), fc.nat(2), (doc, seed, la, lb) => {
        const a = layouts[la]!(doc);
        const b = layouts[lb]!(revise(doc, seed));
        // Runs of the same text measured from their first character, and from 64 as in use.
        for (const [walkMinChars, runMinChars] of [
          [0, 1],
          [40, 64],
        ] as const) {
          const shared = parseSharing(b, { text: a, doc: JSON.parse(a) }, { walkMinChars, runMinChars });
          // Unsure is allowed (the text is then parsed whole); a wrong document is not.
          if (shared !== undefined && !sameAsParse(shared, b)) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it('shares, and is never unsure, on a revision of a document with no repeated keys', () => {
    let sharedValues = 0;
    fc.assert(
      fc.property(docArb, fc.integer({ min: 1, max: 1e6 }), (doc, seed) => {
        const a = JSON.stringify(doc, null, 2);
        const basis = JSON.parse(a);
        const b = JSON.stringify(revise(doc, seed), null, 2);
        const shared = parseSharing(b, { text: a, doc: basis }, { walkMinChars: 0 });
        const kept = (x: unknown, y: unknown): number =>
          x === y && x !== null && typeof x === 'object'
            ? 1
            : x !== null && typeof x === 'object' && y !== null && typeof y === 'object'
              ? Object.keys(y).reduce(
                  (n, k) => n + (Object.hasOwn(x, k) ? kept((x as never)[k], (y as never)[k]) : 0),
                  0,
                )
              : 0;
        sharedValues += kept(basis, shared);
        return shared !== undefined && sameAsParse(shared, b);
      }),
      { numRuns: 300 },
    );
    expect(sharedValues).toBeGreaterThan(100);
  });

  it('answers undefined for every text JSON.parse refuses, broken at random', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', '\\', '1', '\u0001', ' '),
        (doc, at, cut, insert) => {
          const a = JSON.stringify(doc, null, 1);
          const i = at % (a.length + 1);
          const b = a.slice(0, i) + insert + a.slice(i + (cut % 3));
          const shared = parseSharing(b, { text: a, doc: JSON.parse(a) }, { walkMinChars: 0 });
          let valid = true;
          try {
            JSON.parse(b);
          } catch {
            valid = false;
          }
          return valid ? shared === undefined || sameAsParse(shared, b) : shared === undefined;
        },
      ),
      { numRuns: 1000 },
    );
  });

  const cases: [string, string, string][] = [
    ['a basis that repeats a key, read in step', '{"k":{"x":[1]},"k":{"y":[2]}}', '{"k":{"x":[1]}}'],
    ['a basis that repeats a key, the revision too', '{"k":{"x":[1]},"k":{"y":[2]}}', '{"k":{"x":[1]},"k":{"y":[3]}}'],
    ['a basis that repeats a key, the revision adds one', '{"k":{"x":[1]},"k":{"y":[2]}}', '{"k":{"x":[1]},"j":{}}'],
    ['a revision that repeats a key', '{"k":{"x":[1]},"j":{}}', '{"k":{"x":[1]},"j":{},"k":{"z":1}}'],
    ['__proto__ as a key', '{"__proto__":{"x":[1]},"a":1}', '{"__proto__":{"x":[1]},"a":2}'],
    ['__proto__ added', '{"a":{"x":[1]}}', '{"a":{"x":[1]},"__proto__":{"polluted":true}}'],
    ['a name escaped in one and not the other', '{"a":{"x":[1]},"b":[]}', '{"\\u0061":{"x":[1]},"b":[0]}'],
    ['a number that starts another', '{"a":{"n":12},"b":[12]}', '{"a":{"n":123},"b":[123]}'],
    ['a number that starts another, in a run', '{"n":12,"m":1}', '{"n":123,"m":1}'],
    ['a number ending the text', '{"a":1,"n":12}', '{"a":1,"n":123}'],
    ['a basis that repeats a key, read in step as the same text', '{"k":1,"k":2}', '{"k":1}'],
    ['a basis that repeats a key, then parts ways', '{"k":1,"k":2,"z":0}', '{"k":1,"j":0}'],
    [
      'a basis that repeats a key, the revision changing only its first value',
      '{"k":{"x":[1]},"j":0,"k":{"y":[2]}}',
      '{"k":{"z":[5]},"j":0,"k":{"y":[2]}}',
    ],
    ['a revision that repeats a key after the same text', '{"k":1,"j":0}', '{"k":1,"j":0,"k":3}'],
    ['an escaped quote ending a string', '{"a":{"s":"x\\\\"},"b":1}', '{"a":{"s":"x\\\\\\""},"b":1}'],
    ['-0', '{"a":{"n":0}}', '{"a":{"n":-0}}'],
    ['integer-like keys out of order', '{"b":{"1":1},"10":{"x":1},"2":[]}', '{"10":{"x":1},"b":{"1":1},"2":[1]}'],
    ['an array grown at its start', '[{"a":1},{"b":2}]', '[{"z":0},{"a":1},{"b":2}]'],
    ['an object in place of an array', '{"a":[{"x":1}]}', '{"a":{"0":{"x":1}}}'],
    [
      'nesting deeper than the walk',
      `{"a":${'['.repeat(200)}1${']'.repeat(200)}}`,
      `{"a":${'['.repeat(200)}2${']'.repeat(200)}}`,
    ],
  ];
  for (const [name, a, b] of cases) {
    it(`gives what JSON.parse gives: ${name}`, () => {
      for (const runMinChars of [1, 64]) {
        const shared = parseSharing(b, basisOf(a), { walkMinChars: 0, runMinChars });
        if (shared !== undefined) expect(sameAsParse(shared, b)).toBe(true);
      }
    });
  }

  it('takes the members of a large object from the basis along a run of the same text, and parses where it breaks', () => {
    // Half a million properties changed in one place had cost more beside the basis than parsed whole: each
    // member was read in both texts and compared on its own (docs/performance.md, section 7).
    const members = (n: number, edit: (i: number) => string | undefined = () => undefined) =>
      Array.from({ length: n }, (_, i) => edit(i) ?? `"p${i}":{"type":"string","maxLength":${i}}`);
    const text = (list: string[]) => `{"s":{"properties":{${list.join(',')}},"n":1}}`;
    const a = text(members(3_000));
    const basis = basisOf(a);
    const edits: [string, (i: number) => string | undefined][] = [
      ['first', (i) => (i === 0 ? '"p0":{"type":"integer"}' : undefined)],
      ['middle', (i) => (i === 1_500 ? '"p1500":{"type":"string","maxLength":15000}' : undefined)],
      ['last', (i) => (i === 2_999 ? '"p2999":3' : undefined)],
      ['number grown', (i) => (i === 7 ? '"p7":{"type":"string","maxLength":70}' : undefined)],
      ['renamed', (i) => (i === 10 ? '"q10":{"type":"string","maxLength":10}' : undefined)],
    ];
    for (const [name, edit] of edits) {
      const b = text(members(3_000, edit));
      for (const runMinChars of [1, 64, 4096]) {
        const shared = parseSharing(b, basis, { runMinChars }) as typeof basis.doc;
        expect(shared, name).toBeDefined();
        expect(sameAsParse(shared, b), name).toBe(true);
        const [o, n] = [basis.doc.s.properties, shared.s.properties];
        const kept = Object.keys(n).filter((k) => n[k] === o[k]).length;
        expect(kept, name).toBe(2_999);
      }
    }
  });

  it('reads on beside the basis where the space between members differs in length, either way', () => {
    const list = Array.from({ length: 400 }, (_, i) => `"p${i}":{"type":"string","maxLength":${i}}`);
    const joined = (space: (i: number) => string) => `{"s":{${list.map((m, i) => (i ? space(i) : '') + m).join('')}}}`;
    const a = joined((i) => (i % 7 === 0 ? ',   ' : ','));
    const basis = basisOf(a);
    for (const b of [joined((i) => (i % 5 === 0 ? ',  ' : ',')), joined((i) => (i % 7 === 0 ? ', ' : ', '))]) {
      for (const runMinChars of [1, 64]) {
        const shared = parseSharing(b, basis, { walkMinChars: 0, runMinChars }) as typeof basis.doc;
        expect(sameAsParse(shared, b)).toBe(true);
        const [o, n] = [basis.doc.s, shared.s];
        expect(Object.keys(n).filter((k) => n[k] === o[k]).length).toBe(400);
      }
    }
  });

  it("parses a number that starts the basis's number there, and goes on sharing", () => {
    const long = 'x'.repeat(100);
    const basis = basisOf(JSON.stringify({ a: { n: 12, long }, b: { long } }));
    const b = JSON.stringify({ a: { n: 123, long }, b: { long } });
    const shared = parseSharing(b, basis, { walkMinChars: 0 }) as typeof basis.doc;
    expect(sameAsParse(shared, b)).toBe(true);
    expect(shared.b).toBe(basis.doc.b);
  });

  it('parses a revision that differs nearly everywhere whole: past 10,000 parts on their own it gives up', () => {
    const text = (value: number, n: number) =>
      JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value])));
    const parsedBeside = (n: number) => parseSharing(text(2, n), basisOf(text(1, n)), { walkMinChars: 0 });
    expect(sameAsParse(parsedBeside(9_000), text(2, 9_000))).toBe(true);
    expect(parsedBeside(11_000)).toBe(undefined);
  });

  it('is unsure where a walk in step would take a repeated key of the basis for its last', () => {
    // The basis's object holds {"y":[2]} for "k"; the first "k", the text compared, is {"x":[1]}.
    const shared = parseSharing('{"k":{"x":[1]}}', basisOf('{"k":{"x":[1]},"k":{"y":[2]}}'), { walkMinChars: 0 });
    expect(shared === undefined || sameAsParse(shared, '{"k":{"x":[1]}}')).toBe(true);
    expect(parseSharing('{"k":{"x":[1]},"j":{}}', basisOf('{"k":{"x":[1]},"k":{"y":[2]}}'), { walkMinChars: 0 })).toBe(
      undefined,
    );
  });

  it('is unsure of what is not JSON, or not an object or array at the top', () => {
    const basis = basisOf('{"a":{"x":[1]}}');
    for (const b of ['\ufeff{"a":{"x":[1]}}', '{"a":{"x":[1]}} x', '{"a":{"x":[1]},}', '{"a" {"x":[1]}}', '"a"', '']) {
      expect(parseSharing(b, basis, { walkMinChars: 0 })).toBe(undefined);
    }
  });

  it('shares what is unchanged: the same objects, not copies', () => {
    const a = JSON.stringify({
      paths: { '/a': { get: { x: 1, long: 'a'.repeat(2000) } }, '/b': { get: { y: 2, long: 'b'.repeat(2000) } } },
      c: { s: 'z'.repeat(3000) },
    });
    const basis = basisOf(a);
    const b = a.replace('"y":2', '"y":3');
    const shared = parseSharing(b, basis) as typeof basis.doc;
    expect(sameAsParse(shared, b)).toBe(true);
    expect(shared.c).toBe(basis.doc.c);
    expect(shared.paths['/a']).toBe(basis.doc.paths['/a']);
    expect(shared.paths['/b']).not.toBe(basis.doc.paths['/b']);
  });
});

describe("a large object read as the basis's own, some values replaced", () => {
  // Objects of a megabyte or more in the basis are first read so (objectInStep); here, every object is.
  const inStep = { inStepMinChars: 0 };
  const members = (n: number, edit: (i: number) => string | undefined = () => undefined) =>
    `{"s":{${Array.from({ length: n }, (_, i) => edit(i) ?? `"p${i}":{"type":"string","maxLength":${i}}`).join(',')}}}`;
  type Doc = { s: Record<string, unknown> };

  it("shares the basis's object, with the values that differ in its place, and refuses to be changed", () => {
    const a = members(3_000);
    const basis = basisOf(a);
    const b = members(3_000, (i) => (i === 1_500 ? '"p1500":{"type":"integer"}' : undefined));
    const shared = parseSharing(b, basis, inStep) as Doc;
    expect(sameAsParse(shared, b)).toBe(true);
    expect(types.isProxy(shared.s)).toBe(true);
    expect(shared.s.p1500).toEqual({ type: 'integer' });
    expect(shared.s.p1499).toBe(basis.doc.s.p1499);
    expect(Object.getOwnPropertyDescriptor(shared.s, 'p1500')?.value).toEqual({ type: 'integer' });
    expect(keysOf(shared.s)).toBe(keysOf(basis.doc.s));
    expect(() => {
      shared.s.p1 = 1;
    }).toThrow(TypeError);
    expect(() => delete shared.s.p2).toThrow(TypeError);
    expect(() => Object.defineProperty(shared.s, 'p3', { value: 1 })).toThrow(TypeError);
    expect(basis.doc.s.p1500).toEqual({ type: 'string', maxLength: 1500 });
    expect(Object.keys(basis.doc.s)).toHaveLength(3_000);
  });

  it("builds a plain object when most values differ, and is the basis's object when none does", () => {
    const a = members(300);
    const basis = basisOf(a);
    const most = members(300, (i) => (i % 3 === 0 ? undefined : `"p${i}":{"type":"integer"}`));
    const shared = parseSharing(most, basis, inStep) as Doc;
    expect(sameAsParse(shared, most)).toBe(true);
    expect(types.isProxy(shared.s)).toBe(false);
    // The same values laid out otherwise: no run of the same text, every value the basis's.
    const spaced = a.replaceAll('},"p', '}, "p');
    const same = parseSharing(spaced, basis, inStep) as Doc;
    expect(sameAsParse(same, spaced)).toBe(true);
    expect(same.s).toBe(basis.doc.s);
  });

  // A value that differs before they part ways, too: read in step, it is kept for the object read on.
  const third = (i: number) => (i === 3 ? '"p3":{"type":"integer"}' : undefined);
  it.each([
    ['a key renamed', (i: number) => (i === 7 ? '"q7":{"type":"string","maxLength":7}' : third(i))],
    ['a member more', (i: number) => (i === 7 ? '"p7":{"type":"string","maxLength":7},"extra":1' : third(i))],
    ['a member fewer', (i: number) => (i === 7 ? '"p7":{}' : third(i))],
    ['a member fewer at the end', (i: number) => (i === 299 ? '"p299":{}' : third(i))],
    ['a member more at the end', (i: number) => (i === 299 ? '"p299":{},"extra":1' : third(i))],
  ])('reads on member by member where the two part ways: %s', (_, edit) => {
    const a = members(300);
    const b = members(300, edit).replace(/,"p(7|299)":\{\}/, '');
    const shared = parseSharing(b, basisOf(a), inStep) as Doc;
    expect(sameAsParse(shared, b)).toBe(true);
    expect(shared.s.p3).toEqual({ type: 'integer' });
    expect(types.isProxy(shared.s)).toBe(false);
  });

  it('lists keys that are array indices as JSON.parse does, first', () => {
    const a = `{"s":{"b":{"v":1},"10":{"v":1},"a":{"v":1},"2":{"v":1},"c":{"v":1}}}`;
    const b = a.replace('"a":{"v":1}', '"a":{"v":2}');
    const shared = parseSharing(b, basisOf(a), inStep) as Doc;
    expect(sameAsParse(shared, b)).toBe(true);
    expect(Object.keys(shared.s)).toEqual(['2', '10', 'b', 'a', 'c']);
  });
});

describe('the keys it lists for the diff', () => {
  // Over 1,024 keys, the diff takes an object's keys from what the walk remembered, not from Object.keys.
  const names = Array.from({ length: 1_500 }, (_, i) => `p${i}`);
  const text = (keys: string[], changed: string) =>
    `{"s":{${keys.map((k) => `${JSON.stringify(k)}:{"v":${k === changed ? 2 : 1}}`).join(',')}}}`;
  const variants: [string, string[]][] = [
    ['the same keys', names],
    ['a key added', [...names, 'added']],
    ['a key removed', names.slice(1)],
    ['a key that is an index, set after others', [...names.slice(0, 5), '10', ...names.slice(5)]],
    ['a key repeated', [...names, 'p3']],
    ['__proto__ among them', [...names.slice(0, 5), '__proto__', ...names.slice(5)]],
  ];
  it('are never wrong for the basis, even where a key it repeats sent the walk beside another object', () => {
    // The basis repeats "k": its object holds the second value, and the revision's first "k" is walked beside it.
    const big = (prefix: string, changed = '') =>
      `{${names.map((n) => `"${prefix}${n}":{"v":${n === changed ? 2 : 1}}`).join(',')}}`;
    const basis = basisOf(`{"k":${big('x')},"k":${big('y')}}`);
    const b = `{"k":${big('x', 'p7')},"k":${big('y')}}`;
    const shared = parseSharing(b, basis, { walkMinChars: 0 });
    if (shared !== undefined) expect(sameAsParse(shared, b)).toBe(true);
    expect(keysOf(basis.doc.k)).toEqual(Object.keys(basis.doc.k));
  });

  // Both versions hold the key in the same place, so the walk reads it in step (along a run of the same text).
  const inBoth: [string, string[], { mayGiveUp: boolean }][] = [
    ['a key repeated', [...names.slice(0, 900), 'p3', ...names.slice(900)], { mayGiveUp: true }],
    ['a key that is an index', [...names.slice(0, 5), '10', ...names.slice(5)], { mayGiveUp: false }],
  ];
  for (const [name, keys, { mayGiveUp }] of inBoth) {
    it(`are what Object.keys lists where both versions hold ${name} in the same place`, () => {
      const basis = basisOf(text(keys, ''));
      const b = text(keys, 'p1200');
      for (const runMinChars of [1, 64]) {
        const shared = parseSharing(b, basis, { walkMinChars: 0, runMinChars }) as { s: object } | undefined;
        if (shared === undefined && mayGiveUp) continue;
        expect(sameAsParse(shared, b)).toBe(true);
        expect(keysOf(shared!.s)).toEqual(Object.keys(shared!.s));
      }
      expect(keysOf(basis.doc.s)).toEqual(Object.keys(basis.doc.s));
    });
  }

  for (const [name, keys] of variants) {
    it(`are what Object.keys lists: ${name}, in both documents`, () => {
      const basis = basisOf(text(names, ''));
      const b = text(keys, 'p7');
      const shared = parseSharing(b, basis, { walkMinChars: 0 }) as { s: object };
      expect(sameAsParse(shared, b)).toBe(true);
      expect(keysOf(shared.s)).toEqual(Object.keys(shared.s));
      expect(keysOf(basis.doc.s)).toEqual(Object.keys(basis.doc.s));
    });
  }
});

describe('the parse cache', () => {
  const text = JSON.stringify({ openapi: '3.1.0', big: { s: 'x'.repeat(1 << 20) }, a: { n: [1] } });
  const revised = text.replace('"n":[1]', '"n":[2]');
  type Big = { big: object; a: object };

  it('parses a large JSON text beside an earlier one, sharing what is unchanged', async () => {
    const cache = new ParseCache();
    const first = (await cache.parse(text, () => parseSpecText(text, 'old'))) as Big;
    const second = (await cache.parse(revised, () => parseSpecText(revised, 'new'))) as Big;
    expect(second.big).toBe(first.big);
    expect(sameAsParse(second, revised)).toBe(true);
  });

  it('shares only from a document JSON.parse made of its text', async () => {
    // As a YAML parse of a text JSON.parse refused would: a document that is not JSON.parse's of any text here.
    const cache = new ParseCache();
    const first = (await cache.parse(text, () => JSON.parse(text))) as Big;
    const second = (await cache.parse(revised, () => parseSpecText(revised, 'new'))) as Big;
    expect(second.big).not.toBe(first.big);
    expect(sameAsParse(second, revised)).toBe(true);
  });
});

describe('a diff whose new version shares the old one, JSON or YAML', () => {
  type Change = ReturnType<typeof diffSpecs>[number];
  const shown = (changes: Change[]) => changes.map((c) => `${c.level} ${c.id} @ ${c.location}: ${c.message}`);

  // The same revisions, written as JSON (pretty or not) and as YAML (two widths and indentations).
  const formats = [
    {
      name: 'JSON',
      write: (doc: object, seed: number) => JSON.stringify(doc, null, seed % 2 ? 2 : 0),
      beside: (b: string, basis: { text: string; doc: unknown }) => parseSharing(b, basis, { walkMinChars: 256 }),
    },
    {
      name: 'YAML',
      write: (doc: object, seed: number) =>
        dump(doc, { lineWidth: seed % 2 ? -1 : 80, noRefs: true, indent: seed % 3 ? 2 : 4 }),
      beside: (b: string, basis: { text: string; doc: unknown }) => parseYamlBeside(b, basis, { walkMinChars: 256 }),
    },
  ];
  for (const format of formats) {
    it(`finds the same changes as with the new version parsed whole, both ways (${format.name})`, () => {
      const base = realisticSpec(150_000, 5);
      let changes = 0;
      let kept = 0;
      for (let seed = 1; seed <= 6; seed++) {
        const revised = reviseSpec(base, 1 + seed, seed);
        for (const [x, y] of [
          [base, revised],
          [revised, base],
        ] as const) {
          const [a, b] = [format.write(x, seed), format.write(y, seed)];
          const basis = parseSpecText(a, 'a') as { paths: Record<string, unknown> };
          const shared = format.beside(b, { text: a, doc: basis }) as typeof basis;
          expect(shared).toBeDefined();
          kept += Object.keys(shared.paths).filter((p) => shared.paths[p] === basis.paths[p]).length;
          const whole = parseSpecText(b, 'b') as object;
          expect(sameAsParse(shared, JSON.stringify(whole))).toBe(true);
          const expected = shown(diffSpecs(specFromDocument(basis), specFromDocument(whole)));
          expect(shown(diffSpecs(specFromDocument(basis), specFromDocument(shared)))).toEqual(expected);
          changes += expected.length;
        }
      }
      expect(changes).toBeGreaterThan(20);
      expect(kept).toBeGreaterThan(100);
    });
  }

  it('is what the loader does with a large JSON spec beside its earlier version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-share-'));
    try {
      const base = realisticSpec(1_200_000, 3);
      const revised = reviseSpec(base, 6, 2);
      const [a, b] = [join(dir, 'old.json'), join(dir, 'new.json')];
      await writeFile(a, JSON.stringify(base));
      await writeFile(b, JSON.stringify(revised));
      const parsed = new ParseCache();
      const oldSpec = await loadSpec(a, { parsed, keepText: false });
      const newSpec = await loadSpec(b, { parsed, keepText: false });
      const [o, n] = [oldSpec.files.get(oldSpec.rootKey)!.doc, newSpec.files.get(newSpec.rootKey)!.doc] as {
        paths: Record<string, unknown>;
      }[];
      expect(Object.keys(n!.paths).filter((p) => n!.paths[p] === o!.paths[p]).length).toBeGreaterThan(10);
      expect(shown(diffSpecs(oldSpec, newSpec))).toEqual(
        shown(diffSpecs(specFromDocument(base), specFromDocument(JSON.parse(JSON.stringify(revised))))),
      );
      // A YAML old version is no basis: its document is not what JSON.parse would make of any text.
      const yamlParsed = new ParseCache();
      await writeFile(join(dir, 'old.yaml'), `# yaml\n${JSON.stringify(base)}`);
      const fromYaml = await loadSpec(join(dir, 'old.yaml'), { parsed: yamlParsed, keepText: false });
      const afterYaml = await loadSpec(b, { parsed: yamlParsed, keepText: false });
      const [y, z] = [fromYaml.files.get(fromYaml.rootKey)!.doc, afterYaml.files.get(afterYaml.rootKey)!.doc] as {
        paths: Record<string, unknown>;
      }[];
      expect(Object.keys(z!.paths).some((p) => z!.paths[p] === y!.paths[p])).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
