/**
 * Parses a JSON text that is a revision of another JSON text already parsed
 * (the new version of a spec, beside the old one), sharing the old version's
 * parsed values wherever the two texts hold the same text at the same place.
 *
 * Between two releases of a large spec nearly every path and schema is
 * unchanged, character for character; parsing the new version whole built a
 * second copy of all of them (two copies of a 19 MiB spec were most of a
 * diff's peak memory, and the second parse a third of its time). Here the old
 * version's text and the new one's are walked side by side, container by
 * container: a member whose value is the same text in both is the old
 * version's value, a large container that differs is walked in turn, and
 * anything else is parsed from its own text with `JSON.parse`.
 *
 * The result is what `JSON.parse(text)` gives, in every respect the diff can
 * see: the same keys in the same order, the same values (`__proto__` as an own
 * key, a repeated key's last value in its first place). Only identity
 * differs: a shared value is one object in both documents, which the diff
 * already allows (a spec diffed against itself is parsed once; ParseCache);
 * and an object of a megabyte or more read in step with the old version's
 * may be that object seen with a few values replaced (a proxy that reads as a
 * plain object and refuses changes; objectInStep, sharedView), so that the
 * largest objects are not held twice.
 * Whenever it is not sure, it gives up and answers `undefined`, and the text
 * is parsed whole as before: a text that is not JSON (the caller then tries
 * YAML, and reports what fails), a basis that repeats a key (its parsed object
 * then holds the last value, not necessarily the one at the place compared),
 * nesting past what it walks.
 *
 * Why the pieces compose: a value shared is text identical to a complete value
 * of the basis, which parsed; a value not shared is handed to `JSON.parse`
 * whole, which checks it; and what lies between values (whitespace, `:`, `,`,
 * brackets) is checked here against JSON's grammar. Objects, arrays and
 * strings end at their own closing character, so text that starts with the
 * whole of such a value from the basis holds exactly that value there.
 * Numbers and literals are parsed, not shared: `12` is the start of `123`,
 * and taking it for the basis's `12` would be caught by the grammar after it
 * (`3` is no `,`), but only by giving up on the whole text.
 */
import { mayBeIndex, rememberKeys, rememberSettled, SETTLED_MAX_CHARS } from './keys.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Containers smaller than this are parsed whole when they differ: walking them would cost more than it shares. */
const WALK_MIN_CHARS = 2_048;
/** The first piece of a run of the same text compared beyond what a member needs, in characters (sameRun). */
const RUN_MIN_CHARS = 64;
/**
 * Objects whose text in the basis is at least this long are first read as the
 * basis's own object with some values replaced (objectInStep): no second copy
 * of their keys is built unless they part ways.
 */
const IN_STEP_MIN_CHARS = 1 << 20;
/**
 * Containers walked inside one another, at most; deeper ones that differ are
 * parsed whole. Each level walked reads its part of the basis once more, so
 * this bounds the work a text built to hurt can cause at 16 readings of it.
 */
const MAX_WALK_DEPTH = 16;

/**
 * Parts of one text parsed on their own, at most: a revision that differs
 * nearly everywhere (reformatted, say) gives up after these, so that parsing
 * it in parts never costs much more than parsing it whole.
 */
export const MAX_PARTS = 10_000;

/** Thrown inside, to give up: the caller parses the text whole. */
class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The position of the first character at or after `i` that is not JSON whitespace. */
function skipSpace(t: string, i: number): number {
  while (i < t.length && isSpace(t.charCodeAt(i))) i++;
  return i;
}

/** The end (exclusive) of the string whose opening quote is at `i`: the next quote not escaped. */
function stringEnd(t: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = t.indexOf('"', from);
    if (q < 0) return unsure();
    let b = q - 1;
    while (t.charCodeAt(b) === BACKSLASH) b--;
    // An even number of backslashes before it (none included): the quote is not escaped.
    if (((q - 1 - b) & 1) === 0) return q + 1;
    from = q + 1;
  }
}

/**
 * The end (exclusive) of the value that starts at `i` (no whitespace before
 * it), for well-formed JSON; for text that is not, some end, and `JSON.parse`
 * of the span (or the grammar around it) then fails. Iterative: a value may
 * nest thousands of levels.
 */
