/**
 * Parses a YAML text that is a revision of another YAML text already parsed
 * (the new version of a spec, beside the old one), sharing the old version's
 * parsed values wherever an entry of a block mapping is the same text in
 * both: share.ts's idea for JSON, for the YAML most specs are written in.
 * Parsing YAML costs about ten times what parsing JSON does, and between two
 * releases of a spec nearly every path and schema is unchanged.
 *
 * A block mapping's entries are found from the lines' indentation alone: an
 * entry starts at a line indented as far as the mapping's keys, and runs to
 * the next one; blank lines, comment lines and lines indented further belong
 * to it, as does a compact sequence (`- ` at the keys' own indentation).
 * Matched by key with the old version's entries, an entry that is the same
 * text in both is the old version's value; a large nested block mapping that
 * differs is walked in turn; any other entry is parsed on its own, with the
 * same parser, schema and limits as the whole text would have been.
 *
 * That is what parsing the whole text gives only where an entry means the
 * same on its own as in place, so this gives up (answers `undefined`, and the
 * text is parsed whole as before) wherever it might not:
 * - the old version used an anchor (an entry could then lean on one defined
 *   elsewhere);
 * - a line where an entry should start does not read as a key (an explicit
 *   `?` key, a flow mapping, a directive, a document marker);
 * - the old version's entries, as found here, are not exactly its parsed
 *   mapping's keys (a quoted or flow scalar spanning lines at the keys'
 *   indentation would make that so);
 * - the new version repeats a key, or an entry parsed on its own fails, or
 *   parses to anything but one pair with the key found here.
 * The old version's text is one js-yaml parsed whole, with no anchor: an
 * entry's value there depends on its own text and indentation only, and an
 * entry of the new version with the same text at the same place has the same
 * value.
 *
 * The work a text can cause is bounded: mappings are walked 16 deep at most,
 * and past 10,000 entries parsed on their own (or keys that only the parser
 * can read) it gives up, so a revision that differs everywhere costs little
 * more than parsing it whole.
 */
import { keysOf, mayBeIndex, rememberKeys } from './keys.js';
import { MAX_PARTS, ownKey } from './share.js';

/** Entries smaller than this are parsed on their own when they differ: walking them would cost more than it shares. */
const WALK_MIN_CHARS = 2_048;
/** Mappings walked inside one another, at most. */
const MAX_WALK_DEPTH = 16;

class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

/** The parser of one entry's text, with the limits of the whole text's (aliases counted across calls). */
export type ParseEntry = (text: string) => unknown;

interface Entry {
  readonly key: string;
  /** The entry's lines: from its key's line to the next entry's (exclusive). */
  readonly first: number;
  readonly last: number;
  /** For an entry whose value is a block mapping on the lines after it: its first key's line, and its indentation. */
  readonly inner?: { readonly line: number; readonly indent: number };
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;

/** A plain key that js-yaml's core schema reads as the same string: no null, boolean, number, or indicator. */
const PLAIN_STRING_KEY = /^[A-Za-z_/$][\w/{}.$-]*$/;
const NOT_STRINGS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/** A quoted key with nothing to unescape: in double quotes no backslash, in single quotes no quote. */
const QUOTED_AS_WRITTEN = /^(?:"[^"\\]*"|'[^']*')$/;
/** A decimal integer the core schema reads back as written (a response code): no sign, no leading zero, exact. */
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * A text's lines, read once: where each starts, and how far its content is
 * indented (-1 for a blank or comment line). Each mapping walked reads the
 * lines of its own entries again, so they are not scanned character by
 * character more than once.
 */
class Lines {
  readonly text: string;
  readonly starts: Int32Array;
  readonly indents: Int32Array;

  constructor(text: string) {
    this.text = text;
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) count++;
    this.starts = new Int32Array(count + 1);
    this.indents = new Int32Array(count);
    let line = 0;
    for (let start = 0; line < count; line++) {
      this.starts[line] = start;
      let i = start;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      this.indents[line] = i >= text.length || c === NEWLINE || c === CR || c === HASH ? -1 : i - start;
      const n = text.indexOf('\n', i);
      start = n < 0 ? text.length : n + 1;
    }
    this.starts[count] = text.length;
  }

