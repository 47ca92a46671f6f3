/**
 * The new version of a large YAML spec shares the old version's unchanged
 * entries (src/diff/share-yaml.ts). What it gives must be what parsing the
 * whole text gives: held here against js-yaml itself on random documents
 * written out in every style js-yaml writes, with comments, blank lines and
 * Windows line ends added, on revisions of them and on texts broken at
 * random; then on the YAML a walk by indentation gets wrong (a quoted or
 * flow scalar across lines, a compact sequence, block scalars, keys that are
 * numbers, anchors and aliases, a repeated key), and on the diff of a
 * realistic spec's revisions.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { type DumpOptions, dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { diffSpecs, loadSpec, specFromDocument } from '../../src/diff/index.js';
import { keysOf } from '../../src/diff/keys.js';
import { ParseCache, parseSpecText, parseYamlBeside } from '../../src/diff/load.js';
import { parseYamlSharing } from '../../src/diff/share-yaml.js';
import { random, realisticSpec, reviseAnywhere as revise, reviseSpec } from '../fixtures/realistic-spec.js';

/** The whole text's parse, or the error it ends in. */
function whole(text: string): { doc: unknown } | { error: unknown } {
  try {
    return { doc: parseSpecText(text, 't') };
  } catch (error) {
    return { error };
  }
}

/** Equal as the diff can see: values, prototypes, and the order of every mapping's keys. */
const same = (x: unknown, y: unknown) => isDeepStrictEqual(x, y) && JSON.stringify(x) === JSON.stringify(y);

/** How often sharing gave a document where the whole text parsed, and how often it gave up: a check that gives up always proves nothing. */
const tally = { shared: 0, gaveUp: 0 };

/** Sharing beside `a` gives what parsing `b` whole gives, or gives up; never anything else. */
function holds(a: string, b: string, walkMinChars = 0): boolean {
  const basis = whole(a);
  if (!('doc' in basis) || basis.doc === null || typeof basis.doc !== 'object') return true;
  const shared = parseYamlBeside(b, { text: a, doc: basis.doc }, { walkMinChars });
  const full = whole(b);
  if (!('doc' in full)) return shared === undefined;
  if (shared === undefined) tally.gaveUp++;
  else tally.shared++;
  return shared === undefined || same(shared, full.doc);
}

const key = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'type',
    '200',
    '0',
    '1.5',
    'null',
    '~',
    'true',
    'y',
    '__proto__',
    'a: b',
    '- x',
    '# c',
    "'q'",
    '"',
    '',
  ),
  fc.string({ maxLength: 6 }),
);
const scalar = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'multi\nline\ntext',
    'k: v\nj: w',
    '  indented\n- item',
    '"quoted"',
    '# not a comment',
    'trailing  \n',
  ),
);
const { doc: docArb } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    tie('doc'),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
  doc: fc.dictionary(key, tie('value'), { minKeys: 1, maxKeys: 6 }),
}));
const styleArb: fc.Arbitrary<DumpOptions> = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  flowLevel: fc.constantFrom(-1, -1, 1, 2, 3),
  lineWidth: fc.constantFrom(-1, 20, 80),
  quotingType: fc.constantFrom("'", '"'),
  forceQuotes: fc.boolean(),
  noArrayIndent: fc.boolean(),
  condenseFlow: fc.boolean(),
});

/** What people add by hand: comment lines (at the margin or indented), blank lines, Windows line ends. */
function handEdited(text: string, seed: number): string {
  const next = random(seed);
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const roll = next();
    if (roll < 0.05) out.push('# a comment');
    else if (roll < 0.08) out.push(`${' '.repeat(Math.floor(next() * 6))}# indented`);
    else if (roll < 0.1) out.push('');
    out.push(line);
  }
  const joined = out.join('\n');
  return next() < 0.2 ? joined.replaceAll('\n', '\r\n') : joined;
}

