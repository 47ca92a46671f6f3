/**
 * Large YAML nodes with no `$ref` inside are noted as the parser composes them
 * (src/diff/quiet.ts, load.ts), and the sameness walk takes such a node to be
 * the same as itself without walking it (same.ts). Held here: what is noted
 * (never a node with a reference, an alias, or a key that reads as `$ref`
 * inside, at any depth), the height noted against the nesting, and that the
 * diff of a spec against itself still walks, and still stops at, a broken
 * reference, and still gives up where a walk would go too deep.
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs, SpecLoadError, specFromDocument } from '../../src/diff/index.js';
import { parseSpecText } from '../../src/diff/load.js';
import { QUIET_MIN_NODES, quietHeight } from '../../src/diff/quiet.js';
import { Sameness } from '../../src/diff/same.js';

type Obj = Record<string, unknown>;

/** A YAML schema's properties, `count` of them (six nodes each), the one at `at` written as `special`. */
function propertiesYaml(count: number, at = -1, special = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`    p${i}:`);
    lines.push(i === at ? special : `      type: string\n      maxLength: ${i}`);
  }
  return lines.join('\n');
}

const spec = (properties: string, extra = '') => `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/S"}
components:
  schemas:
${extra}    S:
      type: object
      properties:
${properties.replaceAll(/^/gm, '    ')}
`;

const propertiesOf = (doc: unknown) =>
  ((doc as Obj).components as { schemas: { S: { properties: Obj } } }).schemas.S.properties;

describe('large nodes noted as holding no reference', () => {
  const count = Math.ceil(QUIET_MIN_NODES / 6) + 10;

  it('notes a large schema with no $ref inside, with a height no less than its levels', () => {
    const doc = parseSpecText(spec(propertiesYaml(count)), 'x');
    const height = quietHeight(propertiesOf(doc));
    expect(height).toBeGreaterThanOrEqual(2);
    // The document holds references, so it is not noted; a small property is not worth noting.
    expect(quietHeight(doc as object)).toBe(undefined);
    expect(quietHeight(propertiesOf(doc).p1 as object)).toBe(undefined);
  });

  const inside: [string, string][] = [
    ['a $ref two levels down', '      type: object\n      properties:\n        a: {$ref: "#/components/schemas/S"}'],
    ['a $ref key quoted', '      "$ref": "#/components/schemas/S"'],
    ['a $ref key escaped', '      "\\x24ref": "#/components/schemas/S"'],
    ['a sequence key whose one item is $ref', '      ? [$ref]\n      : "#/components/schemas/S"'],
    ['an alias', '      type: object\n      properties: *shared'],
  ];
  for (const [name, special] of inside) {
    it(`never notes a node with ${name} inside`, () => {
      const extra = '    Shared: &shared\n      a: {type: string}\n';
      const doc = parseSpecText(spec(propertiesYaml(count, 7, special), extra), 'x');
      expect(quietHeight(propertiesOf(doc))).toBe(undefined);
    });
  }

  it('notes the height of what nests deep inside, so that a walk that would go too deep is not skipped', () => {
    // 300 levels of nesting under one property, inside a large node: the walk from it would pass its limit (200).
    const deep = `      x: ${'['.repeat(300)}1${']'.repeat(300)}`;
    const doc = parseSpecText(spec(propertiesYaml(count, 3, deep)), 'x');
    const properties = propertiesOf(doc);
    expect(quietHeight(properties)).toBeGreaterThan(300);
    const one = specFromDocument(doc, 'x');
    const file = one.rootKey;
    // Against itself: a walk gives up past the limit ("not known to be the same"), and so must the shortcut.
    expect(new Sameness(one, one).sameNodes(file, properties, file, properties)).toBe(false);
    const shallow = parseSpecText(spec(propertiesYaml(count)), 'x');
    const other = specFromDocument(shallow, 'x');
    const node = propertiesOf(shallow);
    expect(new Sameness(other, other).sameNodes(other.rootKey, node, other.rootKey, node)).toBe(true);
  });

  it('still stops a diff of a spec against itself at a broken reference inside a large node', () => {
    const broken = '      type: object\n      properties:\n        a: {$ref: "#/components/schemas/Missing"}';
    const doc = parseSpecText(spec(propertiesYaml(count, 11, broken)), 'x') as object;
    expect(() => diffSpecs(doc, doc)).toThrow(SpecLoadError);
    expect(() => diffSpecs(doc, doc)).toThrow(/Missing/);
  });

  it('finds the same changes with the shortcut as with every part compared in full', () => {
    const before = parseSpecText(spec(propertiesYaml(count)), 'old') as object;
    const after = parseSpecText(spec(propertiesYaml(count, 5, '      type: integer')), 'new') as object;
    for (const [a, b] of [
      [before, before],
      [before, after],
      [after, before],
    ] as const) {
      const shown = (changes: ReturnType<typeof diffSpecs>) => changes.map((c) => `${c.id} ${c.location}`);
      expect(shown(diffSpecs(a, b))).toEqual(shown(diffSpecs(a, b, { skipUnchanged: false })));
    }
    expect(diffSpecs(before, after).length).toBeGreaterThan(0);
  });
});
