/** Compares two versions of an OpenAPI document, path by path and operation by operation. */
import { type LoadedSpec, specFromDocument } from './load.js';
import { compareRequestBody } from './bodies.js';
import { compareCallbacks, compareWebhooks } from './callbacks.js';
import { byKey, compareParameters, compareResponses, operationsOf, templateOf } from './operations.js';
import { child, deref, type Handle, obj, rootOf } from './resolve.js';
import { type Change, RULES } from './rules.js';
import { type DiffContext, emit, MAX_ALSO_AT, MAX_VISITS } from './context.js';
import { compareOperationSecurity, compareSecuritySchemes, compareServers } from './security.js';
import { type DeprecationPolicy, LifecycleJudge, operationLifecycle } from './lifecycle.js';
import { Sameness } from './same.js';

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
  /**
   * Skip what is the same in both versions, references included (same.ts):
   * the changes are the same either way, found in a fraction of the time
   * on a large spec. False compares every part in full, for checking that.
   * @default true
   */
  readonly skipUnchanged?: boolean;
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
    sameness: new Sameness(oldSpec, newSpec, options.skipUnchanged !== false),
    operationLevel: 'stable',
  };
  compareServers(cx);
  compareSecuritySchemes(cx);
  const sameAround = sameSurroundings(cx);
  const oldPaths = child(rootOf(oldSpec), 'paths');
  const newPaths = child(rootOf(newSpec), 'paths');
  const byTemplate = new Map(Object.keys(obj(newPaths.node)).map((p) => [templateOf(p), p]));
  const seen = new Set<string>();
  for (const path of Object.keys(obj(oldPaths.node))) {
    const item = child(oldPaths, path);
    const nextPath = byTemplate.get(templateOf(path));
    if (nextPath === undefined) {
      // Each operation of the path judged by its own deprecation and sunset; the path's verdict is the worst of them.
      // Only operations at or above the stability threshold are judged; a path none of them is in goes unreported.
      const all = operationsOf(oldSpec, item);
      const judged = all.filter((op) => cx.lifecycle.judged(obj(op.handle.node), false));
      if (all.length > 0 && judged.length === 0) continue;
      const verdicts = judged.map((op) => cx.lifecycle.removal(obj(op.handle.node), true));
      const worst = verdicts.find((v) => RULES[v.id][0] === 'breaking') ??
        verdicts[0] ?? { id: 'api-path-removed-without-deprecation' as const, message: 'removed' };
      emit(cx, worst.id, path, `${path} ${worst.message}`, newPaths);
      continue;
    }
    seen.add(nextPath);
    const next = child(newPaths, nextPath);
    const [had, has] = [byKey(operationsOf(oldSpec, item)), byKey(operationsOf(newSpec, next))];
    for (const [key, op] of has)
      if (!had.has(key)) emit(cx, 'endpoint-added', `${op.method} ${nextPath}`, 'new operation', op.handle);
    for (const [key, op] of had) {
      const where = `${op.method} ${nextPath}`;
      const now = has.get(key);
      if (!now) {
        if (!cx.lifecycle.judged(obj(op.handle.node), false)) continue;
        const verdict = cx.lifecycle.removal(obj(op.handle.node), false);
        emit(cx, verdict.id, where, `${where} ${verdict.message}`, next);
        continue;
      }
      const ops = { old: op.handle, new: now.handle };
      for (const found of operationLifecycle(cx.lifecycle, obj(ops.old.node), obj(ops.new.node)))
        emit(cx, found.id, where, found.message, ops.new);
      // An operation below the threshold now is not judged further (its stability change, above, is).
      if (!cx.lifecycle.judged(obj(ops.new.node), true)) continue;
      cx.operationLevel = cx.lifecycle.levelOf(obj(ops.new.node));
      // An operation the same in both, with the same path, path parameters and surroundings, reports nothing.
      if (sameAround && path === nextPath && sameOperation(cx, { old: item, new: next }, ops)) continue;
      compareOperationSecurity(cx, ops, where);
      compareParameters(cx, { old: item, new: next }, ops, { old: path, new: nextPath }, where);
      compareRequestBody(cx, ops, where);
      compareResponses(cx, ops, where);
      compareCallbacks(cx, ops, where);
    }
  }
  for (const path of Object.keys(obj(newPaths.node))) {
    if (seen.has(path)) continue;
    for (const op of operationsOf(newSpec, child(newPaths, path)))
      emit(cx, 'endpoint-added', `${op.method} ${path}`, 'new operation', op.handle);
  }
  compareWebhooks(cx);
  return withAlsoAt(cx);
}

/**
 * Whether what every operation's comparison also reads outside the operation
 * is the same: the OpenAPI version (which operations and parameters exist),
 * the document's default security, and the security schemes.
 */
function sameSurroundings(cx: DiffContext): boolean {
  const [o, n] = [rootOf(cx.old), rootOf(cx.new)];
  if (obj(o.node).openapi !== obj(n.node).openapi) return false;
  if (!cx.sameness.same(child(o, 'security'), child(n, 'security'))) return false;
  const schemes = (h: Handle) => child(child(h, 'components'), 'securitySchemes');
  return cx.sameness.same(schemes(o), schemes(n));
}

/** An operation the same in both versions, references included, and so are its path item's parameters. */
function sameOperation(
  cx: DiffContext,
  items: { old: Handle; new: Handle },
  ops: { old: Handle; new: Handle },
): boolean {
  const parameters = (which: 'old' | 'new') => child(deref(cx[which], items[which]), 'parameters');
  return cx.sameness.same(parameters('old'), parameters('new')) && cx.sameness.same(ops.old, ops.new);
}

/**
 * What the comparison does not judge, where it differs between the versions.
 * Webhooks are compared now, so nothing is left for this to name.
 * @deprecated since 2.1: every part of a spec the comparison reads is judged; kept so that 2.x imports still work.
 */
export function notCompared(_oldVersion: LoadedSpec, _newVersion: LoadedSpec): string[] {
  return [];
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