describe('parsing a YAML revision beside its basis', () => {
  it('gives what parsing it whole gives, on random documents and revisions, in every style js-yaml writes', () => {
    fc.assert(
      fc.property(docArb, styleArb, styleArb, fc.integer({ min: 1, max: 1e6 }), (doc, sa, sb, seed) => {
        const a = dump(doc, sa);
        const b = dump(revise(doc, seed), seed % 3 === 0 ? sb : sa);
        return holds(a, b) && holds(a, b, 40) && holds(b, a);
      }),
      { numRuns: 400 },
    );
    // Most of what js-yaml writes is walked, not given up on (flow styles and multi-line keys are).
    expect(tally.shared).toBeGreaterThan(tally.gaveUp);
  });

  it('gives what parsing it whole gives with comments, blank lines and Windows line ends added', () => {
    fc.assert(
      fc.property(docArb, styleArb, fc.integer({ min: 1, max: 1e6 }), (doc, style, seed) => {
        const a = handEdited(dump(doc, style), seed);
        const b = handEdited(dump(revise(doc, seed), style), seed + 1);
        return holds(a, b) && holds(a, handEdited(dump(doc, style), seed + 2));
      }),
      { numRuns: 250 },
    );
  });

  it('gives what parsing it whole gives, or gives up, on texts broken at random', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom(
          '',
          ' ',
          '  ',
          '\n',
          ':',
          '- ',
          '#',
          '"',
          "'",
          '&x ',
          '*x',
          '|',
          '>',
          '? ',
          '{',
          '[',
          '\t',
          '---\n',
        ),
        (doc, at, cut, insert) => {
          const a = dump(doc, { indent: 2 });
          const i = at % (a.length + 1);
          return holds(a, a.slice(0, i) + insert + a.slice(i + (cut % 4)));
        },
      ),
      { numRuns: 800 },
    );
  });

  const cases: [string, string, string][] = [
    [
      'a double-quoted scalar across lines at the margin',
      'a: {x: 1}\nb: "one\ntwo"\nc: 1\n',
      'a: {x: 1}\nb: "one\nc: 2"\nc: 1\n',
    ],
    ['a single-quoted scalar across lines', "a: 1\nb: 'one\n  two'\n", "a: 1\nb: 'one\n  three'\n"],
    ['a flow sequence across lines at the margin', 'a: [1,\n2]\nb: {x: 1}\n', 'a: [1,\nb: 2]\nb: {x: 1}\n'],
    ['a compact sequence', 'a:\n- 1\n- 2\nb:\n  c: 1\n', 'a:\n- 1\n- 3\nb:\n  c: 1\n'],
    [
      'a block scalar with an indentation indicator',
      'a: |2\n   x\n  y\nb:\n  c: 1\n',
      'a: |2\n   x\n  z\nb:\n  c: 1\n',
    ],
    ['a folded block scalar kept', 'a: >+\n  x\n\nb:\n  c: 1\n', 'a: >+\n  x\n\n\nb:\n  c: 1\n'],
    [
      'keys that are numbers, nulls and booleans',
      '200:\n  x: 1\n~: 2\ntrue: 3\n0x1F: 4\n',
      '200:\n  x: 2\n~: 2\ntrue: 3\n0x1F: 4\n',
    ],
    ['a quoted key and a plain one that name the same', 'a:\n  x: 1\nb: 2\n', '"a":\n  x: 1\nb: 3\n'],
    ['a repeated key', 'a:\n  x: 1\nb: 2\n', 'a:\n  x: 1\nb: 2\na: 3\n'],
    ['an anchor and an alias in the revision', 'a:\n  x: 1\nb: 2\n', 'a: &A\n  x: 1\nb: *A\n'],
    ['an alias to an anchor outside the entry', 'a:\n  x: 1\nb: 2\n', 'a:\n  x: &A 1\nb: *A\n'],
    ['an explicit key', 'a:\n  x: 1\nb: 2\n', '? a\n: 1\nb: 2\n'],
    ['a tag', 'a:\n  x: 1\nb: 2\n', 'a: !!str 1\nb: 2\n'],
    ['a directive', 'a:\n  x: 1\n', '%YAML 1.2\n---\na:\n  x: 1\n'],
    ['a root indented', '  a:\n    x: 1\n  b: 2\n', '  a:\n    x: 1\n  b: 3\n'],
    ['a root that is a sequence', '- a\n- b\n', '- a\n- c\n'],
    ['__proto__ as a key', '__proto__:\n  x: 1\nb: 2\n', '__proto__:\n  x: 1\nb: 3\n'],
    ['a key with a colon inside', 'a:b: 1\nc:\n  d: 1\n', 'a:b: 2\nc:\n  d: 1\n'],
    [
      'a plain scalar on the lines after its key',
      'a:\n  some text\n  more\nb: 1\n',
      'a:\n  some text\n  changed\nb: 1\n',
    ],
    ['a comment after the key', 'a: # c\n  x: 1\nb: 2\n', 'a: # c\n  x: 2\nb: 2\n'],
    ['a tab after the indentation', 'a:\n  x: 1\nb: 2\n', 'a:\n  x:\t1\nb: 2\n'],
    [
      'a double-quoted scalar whose next line reads as a key',
      'a: 1\nb: "one\nk: two"\nc: 1\n',
      'a: 2\nb: "one\nk: two"\nc: 1\n',
    ],
    ['a double-quoted scalar whose next line repeats a key', 'a: 1\nb: "one\na: two"\n', 'a: two"\nb: 2\n'],
    ['a document end that reads as a key', 'a:\n  x: 1\nb: 2\n', 'a:\n  x: 1\n... : 2\n'],
    ['a byte order mark', '\ufeffa:\n  x: 1\nb: 2\n', '\ufeffa:\n  x: 1\nb: 3\n'],
  ];
  for (const [name, a, b] of cases) {
    it(`gives what parsing it whole gives: ${name}`, () => {
      expect(holds(a, b)).toBe(true);
      expect(holds(b, a)).toBe(true);
    });
  }

  it('shares what is unchanged: the same objects, not copies', () => {
    const a = dump({ paths: { '/a': { get: { x: 1 } }, '/b': { get: { w: 2 } } }, c: { s: 'z' } });
    const basis = parseSpecText(a, 'a') as { paths: Record<string, unknown>; c: unknown };
    const b = a.replace('w: 2', 'w: 3');
    const shared = parseYamlBeside(b, { text: a, doc: basis }, { walkMinChars: 0 }) as typeof basis;
    expect(same(shared, parseSpecText(b, 'b'))).toBe(true);
    expect(shared.c).toBe(basis.c);
    expect(shared.paths['/a']).toBe(basis.paths['/a']);
    expect(shared.paths['/b']).not.toBe(basis.paths['/b']);
  });

  it('shares entries whose keys the core schema reads as other strings (True, NULL, 0x1F, 007, a long number)', () => {
    const a = 'True:\n  x: 1\nNULL:\n  y: 1\n0x1F:\n  z: 1\n007: 1\n12345678901234567890: 1\n"q": 1\nb: 2\n';
    const b = a.replace('b: 2', 'b: 3');
    const basis = parseSpecText(a, 'a') as Record<string, unknown>;
    const shared = parseYamlBeside(b, { text: a, doc: basis }, { walkMinChars: 0 }) as Record<string, unknown>;
    expect(shared).toBeDefined();
    expect(same(shared, parseSpecText(b, 'b'))).toBe(true);
    expect(shared.true).toBe(basis.true);
    expect(shared['31']).toBe(basis['31']);
  });

  it("gives up beside a basis that is not its text's parse: a key more, or a key named otherwise", () => {
    const a = 'a:\n  x: 1\nb: 2\n';
    const b = 'a:\n  x: 1\nb: 3\n';
    const doc = parseSpecText(a, 'a') as Record<string, unknown>;
    expect(parseYamlBeside(b, { text: a, doc }, { walkMinChars: 0 })).toBeDefined();
    expect(parseYamlBeside(b, { text: a, doc: { ...doc, c: 1 } }, { walkMinChars: 0 })).toBe(undefined);
    expect(parseYamlBeside(b, { text: a, doc: { z: doc.a, b: 2 } }, { walkMinChars: 0 })).toBe(undefined);
    expect(parseYamlBeside(b, { text: a, doc: null }, { walkMinChars: 0 })).toBe(undefined);
  });

  it('gives up where an entry parsed on its own is not the one pair its key line says', () => {
    const a = 'a:\n  x: 1\nb: 2\n';
    const b = 'a:\n  x: 1\nb: 2\n"c\\u0063": 3\n';
    const doc = parseSpecText(a, 'a');
    const parse = (text: string) => parseSpecText(text, 'entry');
    const right = (text: string) => Object.keys(parseSpecText(`${text}: 0`, 'key') as object)[0]!;
    // A key reader that gets one escaped key wrong, a key the basis does not have: only the entry's own parse can tell.
    const wrong = (text: string) => (text === '"c\\u0063"' ? 'C' : right(text));
    expect(same(parseYamlSharing(b, { text: a, doc }, parse, right, { walkMinChars: 0 }), parseSpecText(b, 'b'))).toBe(
      true,
    );
    expect(parseYamlSharing(b, { text: a, doc }, parse, wrong, { walkMinChars: 0 })).toBe(undefined);
  });

  it('parses a revision that differs nearly everywhere whole: past 10,000 parts on their own it gives up', () => {
    const text = (value: string, n: number) => Array.from({ length: n }, (_, i) => `"k ${i}": ${value}\n`).join('');
    const parsedBeside = (n: number) => {
      const a = text('1', n);
      return parseYamlBeside(text('2', n), { text: a, doc: parseSpecText(a, 'a') }, { walkMinChars: 0 });
    };
    expect(same(parsedBeside(9_000), parseSpecText(text('2', 9_000), 'b'))).toBe(true);
    expect(parsedBeside(11_000)).toBe(undefined);
  });

  it('gives up where the whole text would be refused: nesting at the limit, reached only in place', () => {
    const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const a = 'x:\n  a: 1\n  b: 2\n';
    let refused = 0;
    for (let depth = 990; depth <= 1002; depth++) {
      const b = `x:\n  a: ${nest(depth)}\n  b: 2\n`;
      if (!('doc' in whole(b))) refused++;
      expect(holds(a, b)).toBe(true);
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('gives up where the whole text would be refused: more aliases than allowed across its entries', () => {
    const entries = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `e${i}:\n  a: &A${i} 1\n  b: [${Array(40).fill(`*A${i}`).join(', ')}]\n`,
      ).join('');
    const a = 'x:\n  y: 1\n';
    const b = `x:\n  y: 2\n${entries(3)}`;
    expect(() => parseSpecText(b, 'b')).toThrow(/aliases/);
    expect(parseYamlBeside(b, { text: a, doc: parseSpecText(a, 'a') }, { walkMinChars: 0 })).toBe(undefined);
  });
});

