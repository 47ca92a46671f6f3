/**
 * Compares the values a schema admits: its types (nullability included), its
 * enum and const, format, pattern, multipleOf and uniqueItems, and its bounds.
 * It names each change by its rule suffix; the verdict is the rule table's
 * (rules.ts), given when the change is emitted.
 */
import type { Obj } from './resolve.js';
import { BOUNDS, COUNTS } from './rules.js';
import {
  admits,
  bounds,
  json,
  patternOf,
  type EmitFamily,
  same,
  typesOf,
  type View,
  WIDER_FORMAT,
} from './schema-view.js';

export function compareTypes(o: View, n: View, emitFamily: EmitFamily): void {
  if (o.none !== n.none) {
    emitFamily(
      o.none ? 'type-generalized' : 'type-specialized',
      o.none ? 'was never valid, now is' : 'is now never valid',
    );
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
  if (gainedValues.length > 0 && lostValues.length > 0) emitFamily('type-changed', `type changed ${from}`);
  else if (!newTypes) emitFamily('type-generalized', `type no longer restricted (was ${show(oldTypes)})`);
  else if (!oldTypes) emitFamily('type-specialized', `type now restricted to ${show(newTypes)} (was any type)`);
  else if (gainedValues.length > 0) emitFamily('type-generalized', `type widened ${from}`);
  else if (lostValues.length > 0) emitFamily('type-specialized', `type narrowed ${from}`);
  if (gained.includes('null')) emitFamily('became-nullable', 'may now be null');
  if (lost.includes('null')) emitFamily('became-not-nullable', 'may no longer be null');
}

/** A const is a one-value enum: `const: x` and `enum: [x]` are the same contract. */
const enumOf = (k: Obj): unknown[] | undefined =>
  Array.isArray(k.enum) ? k.enum : k.const !== undefined ? [k.const] : undefined;

export function compareValues(o: Obj, n: Obj, emitFamily: EmitFamily): void {
  const values = (vs: unknown[]) => vs.map((v) => json(v)).join(', ');
  const constOnly = (k: Obj) => k.const !== undefined && !Array.isArray(k.enum);
  if (constOnly(o) && constOnly(n)) {
    if (!same(o.const, n.const)) emitFamily('const-changed', `const changed from ${json(o.const)} to ${json(n.const)}`);
  } else if (constOnly(o) && enumOf(n) === undefined) {
    emitFamily('const-removed', `const ${json(o.const)} removed`);
  } else if (constOnly(n) && enumOf(o) === undefined) {
    emitFamily('const-added', `const ${json(n.const)} added`);
  } else {
    const [oldEnum, newEnum] = [enumOf(o), enumOf(n)];
    if (!oldEnum && newEnum) emitFamily('became-enum', `now restricted to ${values(newEnum)}`);
    else if (oldEnum && !newEnum) emitFamily('became-not-enum', `no longer restricted to ${values(oldEnum)}`);
    else if (oldEnum && newEnum) {
      const has = (vs: unknown[], v: unknown) => vs.some((x) => same(x, v));
      const added = newEnum.filter((v) => !has(oldEnum, v));
      const removed = oldEnum.filter((v) => !has(newEnum, v));
      if (added.length > 0) emitFamily('enum-value-added', `enum value ${values(added)} added`);
      if (removed.length > 0) emitFamily('enum-value-removed', `enum value ${values(removed)} removed`);
    }
  }

  const [oldFormat, newFormat] = [
    typeof o.format === 'string' ? o.format : undefined,
    typeof n.format === 'string' ? n.format : undefined,
  ];
  if (!oldFormat && newFormat) emitFamily('format-added', `format ${newFormat} added`);
  else if (oldFormat && !newFormat) emitFamily('format-removed', `format ${oldFormat} removed`);
  else if (oldFormat && newFormat && oldFormat !== newFormat) {
    if (WIDER_FORMAT[oldFormat] === newFormat)
      emitFamily('type-generalized', `format ${oldFormat} widened to ${newFormat}`);
    else if (WIDER_FORMAT[newFormat] === oldFormat)
      emitFamily('type-specialized', `format ${oldFormat} narrowed to ${newFormat}`);
    else emitFamily('format-changed', `format changed from ${oldFormat} to ${newFormat}`);
  }

  const [oldPattern, newPattern] = [patternOf(o), patternOf(n)];
  if (!oldPattern && newPattern) emitFamily('pattern-added', `pattern ${json(newPattern)} added`);
  else if (oldPattern && !newPattern) emitFamily('pattern-removed', `pattern ${json(oldPattern)} removed`);
  else if (oldPattern && newPattern && oldPattern !== newPattern)
    emitFamily('pattern-changed', `pattern changed from ${json(oldPattern)} to ${json(newPattern)}`);

  const [oldMultiple, newMultiple] = [
    typeof o.multipleOf === 'number' ? o.multipleOf : undefined,
    typeof n.multipleOf === 'number' ? n.multipleOf : undefined,
  ];
  if (oldMultiple === undefined && newMultiple !== undefined)
    emitFamily('multiple-of-set', `multipleOf ${newMultiple} set`);
  else if (oldMultiple !== undefined && newMultiple === undefined)
    emitFamily('multiple-of-unset', `multipleOf ${oldMultiple} removed`);
  else if (oldMultiple !== undefined && newMultiple !== undefined && oldMultiple !== newMultiple) {
    const divides = (a: number, b: number) => b !== 0 && Number.isInteger(a / b);
    const suffix = divides(oldMultiple, newMultiple)
      ? 'multiple-of-generalized'
      : divides(newMultiple, oldMultiple)
        ? 'multiple-of-specialized'
        : 'multiple-of-changed';
    emitFamily(suffix, `multipleOf changed from ${oldMultiple} to ${newMultiple}`);
  }
  if (o.uniqueItems !== true && n.uniqueItems === true) emitFamily('unique-items-set', 'items must now be unique');
  if (o.uniqueItems === true && n.uniqueItems !== true)
    emitFamily('unique-items-unset', 'items need no longer be unique');
}

/**
 * Bounds may be set and removed. minItems has set/unset rules of its own (as
 * in oasdiff), so its default 0 is read as absent; minLength and
 * minProperties only rise and fall from 0, which their absence means.
 */
export function compareBounds(o: Obj, n: Obj, emitFamily: EmitFamily): void {
  const oldBounds = bounds(o);
  const newBounds = bounds(n);
  const moved = (keyword: string, a: number, b: number) =>
    `${keyword} ${b > a ? 'increased' : 'decreased'} from ${a} to ${b}`;
  // Index loops, and no array destructured: see schema-view.ts on the baseline tier.
  for (let i = 0; i < BOUNDS.length; i++) {
    const stem = BOUNDS[i]![0];
    const keyword = BOUNDS[i]![2];
    const a = oldBounds[keyword];
    const b = newBounds[keyword];
    if (a === b) continue;
    if (a === undefined) emitFamily(`${stem}-set`, `${keyword} set to ${b}`);
    else if (b === undefined) emitFamily(`${stem}-unset`, `${keyword} ${a} removed`);
    else emitFamily(b > a ? `${stem}-increased` : `${stem}-decreased`, moved(keyword, a, b));
  }
  for (let i = 0; i < COUNTS.length; i++) {
    const stem = COUNTS[i]![0];
    const keyword = COUNTS[i]![1];
    const a = oldBounds[keyword] ?? 0;
    const b = newBounds[keyword] ?? 0;
    if (a !== b) emitFamily(b > a ? `${stem}-increased` : `${stem}-decreased`, moved(keyword, a, b));
  }
}
