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
import type { LoadedSpec } from './load.js';
import { child, deref, type Handle, list, obj, type Obj } from './resolve.js';
import {
  BOUNDS,
  COUNTS,
  PROPERTY_RULES,
  type PropertySite,
  type RuleId,
  type SchemaSuffix,
  type Site,
  sends,
  siteRule,
} from './rules.js';
import { SpecLoadError } from './load.js';
import { type Compared, type DiffContext, emit, MAX_ALSO_AT } from './context.js';
import { ANNOTATIONS, contentKey, decidingBranches, matchBranches, subsumes, writtenKey } from './union.js';

/** Where a schema sits: the rule prefix at its root, and below it. */
export interface SchemaSite {
  readonly root: Site;
  /** Below the root: a property's site, which also names the property rules (PROPERTY_RULES). */
  readonly nested: PropertySite;
}

const MAX_DEPTH = 200;

/** A schema, flattened for comparison: its keywords with allOf members merged in. */
interface View {
  readonly h: Handle;
  readonly none: boolean;
  readonly k: Obj;
  /**
   * Each property's name, with the `properties` object that declares it: its handle is made when it is
   * compared, not for every property of every schema viewed, so a schema with half a
   * million properties costs one handle per declaring object, not one per property.
   */
  readonly props: ReadonlyMap<string, Handle>;
  readonly required: ReadonlySet<string>;
  readonly items: Handle | undefined;
  readonly additional: Handle | 'any' | 'none';
  readonly oneOf: readonly Handle[];
  readonly anyOf: readonly Handle[];
  readonly allOf: readonly Handle[];
}

/** An allOf member that only annotates (a description, an example) changes no value's validity. */
const annotationOnly = (node: unknown) => Object.keys(obj(node)).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));

const SCALARS = [
  'type',
  'nullable',
  'enum',
  'const',
  'format',
  'pattern',
  'maxLength',
  'minLength',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
  'multipleOf',
  'uniqueItems',
  'readOnly',
  'writeOnly',
  'maxContains',
  'minContains',
];

function view(spec: LoadedSpec, handle: Handle, depth: number): View {
  const h = deref(spec, handle);
  const own = obj(h.node);
  const members: Handle[] = [];
  const flatten = (at: Handle, level: number) => {
    if (level > MAX_DEPTH) throw new SpecLoadError(`allOf nests deeper than ${MAX_DEPTH} levels`);
    for (const [i] of list(obj(at.node).allOf).entries()) {
      const member = deref(spec, child(child(at, 'allOf'), i));
      members.push(member);
      flatten(member, level + 1);
    }
  };
  flatten(h, depth);
  const sources = [h, ...members];
  const k: Record<string, unknown> = {};
  for (const key of SCALARS) {
    const from = sources.find((s) => obj(s.node)[key] !== undefined);
    if (from) k[key] = obj(from.node)[key];
  }
  const props = new Map<string, Handle>();
  const required = new Set<string>();
  for (const s of sources) {
    const declared = Object.keys(obj(obj(s.node).properties));
    const container = declared.length > 0 ? child(s, 'properties') : undefined;
    for (const name of declared) if (!props.has(name)) props.set(name, container!);
    for (const name of list(obj(s.node).required)) if (typeof name === 'string') required.add(name);
  }
  const at = (key: string) => sources.find((s) => obj(s.node)[key] !== undefined);
  const itemsAt = at('items');
  const additionalAt = at('additionalProperties');
  const additionalNode = additionalAt ? obj(additionalAt.node).additionalProperties : undefined;
  const branches = (key: string) => list(own[key]).map((_, i) => child(child(h, key), i));
  return {
    h,
    none: h.node === false || (own.not !== undefined && Object.keys(obj(own.not)).length === 0),
    k,
    props,
    required,
    items: itemsAt ? child(itemsAt, 'items') : undefined,
    additional:
      additionalNode === false
        ? 'none'
        : additionalNode === undefined || additionalNode === true
          ? 'any'
          : child(additionalAt!, 'additionalProperties'),
    oneOf: branches('oneOf'),
    anyOf: branches('anyOf'),
    allOf: list(own.allOf).map((_, i) => child(child(h, 'allOf'), i)),
  };
}