describe('the keys it lists for the diff', () => {
  const names = Array.from({ length: 1_500 }, (_, i) => `p${i}`);
  const text = (keys: string[], changed: string) =>
    `s:\n${keys.map((k) => `  ${JSON.stringify(k)}:\n    v: ${k === changed ? 2 : 1}\n`).join('')}`;
  const variants: [string, string[]][] = [
    ['the same keys', names],
    ['a key added', [...names, 'added']],
    ['a key that is an index, set after others', [...names.slice(0, 5), '10', ...names.slice(5)]],
    ['__proto__ among them', [...names.slice(0, 5), '__proto__', ...names.slice(5)]],
  ];
  for (const [name, keys] of variants) {
    it(`are what Object.keys lists: ${name}, in both documents`, () => {
      const a = text(names, '');
      const basis = parseSpecText(a, 'a') as { s: object };
      const b = text(keys, 'p7');
      const shared = parseYamlBeside(b, { text: a, doc: basis }, { walkMinChars: 0 }) as { s: object };
      expect(same(shared, parseSpecText(b, 'b'))).toBe(true);
      expect(keysOf(shared.s)).toEqual(Object.keys(shared.s));
      expect(keysOf(basis.s)).toEqual(Object.keys(basis.s));
    });
  }
});

describe('a YAML diff whose new version shares the old one', () => {
  type Change = ReturnType<typeof diffSpecs>[number];
  const shown = (changes: Change[]) => changes.map((c) => `${c.level} ${c.id} @ ${c.location}: ${c.message}`);

  it('is what the loader does with a large YAML spec beside its earlier version, and not beside one with anchors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-share-yaml-'));
    try {
      const base = realisticSpec(400_000, 3);
      const revised = reviseSpec(base, 6, 2);
      const files = {
        old: join(dir, 'old.yaml'),
        anchored: join(dir, 'anchored.yaml'),
        new: join(dir, 'new.yaml'),
      };
      await writeFile(files.old, dump(base, { noRefs: true }));
      await writeFile(files.anchored, `${dump(base, { noRefs: true })}x-anchor: &A 1\nx-alias: *A\n`);
      await writeFile(files.new, dump(revised, { noRefs: true }));
      const pathsOf = (spec: Awaited<ReturnType<typeof loadSpec>>) =>
        (spec.files.get(spec.rootKey)!.doc as { paths: Record<string, unknown> }).paths;
      const parsed = new ParseCache();
      const oldSpec = await loadSpec(files.old, { parsed, keepText: false });
      const newSpec = await loadSpec(files.new, { parsed, keepText: false });
      const [o, n] = [pathsOf(oldSpec), pathsOf(newSpec)];
      expect(Object.keys(n).filter((p) => n[p] === o[p]).length).toBeGreaterThan(10);
      expect(shown(diffSpecs(oldSpec, newSpec))).toEqual(
        shown(diffSpecs(specFromDocument(base), specFromDocument(structuredClone(revised)))),
      );
      const withAnchors = new ParseCache();
      const anchoredSpec = await loadSpec(files.anchored, { parsed: withAnchors, keepText: false });
      const afterAnchored = await loadSpec(files.new, { parsed: withAnchors, keepText: false });
      const [p, q] = [pathsOf(anchoredSpec), pathsOf(afterAnchored)];
      expect(Object.keys(q).some((k) => q[k] === p[k])).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