function valueEnd(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === QUOTE) return stringEnd(t, i);
  if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) {
    // A number or a literal: up to the first character that may follow a value.
    let j = i;
    for (; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || isSpace(d)) break;
    }
    return j;
  }
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const d = t.charCodeAt(j);
    if (d === QUOTE) j = stringEnd(t, j) - 1;
    else if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
    else if ((d === CLOSE_OBJECT || d === CLOSE_ARRAY) && --depth === 0) return j + 1;
  }
  return unsure();
}

/** The key a member's name text stands for: the text itself unless it holds an escape or a character JSON refuses raw. */
function keyOf(t: string, start: number, end: number): string {
  for (let i = start + 1; i < end - 1; i++) {
    const c = t.charCodeAt(i);
    if (c === BACKSLASH || c < 0x20) return JSON.parse(t.slice(start, end)) as string;
  }
  return t.slice(start + 1, end - 1);
}

/** One member of an object as the text holds it: its name's span and its value's. */
interface Member {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Reads the member whose name starts at `i` (after whitespace): checks the `:` and finds the value's end. */
function memberAt(t: string, i: number): Member {
  if (t.charCodeAt(i) !== QUOTE) unsure();
  const keyEnd = stringEnd(t, i);
  const colon = skipSpace(t, keyEnd);
  if (t.charCodeAt(colon) !== COLON) unsure();
  const valueStart = skipSpace(t, colon + 1);
  if (valueStart >= t.length) unsure();
  return { keyStart: i, keyEnd, valueStart, valueEnd: valueEnd(t, valueStart) };
}

/** After a member or an element: the position past its `,` and whitespace, or -1 at the container's close. */
function next(t: string, i: number, close: number): number {
  const j = skipSpace(t, i);
  const c = t.charCodeAt(j);
  if (c === close) return -1;
  if (c !== COMMA) unsure();
  return skipSpace(t, j + 1);
}

function sameText(a: string, aStart: number, aEnd: number, b: string, bStart: number): boolean {
  return b.startsWith(a.slice(aStart, aEnd), bStart);
}

/** The largest piece of text compared at once while a run of the same text is extended (a larger one compared slower here). */
const RUN_MAX_CHUNK = 65_536;

/**
 * A run of the same text at the same place in both, in an object read in
 * step: b's text from `start` up to `same` is a's from `start + delta`.
 * Measured only as far as its members need, in pieces that double (native
 * compares, no copy): a run as long as the rest of the text costs a few
 * hundred compares, and one that ends at the next member one compare.
 */
interface Run {
  delta: number;
  same: number;
  chunk: number;
}

/** Whether b's text from `bi` up to `need` is a's from `bi + delta`: the run extended that far if it is. */
function sameRun(a: string, b: string, run: Run, ai: number, bi: number, need: number, first: number): boolean {
  // Past the run, it starts again here. Up to its end both texts were read alike, so the two are still at the same
  // distance; where the space after a member is longer in one, the run ends where the other's next member starts,
  // and the first compare from there fails (a quote against a space).
  if (bi > run.same) {
    run.delta = ai - bi;
    run.same = bi;
    run.chunk = first;
  }
  const limit = Math.min(b.length, a.length - run.delta);
  while (run.same < need) {
    const needed = need - run.same;
    const length = Math.min(Math.max(needed, run.chunk), limit - run.same);
    if (length < needed) return false;
    if (!sameText(a, run.same + run.delta, run.same + run.delta + length, b, run.same)) {
      // Something differs within the piece, maybe only past this member: it is read as if it differed.
      run.chunk = first;
      return false;
    }
    run.same += length;
    run.chunk = Math.min(run.chunk * 2, RUN_MAX_CHUNK);
  }
  return true;
}

export const ownKey = (node: Record<string, unknown>, key: string, value: unknown) => {
  // JSON.parse makes "__proto__" an own key; assigning it would set the prototype instead.
  if (key === '__proto__')
    Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
  else node[key] = value;
};

interface Walk {
  readonly a: string;
  readonly b: string;
  readonly walkMinChars: number;
  /** The first piece of a run of the same text compared beyond what a member needs (sameRun). */
  readonly runMinChars: number;
  /** Objects at least this long in the basis are first read in step (objectInStep). */
  readonly inStepMinChars: number;
  /** Parts parsed on their own so far. */
  parts: number;
  /**
   * The basis's objects whose keys the walk read in step, with those keys:
   * handed to the diff (keys.ts) only once the whole walk has held, since an
   * object of the basis outlives a walk that gives up.
   */
  readonly basisKeys: [object, string[]][];
  /** New objects read in step with the basis's to the end, with the basis's and their open members (keys.ts), likewise. */
  readonly settled: [object, object, string[], number[]][];
}

/** Where the basis next holds `$ref` and a backslash, at or after where each was last looked for (-1: not yet). */
interface Marks {
  ref: number;
  escape: number;
}

/**
 * Whether the basis's member text from `start` to `end` holds no `$ref`, no
 * escape (which could spell one) and is short enough to nest only shallowly
 * (keys.ts, rememberSettled). Each mark is searched for again only once passed:
 * across an object, each search covers its text once.
 */
function settledText(a: string, marks: Marks, start: number, end: number): boolean {
  if (end - start > SETTLED_MAX_CHARS) return false;
  if (marks.ref < start) {
    const at = a.indexOf('$ref', start);
    marks.ref = at < 0 ? a.length : at;
  }
  if (marks.escape < start) {
    const at = a.indexOf('\\', start);
    marks.escape = at < 0 ? a.length : at;
  }
  return marks.ref >= end && marks.escape >= end;
}

/**
 * The value of `b` at `bStart` (a container of the same kind as the basis's
 * value at `aStart`, which parsed to `aValue`), and where it ends in `b`.
 */
function container(
  w: Walk,
  aValue: unknown,
  aStart: number,
  aLength: number,
  bStart: number,
  depth: number,
): [unknown, number] {
  if (w.b.charCodeAt(bStart) === OPEN_ARRAY) return array(w, aValue as unknown[], aStart, bStart, depth);
  const aNode = aValue as Record<string, unknown>;
  if (aLength < w.inStepMinChars) return object(w, aNode, aStart, bStart, depth);
  const read = objectInStep(w, aNode, aStart, bStart, depth);
  // Where the premise fails, the members read so far are kept, and the object is read on member by member.
  return Array.isArray(read) ? read : object(w, aNode, aStart, bStart, depth, read);
}

/** The value of one member or element of `b`: shared from the basis, walked, or parsed whole. */
function value(w: Walk, aValue: unknown, am: Member | undefined, bStart: number, depth: number): [unknown, number] {
  const { a, b } = w;
  if (am !== undefined) {
    const first = a.charCodeAt(am.valueStart);
    const length = am.valueEnd - am.valueStart;
    if (
      (first === OPEN_OBJECT || first === OPEN_ARRAY || first === QUOTE) &&
      sameText(a, am.valueStart, am.valueEnd, b, bStart)
    )
      return [aValue, bStart + length];
    if (
      (first === OPEN_OBJECT || first === OPEN_ARRAY) &&
      b.charCodeAt(bStart) === first &&
      length >= w.walkMinChars &&
      depth < MAX_WALK_DEPTH &&
      aValue !== null &&
      typeof aValue === 'object'
    )
      return container(w, aValue, am.valueStart, length, bStart, depth + 1);
  }
  const end = valueEnd(b, bStart);
  if (++w.parts > MAX_PARTS) unsure();
  return [JSON.parse(b.slice(bStart, end)), end];
}

/** What objectInStep read before its premise failed: the first `count` members, up to `ai` and `bi`. */
interface InStep {
  readonly count: number;
  /** The values that differ from the basis's, by key. */
  readonly replaced: ReadonlyMap<string, unknown>;
  /** The indices of the members not known to be the basis's own (keys.ts). */
  readonly open: number[];
  readonly ai: number;
  readonly bi: number;
  readonly end: number;
}

/**
 * A large object read on the premise that both texts hold its members in the
 * same order under the same keys, as between two revisions of one schema.
 * Members in a run of the same text are not even cut into keys: the basis's
 * object already holds them. Only the values that differ are kept, and the
 * result is the basis's object seen with those values replaced (sharedView),
 * or a plain copy when most of them differ; its keys are the basis's, listed
 * once (`Object.keys` of the basis). Where the premise fails (a key that
 * differs, a member more or fewer, a key the basis repeats, told by its object
 * holding fewer keys than the members read), what was read so far is handed
 * to object, which cuts those members' keys from the basis's text and reads on
 * member by member, deciding as it always did. No value is walked or parsed
 * twice: only the basis's text of the members already read is scanned again,
 * for their keys, which keeps the walk within its bound (MAX_WALK_DEPTH).
 */
function objectInStep(
  w: Walk,
  aNode: Record<string, unknown>,
  aStart: number,
  bStart: number,
  depth: number,
): [unknown, number] | InStep {
  const { a, b } = w;
  let ai = skipSpace(a, aStart + 1);
  if (a.charCodeAt(ai) === CLOSE_OBJECT) ai = -1;
  let bi = skipSpace(b, bStart + 1);
  if (b.charCodeAt(bi) === CLOSE_OBJECT) bi = -1;
  let end = bStart + 1;
  let count = 0;
  const replaced = new Map<string, unknown>();
  const run: Run = { delta: 0, same: -1, chunk: w.runMinChars };
  const open: number[] = [];
  const marks: Marks = { ref: -1, escape: -1 };
  const readSoFar = (): InStep => ({ count, replaced, open, ai, bi, end });
  while (bi >= 0) {
    if (ai < 0) return readSoFar();
    const m = memberAt(a, ai);
    const delta = ai - bi;
    if (m.valueEnd < a.length && sameRun(a, b, run, ai, bi, m.valueEnd - delta + 1, w.runMinChars)) {
      // The member and the character after it are the same text at the same place: the basis's own member.
      if (!settledText(a, marks, m.keyStart, m.valueEnd)) open.push(count);
      count++;
      ai = next(a, m.valueEnd, CLOSE_OBJECT);
      end = m.valueEnd - delta;
      bi = next(b, end, CLOSE_OBJECT);
      continue;
    }
    if (b.charCodeAt(bi) !== QUOTE) unsure();
    const bKeyEnd = stringEnd(b, bi);
    // The same name, written the same way, in the same place, or the premise fails.
    if (m.keyEnd - m.keyStart !== bKeyEnd - bi || !sameText(b, bi, bKeyEnd, a, m.keyStart)) return readSoFar();
    const key = keyOf(b, bi, bKeyEnd);
    const colon = skipSpace(b, bKeyEnd);
    if (b.charCodeAt(colon) !== COLON) unsure();
    const bValue = skipSpace(b, colon + 1);
    if (bValue >= b.length) unsure();
    const was = aNode[key];
    const [v, after] = value(w, was, m, bValue, depth);
    // Object.is: -0 is not the basis's 0.
    if (!Object.is(v, was)) replaced.set(key, v);
    open.push(count);
    count++;
    ai = next(a, m.valueEnd, CLOSE_OBJECT);
    end = after;
    bi = next(b, after, CLOSE_OBJECT);
  }
  if (ai >= 0) return readSoFar();
  // Every member read was the basis's at the same place; as many keys as members: none repeated, so each key's
  // one value is the one compared (a container walked beside it was walked beside the right one).
  const keys = Object.keys(aNode);
  if (keys.length !== count) return readSoFar();
  let node: Record<string, unknown>;
  if (replaced.size === 0) node = aNode;
  else if (replaced.size * 2 <= count) node = sharedView(aNode, replaced);
  else {
    node = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      ownKey(node, key, replaced.has(key) ? replaced.get(key) : aNode[key]);
    }
  }
  rememberKeys(node, keys);
  w.basisKeys.push([aNode, keys]);
  // Object.keys lists array indices first: then the members' places are not the list's, and nothing is noted.
  if (node !== aNode && !(keys.length > 0 && mayBeIndex(keys[0]!))) w.settled.push([node, aNode, keys, open]);
  return [node, skipSpace(b, end) + 1];
}