/** A place in the walk: the words that locate it, and whether it is the schema's root. */
interface Place {
  readonly where: string;
  readonly path: string;
  readonly root: boolean;
}

const json = (value: unknown) => JSON.stringify(value);
const same = (a: unknown, b: unknown) => json(a) === json(b);
const propertyPath = (path: string, name: string) =>
  /^[A-Za-z_$][\w$-]*$/.test(name) ? `${path}.${name}` : `${path}[${json(name)}]`;

/** The JSON types a schema admits (integer kept apart from number), or undefined when it does not say. */
function typesOf(k: Obj): Set<string> | undefined {
  const declared =
    typeof k.type === 'string'
      ? [k.type]
      : Array.isArray(k.type)
        ? k.type.filter((t) => typeof t === 'string')
        : undefined;
  if (!declared) return undefined;
  const types = new Set(declared as string[]);
  if (k.nullable === true) types.add('null');
  return types;
}
const admits = (types: Set<string> | undefined, t: string) =>
  !types || types.has(t) || (t === 'integer' && types.has('number'));

/** Patterns that match every string: relaxing to one of them removes the pattern. */
const MATCHES_ALL = new Set(['', '.*', '^.*$', '^.*', '.*$', '^(.*)$', '[\\s\\S]*', '^[\\s\\S]*$']);
const patternOf = (k: Obj) => (typeof k.pattern === 'string' && !MATCHES_ALL.has(k.pattern) ? k.pattern : undefined);

/** Formats that admit every value of another: int32 within int64, float within double. */
const WIDER_FORMAT: Record<string, string> = { int32: 'int64', float: 'double' };

/** The keywords the bound rules judge, from their one table (rules.ts `BOUNDS` and `COUNTS`). */
const BOUND_KEYWORDS: readonly string[] = [
  ...BOUNDS.map(([, , keyword]) => keyword),
  ...COUNTS.map(([, keyword]) => keyword),
];

/** OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; read them as 3.1's numbers. */
function bounds(k: Obj): Record<string, number | undefined> {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const out: Record<string, number | undefined> = {};
  for (const key of BOUND_KEYWORDS) out[key] = num(k[key]);
  if (k.exclusiveMaximum === true) [out.exclusiveMaximum, out.maximum] = [out.maximum, undefined];
  if (k.exclusiveMinimum === true) [out.exclusiveMinimum, out.minimum] = [out.minimum, undefined];
  if (out.minItems === 0) out.minItems = undefined;
  return out;
}

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

function compare(
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
  const o = view(cx.old, oldHandle, depth);
  const n = view(cx.new, newHandle, depth);
  // A pair met before (another place, or a cycle) is not compared again. Only a $ref can lead to a
  // schema twice, so only pairs reached through one are remembered: an inline tree costs no memory.
  // Keyed by site: a component met at a body's root and again under one of its properties is one comparison.
  // Its changes are reported once, where it was first met, and list the other places it is met at (alsoAt).
  const key = site.root;
  const location = `${at.where} › ${at.path}`;
  const viaRef = typeof obj(oldHandle.node).$ref === 'string' || typeof obj(newHandle.node).$ref === 'string';
  let compared: Compared | undefined;
  if (viaRef && o.h.node && typeof o.h.node === 'object' && n.h.node && typeof n.h.node === 'object') {
    let inner = cx.memo.get(o.h.node);
    if (!inner) {
      inner = new WeakMap();
      cx.memo.set(o.h.node, inner);
    }
    let sites = inner.get(n.h.node);
    if (!sites) {
      sites = new Map();
      inner.set(n.h.node, sites);
    }
    const before = sites.get(key);
    if (before) {
      if (before.end > before.start && location !== before.place) {
        if (before.alsoTotal === 0) cx.shared.push(before);
        before.alsoTotal += 1;
        if (before.also.length < MAX_ALSO_AT && !before.also.includes(location)) before.also.push(location);
      }
      return;
    }
    compared = { start: cx.out.length, end: -1, place: location, also: [], alsoTotal: 0 };
    sites.set(key, compared);
  }
  const s = at.root ? site.root : site.nested;
  const report = (suffix: SchemaSuffix, message: string, anchor: Handle = n.h) =>
    emit(cx, siteRule(s, suffix), location, message, anchor);

  const pair: Pair = { cx, o, n, site, at, depth, report };
  if (!compareWrapping(pair, oldHandle, newHandle)) compareStructure(pair);
  // The changes this comparison reported are out[start, end): what a later meeting elsewhere lists itself under.
  if (compared) compared.end = cx.out.length;
}

