import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examples } from '../../generated/contract.js';
import { exampleConformance } from '../../src/contract/checks/examples.js';

/** Counts every `example` and every entry of `examples` anywhere in a document, independently of the generator. */
function countExamples(node: unknown): number {
  if (!node || typeof node !== 'object') return 0;
  let count = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example') count += 1;
    else if (key === 'examples' && Array.isArray(value)) count += value.length;
    else if (key === 'examples' && value && typeof value === 'object') count += Object.keys(value).length;
    else count += countExamples(value);
  }
  return count;
}

describe('example_conformance', () => {
  it('every example in both specs matches its schema', () => {
    expect(exampleConformance()).toEqual([]);
  });

  it('the generator collects every example the specs hold, none skipped', async () => {
    for (const [key, file] of [
      ['connect-fulfillment', 'spec/connect-fulfillment.openapi.yaml'],
      ['connectid-token', 'spec/connectid-token.openapi.yaml'],
    ] as const) {
      const doc = parse(await readFile(file, 'utf8'));
      expect(examples.filter((e) => e.spec === key)).toHaveLength(countExamples(doc));
    }
  });

  it('covers the OK and the ERROR example of the 200 response', () => {
    const values = examples
      .filter((e) => e.spec === 'connect-fulfillment' && e.pointer.includes('/responses/200/content/'))
      .map((e) => (e.value as { fulfillmentStatus: string }).fulfillmentStatus);
    expect(values.sort()).toEqual(['ERROR', 'OK']);
  });

  it('fails, naming the field, on an example that breaks its schema', () => {
    const broken = examples.map((e) =>
      e.pointer.endsWith('/examples/error') ? { ...e, value: { fulfillmentStatus: 'MAYBE', orderId: '14' } } : e,
    );
    const found = exampleConformance(broken);
    expect(found.map((d) => d.location)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/examples\/error\.fulfillmentStatus$/),
        expect.stringMatching(/examples\/error\.orderId$/),
      ]),
    );
    expect(found.every((d) => d.check === 'example_conformance' && d.severity === 'error')).toBe(true);
  });

  it('fails on an example whose validator is missing', () => {
    const found = exampleConformance([{ spec: 'x', pointer: '#/a', validator: 'nope', value: 1 }]);
    expect(found).toHaveLength(1);
    expect(found[0]!.title).toBe('Example without a validator');
  });
});
