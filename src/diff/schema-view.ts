/**
 * A schema as the comparison sees it: its keywords with allOf members merged,
 * its types, properties, items and applicators resolved through references
 * (the view), and the small readings every facet shares (bounds, patterns,
 * formats, where a property is). Nothing here compares or reports.
 *
 * The comparison runs in V8's baseline tier, Turbofan held back while it is
 * young (src/cli/commands/diff-compiler.ts). There a `for...of` makes an
 * iterator and a result object per step: a third of what the comparison
 * allocated on a 3 MB pair (docs/performance.md, section 7). So the loops it
 * runs per schema (here, the bounds, the sameness walk, the unions) count
 * with an index.
 */
import type { DiffContext } from './context.js';
import { type LoadedSpec, SpecLoadError } from './load.js';
import { child, deref, type Handle, keysOf, list, obj, type Obj, rememberedKeys } from './resolve.js';
import { BOUNDS, COUNTS, type PropertySite, type SchemaSuffix, type Site } from './rules.js';
import { ANNOTATIONS } from './union.js';

/** Where a schema sits: the rule prefix at its root, and below it. */
export interface SchemaSite {
  readonly root: Site;
  /** Below the root: a property's site, which also names the property rules (PROPERTY_RULES). */
  readonly nested: PropertySite;
}

export const MAX_DEPTH = 200;

/** A schema, flattened for comparison: its keywords with allOf members merged in. */
export interface View {
  readonly h: Handle;
  readonly none: boolean;
  readonly k: Obj;
  /**
   * Each property's name, with the `properties` object that declares it: its handle is made when it is
   * compared, not for every property of every schema viewed, so a schema with half a
   * million properties costs one handle per declaring object, not one per property.
   */
  readonly props: PropertyIndex;
  readonly required: ReadonlySet<string>;
  readonly items: Handle | undefined;
  readonly additional: Handle | 'any' | 'none';
  readonly oneOf: readonly Handle[];
  readonly anyOf: readonly Handle[];
  readonly allOf: readonly Handle[];
}

/** Each property's name, with the handle of the `properties` object that declares it (the first, under allOf). */
export interface PropertyIndex {
  has(name: string): boolean;
  get(name: string): Handle | undefined;
  /** Each property in order, with its declaring `properties` object: no pair or handle made per property. */
  forEach(visit: (container: Handle, name: string) => void): void;
  /**
   * The one `properties` object that declares every property, with its keys when the parse remembered them
   * (keys.ts); `undefined` under allOf or for a small object. Two views whose lists are one array declare
   * the same properties in the same order.
   */
  listed(): { readonly container: Handle; readonly names: readonly string[] } | undefined;
}

/**
 * The properties the declaring schemas name, first declaration first. One
 * declaring schema (nearly every one) is read in place: a schema with half a
 * million properties is not copied into a map for each time it is compared.
 */
function propertyIndex(declaring: readonly Handle[]): PropertyIndex {
  if (declaring.length === 1) {
    const container = child(declaring[0]!, 'properties');
    const declared = obj(container.node);
    return {
      has: (name) => Object.hasOwn(declared, name),
      get: (name) => (Object.hasOwn(declared, name) ? container : undefined),
      forEach(visit) {
        const names = keysOf(declared);
        for (let i = 0; i < names.length; i++) visit(container, names[i]!);
      },
      listed() {
        const names = rememberedKeys(declared);
        return names === undefined ? undefined : { container, names };
      },
    };
  }
  const props = new Map<string, Handle>();
  for (const s of declaring) {
    const container = child(s, 'properties');
    for (const name of Object.keys(obj(container.node))) if (!props.has(name)) props.set(name, container);
  }
  return Object.assign(props, { listed: () => undefined });
}

/** An allOf member that only annotates (a description, an example) changes no value's validity. */
export const annotationOnly = (node: unknown) =>
  Object.keys(obj(node)).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));

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

