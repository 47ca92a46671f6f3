/**
 * Compares objects and the 2020-12 applicators: properties added, removed,
 * required or not (with their lifecycle), additionalProperties, and the
 * assertions `not`, `if`/`then`/`else`, `contains`, `prefixItems`,
 * `patternProperties`, `propertyNames`, `dependent*` and `unevaluated*`. It
 * names each change by its rule id; the verdict is the rule table's (rules.ts).
 */
import { emit } from './context.js';
import type { LoadedSpec } from './load.js';
import { openMembers } from './keys.js';
import { child, deref, type Handle, list, obj } from './resolve.js';
import { PROPERTY_RULES, type RuleId, sends } from './rules.js';
import { json, type Pair, propertyPath, same, type View } from './schema-view.js';
import { compare } from './schema.js';

/** Property rules: what a sender must now send, or a receiver can no longer count on. */
export function compareProperties(pair: Pair): void {
  const { cx, o, n, site, at, depth } = pair;
  const sending = sends(at.root ? site.root : site.nested);
  const ids = PROPERTY_RULES[site.nested];
  const location = (name: string) => `${at.where} › ${propertyPath(at.path, name)}`;
  const emitAt = (id: RuleId, name: string, message: string, anchor: Handle) =>
    emit(cx, id, location(name), message, anchor);
  // A sender never sends a readOnly property; a receiver never receives a writeOnly one.
  const skipped = (spec: LoadedSpec, h: Handle | undefined) =>
    h !== undefined && obj(deref(spec, h).node)[sending ? 'readOnly' : 'writeOnly'] === true;
  // Each property both versions declare, or only the old one (declaredNext undefined).
  const compareDeclared = (container: Handle, name: string, declaredNext: Handle | undefined) => {
    // The same property, required or not as before, reports nothing: most properties of a large schema.
    // Asked of the two nodes as they stand: the handles are made only for a property that may differ.
    if (
      declaredNext &&
      o.required.has(name) === n.required.has(name) &&
      cx.sameness.sameNodes(container.file, obj(container.node)[name], declaredNext.file, obj(declaredNext.node)[name])
    )
      return;
    const h = child(container, name);
    const next = declaredNext && child(declaredNext, name);
    if (skipped(cx.old, h) && (next === undefined || skipped(cx.new, next))) return;
    const wasRequired = o.required.has(name);
    if (!next) {
      emitAt(wasRequired ? ids.requiredRemoved : ids.optionalRemoved, name, 'property removed', n.h);
      return;
    }
    if (site.nested === 'request-property' || site.nested === 'response-property') {
      // A body property's own lifecycle: deprecated, reactivated, its sunset, its stability (oasdiff's property rules).
      const [was, is] = [obj(deref(cx.old, h).node), obj(deref(cx.new, next).node)];
      const found = [
        cx.lifecycle.deprecation(site.nested, was, is, cx.operationLevel),
        cx.lifecycle.propertyStability(site.nested, was, is),
      ];
      for (const f of found) if (f) emitAt(f.id, name, f.message, next);
    }
    const isRequired = n.required.has(name);
    if (!wasRequired && isRequired) emitAt(ids.becameRequired, name, 'now required', next);
    if (wasRequired && !isRequired) emitAt(ids.becameOptional, name, 'no longer required', next);
    compare(cx, h, next, site, { where: at.where, path: propertyPath(at.path, name), root: false }, depth + 1);
  };
  // Both declared by one object each, under one remembered key list (the new version read in step with the old
  // one; keys.ts): the same names in the same order, none added or removed, and no name looked up to learn so.
  const [was, is] = [o.props.listed(), n.props.listed()];
  if (was !== undefined && is !== undefined && was.names === is.names) {
    const names = was.names;
    // Required or not as before, name by name, and the parse knew most members for the old version's own: only
    // the others can differ (keys.ts, openMembers; each of them sameNodes would find the same).
    const open =
      cx.sameness.walks && sameNames(o.required, n.required)
        ? openMembers(obj(is.container.node), obj(was.container.node))
        : undefined;
    if (open !== undefined)
      for (let i = 0; i < open.length; i++) compareDeclared(was.container, names[open[i]!]!, is.container);
    else for (let i = 0; i < names.length; i++) compareDeclared(was.container, names[i]!, is.container);
    return;
  }
  n.props.forEach((container, name) => {
    if (o.props.has(name)) return;
    const h = child(container, name);
    if (skipped(cx.new, h)) return;
    const required = n.required.has(name);
    emitAt(
      required ? ids.requiredAdded : ids.optionalAdded,
      name,
      sending ? `new ${required ? 'required' : 'optional'} property` : 'new property',
      h,
    );
  });
  o.props.forEach((container, name) => {
    compareDeclared(container, name, n.props.get(name));
  });
}

const sameNames = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  if (a.size !== b.size) return false;
  for (const name of a) if (!b.has(name)) return false;
  return true;
};

