/**
 * Large nodes of a parsed document that hold no `$ref` anywhere inside, with
 * their height: noted by the YAML parser's listener as it composes them
 * (load.ts). A node both versions share (a spec diffed against itself, a
 * value the new version shares with the old one) is the same in both when
 * nothing inside it refers elsewhere, so the sameness walk (same.ts) need
 * not walk it to learn that: a schema of 540,000 properties took 390 ms to
 * list and walk against itself, more than every other part of the
 * comparison together (docs/performance.md, section 7).
 */

/** The fewest nodes inside a node worth noting: walking fewer costs less than the note. */
export const QUIET_MIN_NODES = 4_096;

const quiet = new WeakMap<object, number>();

/**
 * Notes a node with at least QUIET_MIN_NODES nodes inside and no `$ref` key
 * (nor alias) anywhere among them; `height`, at least the levels of nodes
 * below it, bounds how deep a walk of it would go.
 */
export function rememberQuiet(node: object, height: number): void {
  quiet.set(node, height);
}

/** The height of a node noted as holding no `$ref`, or undefined. */
export const quietHeight = (node: object): number | undefined => quiet.get(node);
