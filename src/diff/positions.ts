/**
 * Where an element of a spec file stands: its line, for `--format github`.
 * The file is read again with js-yaml (JSON is YAML too), the parser that
 * loaded it, and its listener notes where each node began: a mapping's keys
 * and a sequence's items, in order, which is all a path needs.
 */
import { CORE_SCHEMA, load, type LoadOptions } from 'js-yaml';

export type LineFinder = (text: string, path: readonly (string | number)[]) => number;

/**
 * Files up to 2 Mi characters get exact lines; a larger file's changes are
 * annotated at line 1 (the file is still named), so that a cosmetic never
 * costs the diff's memory or time near its limits.
 */
export const MAX_POSITIONED_TEXT = 2 * 1024 * 1024;

/** As deep as the loader reads YAML (src/diff/load.ts); a deeper file is annotated at line 1. */
const MAX_DEPTH = 1000;

/** A node as the listener saw it: the line it began on, what it composed to, and the nodes composed inside it. */
interface Node {
  readonly line: number;
  result: unknown;
  readonly inner: Node[];
  /** Its steps, worked out the first time a path passes through it. */
  steps?: Positioned;
}

/** A path's steps from one node: for a mapping, each key's line and value node; for a sequence, each item. */
interface Positioned {
  readonly keys?: Map<string, { readonly line: number; readonly value: Node }>;
  readonly items?: readonly Node[];
}

/**
 * A mapping's inner nodes are its keys and values in order. A key with no
 * value (`{a, b: 1}` in flow style) composes one node, not two: a key is
 * followed by its value only when that node is the value the mapping holds.
 */
function pairsOf(node: Node, mapping: Record<string, unknown>): Positioned['keys'] {
  const keys = new Map<string, { line: number; value: Node }>();
  for (let i = 0; i < node.inner.length; i++) {
    const key = node.inner[i]!;
    const value = node.inner[i + 1];
    const name = String(key.result);
    if (value && Object.is(mapping[name], value.result)) {
      if (!keys.has(name)) keys.set(name, { line: key.line, value });
      i++;
    }
  }
  return keys;
}

function positioned(node: Node): Positioned {
  const { result } = node;
  if (Array.isArray(result)) return { items: node.inner.length === result.length ? node.inner : [] };
  if (result !== null && typeof result === 'object') return { keys: pairsOf(node, result as Record<string, unknown>) };
  return {};
}

/** The document's root node, every node's line noted; undefined when the text does not read. */
function parse(text: string): Node | undefined {
  const top: Node = { line: 1, result: undefined, inner: [] };
  const open: Node[] = [top];
  // maxDepth came with js-yaml 4.2; @types/js-yaml does not know it yet.
  const options: LoadOptions & { maxDepth: number } = {
    schema: CORE_SCHEMA,
    maxDepth: MAX_DEPTH,
    // Duplicate keys were refused when the spec was loaded.
    json: true,
    listener(event, state) {
      if (event === 'open') {
        const node: Node = { line: state.line + 1, result: undefined, inner: [] };
        open.at(-1)!.inner.push(node);
        open.push(node);
      } else {
        open.pop()!.result = state.result;
      }
    },
  };
  try {
    load(text, options);
  } catch {
    return undefined;
  }
  return top.inner[0];
}

/** A finder that parses each file once, however many elements of it are asked for. */
export function lineFinder(): LineFinder {
  const parsed = new Map<string, Node | undefined>();
  return (text, path) => {
    if (text.length > MAX_POSITIONED_TEXT) return 1;
    if (!parsed.has(text)) parsed.set(text, parse(text));
    let node = parsed.get(text);
    let line = 1;
    for (const part of path) {
      if (!node) break;
      node.steps ??= positioned(node);
      const { keys, items } = node.steps;
      if (keys) {
        const pair = keys.get(String(part));
        if (!pair) break;
        line = pair.line;
        node = pair.value;
      } else if (items) {
        node = items[Number(part)];
        if (node) line = node.line;
      } else break;
    }
    return line;
  };
}
