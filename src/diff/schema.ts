/**
 * Compares two versions of a schema from one side of the wire. A `request`
 * schema is what consumers send: narrowing it breaks them. A `response` (or
 * `callback`) schema is what consumers receive: widening it breaks them.
 */
import { change, type Change, type RuleId } from './rules.js';
import { admits, typesOf, type Schema } from './normalize.js';

export type Direction = 'request' | 'response' | 'callback';

/** Constraints where a larger value is tighter (+1) or looser (-1). */
const BOUNDS: Record<string, 1 | -1> = {
  minLength: 1,
  minimum: 1,
  exclusiveMinimum: 1,
  minItems: 1,
  minProperties: 1,
  maxLength: -1,
  maximum: -1,
  exclusiveMaximum: -1,
  maxItems: -1,
  maxProperties: -1,
};
/** Constraints any change of which may reject a value that passed before. */
const EXACT = ['pattern', 'format', 'multipleOf', 'const'];

const fmt = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
const at = (location: string, path: string) => `${location} › ${path}`;

function compareTypes(o: Schema, n: Schema, dir: Direction, where: string): Change[] {
  const oldTypes = typesOf(o);
  const newTypes = typesOf(n);
  if (dir === 'request') {
    if (!newTypes) return [];
    const lost = oldTypes ? [...oldTypes].filter((t) => !admits(newTypes, t)) : ['any'];
    const gained = oldTypes ? [...newTypes].filter((t) => !admits(oldTypes, t)) : [];
    if (lost.length > 0)
      return [
        change(
          'request-property-type-narrowed',
          where,
          `no longer accepts ${lost.join(', ')} (now ${[...newTypes].join(', ')})`,
        ),
      ];
    return gained.length > 0
      ? [change('request-property-type-widened', where, `now also accepts ${gained.join(', ')}`)]
      : [];
  }
  if (!oldTypes) return [];
  const gained = newTypes ? [...newTypes].filter((t) => !admits(oldTypes, t)) : ['any'];
  if (gained.length === 0) return [];
  if (dir === 'callback') return [change('callback-parameter-type-changed', where, `may now be ${gained.join(', ')}`)];
  if (gained.length === 1 && gained[0] === 'null')
    return [change('response-property-became-nullable', where, 'may now be null')];
  return [
    change(
      'response-property-type-changed',
      where,
      `may now be ${gained.join(', ')} (was ${[...oldTypes].join(', ')})`,
    ),
  ];
}

function compareEnums(o: Schema, n: Schema, dir: Direction, where: string): Change[] {
  const oldEnum = Array.isArray(o.enum) ? o.enum : undefined;
  const newEnum = Array.isArray(n.enum) ? n.enum : undefined;
  if (!oldEnum && !newEnum) return [];
  const has = (list: unknown[], v: unknown) => list.some((x) => JSON.stringify(x) === JSON.stringify(v));
  const added = newEnum ? newEnum.filter((v) => !oldEnum || !has(oldEnum, v)) : [];
  const removed = oldEnum ? oldEnum.filter((v) => !newEnum || !has(newEnum, v)) : [];
  const out: Change[] = [];
  const receiving = dir !== 'request';
  if (oldEnum && !newEnum) {
    out.push(
      receiving
        ? change(
            dir === 'callback' ? 'callback-enum-value-added' : 'response-property-enum-value-added',
            where,
            `is no longer restricted to ${fmt(oldEnum)}`,
          )
        : change('request-property-constraint-relaxed', where, `enum ${fmt(oldEnum)} dropped`),
    );
    return out;
  }
  if (!oldEnum && newEnum) {
    out.push(
      receiving
        ? change(
            dir === 'callback' ? 'callback-enum-value-removed' : 'response-property-enum-value-removed',
            where,
            `now restricted to ${fmt(newEnum)}`,
          )
        : change('request-property-constraint-added', where, `now restricted to ${fmt(newEnum)}`),
    );
    return out;
  }
  const addedRule: RuleId =
    dir === 'request'
      ? 'request-property-enum-value-added'
      : dir === 'callback'
        ? 'callback-enum-value-added'
        : 'response-property-enum-value-added';
  const removedRule: RuleId =
    dir === 'request'
      ? 'request-property-enum-value-removed'
      : dir === 'callback'
        ? 'callback-enum-value-removed'
        : 'response-property-enum-value-removed';
  if (added.length > 0) out.push(change(addedRule, where, `enum value ${fmt(added)} added`));
  if (removed.length > 0) out.push(change(removedRule, where, `enum value ${fmt(removed)} removed`));
  return out;
}

