/**
 * Makes two spec versions comparable: local `$ref`s resolved (cycles cut),
 * and OpenAPI 3.0's `nullable: true` expressed as 3.1's `type: [..., 'null']`.
 */
import type { Doc } from './load.js';

export type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  nullable?: boolean;
  format?: string;
  pattern?: string;
  [key: string]: unknown;
};

function pointer(doc: Doc, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, part) => (at as Doc | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/** A deep copy of `node` with local refs replaced by their targets; a ref met again inside itself stays a ref. */
export function dereference(doc: Doc, node: unknown = doc, seen: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(node)) return node.map((n) => dereference(doc, n, seen));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    if (seen.has(ref)) return { $ref: ref };
    const target = pointer(doc, ref);
    return target === undefined ? node : dereference(doc, target, new Set([...seen, ref]));
  }
  const out: Doc = {};
  for (const [key, value] of Object.entries(node)) out[key] = dereference(doc, value, seen);
  return out;
}

/** The set of JSON types a schema admits (`integer` kept apart from `number`), or undefined when it does not say. */
export function typesOf(schema: Schema | undefined): Set<string> | undefined {
  if (!schema) return undefined;
  const declared = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!declared) return schema.nullable === true ? new Set(['null']) : undefined;
  const types = new Set(declared);
  if (schema.nullable === true) types.add('null');
  return types;
}

/** Whether a value of JSON type `t` is accepted by a schema admitting `types`. */
export const admits = (types: Set<string>, t: string): boolean =>
  types.has(t) || (t === 'integer' && types.has('number'));