/** Everything but wrapping: types, values, bounds, composition, properties, additional properties, items. */
function compareStructure(pair: Pair): void {
  const { cx, o, n, site, at, depth, report } = pair;
  compareTypes(o, n, report);
  compareValues(o.k, n.k, report);
  compareBounds(o.k, n.k, report);
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

type Report = (suffix: SchemaSuffix, message: string, anchor?: Handle) => void;

/** Two versions of one schema, viewed, at one place of the walk: what every structural comparison needs. */
interface Pair {
  readonly cx: DiffContext;
  readonly o: View;
  readonly n: View;
  readonly site: SchemaSite;
  readonly at: Place;
  readonly depth: number;
  readonly report: Report;
}

function compareTypes(o: View, n: View, report: Report): void {
  if (o.none !== n.none) {
    report(o.none ? 'type-generalized' : 'type-specialized', o.none ? 'was never valid, now is' : 'is now never valid');
    return;
  }
  const oldTypes = typesOf(o.k);
  const newTypes = typesOf(n.k);
  if (!oldTypes && !newTypes) return;
  const gained = newTypes ? [...newTypes].filter((t) => !admits(oldTypes, t)) : ['any type'];
  const lost = oldTypes ? [...oldTypes].filter((t) => !admits(newTypes, t)) : ['any type'];
  const show = (types: Set<string> | undefined) => (types ? [...types].join(' or ') : 'any type');
  const gainedValues = gained.filter((t) => t !== 'null');
  const lostValues = lost.filter((t) => t !== 'null');
  const from = `from ${show(oldTypes)} to ${show(newTypes)}`;
  if (gainedValues.length > 0 && lostValues.length > 0) report('type-changed', `type changed ${from}`);
  else if (!newTypes) report('type-generalized', `type no longer restricted (was ${show(oldTypes)})`);
  else if (!oldTypes) report('type-specialized', `type now restricted to ${show(newTypes)} (was any type)`);
  else if (gainedValues.length > 0) report('type-generalized', `type widened ${from}`);
  else if (lostValues.length > 0) report('type-specialized', `type narrowed ${from}`);
  if (gained.includes('null')) report('became-nullable', 'may now be null');
  if (lost.includes('null')) report('became-not-nullable', 'may no longer be null');
}

/** A const is a one-value enum: `const: x` and `enum: [x]` are the same contract. */
const enumOf = (k: Obj): unknown[] | undefined =>
  Array.isArray(k.enum) ? k.enum : k.const !== undefined ? [k.const] : undefined;

function compareValues(o: Obj, n: Obj, report: Report): void {
  const values = (vs: unknown[]) => vs.map((v) => json(v)).join(', ');
  const constOnly = (k: Obj) => k.const !== undefined && !Array.isArray(k.enum);
  if (constOnly(o) && constOnly(n)) {
    if (!same(o.const, n.const)) report('const-changed', `const changed from ${json(o.const)} to ${json(n.const)}`);
  } else if (constOnly(o) && enumOf(n) === undefined) {
    report('const-removed', `const ${json(o.const)} removed`);
  } else if (constOnly(n) && enumOf(o) === undefined) {
    report('const-added', `const ${json(n.const)} added`);
  } else {
    const [oldEnum, newEnum] = [enumOf(o), enumOf(n)];
    if (!oldEnum && newEnum) report('became-enum', `now restricted to ${values(newEnum)}`);
    else if (oldEnum && !newEnum) report('became-not-enum', `no longer restricted to ${values(oldEnum)}`);
    else if (oldEnum && newEnum) {
      const has = (vs: unknown[], v: unknown) => vs.some((x) => same(x, v));
      const added = newEnum.filter((v) => !has(oldEnum, v));
      const removed = oldEnum.filter((v) => !has(newEnum, v));
      if (added.length > 0) report('enum-value-added', `enum value ${values(added)} added`);
      if (removed.length > 0) report('enum-value-removed', `enum value ${values(removed)} removed`);
    }
  }

  const [oldFormat, newFormat] = [
    typeof o.format === 'string' ? o.format : undefined,
    typeof n.format === 'string' ? n.format : undefined,
  ];
  if (!oldFormat && newFormat) report('format-added', `format ${newFormat} added`);
  else if (oldFormat && !newFormat) report('format-removed', `format ${oldFormat} removed`);
  else if (oldFormat && newFormat && oldFormat !== newFormat) {
    if (WIDER_FORMAT[oldFormat] === newFormat)
      report('type-generalized', `format ${oldFormat} widened to ${newFormat}`);
    else if (WIDER_FORMAT[newFormat] === oldFormat)
      report('type-specialized', `format ${oldFormat} narrowed to ${newFormat}`);
    else report('format-changed', `format changed from ${oldFormat} to ${newFormat}`);
  }

  const [oldPattern, newPattern] = [patternOf(o), patternOf(n)];
  if (!oldPattern && newPattern) report('pattern-added', `pattern ${json(newPattern)} added`);
  else if (oldPattern && !newPattern) report('pattern-removed', `pattern ${json(oldPattern)} removed`);
  else if (oldPattern && newPattern && oldPattern !== newPattern)
    report('pattern-changed', `pattern changed from ${json(oldPattern)} to ${json(newPattern)}`);

  const [oldMultiple, newMultiple] = [
    typeof o.multipleOf === 'number' ? o.multipleOf : undefined,
    typeof n.multipleOf === 'number' ? n.multipleOf : undefined,
  ];
  if (oldMultiple === undefined && newMultiple !== undefined)
    report('multiple-of-set', `multipleOf ${newMultiple} set`);
  else if (oldMultiple !== undefined && newMultiple === undefined)
    report('multiple-of-unset', `multipleOf ${oldMultiple} removed`);
  else if (oldMultiple !== undefined && newMultiple !== undefined && oldMultiple !== newMultiple) {
    const divides = (a: number, b: number) => b !== 0 && Number.isInteger(a / b);
    const suffix = divides(oldMultiple, newMultiple)
      ? 'multiple-of-generalized'
      : divides(newMultiple, oldMultiple)
        ? 'multiple-of-specialized'
        : 'multiple-of-changed';
    report(suffix, `multipleOf changed from ${oldMultiple} to ${newMultiple}`);
  }
  if (o.uniqueItems !== true && n.uniqueItems === true) report('unique-items-set', 'items must now be unique');
  if (o.uniqueItems === true && n.uniqueItems !== true) report('unique-items-unset', 'items need no longer be unique');
}

/**
 * Bounds may be set and removed. minItems has set/unset rules of its own (as
 * in oasdiff), so its default 0 is read as absent; minLength and
 * minProperties only rise and fall from 0, which their absence means.
 */
function compareBounds(o: Obj, n: Obj, report: Report): void {
  const [oldBounds, newBounds] = [bounds(o), bounds(n)];
  const moved = (keyword: string, a: number, b: number) =>
    `${keyword} ${b > a ? 'increased' : 'decreased'} from ${a} to ${b}`;
  for (const [stem, , keyword] of BOUNDS) {
    const [a, b] = [oldBounds[keyword], newBounds[keyword]];
    if (a === b) continue;
    if (a === undefined) report(`${stem}-set`, `${keyword} set to ${b}`);
    else if (b === undefined) report(`${stem}-unset`, `${keyword} ${a} removed`);
    else report(b > a ? `${stem}-increased` : `${stem}-decreased`, moved(keyword, a, b));
  }
  for (const [stem, keyword] of COUNTS) {
    const [a, b] = [oldBounds[keyword] ?? 0, newBounds[keyword] ?? 0];
    if (a !== b) report(b > a ? `${stem}-increased` : `${stem}-decreased`, moved(keyword, a, b));
  }
}

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

function compareComposition(pair: Pair): void {
  const { cx, o, n, site, at, depth, report } = pair;
  for (const [key, stem] of [
    ['oneOf', 'one-of'],
    ['anyOf', 'any-of'],
  ] as const) {
    // From none to some branches is a new constraint, and back; between lists, branches come and go.
    if (o[key].length === 0 && n[key].length > 0) {
      report(`${stem}-introduced`, `${key} of ${n[key].map(branchName).join(', ')} added`, child(n.h, key));
      continue;
    }
    if (o[key].length > 0 && n[key].length === 0) {
      report(`${stem}-dropped`, `${key} of ${o[key].map(branchName).join(', ')} removed`);
      continue;
    }
    // What the union accepts decides: a branch another branch already accepts is left out on both sides.
    const { pairs, added, removed } = matchBranches(
      cx,
      decidingBranches(cx.old, key, o[key]),
      decidingBranches(cx.new, key, n[key]),
    );
    for (const h of added) report(`${stem}-added`, `${key} branch ${branchName(h)} added`, h);
    for (const h of removed) report(`${stem}-removed`, `${key} branch ${branchName(h)} removed`);
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
  const { added, removed } = matchBranches(cx, o.allOf, n.allOf);
  for (const h of added)
    if (!annotationOnly(deref(cx.new, h).node)) report('all-of-added', `allOf member ${branchName(h)} added`, h);
  for (const h of removed)
    if (!annotationOnly(deref(cx.old, h).node)) report('all-of-removed', `allOf member ${branchName(h)} removed`);
}

/** Property rules: what a sender must now send, or a receiver can no longer count on. */
function compareProperties(pair: Pair): void {
  const { cx, o, n, site, at, depth } = pair;
  const sending = sends(at.root ? site.root : site.nested);
  const ids = PROPERTY_RULES[site.nested];
  const location = (name: string) => `${at.where} › ${propertyPath(at.path, name)}`;
  const push = (id: RuleId, name: string, message: string, anchor: Handle) =>
    emit(cx, id, location(name), message, anchor);
  // A sender never sends a readOnly property; a receiver never receives a writeOnly one.
  const skipped = (spec: LoadedSpec, h: Handle | undefined) =>
    h !== undefined && obj(deref(spec, h).node)[sending ? 'readOnly' : 'writeOnly'] === true;
  for (const [name, container] of n.props) {
    if (o.props.has(name)) continue;
    const h = child(container, name);
    if (skipped(cx.new, h)) continue;
    const required = n.required.has(name);
    push(
      required ? ids.requiredAdded : ids.optionalAdded,
      name,
      sending ? `new ${required ? 'required' : 'optional'} property` : 'new property',
      h,
    );
  }
  for (const [name, container] of o.props) {
    const h = child(container, name);
    const declaredNext = n.props.get(name);
    const next = declaredNext && child(declaredNext, name);
    if (skipped(cx.old, h) && (next === undefined || skipped(cx.new, next))) continue;
    const wasRequired = o.required.has(name);
    if (!next) {
      push(wasRequired ? ids.requiredRemoved : ids.optionalRemoved, name, 'property removed', n.h);
      continue;
    }
    if (site.nested === 'request-property' || site.nested === 'response-property') {
      // A body property's own lifecycle: deprecated, reactivated, its sunset, its stability (oasdiff's property rules).
      const [was, is] = [obj(deref(cx.old, h).node), obj(deref(cx.new, next).node)];
      const found = [
        cx.lifecycle.deprecation(site.nested, was, is, cx.operationLevel),
        cx.lifecycle.propertyStability(site.nested, was, is),
      ];
      for (const f of found) if (f) push(f.id, name, f.message, next);
    }
    const isRequired = n.required.has(name);
    if (!wasRequired && isRequired) push(ids.becameRequired, name, 'now required', next);
    if (wasRequired && !isRequired) push(ids.becameOptional, name, 'no longer required', next);
    compare(cx, h, next, site, { where: at.where, path: propertyPath(at.path, name), root: false }, depth + 1);
  }
}

/** additionalProperties: false refuses undeclared keys, true or absent allows any, a schema constrains their values. */
function compareAdditional(pair: Pair): void {
  const { cx, o, n, site, at, depth, report } = pair;
  const [a, b] = [o.additional, n.additional];
  if (a === b) return;
  if (b === 'none' || a === 'none') {
    if (b === 'none') report('additional-properties-narrowed', 'undeclared properties are now refused');
    else report('additional-properties-widened', 'undeclared properties are now allowed');
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

/**
 * The JSON Schema 2020-12 applicators and assertions beyond OpenAPI 3.0's
 * subset. Each one only ever removes valid values, so adding it narrows and
 * removing it widens; a subschema present in both versions is compared like
 * any schema (covariantly), except under `not` and `if`, whose effect cannot be
 * told apart from their content: a change there is incomparable.
 */
function compareAssertions(pair: Pair): void {
  const { cx, o, n, site, at, depth, report } = pair;
  const [a, b] = [obj(o.h.node), obj(n.h.node)];
  const nested = (from: Handle, to: Handle, step: string) =>
    compare(cx, from, to, site, { where: at.where, path: `${at.path}(${step})`, root: false }, depth + 1);

  for (const [keys, stem] of [
    [['not'], 'not'],
    [['if', 'then', 'else'], 'if'],
  ] as const) {
    const [was, is] = [keys.some((k) => a[k] !== undefined), keys.some((k) => b[k] !== undefined)];
    if (!was && is) report(`${stem}-added`, `${keys[0]} added`, child(n.h, keys[0]));
    else if (was && !is) report(`${stem}-removed`, `${keys[0]} removed`);
    else if (was && is && keys.some((k) => !same(a[k], b[k]))) report(`${stem}-changed`, `${keys[0]} changed`);
  }

  // One subschema: contains, propertyNames, unevaluatedProperties, unevaluatedItems.
  for (const [key, stem] of [
    ['contains', 'contains'],
    ['propertyNames', 'property-names'],
    ['unevaluatedProperties', 'unevaluated-properties'],
    ['unevaluatedItems', 'unevaluated-items'],
  ] as const) {
    if (a[key] === undefined && b[key] !== undefined) report(`${stem}-added`, `${key} added`, child(n.h, key));
    else if (a[key] !== undefined && b[key] === undefined) report(`${stem}-removed`, `${key} removed`);
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
        report(`${stem}-added`, `${name(k)} added`, child(child(n.h, key), k));
    for (const k of from) {
      if (!(to as (string | number)[]).includes(k)) report(`${stem}-removed`, `${name(k)} removed`);
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
      report('dependent-required-added', `${json(name)} now requires ${gained.map((x) => json(x)).join(', ')}`);
    if (lost.length > 0)
      report('dependent-required-removed', `${json(name)} no longer requires ${lost.map((x) => json(x)).join(', ')}`);
  }
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
function compareWrapping(pair: Pair, oldHandle: Handle, newHandle: Handle): boolean {
  const { cx, o, n, site, at, depth, report } = pair;
  for (const [key, stem] of [
    ['oneOf', 'one-of'],
    ['anyOf', 'any-of'],
  ] as const) {
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
        report(
          wrapped ? 'became-nullable' : 'became-not-nullable',
          wrapped ? 'may now be null' : 'may no longer be null',
        );
      } else if (wrapped) {
        report(`${stem}-added`, `${key} branch ${branchName(other)} added`, other);
      } else {
        report(`${stem}-removed`, `${key} branch ${branchName(other)} removed`);
      }
    }
    return true;
  }
  return false;
}