/** Refused: a parsed document never changes, and this one's object is the older version's too. */
const refuse = () => false;

/**
 * The basis's object with the values under some of its keys replaced: the
 * same keys in the same order, each other value the basis's own. Reading it
 * reads as a plain object does (keys, descriptors, values, `in`, JSON);
 * changing it is refused, as it would change the basis.
 */
function sharedView(basis: Record<string, unknown>, replaced: ReadonlyMap<string, unknown>): Record<string, unknown> {
  return new Proxy(basis, {
    get: (target, key, receiver) =>
      typeof key === 'string' && replaced.has(key) ? replaced.get(key) : Reflect.get(target, key, receiver),
    getOwnPropertyDescriptor(target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      if (descriptor !== undefined && typeof key === 'string' && replaced.has(key))
        descriptor.value = replaced.get(key);
      return descriptor;
    },
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
    setPrototypeOf: refuse,
    preventExtensions: refuse,
  });
}

function object(
  w: Walk,
  aNode: Record<string, unknown>,
  aStart: number,
  bStart: number,
  depth: number,
  /** The members objectInStep read before its premise failed. */
  inStep?: InStep,
): [unknown, number] {
  const { a, b } = w;
  // The basis's members in order, read as the walk needs them; all of them (by key) once the two part ways.
  let ai = skipSpace(a, aStart + 1);
  if (a.charCodeAt(ai) === CLOSE_OBJECT) ai = -1;
  let byKey: Map<string, Member> | undefined;
  const node: Record<string, unknown> = {};
  let bi = skipSpace(b, bStart + 1);
  if (b.charCodeAt(bi) === CLOSE_OBJECT) bi = -1;
  let end = bStart + 1;
  // The keys as set, while they are what Object.keys will list (keys.ts): so that the diff need not list them.
  let keys: string[] | undefined = [];
  // While in step, the run of the same text the members read lie in.
  const run: Run = { delta: 0, same: -1, chunk: w.runMinChars };
  // The indices of the members in `keys` not taken from the basis by a run of text with no reference (keys.ts).
  let open: number[] = [];
  const marks: Marks = { ref: -1, escape: -1 };
  if (inStep !== undefined) {
    // Each member read in step was the basis's at the same place: its key is cut from the basis's text, and its
    // value is the one read, checked as the loop below checks a member read in step.
    let mi = skipSpace(a, aStart + 1);
    for (let i = 0; i < inStep.count; i++) {
      const m = memberAt(a, mi);
      const key = keyOf(a, m.keyStart, m.keyEnd);
      if (Object.hasOwn(node, key)) unsure();
      if (keys !== undefined) {
        if (mayBeIndex(key)) keys = undefined;
        else keys.push(key);
      }
      ownKey(node, key, inStep.replaced.has(key) ? inStep.replaced.get(key) : aNode[key]);
      mi = next(a, m.valueEnd, CLOSE_OBJECT);
    }
    open = inStep.open;
    ({ ai, bi, end } = inStep);
  }
  while (bi >= 0) {
    // The basis's member at `ai`, once read.
    let aMember: Member | undefined;
    if (byKey === undefined && ai >= 0) {
      aMember = memberAt(a, ai);
      const m = aMember;
      const delta = ai - bi;
      if (m.valueEnd < a.length && sameRun(a, b, run, ai, bi, m.valueEnd - delta + 1, w.runMinChars)) {
        // The member and the character after it are the same text at the same place in both: the same key, and
        // the same value (a number too: the same text followed by the same character). No key repeated so far
        // in step, as below; the basis's value under it is the one parsed from this place unless the basis
        // repeats the key later, which the walk finds as it reads on (here, or by key).
        const key = keyOf(a, m.keyStart, m.keyEnd);
        if (Object.hasOwn(node, key)) unsure();
        if (keys !== undefined) {
          if (mayBeIndex(key)) keys = undefined;
          else {
            keys.push(key);
            if (!settledText(a, marks, m.keyStart, m.valueEnd)) open.push(keys.length - 1);
          }
        }
        ownKey(node, key, aNode[key]);
        ai = next(a, m.valueEnd, CLOSE_OBJECT);
        end = m.valueEnd - delta;
        bi = next(b, end, CLOSE_OBJECT);
        continue;
      }
    }
    if (b.charCodeAt(bi) !== QUOTE) unsure();
    const bKeyEnd = stringEnd(b, bi);
    const key = keyOf(b, bi, bKeyEnd);
    const colon = skipSpace(b, bKeyEnd);
    if (b.charCodeAt(colon) !== COLON) unsure();
    const bValue = skipSpace(b, colon + 1);
    if (bValue >= b.length) unsure();
    let am: Member | undefined;
    if (byKey === undefined && ai >= 0) {
      const m = aMember ?? memberAt(a, ai);
      ai = next(a, m.valueEnd, CLOSE_OBJECT);
      // The same name, written the same way, in the same place: the members correspond.
      if (m.keyEnd - m.keyStart === bKeyEnd - bi && sameText(b, bi, bKeyEnd, a, m.keyStart)) am = m;
      else byKey = members(a, aStart);
    } else if (byKey === undefined) byKey = members(a, aStart);
    if (byKey !== undefined) am = byKey.get(key);
    // A key repeated in step is repeated in the basis at the same place: its object holds the last value, and a
    // container walked at an earlier place was walked beside the wrong object. Given up, as JSON.parse decides.
    if (byKey === undefined && Object.hasOwn(node, key)) unsure();
    const [v, after] = value(w, am === undefined ? undefined : aNode[key], am, bValue, depth);
    if (keys !== undefined) {
      if (mayBeIndex(key) || Object.hasOwn(node, key)) keys = undefined;
      else open.push(keys.push(key) - 1);
    }
    ownKey(node, key, v);
    end = after;
    bi = next(b, after, CLOSE_OBJECT);
  }
  if (keys !== undefined) {
    rememberKeys(node, keys);
    // Read in step to the end of both, the basis named the same keys in the same order, none repeated.
    if (byKey === undefined && ai < 0) {
      w.basisKeys.push([aNode, keys]);
      w.settled.push([node, aNode, keys, open]);
    }
  }
  // A basis that repeats a key holds its last value under it, so a value compared at an earlier place may not be
  // the one shared. Read by key, members() gives up on a repeated key. Read in step to the end of both, the two
  // name the same keys in the same places: a key's last place is the same in both, and the value there, shared
  // or not, is the one the new object keeps (a repeated key's last value), as JSON.parse keeps it. Read in step to
  // the end of the new text only, the rest of the basis may repeat a key met before: it is read by key too.
  if (byKey === undefined && ai >= 0) members(a, aStart);
  return [node, skipSpace(b, end) + 1];
}