/** additionalProperties: false refuses undeclared keys, true or absent allows any, a schema constrains their values. */
export function compareAdditional(pair: Pair): void {
  const { cx, o, n, site, at, depth, emitFamily } = pair;
  const [a, b] = [o.additional, n.additional];
  if (a === b) return;
  if (b === 'none' || a === 'none') {
    if (b === 'none') emitFamily('additional-properties-narrowed', 'undeclared properties are now refused');
    else emitFamily('additional-properties-widened', 'undeclared properties are now allowed');
    return;
  }
  const anyOf = (v: View): Handle => ({ ...v.h, node: {} });
  compare(
    cx,
    a === 'any' ? anyOf(o) : a,
    b === 'any' ? anyOf(n) : b,
    site,
    { where: at.where, path: `${at.path}{*}`, root: false },
    depth + 1,
  );
}

/** Every keyword compareAssertions reads: a schema pair with none of them (nearly every one) has nothing to compare here. */
const ASSERTION_KEYWORDS = [
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'patternProperties',
  'dependentSchemas',
  'prefixItems',
  'dependentRequired',
] as const;

/**
 * The JSON Schema 2020-12 applicators and assertions beyond OpenAPI 3.0's
 * subset. Each one only ever removes valid values, so adding it narrows and
 * removing it widens; a subschema present in both versions is compared like
 * any schema (covariantly), except under `not` and `if`, whose effect cannot be
 * told apart from their content: a change there is incomparable.
 */
export function compareAssertions(pair: Pair): void {
  const { cx, o, n, site, at, depth, emitFamily } = pair;
  const [a, b] = [obj(o.h.node), obj(n.h.node)];
  if (ASSERTION_KEYWORDS.every((k) => a[k] === undefined && b[k] === undefined)) return;
  const nested = (from: Handle, to: Handle, step: string) =>
    compare(cx, from, to, site, { where: at.where, path: `${at.path}(${step})`, root: false }, depth + 1);

  for (const [keys, stem] of [
    [['not'], 'not'],
    [['if', 'then', 'else'], 'if'],
  ] as const) {
    const [was, is] = [keys.some((k) => a[k] !== undefined), keys.some((k) => b[k] !== undefined)];
    if (!was && is) emitFamily(`${stem}-added`, `${keys[0]} added`, child(n.h, keys[0]));
    else if (was && !is) emitFamily(`${stem}-removed`, `${keys[0]} removed`);
    else if (was && is && keys.some((k) => !same(a[k], b[k]))) emitFamily(`${stem}-changed`, `${keys[0]} changed`);
  }

  // One subschema: contains, propertyNames, unevaluatedProperties, unevaluatedItems.
  for (const [key, stem] of [
    ['contains', 'contains'],
    ['propertyNames', 'property-names'],
    ['unevaluatedProperties', 'unevaluated-properties'],
    ['unevaluatedItems', 'unevaluated-items'],
  ] as const) {
    if (a[key] === undefined && b[key] !== undefined) emitFamily(`${stem}-added`, `${key} added`, child(n.h, key));
    else if (a[key] !== undefined && b[key] === undefined) emitFamily(`${stem}-removed`, `${key} removed`);
    else if (a[key] !== undefined) nested(child(o.h, key), child(n.h, key), key);
  }

  // Keyed subschemas: patternProperties and dependentSchemas by key, prefixItems by position.
  for (const [key, stem] of [
    ['patternProperties', 'pattern-properties'],
    ['dependentSchemas', 'dependent-schemas'],
    ['prefixItems', 'prefix-items'],
  ] as const) {
    const keysOf = (node: unknown) => (key === 'prefixItems' ? list(node).map((_, i) => i) : Object.keys(obj(node)));
    const [from, to] = [keysOf(a[key]), keysOf(b[key])];
    const name = (k: string | number) => (typeof k === 'number' ? `${key}[${k}]` : `${key} ${json(k)}`);
    for (const k of to)
      if (!(from as (string | number)[]).includes(k))
        emitFamily(`${stem}-added`, `${name(k)} added`, child(child(n.h, key), k));
    for (const k of from) {
      if (!(to as (string | number)[]).includes(k)) emitFamily(`${stem}-removed`, `${name(k)} removed`);
      else nested(child(child(o.h, key), k), child(child(n.h, key), k), name(k));
    }
  }

  // dependentRequired: property name → the names it requires.
  const [oldDeps, newDeps] = [obj(a.dependentRequired), obj(b.dependentRequired)];
  for (const name of new Set([...Object.keys(oldDeps), ...Object.keys(newDeps)])) {
    const [was, is] = [list(oldDeps[name]), list(newDeps[name])];
    const gained = is.filter((x) => !was.includes(x));
    const lost = was.filter((x) => !is.includes(x));
    if (gained.length > 0)
      emitFamily('dependent-required-added', `${json(name)} now requires ${gained.map((x) => json(x)).join(', ')}`);
    if (lost.length > 0)
      emitFamily(
        'dependent-required-removed',
        `${json(name)} no longer requires ${lost.map((x) => json(x)).join(', ')}`,
      );
  }
}
