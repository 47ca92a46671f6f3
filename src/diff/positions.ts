/** Where an element of a spec file stands: its line, read with the yaml package's source positions (JSON is YAML too). */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export type LineFinder = (text: string, path: readonly (string | number)[]) => number;

/**
 * Files up to 2 Mi characters get exact lines. The yaml package's syntax tree
 * takes about 65 bytes of memory per byte of source, so a larger file's
 * changes are annotated at line 1 (the file is still named) rather than risk
 * the diff's memory limit for a cosmetic.
 */
export const MAX_POSITIONED_TEXT = 2 * 1024 * 1024;

/** A finder that parses each file once, however many elements of it are asked for. */
export function lineFinder(): LineFinder {
  const parsed = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();
  return (text, path) => {
    if (text.length > MAX_POSITIONED_TEXT) return 1;
    let entry = parsed.get(text);
    if (!entry) {
      const lines = new LineCounter();
      // Duplicate keys were refused when the spec was loaded; checking them again here is quadratic.
      entry = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false }), lines };
      parsed.set(text, entry);
    }
    const { doc, lines } = entry;
    const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
    let node: unknown = doc.contents;
    let line = 1;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(part));
        if (!pair) break;
        line = lineAt((pair.key as { range?: [number] }).range?.[0]) ?? line;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(part)] as { range?: [number] } | undefined;
        if (!item) break;
        line = lineAt(item.range?.[0]) ?? line;
        node = item;
      } else break;
    }
    return line;
  };
}
