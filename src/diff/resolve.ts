/**
 * Nodes of a loaded spec, as handles that know their file and their JSON path,
 * read null-tolerantly: where the OpenAPI document requires an object and
 * finds null, a list or a scalar, the node reads as empty (as oasdiff reads a
 * null), so no input can crash the comparison. `$ref`s, local or into
 * another file, are followed on demand and never copied.
 */
import { printable } from '../core/sanitize.js';
import { type LoadedSpec, SpecLoadError } from './load.js';

export { keysOf, rememberedKeys } from './keys.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = Readonly<Record<string, unknown>>;

/**
 * A node, where it is: its file, and its path from that file's root kept as a
 * link to its parent handle and its key there (a path array per handle would
 * cost memory in proportion to the spec's width times its depth).
 */
export interface Handle {
  readonly file: string;
  readonly node: unknown;
  readonly parent?: Handle;
  readonly key?: string | number;
  /** The path of a handle that starts mid-file: a `$ref` target. */
  readonly base?: readonly (string | number)[];
}

/** The handle's path from its file's root. */
export function pathOf(h: Handle): (string | number)[] {
  const keys: (string | number)[] = [];
  let at: Handle | undefined = h;
  while (at && at.key !== undefined) {
    keys.push(at.key);
    at = at.parent;
  }
  return [...(at?.base ?? []), ...keys.reverse()];
}

const EMPTY: Obj = Object.freeze({});

/** The node as an object, or an empty one when it is null, a list or a scalar. */
export const obj = (node: unknown): Obj =>
  node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Obj) : EMPTY;

/** The node as a list, or an empty one. */
export const list = (node: unknown): readonly unknown[] => (Array.isArray(node) ? node : []);

/** The entries of an object node whose values are objects (null members are dropped, as oasdiff drops them). */
export const entries = (node: unknown): [string, Obj][] =>
  Object.entries(obj(node)).filter((e): e is [string, Obj] => e[1] !== null && typeof e[1] === 'object');

export const child = (h: Handle, key: string | number): Handle => ({
  file: h.file,
  node: Array.isArray(h.node) ? h.node[key as number] : obj(h.node)[key as string],
  parent: h,
  key,
});

/** One reference token of a `$ref` fragment: percent-decoded (it is a URI fragment), then `~1` and `~0` (RFC 6901). */
function unescapePointer(part: string): string {
  let decoded = part;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    // a malformed escape is read as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}
const MAX_HOPS = 32;

/** The root document of a spec, as a handle: where paths, components and servers are read from. */
export const rootOf = (spec: LoadedSpec): Handle => ({ file: spec.rootKey, node: spec.files.get(spec.rootKey)!.doc });

/** Follows `$ref` chains (local, or into another file of the spec) to the node they name. */
export function deref(spec: LoadedSpec, handle: Handle): Handle {
  let at = handle;
  for (let hops = 0; ; hops++) {
    const ref = obj(at.node).$ref;
    if (typeof ref !== 'string') return at;
    if (hops >= MAX_HOPS)
      throw new SpecLoadError(`a $ref chain from ${printable(ref, 120)} is longer than ${MAX_HOPS} hops`);
    let fromFile = ONE_HOP.get(spec)?.get(at.file);
    if (!fromFile) {
      const files = ONE_HOP.get(spec) ?? new Map<string, Map<string, Handle>>();
      ONE_HOP.set(spec, files);
      fromFile = new Map();
      files.set(at.file, fromFile);
    }
    let target = fromFile.get(ref);
    if (!target) {
      target = follow(spec, at.file, ref);
      fromFile.set(ref, target);
    }
    at = target;
  }
}

/** Where each `$ref` of a spec leads in one hop, by the file that holds it and its text: each is worked out once. */
const ONE_HOP = new WeakMap<LoadedSpec, Map<string, Map<string, Handle>>>();

/** One hop: the node a `$ref` in `from` names. */
function follow(spec: LoadedSpec, from: string, ref: string): Handle {
  const [file, fragment = ''] = ref.split('#') as [string, string?];
  const key = file === '' ? from : spec.refKey(from, file);
  const target = spec.files.get(key);
  if (!target) throw new SpecLoadError(`cannot resolve the $ref ${printable(JSON.stringify(ref), 120)}`);
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    pointer = fragment;
  }
  const path = pointer === '' || pointer === '/' ? [] : pointer.replace(/^\//, '').split('/').map(unescapePointer);
  let node: unknown = target.doc;
  for (const part of path) {
    node = Array.isArray(node)
      ? node[Number(part)]
      : node && typeof node === 'object'
        ? (node as Obj)[part]
        : undefined;
  }
  if (node === undefined) {
    throw new SpecLoadError(
      `cannot resolve the $ref ${printable(JSON.stringify(ref), 120)}: nothing is at ${printable(pointer, 120)}`,
    );
  }
  return { file: key, node, base: path };
}

/**
 * The spec as one self-contained document, every reference inlined (a
 * reference met again inside itself becomes `{}`): for tools that read one
 * document, like `diff --types`. Bounded by `maxNodes`.
 */
export function bundle(spec: LoadedSpec, maxNodes = 2_000_000): Json {
  let nodes = 0;
  const copy = (h: Handle, seen: ReadonlySet<unknown>): Json => {
    if (++nodes > maxNodes) throw new SpecLoadError(`the spec inlines to more than ${maxNodes} nodes`);
    const target = deref(spec, h);
    if (seen.has(target.node)) return {};
    const { node } = target;
    if (node === null || typeof node !== 'object') return node as Json;
    const inner = new Set(seen).add(node);
    if (Array.isArray(node)) return node.map((_, i) => copy(child(target, i), inner));
    return Object.fromEntries(Object.keys(node).map((k) => [k, copy(child(target, k), inner)]));
  };
  return copy({ file: spec.rootKey, node: spec.files.get(spec.rootKey)!.doc }, new Set());
}
