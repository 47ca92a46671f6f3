/**
 * The scanner behind `validate --har`: it finds the elements of `log.entries`
 * in JSON text however the text is cut into chunks, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { EntriesScanner, NotHarError, type Scanned } from '../../src/evidence/entries-scanner.js';

/** Feeds `text` cut at `cuts` (offsets) and returns every element found. */
function scan(text: string, cuts: readonly number[] = [], maxEntry = 1 << 20): Scanned[] {
  const scanner = new EntriesScanner(maxEntry);
  const bounds = [0, ...cuts, text.length];
  return bounds.slice(1).flatMap((end, i) => scanner.feed(text.slice(bounds[i], end)));
}

const HAR = JSON.stringify({
  log: {
    version: '1.2',
    pages: [{ entries: ['not these'] }],
    creator: { name: 'a "quoted" [name] {with} brackets\\', version: '1' },
    entries: [{ request: { url: 'https://x/?q=]}"' } }, [1, [2, { '"': '\\"' }]], 'a string', 42, null],
    comment: 'after the array',
  },
  entries: ['not these either'],
});
const ELEMENTS = JSON.parse(HAR).log.entries.map((e: unknown) => JSON.stringify(e));

describe('EntriesScanner', () => {
  it('finds exactly the elements of log.entries, strings with brackets, quotes and escapes included', () => {
    expect(scan(HAR).map((s) => ('text' in s ? s.text : s))).toEqual(ELEMENTS);
  });

  it('finds the same elements wherever the text is cut: at every single offset, and a character at a time', () => {
    for (let cut = 1; cut < HAR.length; cut++)
      expect(scan(HAR, [cut]).map((s) => 'text' in s && s.text)).toEqual(ELEMENTS);
    const everyChar = Array.from({ length: HAR.length - 1 }, (_, i) => i + 1);
    expect(scan(HAR, everyChar).map((s) => 'text' in s && s.text)).toEqual(ELEMENTS);
  });

  it('an element over the cap comes out as oversized, whether it ends in its first chunk or a later one', () => {
    const big = JSON.stringify({ log: { entries: [{ a: 'x'.repeat(100) }, { b: 1 }] } });
    for (const cuts of [[], [20], [20, 40, 60]])
      expect(scan(big, cuts, 50)).toEqual([{ oversized: true }, { text: '{"b":1}' }]);
  });

  it('says when log.entries was found and has ended', () => {
    const scanner = new EntriesScanner(1024);
    scanner.feed('{"log":{"entries":[{"a":1}');
    expect([scanner.found, scanner.done]).toEqual([true, false]);
    scanner.feed(']}}');
    expect(scanner.done).toBe(true);
    const none = new EntriesScanner(1024);
    none.feed('{"log":{"version":"1.2"}}');
    expect(none.found).toBe(false);
  });

  it.each([
    ['[1,2,3]', 'its root is not an object'],
    ['hello', 'it is not JSON'],
  ])('refuses %s: %s', (text, reason) => {
    expect(() => scan(text)).toThrow(NotHarError);
    expect(() => scan(text)).toThrow(reason);
  });

  it('reads past a byte-order mark and leading white space', () => {
    expect(scan(`\ufeff \n${HAR}`)).toHaveLength(ELEMENTS.length);
  });
});