/** Every member of the basis's object at `aStart`, by key; unsure if it repeats a key. */
function members(a: string, aStart: number): Map<string, Member> {
  const byKey = new Map<string, Member>();
  let ai = skipSpace(a, aStart + 1);
  if (a.charCodeAt(ai) === CLOSE_OBJECT) return byKey;
  while (ai >= 0) {
    const m = memberAt(a, ai);
    const key = keyOf(a, m.keyStart, m.keyEnd);
    if (byKey.has(key)) unsure();
    byKey.set(key, m);
    ai = next(a, m.valueEnd, CLOSE_OBJECT);
  }
  return byKey;
}

function array(w: Walk, aNode: unknown[], aStart: number, bStart: number, depth: number): [unknown, number] {
  const { a, b } = w;
  let ai = skipSpace(a, aStart + 1);
  if (a.charCodeAt(ai) === CLOSE_ARRAY) ai = -1;
  const node: unknown[] = [];
  let bi = skipSpace(b, bStart + 1);
  if (b.charCodeAt(bi) === CLOSE_ARRAY) bi = -1;
  let end = bStart + 1;
  while (bi >= 0) {
    let am: Member | undefined;
    if (ai >= 0) {
      const valueStart = ai;
      const valueEnd_ = valueEnd(a, ai);
      am = { keyStart: -1, keyEnd: -1, valueStart, valueEnd: valueEnd_ };
      ai = next(a, valueEnd_, CLOSE_ARRAY);
    }
    const [v, after] = value(w, am === undefined ? undefined : aNode[node.length], am, bi, depth);
    node.push(v);
    end = after;
    bi = next(b, after, CLOSE_ARRAY);
  }
  return [node, skipSpace(b, end) + 1];
}