  /** Where line `n`'s content starts. */
  at(n: number): number {
    return this.starts[n]! + this.indents[n]!;
  }

  /** Whether line `n`'s content is a sequence item (`-` then a space or the end of the line). */
  item(n: number): boolean {
    const i = this.at(n);
    const after = this.text.charCodeAt(i + 1);
    return (
      this.text.charCodeAt(i) === DASH &&
      (i + 1 >= this.text.length || after === SPACE || after === NEWLINE || after === CR)
    );
  }

  /** The text of lines `first` to `last` (exclusive). */
  slice(first: number, last: number): string {
    return this.text.slice(this.starts[first], this.starts[last]);
  }
}

/**
 * The entries of the block mapping whose keys are indented by `indent`, in
 * lines `first` to `last` (exclusive); `keyOf` turns a key's text into the key.
 */
function entries(lines: Lines, first: number, last: number, indent: number, keyOf: (text: string) => string): Entry[] {
  const found: { key: string; line: number; rest: number }[] = [];
  const { indents } = lines;
  for (let n = first; n < last; n++) {
    const column = indents[n]!;
    // Blank and comment lines belong to the entry before them.
    if (column < 0) continue;
    if (column < indent) unsure();
    // Indented further, or a compact sequence (`- ` at the keys' own indentation): the value of the key before it.
    if (column > indent || lines.item(n)) {
      if (found.length === 0) unsure();
      continue;
    }
    const { key, rest } = keyAt(lines.text, lines.at(n), lines.starts[n + 1]!, keyOf);
    found.push({ key, line: n, rest });
  }
  return found.map((f, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.line : last;
    return { key: f.key, first: f.line, last: end, ...inner(lines, f.line, f.rest, end, indent) };
  });
}

/** The key whose text starts at `i`, and where what follows its `:` starts. */
function keyAt(t: string, i: number, eol: number, keyOf: (text: string) => string): { key: string; rest: number } {
  const c = t.charCodeAt(i);
  let close: number;
  if (c === 0x22 || c === 0x27) {
    // A quoted key on one line: to its closing quote ("\"" escapes in double quotes, '' in single ones).
    let j = i + 1;
    for (;;) {
      j = t.indexOf(c === 0x22 ? '"' : "'", j);
      if (j < 0 || j >= eol) return unsure();
      if (c === 0x22) {
        let b = j - 1;
        while (t.charCodeAt(b) === 0x5c) b--;
        if (((j - 1 - b) & 1) === 0) break;
        j++;
      } else if (t.charCodeAt(j + 1) === 0x27) j += 2;
      else break;
    }
    close = j + 1;
    while (t.charCodeAt(close) === SPACE) close++;
    if (t.charCodeAt(close) !== 0x3a) unsure();
  } else {
    // A plain key: to the first ": " (or ":" at the end of the line).
    close = i;
    for (;;) {
      close = t.indexOf(':', close);
      if (close < 0 || close >= eol) return unsure();
      const after = t.charCodeAt(close + 1);
      if (close + 1 >= eol || after === SPACE || after === NEWLINE || after === CR) break;
      close++;
    }
  }
  return { key: keyOf(t.slice(i, close).trimEnd()), rest: close + 1 };
}

/**
 * Where the block mapping an entry's value is starts, when it is one: nothing
 * after the `:` but a comment, and the first line after that holds more than
 * a comment is indented further and is no sequence item.
 */
function inner(lines: Lines, line: number, rest: number, last: number, indent: number): { inner?: Entry['inner'] } {
  const t = lines.text;
  let i = rest;
  while (t.charCodeAt(i) === SPACE) i++;
  const c = t.charCodeAt(i);
  if (i < lines.starts[line + 1]! && c !== NEWLINE && c !== CR && !(c === HASH && t.charCodeAt(i - 1) === SPACE))
    return {};
  for (let n = line + 1; n < last; n++) {
    const column = lines.indents[n]!;
    if (column < 0) continue;
    if (column <= indent || lines.item(n)) return {};
    return { inner: { line: n, indent: column } };
  }
  return {};
}

interface Walk {
  readonly a: Lines;
  readonly b: Lines;
  readonly parse: ParseEntry;
  readonly keyOf: (text: string) => string;
  readonly walkMinChars: number;
  /** Entries parsed on their own so far, and keys read by the parser (keyOf) rather than as written. */
  parts: number;
}

