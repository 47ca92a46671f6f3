/**
 * Compares two versions of a schema from one side of the wire. What
 * consumers send (a request) breaks them when it narrows; what they receive (a
 * response, a header, a callback) breaks them when it widens. Each `$ref`
 * target is followed, and each pair of schemas is compared once per site
 * (memoised): a schema shared by many places, or a cycle, costs one
 * comparison, and a change in it is reported at the first place it is met.
 *
 * This file compares: it names each change by its rule id (where the values
 * decide which rule applies, a bound raised or lowered, it picks the rule)
 * and emits it (context.ts). The verdict, breaking or not, is always the
 * rule's, from the table in rules.ts.
 */
import { printable } from '../core/sanitize.js';
import { type Compared, type DiffContext, emit, MAX_ALSO_AT } from './context.js';
import { SpecLoadError } from './load.js';
import { deref, type Handle, obj } from './resolve.js';
import { type SchemaSuffix, siteRule } from './rules.js';
import { compareComposition, compareWrapping } from './schema-composition.js';
import { compareAdditional, compareAssertions, compareProperties } from './schema-objects.js';
import { compareBounds, compareTypes, compareValues } from './schema-values.js';
import { MAX_DEPTH, type Pair, type Place, type SchemaSite, view } from './schema-view.js';

export type { SchemaSite } from './schema-view.js';

export function compareSchemas(
  cx: DiffContext,
  o: Handle,
  n: Handle,
  site: SchemaSite,
  where: string,
  path: string,
): void {
  compare(cx, o, n, site, { where, path, root: true }, 0);
}

export function compare(
  cx: DiffContext,
  oldHandle: Handle,
  newHandle: Handle,
  site: SchemaSite,
  at: Place,
  depth: number,
): void {
  if (++cx.visits > cx.maxVisits)
    throw new SpecLoadError(`the specs take more than ${cx.maxVisits} schema comparisons to compare`);
  if (depth > MAX_DEPTH)
    throw new SpecLoadError(`a schema nests deeper than ${MAX_DEPTH} levels at ${printable(at.path, 120)}`);
  // A pair met before (another place, or a cycle) is not compared again. Only a $ref can lead to a
  // schema twice, so only pairs reached through one are remembered: an inline tree costs no memory.
  // Keyed by site: a component met at a body's root and again under one of its properties is one comparison.
  // Its changes are reported once, where it was first met, and list the other places it is met at (alsoAt).
  // Looked up first: a pair met again is known to differ (the same ones are never remembered), and checking
  // it for sameness again, then viewing both sides (allOf merged, properties indexed), was work for nothing:
  // a fifth of the comparison of a large spec (docs/performance.md, section 7).
  const key = site.root;
  const location = `${at.where} › ${at.path}`;
  const viaRef = typeof obj(oldHandle.node).$ref === 'string' || typeof obj(newHandle.node).$ref === 'string';
  const [oldNode, newNode] = viaRef ? [deref(cx.old, oldHandle).node, deref(cx.new, newHandle).node] : [];
  const remembered = oldNode && typeof oldNode === 'object' && newNode && typeof newNode === 'object';
  const before = remembered ? cx.memo.get(oldNode)?.get(newNode)?.get(key) : undefined;
  if (before) {
    if (before.end > before.start && location !== before.place) {
      if (before.alsoTotal === 0) cx.shared.push(before);
      before.alsoTotal += 1;
      if (before.also.length < MAX_ALSO_AT && !before.also.includes(location)) before.also.push(location);
    }
    return;
  }
  // Two versions that are the same, references included, report nothing: most of a large spec, skipped whole.
  if (cx.sameness.same(oldHandle, newHandle)) return;
  let compared: Compared | undefined;
  if (remembered) {
    let inner = cx.memo.get(oldNode);
    if (!inner) {
      inner = new WeakMap();
      cx.memo.set(oldNode, inner);
    }
    let sites = inner.get(newNode);
    if (!sites) {
      sites = new Map();
      inner.set(newNode, sites);
    }
    compared = { start: cx.out.length, end: -1, place: location, also: [], alsoTotal: 0 };
    sites.set(key, compared);
  }
  const o = view(cx.old, oldHandle, depth);
  const n = view(cx.new, newHandle, depth);
  const s = at.root ? site.root : site.nested;
  const emitFamily = (suffix: SchemaSuffix, message: string, anchor: Handle = n.h) =>
    emit(cx, siteRule(s, suffix), location, message, anchor);

  const pair: Pair = { cx, o, n, site, at, depth, emitFamily };
  if (!compareWrapping(pair, oldHandle, newHandle)) compareStructure(pair);
  // The changes this comparison reported are out[start, end): what a later meeting elsewhere lists itself under.
  if (compared) compared.end = cx.out.length;
}

/** Everything but wrapping: types, values, bounds, composition, properties, additional properties, items. */
function compareStructure(pair: Pair): void {
  const { cx, o, n, site, at, depth, emitFamily } = pair;
  compareTypes(o, n, emitFamily);
  compareValues(o.k, n.k, emitFamily);
  compareBounds(o.k, n.k, emitFamily);
  compareComposition(pair);
  compareProperties(pair);
  compareAdditional(pair);
  compareAssertions(pair);
  if (o.items || n.items) {
    // Absent items admit anything, as an empty schema does.
    const items = { where: at.where, path: `${at.path}[]`, root: false };
    compare(cx, o.items ?? { ...o.h, node: {} }, n.items ?? { ...n.h, node: {} }, site, items, depth + 1);
  }
}
