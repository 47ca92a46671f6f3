/**
 * Own keys of the large objects of a diff, listed once: listing a large
 * object's keys costs V8 a sort (a schema with half a million properties took
 * about 230 ms a look), and the documents never change.
 */

/** Objects with so many keys that listing them again would cost more than remembering them. */
const BIG_OBJECT_KEYS = 1024;
const bigKeys = new WeakMap<object, readonly string[]>();

/**
 * An object's own keys, remembered for a large one: a schema with half a
 * million properties is listed once per diff, not once per look at it.
 */
export function keysOf(node: object): readonly string[] {
  const known = bigKeys.get(node);
  if (known) return known;
  const keys = Object.keys(node);
  if (keys.length > BIG_OBJECT_KEYS) bigKeys.set(node, keys);
  return keys;
}

/**
 * The keys remembered for an object, without listing it: `undefined` unless it
 * is large and was listed or read key by key before. Two objects answering the
 * same array have the same keys in the same order (share.ts gives the new
 * version's object the old one's list when it read both in step to the end).
 */
export const rememberedKeys = (node: object): readonly string[] | undefined => bigKeys.get(node);

/**
 * What `Object.keys(node)` is, from one who built the object or read it key by
 * key (share.ts): no key an array index, none repeated, in the order they were
 * set. Kept for a large object, so that the diff never lists it.
 */
export function rememberKeys(node: object, keys: readonly string[]): void {
  if (keys.length > BIG_OBJECT_KEYS) bigKeys.set(node, keys);
}

/**
 * Members of a large object read in step with the same object of the other
 * version (share.ts): the indices, in its key list, of those not known to be
 * the same. Every other member is the basis's own value, taken from text
 * identical in both that holds no `$ref` (and no escape that could spell one)
 * and nests at most SETTLED_MAX_CHARS / 2 levels: the same in both versions
 * however it is compared, as the sameness walk would find (same.ts).
 */
const settled = new WeakMap<object, { readonly basis: object; readonly open: readonly number[] }>();

/** The longest member text that can be known the same: nesting within it stays far below the sameness walk's limit. */
export const SETTLED_MAX_CHARS = 256;

export function rememberSettled(node: object, basis: object, keys: readonly string[], open: readonly number[]): void {
  // Worth it only for a large object most of whose members are the basis's.
  if (keys.length > BIG_OBJECT_KEYS && open.length * 2 < keys.length) settled.set(node, { basis, open });
}

/** The indices of `node`'s members not known to be `basis`'s own (rememberSettled), if the parse noted them against it. */
export function openMembers(node: object, basis: object): readonly number[] | undefined {
  const note = settled.get(node);
  return note?.basis === basis ? note.open : undefined;
}

/** Whether a key may be an array index, which objects list before every other key: any key that starts with a digit. */
export const mayBeIndex = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
};
