/** Compares two versions of an OpenAPI document, path by path and operation by operation. */
import { type LoadedSpec, specFromDocument } from './load.js';
import {
  compareCallbacks,
  compareParameters,
  compareRequestBody,
  compareResponses,
  METHODS,
  templateOf,
} from './operations.js';
import { child, type Handle, obj, rootOf } from './resolve.js';
import { type Change, RULES } from './rules.js';
import { type DiffContext, emit, MAX_ALSO_AT, MAX_VISITS } from './context.js';
import { compareOperationSecurity, compareSecuritySchemes, compareServers } from './security.js';
import { type DeprecationPolicy, LifecycleJudge, operationLifecycle } from './lifecycle.js';

const operations = (item: Handle) =>
  METHODS.filter((m) => obj(item.node)[m] !== undefined && obj(item.node)[m] !== null);

const isLoaded = (spec: unknown): spec is LoadedSpec =>
  typeof spec === 'object' && spec !== null && (spec as Partial<LoadedSpec>).files instanceof Map;

/**
 * The changes from one version to the next. Each is a `LoadedSpec` (from
 * `loadSpec`, which resolves references into other files and keeps source
 * lines) or a parsed OpenAPI document, read as a spec of one file.
 */
export interface DiffOptions extends DeprecationPolicy {
  /**
   * The most schema comparisons one diff may make; past it, a SpecLoadError.
   * Each pair of schemas is compared once per site, so real specs stay far below.
   * @default 1,000,000
   */
  readonly maxComparisons?: number;
}

export function diffSpecs(
  oldVersion: LoadedSpec | object,
  newVersion: LoadedSpec | object,
  options: DiffOptions = {},
): Change[] {
  const oldSpec = isLoaded(oldVersion) ? oldVersion : specFromDocument(oldVersion, '(old)');
  const newSpec = isLoaded(newVersion) ? newVersion : specFromDocument(newVersion, '(new)');
  const maxVisits = options.maxComparisons ?? MAX_VISITS;
  const cx: DiffContext = {
    old: oldSpec,
    new: newSpec,
    out: [],
    visits: 0,
    maxVisits,
    memo: new WeakMap(),
    shared: [],
    lifecycle: new LifecycleJudge(options),
  };
  compareServers(cx);
  compareSecuritySchemes(cx);
  const oldPaths = child(rootOf(oldSpec), 'paths');
  const newPaths = child(rootOf(newSpec), 'paths');
  const byTemplate = new Map(Object.keys(obj(newPaths.node)).map((p) => [templateOf(p), p]));
  const seen = new Set<string>();
  for (const path of Object.keys(obj(oldPaths.node))) {
    const item = child(oldPaths, path);
    const nextPath = byTemplate.get(templateOf(path));
    if (nextPath === undefined) {
      // Each operation of the path judged by its own deprecation and sunset; the path's verdict is the worst of them.
      const verdicts = operations(item).map((m) => cx.lifecycle.removal(obj(child(item, m).node), true));
      const worst = verdicts.find((v) => RULES[v.id][0] === 'breaking') ??
        verdicts[0] ?? { id: 'api-path-removed-without-deprecation' as const, message: 'removed' };
      emit(cx, worst.id, path, `${path} ${worst.message}`, newPaths);
      continue;
    }
    seen.add(nextPath);
    const next = child(newPaths, nextPath);
    for (const method of METHODS) {
      const where = `${method.toUpperCase()} ${nextPath}`;
      const [had, has] = [operations(item).includes(method), operations(next).includes(method)];
      if (has && !had) emit(cx, 'endpoint-added', where, 'new operation', child(next, method));
      if (!had) continue;
      const ops = { old: child(item, method), new: child(next, method) };
      if (!has) {
        const verdict = cx.lifecycle.removal(obj(ops.old.node), false);
        emit(cx, verdict.id, where, `${where} ${verdict.message}`, next);
        continue;
      }
      for (const found of operationLifecycle(cx.lifecycle, obj(ops.old.node), obj(ops.new.node)))
        emit(cx, found.id, where, found.message, ops.new);
      compareOperationSecurity(cx, ops, where);
      compareParameters(cx, { old: item, new: next }, ops, { old: path, new: nextPath }, where);
      compareRequestBody(cx, ops, where);
      compareResponses(cx, ops, where);
      compareCallbacks(cx, ops, where);
    }
  }
  for (const path of Object.keys(obj(newPaths.node))) {
    if (seen.has(path)) continue;
    for (const method of operations(child(newPaths, path))) {
      emit(
        cx,
        'endpoint-added',
        `${method.toUpperCase()} ${path}`,
        'new operation',
        child(child(newPaths, path), method),
      );
    }
  }
  return withAlsoAt(cx);
}

/** Names listed in a note before the rest are only counted. */
const MAX_NOTE_NAMES = 10;

/**
 * What the comparison does not judge, where it differs between the versions:
 * said in the report, never passed over in silence. Webhooks (OpenAPI 3.1's
 * `webhooks:`) are not compared yet; a webhook added, removed or edited is
 * named here so that a reader reviews it.
 */
export function notCompared(oldVersion: LoadedSpec, newVersion: LoadedSpec): string[] {
  const [before, after] = [obj(obj(rootOf(oldVersion).node).webhooks), obj(obj(rootOf(newVersion).node).webhooks)];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const differ = names.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
  if (differ.length === 0) return [];
  const listed = differ.slice(0, MAX_NOTE_NAMES).map((name) => {
    const how = !(name in before) ? 'added' : !(name in after) ? 'removed' : 'changed';
    return `${name} (${how})`;
  });
  const rest = differ.length > MAX_NOTE_NAMES ? `, and ${differ.length - MAX_NOTE_NAMES} more` : '';
  return [`webhooks are not compared; these differ, review them by hand: ${listed.join(', ')}${rest}`];
}

/**
 * The changes, each found inside a shared schema listing the other places
 * that schema is met at: a change reported once still tells every operation
 * it affects. A change inside shared schemas nested in one another lists the
 * places of each.
 */
function withAlsoAt(cx: DiffContext): Change[] {
  const also = new Map<number, { places: Set<string>; total: number }>();
  for (const shared of cx.shared) {
    for (let i = shared.start; i < shared.end; i++) {
      const entry = also.get(i) ?? { places: new Set<string>(), total: 0 };
      also.set(i, entry);
      entry.total += shared.alsoTotal;
      for (const place of shared.also) if (entry.places.size < MAX_ALSO_AT) entry.places.add(place);
    }
  }
  return cx.out.map((c, i) => {
    const entry = also.get(i);
    return entry ? { ...c, alsoAt: { places: [...entry.places], total: entry.total } } : c;
  });
}