export function view(spec: LoadedSpec, handle: Handle, depth: number): View {
  const h = deref(spec, handle);
  const own = obj(h.node);
  const members: Handle[] = [];
  const flatten = (at: Handle, level: number) => {
    if (level > MAX_DEPTH) throw new SpecLoadError(`allOf nests deeper than ${MAX_DEPTH} levels`);
    const allOf = list(obj(at.node).allOf);
    for (let i = 0; i < allOf.length; i++) {
      const member = deref(spec, child(child(at, 'allOf'), i));
      members.push(member);
      flatten(member, level + 1);
    }
  };
  flatten(h, depth);
  const sources = [h, ...members];
  const nodes = sources.map((s) => obj(s.node));
  const k: Record<string, unknown> = {};
  // The first source that has each keyword gives it (the schema's own, then its allOf members in order).
  for (let s = 0; s < SCALARS.length; s++) {
    const key = SCALARS[s]!;
    for (let i = 0; i < nodes.length; i++) {
      const value = nodes[i]![key];
      if (value !== undefined) {
        k[key] = value;
        break;
      }
    }
  }
  const required = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const names = list(nodes[i]!.required);
    for (let j = 0; j < names.length; j++) if (typeof names[j] === 'string') required.add(names[j] as string);
  }
  // Every schema with a `properties` object (never counted: that alone would cost a walk of a huge one).
  const declaring = sources.filter((s) => {
    const properties = obj(s.node).properties;
    return properties !== null && typeof properties === 'object' && !Array.isArray(properties);
  });
  const at = (key: string) => sources.find((s) => obj(s.node)[key] !== undefined);
  const itemsAt = at('items');
  const additionalAt = at('additionalProperties');
  const additionalNode = additionalAt ? obj(additionalAt.node).additionalProperties : undefined;
  const branches = (key: string) => list(own[key]).map((_, i) => child(child(h, key), i));
  return {
    h,
    none: h.node === false || (own.not !== undefined && Object.keys(obj(own.not)).length === 0),
    k,
    props: propertyIndex(declaring),
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
export interface Place {
  readonly where: string;
  readonly path: string;
  readonly root: boolean;
}

export const json = (value: unknown) => JSON.stringify(value);
export const same = (a: unknown, b: unknown) => json(a) === json(b);
export const propertyPath = (path: string, name: string) =>
  /^[A-Za-z_$][\w$-]*$/.test(name) ? `${path}.${name}` : `${path}[${json(name)}]`;

/** The JSON types a schema admits (integer kept apart from number), or undefined when it does not say. */
export function typesOf(k: Obj): Set<string> | undefined {
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
export const admits = (types: Set<string> | undefined, t: string) =>
  !types || types.has(t) || (t === 'integer' && types.has('number'));

/** Patterns that match every string: relaxing to one of them removes the pattern. */
const MATCHES_ALL = new Set(['', '.*', '^.*$', '^.*', '.*$', '^(.*)$', '[\\s\\S]*', '^[\\s\\S]*$']);
export const patternOf = (k: Obj) =>
  typeof k.pattern === 'string' && !MATCHES_ALL.has(k.pattern) ? k.pattern : undefined;

/** Formats that admit every value of another: int32 within int64, float within double. */
export const WIDER_FORMAT: Record<string, string> = { int32: 'int64', float: 'double' };

/** The keywords the bound rules judge, from their one table (rules.ts `BOUNDS` and `COUNTS`). */
const BOUND_KEYWORDS: readonly string[] = [
  ...BOUNDS.map(([, , keyword]) => keyword),
  ...COUNTS.map(([, keyword]) => keyword),
];

/** OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; read them as 3.1's numbers. */
export function bounds(k: Obj): Record<string, number | undefined> {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const out: Record<string, number | undefined> = {};
  for (let i = 0; i < BOUND_KEYWORDS.length; i++) out[BOUND_KEYWORDS[i]!] = num(k[BOUND_KEYWORDS[i]!]);
  if (k.exclusiveMaximum === true) {
    out.exclusiveMaximum = out.maximum;
    out.maximum = undefined;
  }
  if (k.exclusiveMinimum === true) {
    out.exclusiveMinimum = out.minimum;
    out.minimum = undefined;
  }
  if (out.minItems === 0) out.minItems = undefined;
  return out;
}

export type EmitFamily = (suffix: SchemaSuffix, message: string, anchor?: Handle) => void;

/** Two versions of one schema, viewed, at one place of the walk: what every structural comparison needs. */
export interface Pair {
  readonly cx: DiffContext;
  readonly o: View;
  readonly n: View;
  readonly site: SchemaSite;
  readonly at: Place;
  readonly depth: number;
  readonly emitFamily: EmitFamily;
}
