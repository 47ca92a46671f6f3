/**
 * Compares composition: oneOf and anyOf branches matched and judged by what
 * the union accepts (union.ts), allOf members added or removed, and a schema
 * wrapped into a union or unwrapped from one. It names each change by its rule
 * suffix; the verdict is the rule table's (rules.ts).
 */
import type { LoadedSpec } from './load.js';
import { child, deref, type Handle, obj } from './resolve.js';
import { annotationOnly, json, type Pair } from './schema-view.js';
import { compare } from './schema.js';
import {
  ANNOTATIONS,
  contentKey,
  decidingBranches,
  matchBranches,
  membershipChanges,
  subsumes,
  writtenKey,
} from './union.js';

const branchName = (h: Handle) => {
  const ref = obj(h.node).$ref;
  return typeof ref === 'string'
    ? ref
    : typeof obj(h.node).title === 'string'
      ? json(obj(h.node).title)
      : typeof h.key === 'number'
        ? String(h.key + 1)
        : `#${String(h.key)}`;
};

/** The two unions and their rules' stem. Counted with an index: see schema-view.ts on the baseline tier. */
const UNIONS = [
  ['oneOf', 'one-of'],
  ['anyOf', 'any-of'],
] as const;

export function compareComposition(pair: Pair): void {
  const { cx, o, n, site, at, depth, emitFamily } = pair;
  for (let u = 0; u < UNIONS.length; u++) {
    const key = UNIONS[u]![0];
    const stem = UNIONS[u]![1];
    if (o[key].length === 0 && n[key].length === 0) continue;
    // From none to some branches is a new constraint, and back; between lists, branches come and go.
    if (o[key].length === 0 && n[key].length > 0) {
      emitFamily(`${stem}-introduced`, `${key} of ${n[key].map(branchName).join(', ')} added`, child(n.h, key));
      continue;
    }
    if (o[key].length > 0 && n[key].length === 0) {
      emitFamily(`${stem}-dropped`, `${key} of ${o[key].map(branchName).join(', ')} removed`);
      continue;
    }
    // What the union accepts decides: a branch another branch already accepts is left out on both sides.
    const { pairs, added, removed } = matchBranches(
      cx,
      decidingBranches(cx.old, key, o[key]),
      decidingBranches(cx.new, key, n[key]),
    );
    for (const h of added) emitFamily(`${stem}-added`, `${key} branch ${branchName(h)} added`, h);
    for (const h of removed) emitFamily(`${stem}-removed`, `${key} branch ${branchName(h)} removed`);
    for (const [a, b] of pairs) {
      compare(
        cx,
        a,
        b,
        site,
        { where: at.where, path: `${at.path}(${key} branch ${branchName(b)})`, root: at.root },
        depth + 1,
      );
    }
  }
  // allOf members are merged into the view (their properties compared as one object); here, membership.
  const { added, removed } = membershipChanges(cx, o.allOf, n.allOf);
  for (const h of added)
    if (!annotationOnly(deref(cx.new, h).node)) emitFamily('all-of-added', `allOf member ${branchName(h)} added`, h);
  for (const h of removed)
    if (!annotationOnly(deref(cx.old, h).node)) emitFamily('all-of-removed', `allOf member ${branchName(h)} removed`);
}

/** A schema that only composes: a oneOf or anyOf and annotations, nothing of its own that constrains. */
const onlyComposes = (node: unknown, key: 'oneOf' | 'anyOf') =>
  Object.keys(obj(node)).every((k) => k === key || k === 'discriminator' || ANNOTATIONS.has(k) || k.startsWith('x-'));
const isNullBranch = (spec: LoadedSpec, branch: Handle) => {
  const schema = obj(deref(spec, branch).node);
  return schema.type === 'null' && Object.keys(schema).every((key) => key === 'type' || ANNOTATIONS.has(key));
};

/**
 * A schema wrapped into a oneOf or anyOf that keeps it as a branch
 * (`X` to `oneOf: [X, {type: 'null'}]`, the 3.1 way to make a reference
 * nullable), or unwrapped again: compared as `oneOf: [X]` against the list, so
 * the kept branch is compared with X and only the other branches are changes.
 * A `{type: 'null'}` branch is nullability. Returns whether it applied.
 */
export function compareWrapping(pair: Pair, oldHandle: Handle, newHandle: Handle): boolean {
  const { cx, o, n, site, at, depth, emitFamily } = pair;
  for (let u = 0; u < UNIONS.length; u++) {
    const key = UNIONS[u]![0];
    const stem = UNIONS[u]![1];
    const wrapped = o[key].length === 0 && n[key].length > 0 && onlyComposes(n.h.node, key);
    const unwrapped = n[key].length === 0 && o[key].length > 0 && onlyComposes(o.h.node, key);
    if (!wrapped && !unwrapped) continue;
    const [single, branches, branchSpec] = wrapped
      ? ([oldHandle, n[key], cx.new] as const)
      : ([newHandle, o[key], cx.old] as const);
    const singleSpec = wrapped ? cx.old : cx.new;
    const written = writtenKey(single);
    const content = contentKey(singleSpec, single);
    // The branch that stands for the single schema: written the same, the same content, or the plain type around it.
    const kept =
      branches.find((b) => written !== undefined && writtenKey(b) === written) ??
      branches.find((b) => content !== undefined && contentKey(branchSpec, b) === content) ??
      branches.find((b) =>
        wrapped ? subsumes(branchSpec, b, singleSpec, single) : subsumes(singleSpec, single, branchSpec, b),
      );
    if (!kept) return false;
    const pair: [Handle, Handle] = wrapped ? [single, kept] : [kept, single];
    compare(cx, pair[0], pair[1], site, at, depth + 1);
    for (const other of branches) {
      if (other === kept) continue;
      if (isNullBranch(branchSpec, other)) {
        emitFamily(
          wrapped ? 'became-nullable' : 'became-not-nullable',
          wrapped ? 'may now be null' : 'may no longer be null',
        );
      } else if (wrapped) {
        emitFamily(`${stem}-added`, `${key} branch ${branchName(other)} added`, other);
      } else {
        emitFamily(`${stem}-removed`, `${key} branch ${branchName(other)} removed`);
      }
    }
    return true;
  }
  return false;
}
