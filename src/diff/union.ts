/**
 * A union (`anyOf`, `oneOf`) is judged by what it accepts, not by which
 * branch moved. Branches are matched by the reference as written, then by
 * content once references are resolved (a renamed or extracted schema is the
 * same branch), and an `anyOf` branch that another branch of the same list
 * already accepts (the *open enum*: `anyOf: [{type: string}, {type: string,
 * enum: [...]}]`) adds or removes nothing, so it is left out of the comparison.
 */
import type { LoadedSpec } from './load.js';
import { child, deref, type Handle, obj, type Obj } from './resolve.js';

/** Keywords that change no value's validity: left out of a branch's content. */
export const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'deprecated',
  'externalDocs',
  'xml',
  '$comment',
  'readOnly',
  'writeOnly',
]);

/** A branch's content longer than this is not compared as text: it is matched by reference or position only. */
const MAX_CONTENT_CHARS = 10_000;

/** JSON with object keys sorted, so that the same content written in another order reads the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Keys worked out before, by node: a union is met at every place its schema
 * is, and writing a branch out as text each time cost a quarter of a large
 * diff (docs/performance.md, section 7). The documents never change.
 */
const written = new WeakMap<object, string | undefined>();
const contents = new WeakMap<LoadedSpec, WeakMap<object, string | undefined>>();

/** A branch as written: its reference, or its content as it stands. */
export function writtenKey(h: Handle): string | undefined {
  const ref = obj(h.node).$ref;
  if (typeof ref === 'string') return `$ref ${ref}`;
  const node = h.node;
  if (node !== null && typeof node === 'object' && written.has(node)) return written.get(node);
  const text = JSON.stringify(node) ?? 'undefined';
  const key = text.length > MAX_CONTENT_CHARS ? undefined : `json ${text}`;
  if (node !== null && typeof node === 'object') written.set(node, key);
  return key;
}

/** A branch by what it accepts: its target's content, references resolved one level, annotations left out. */
export function contentKey(spec: LoadedSpec, h: Handle): string | undefined {
  const target = deref(spec, h).node;
  let known = contents.get(spec);
  if (!known) {
    known = new WeakMap();
    contents.set(spec, known);
  }
  if (target !== null && typeof target === 'object' && known.has(target)) return known.get(target);
  const node = obj(target);
  const kept = Object.fromEntries(Object.entries(node).filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith('x-')));
  const text = canonical(kept);
  const key = text.length > MAX_CONTENT_CHARS ? undefined : text;
  if (target !== null && typeof target === 'object') known.set(target, key);
  return key;
}

const typeList = (k: Obj): string[] | undefined =>
  typeof k.type === 'string'
    ? [k.type]
    : Array.isArray(k.type) && k.type.every((t) => typeof t === 'string')
      ? (k.type as string[])
      : undefined;

/** How deep subsumption follows references and nested unions: far beyond real specs, and a cycle stops there. */
const MAX_SUBSUMPTION_DEPTH = 16;

/** Only these keywords (and annotations, and extensions) are present. */
const only = (node: Obj, keys: readonly string[]) =>
  Object.keys(node).every((key) => keys.includes(key) || ANNOTATIONS.has(key) || key.startsWith('x-'));

const jsonType = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value;

/** The types a schema's values can have, when its type, enum or const says so plainly. */
function typesOf(node: Obj): string[] | undefined {
  const declared = typeList(node);
  if (declared) return declared;
  if (Array.isArray(node.enum) && node.enum.length > 0) return [...new Set(node.enum.map(jsonType))];
  if ('const' in node) return [jsonType(node.const)];
  return undefined;
}

/** The branches of a union written on its own (annotations aside), or undefined. */
function unionBranches(h: Handle, node: Obj, key: 'anyOf' | 'oneOf'): Handle[] | undefined {
  const list = node[key];
  if (!Array.isArray(list) || !only(node, [key])) return undefined;
  return list.map((_, i) => child(child(h, key), i));
}

/**
 * Whether `wide` accepts every value `narrow` accepts, decided only where it
 * is plain, through references and nested unions at any depth:
 * - `wide` is an anyOf of its own: one of its branches accepts all of `narrow`;
 * - `narrow` is an anyOf or oneOf of its own: `wide` accepts each branch;
 * - `wide` says nothing but its type(s), and every value `narrow` can have
 *   (by its type, or the values of its enum or const) is among them
 *   (integer within number).
 * So an open enum stays open however it is written: `anyOf: [$ref to a schema
 * that is itself anyOf [string, enum], enum]` accepts any string.
 */