/**
 * `JSON.parse(text)`, sharing `basis.doc`'s values where `text` holds the
 * same text as `basis.text` at the same place; `undefined` when unsure (the
 * caller then parses the text whole). `basis.doc` must be `JSON.parse(basis.text)`.
 */
export function parseSharing(
  text: string,
  basis: { readonly text: string; readonly doc: unknown },
  /** Tests walk small containers too, to reach every path through the walk with small texts. */
  {
    walkMinChars = WALK_MIN_CHARS,
    runMinChars = RUN_MIN_CHARS,
    inStepMinChars = IN_STEP_MIN_CHARS,
  }: { readonly walkMinChars?: number; readonly runMinChars?: number; readonly inStepMinChars?: number } = {},
): unknown {
  try {
    const [aStart, bStart] = [skipSpace(basis.text, 0), skipSpace(text, 0)];
    const first = text.charCodeAt(bStart);
    if (
      (first !== OPEN_OBJECT && first !== OPEN_ARRAY) ||
      basis.text.charCodeAt(aStart) !== first ||
      basis.doc === null ||
      typeof basis.doc !== 'object'
    )
      return undefined;
    const walk: Walk = {
      a: basis.text,
      b: text,
      walkMinChars,
      runMinChars,
      inStepMinChars,
      parts: 0,
      basisKeys: [],
      settled: [],
    };
    const [doc, end] = container(walk, basis.doc, aStart, basis.text.length - aStart, bStart, 0);
    if (skipSpace(text, end) !== text.length) return undefined;
    for (const [node, keys] of walk.basisKeys) rememberKeys(node, keys);
    for (const [node, basis, keys, open] of walk.settled) rememberSettled(node, basis, keys, open);
    return doc;
  } catch {
    return undefined;
  }
}
