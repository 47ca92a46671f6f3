/**
 * A union (`anyOf`, `oneOf`) is judged by what it accepts, not by which
 * branch moved. Branches are matched by the reference as written, then by
 * content once references are resolved (a renamed or extracted schema is the
 * same branch), and an `anyOf` branch that another branch of the same list
 * already accepts (the *open enum*: `anyOf: [{type: string}, {type: string,
 * enum: [...]}]`) adds or removes nothing, so it is left out of the comparison.
 */
import type { LoadedSpec } from './load.js';
import { deref, type Handle, obj, type Obj } from './resolve.js';

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

/** A branch as written: its reference, or its content as it stands. */
export function writtenKey(h: Handle): string | undefined {
  const ref = obj(h.node).$ref;
  if (typeof ref === 'string') return `$ref ${ref}`;
  const text = JSON.stringify(h.node) ?? 'undefined';
  return text.length > MAX_CONTENT_CHARS ? undefined : `json ${text}`;
}

/** A branch by what it accepts: its target's content, references resolved one level, annotations left out. */
export function contentKey(spec: LoadedSpec, h: Handle): string | undefined {
  const node = obj(deref(spec, h).node);
  const kept = Object.fromEntries(Object.entries(node).filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith('x-')));
  const text = canonical(kept);
  return text.length > MAX_CONTENT_CHARS ? undefined : text;
}

const typeList = (k: Obj): string[] | undefined =>
  typeof k.type === 'string'
    ? [k.type]
    : Array.isArray(k.type) && k.type.every((t) => typeof t === 'string')
      ? (k.type as string[])
      : undefined;

/**
 * Whether `wide` accepts every value `narrow` accepts, decided only where it
 * is plain: `wide` says nothing but its type(s) (annotations aside), and
 * `narrow` declares types that are all among them (integer within number).
 */
export function subsumes(wideSpec: LoadedSpec, wide: Handle, narrowSpec: LoadedSpec, narrow: Handle): boolean {
  const wideNode = obj(deref(wideSpec, wide).node);
  const narrowNode = obj(deref(narrowSpec, narrow).node);
  if (!Object.keys(wideNode).every((key) => key === 'type' || ANNOTATIONS.has(key) || key.startsWith('x-')))
    return false;
  const [wideTypes, narrowTypes] = [typeList(wideNode), typeList(narrowNode)];
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