export function subsumes(
  wideSpec: LoadedSpec,
  wide: Handle,
  narrowSpec: LoadedSpec,
  narrow: Handle,
  depth = 0,
): boolean {
  if (depth > MAX_SUBSUMPTION_DEPTH) return false;
  const wideAt = deref(wideSpec, wide);
  const narrowAt = deref(narrowSpec, narrow);
  const [wideNode, narrowNode] = [obj(wideAt.node), obj(narrowAt.node)];
  const narrowBranches = unionBranches(narrowAt, narrowNode, 'anyOf') ?? unionBranches(narrowAt, narrowNode, 'oneOf');
  if (narrowBranches)
    return narrowBranches.every((branch) => subsumes(wideSpec, wideAt, narrowSpec, branch, depth + 1));
  const wideBranches = unionBranches(wideAt, wideNode, 'anyOf');
  if (wideBranches) return wideBranches.some((branch) => subsumes(wideSpec, branch, narrowSpec, narrowAt, depth + 1));
  if (!only(wideNode, ['type'])) return false;
  const [wideTypes, narrowTypes] = [typeList(wideNode), typesOf(narrowNode)];
  if (!wideTypes || !narrowTypes) return false;
  return narrowTypes.every((t) => wideTypes.includes(t) || (t === 'integer' && wideTypes.includes('number')));
}

/**
 * The branches of an anyOf that decide what it accepts: a branch another one
 * subsumes is left out (the first of two equal ones stays). A oneOf keeps all:
 * there a value matching two branches is refused, so no branch is idle.
 */
export function decidingBranches(spec: LoadedSpec, key: 'anyOf' | 'oneOf', branches: readonly Handle[]): Handle[] {
  if (key === 'oneOf' || branches.length < 2) return [...branches];
  return branches.filter(
    (h, i) =>
      !branches.some(
        (other, j) =>
          j !== i &&
          subsumes(spec, other, spec, h) &&
          // Two branches that subsume each other are equal: the earlier one stays.
          (!subsumes(spec, h, spec, other) || j < i),
      ),
  );
}

/**
 * What `matchBranches` finds added and removed, for a list whose pairs are
 * not compared (allOf membership: the members' keywords are compared merged,
 * in the view). When the references match as written and as many inline
 * members are on each side, nothing is added or removed whatever the inline
 * members hold: matchBranches would pair them all (by text, by content, or as
 * edited members, in order), so none is written out as text here.
 */
export function membershipChanges(
  specs: { readonly old: LoadedSpec; readonly new: LoadedSpec },
  oldHs: readonly Handle[],
  newHs: readonly Handle[],
): { readonly added: readonly Handle[]; readonly removed: readonly Handle[] } {
  if (oldHs.length === newHs.length) {
    const refs = (hs: readonly Handle[]) =>
      hs
        .map((h) => obj(h.node).$ref)
        .filter((r): r is string => typeof r === 'string')
        .sort();
    const [before, after] = [refs(oldHs), refs(newHs)];
    if (before.length === after.length && before.every((r, i) => r === after[i])) return { added: [], removed: [] };
  }
  const { added, removed } = matchBranches(specs, oldHs, newHs);
  return { added, removed };
}

/**
 * Pairs old and new branches: by reference as written, then by content after
 * resolving references, then the rest in order when as many inline ones were
 * added as removed (an edited branch, not a new one).
 */
export function matchBranches(
  specs: { readonly old: LoadedSpec; readonly new: LoadedSpec },
  oldHs: readonly Handle[],
  newHs: readonly Handle[],
) {
  const removed = [...oldHs];
  const added: Handle[] = [];
  const pairs: [Handle, Handle][] = [];
  const take = (h: Handle, same: (o: Handle) => boolean) => {
    const i = removed.findIndex(same);
    if (i < 0) return false;
    pairs.push([removed.splice(i, 1)[0]!, h]);
    return true;
  };
  const unmatched: Handle[] = [];
  for (const h of newHs) {
    const key = writtenKey(h);
    if (!(key !== undefined && take(h, (o) => writtenKey(o) === key))) unmatched.push(h);
  }
  for (const h of unmatched) {
    const key = contentKey(specs.new, h);
    if (!(key !== undefined && take(h, (o) => contentKey(specs.old, o) === key))) added.push(h);
  }
  const inline = (h: Handle) => typeof obj(h.node).$ref !== 'string';
  if (added.length === removed.length && added.every(inline) && removed.every(inline)) {
    pairs.push(...removed.map((o, i): [Handle, Handle] => [o, added[i]!]));
    return { pairs, added: [], removed: [] };
  }
  return { pairs, added, removed };
}
