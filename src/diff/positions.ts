/** Where an element of a spec file stands: its line, read with the yaml package's source positions (JSON is YAML too). */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export type LineFinder = (text: string, path: readonly (string | number)[]) => number;

/** A finder that parses each file once, however many elements of it are asked for. */
export function lineFinder(): LineFinder {
  const parsed = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();
  return (text, path) => {
    let entry = parsed.get(text);
    if (!entry) {
      const lines = new LineCounter();
      entry = { doc: parseDocument(text, { lineCounter: lines }), lines };
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