interface Range {
  readonly first: number;
  readonly last: number;
  readonly indent: number;
}

function mapping(w: Walk, aNode: unknown, aRange: Range, bRange: Range, depth: number): Record<string, unknown> {
  // Not an object (the basis is not its text's parse): Object.hasOwn throws, and the walk gives up.
  const aObject = aNode as Record<string, unknown>;
  const aEntries = entries(w.a, aRange.first, aRange.last, aRange.indent, w.keyOf);
  // The old version's entries as found here must be exactly its mapping's keys.
  const byKey = new Map<string, Entry>();
  for (const e of aEntries) {
    if (byKey.has(e.key) || !Object.hasOwn(aObject, e.key)) unsure();
    byKey.set(e.key, e);
  }
  if (byKey.size !== keysOf(aObject).length) unsure();
  const node: Record<string, unknown> = {};
  const seen = new Set<string>();
  const bEntries = entries(w.b, bRange.first, bRange.last, bRange.indent, w.keyOf);
  // No entry at all: an empty document (null), not an empty mapping.
  if (bEntries.length === 0) unsure();
  const { a, b } = w;
  for (const e of bEntries) {
    // The whole text parsed would refuse a repeated key: it decides.
    if (seen.has(e.key)) unsure();
    seen.add(e.key);
    const twin = byKey.get(e.key);
    const [start, end] = [b.starts[e.first]!, b.starts[e.last]!];
    let value: unknown;
    if (
      twin !== undefined &&
      a.starts[twin.last]! - a.starts[twin.first]! === end - start &&
      b.text.startsWith(a.slice(twin.first, twin.last), start)
    )
      value = aObject[e.key];
    else if (twin?.inner && e.inner && end - start >= w.walkMinChars && depth < MAX_WALK_DEPTH)
      value = mapping(
        w,
        aObject[e.key],
        { first: twin.inner.line, last: twin.last, indent: twin.inner.indent },
        { first: e.inner.line, last: e.last, indent: e.inner.indent },
        depth + 1,
      );
    else {
      if (++w.parts > MAX_PARTS) unsure();
      const parsed = w.parse(b.text.slice(start, end));
      const keys = parsed !== null && typeof parsed === 'object' ? Object.keys(parsed) : [];
      if (keys.length !== 1 || keys[0] !== e.key) unsure();
      value = (parsed as Record<string, unknown>)[e.key];
    }
    ownKey(node, e.key, value);
  }
  // Keys that are no array index are listed in the order they were set, and none is repeated here: that is what
  // Object.keys will list, so the diff need not (keys.ts; the basis's keys were listed, and kept, above).
  if (!bEntries.some((e) => mayBeIndex(e.key))) rememberKeys(node, [...seen]);
  return node;
}

/**
 * The document `parse(text)` would give, sharing `basis.doc`'s values where
 * `text` holds an entry the same as `basis.text` at the same place;
 * `undefined` when unsure (the caller then parses the text whole).
 * `basis.doc` must be what the same parser made of `basis.text`, and that
 * parse must have met no anchor.
 */
export function parseYamlSharing(
  text: string,
  basis: { readonly text: string; readonly doc: unknown },
  parse: ParseEntry,
  keyOf: (text: string) => string,
  { walkMinChars = WALK_MIN_CHARS }: { readonly walkMinChars?: number } = {},
): unknown {
  try {
    const walk: Walk = { a: new Lines(basis.text), b: new Lines(text), parse, keyOf: key, walkMinChars, parts: 0 };
    function key(t: string): string {
      if (PLAIN_STRING_KEY.test(t) ? !NOT_STRINGS.test(t) : QUOTED_AS_WRITTEN.test(t))
        return t.length > 0 && (t[0] === '"' || t[0] === "'") ? t.slice(1, -1) : t;
      if (DECIMAL.test(t)) return t;
      if (++walk.parts > MAX_PARTS) unsure();
      return keyOf(t);
    }
    const { a, b } = walk;
    return mapping(
      walk,
      basis.doc,
      { first: 0, last: a.indents.length, indent: 0 },
      { first: 0, last: b.indents.length, indent: 0 },
      0,
    );
  } catch {
    return undefined;
  }
}