function compareConstraints(o: Schema, n: Schema, where: string): Change[] {
  const out: Change[] = [];
  for (const [key, sign] of Object.entries(BOUNDS)) {
    const a = typeof o[key] === 'number' ? (o[key] as number) : undefined;
    const b = typeof n[key] === 'number' ? (n[key] as number) : undefined;
    if (a === b) continue;
    const tighter = a === undefined || (b !== undefined && (b - a) * sign > 0);
    out.push(
      tighter
        ? change(
            'request-property-constraint-added',
            where,
            `${key} ${a === undefined ? 'added' : `changed from ${a}`} to ${b}`,
          )
        : change(
            'request-property-constraint-relaxed',
            where,
            `${key} ${b === undefined ? 'removed' : `relaxed from ${a} to ${b}`}`,
          ),
    );
  }
  for (const key of EXACT) {
    if (JSON.stringify(o[key]) === JSON.stringify(n[key])) continue;
    out.push(
      n[key] === undefined
        ? change('request-property-constraint-relaxed', where, `${key} removed`)
        : change(
            'request-property-constraint-added',
            where,
            `${key} ${o[key] === undefined ? 'added' : `changed from ${JSON.stringify(o[key])}`}: ${JSON.stringify(n[key])}`,
          ),
    );
  }
  return out;
}

function compareProperties(o: Schema, n: Schema, dir: Direction, location: string, path: string): Change[] {
  const out: Change[] = [];
  const oldProps = o.properties ?? {};
  const newProps = n.properties ?? {};
  const oldReq = new Set(o.required ?? []);
  const newReq = new Set(n.required ?? []);
  const child = (name: string) => `${path}.${name}`;
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    if (dir === 'request')
      out.push(
        change(
          newReq.has(name) ? 'request-property-added-required' : 'request-property-added-optional',
          at(location, child(name)),
          newReq.has(name) ? 'new required property' : 'new optional property',
        ),
      );
    else if (dir === 'response') out.push(change('response-property-added', at(location, child(name)), 'new property'));
    else out.push(change('callback-query-parameter-added', at(location, child(name)), 'new parameter'));
  }
  for (const name of Object.keys(oldProps)) {
    const where = at(location, child(name));
    if (!(name in newProps)) {
      out.push(
        dir === 'request'
          ? change('request-property-removed', where, 'property removed')
          : dir === 'response'
            ? change('response-property-removed', where, 'property removed')
            : change('callback-query-parameter-removed', where, 'parameter no longer sent'),
      );
      continue;
    }
    if (dir === 'request' && newReq.has(name) && !oldReq.has(name))
      out.push(change('request-property-became-required', where, 'now required'));
    if (dir !== 'request' && oldReq.has(name) && !newReq.has(name))
      out.push(
        change(
          dir === 'callback' ? 'callback-query-parameter-removed' : 'response-property-became-optional',
          where,
          'no longer always present',
        ),
      );
    if (dir === 'response' && !oldReq.has(name) && newReq.has(name))
      out.push(change('response-property-became-required', where, 'now always present'));
    out.push(...compareSchemas(oldProps[name], newProps[name], dir, location, child(name)));
  }
  return out;
}

export function compareSchemas(
  o: Schema | undefined,
  n: Schema | undefined,
  dir: Direction,
  location: string,
  path: string,
): Change[] {
  if (!o || !n) return [];
  const where = at(location, path);
  return [
    ...compareTypes(o, n, dir, where),
    ...compareEnums(o, n, dir, where),
    ...(dir === 'request' ? compareConstraints(o, n, where) : []),
    ...compareProperties(o, n, dir, location, path),
    ...compareSchemas(o.items, n.items, dir, location, `${path}[]`),
  ];
}
