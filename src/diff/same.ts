/**
 * Whether two versions of a node are the same, references included: equal
 * JSON, and every `$ref` in it names, in each version, a node that is the same
 * in turn. A pair that is the same reports nothing however it is compared, so
 * the comparison skips it (schema.ts): between two revisions of a large spec
 * most schemas are unchanged, and one walk of equal JSON costs a fraction of
 * viewing and comparing each keyword (docs/performance.md, section 7).
 *
 * The answer is only ever used to skip work, so whenever it is unsure (a
 * reference that does not resolve, nesting past the comparison's own limit,
 * the work budget spent) it says "not known to be the same", and the full
 * comparison runs and reports what it always reported, errors included.
 *
 * References can form cycles: a pair met again while it is being checked is
 * taken to be the same (the answer is the greatest consistent one, as for
 * recursive types). A pair found the same is remembered as soon as nothing it
 * rested on is still an assumption: the pairs of one cycle together, when the
 * first of them is done (Tarjan's strongly connected components, over the
 * pairs); a pair that rested on an assumption still open waits for it, and is
 * dropped if the check ends "different". A difference found anywhere is final.
 * So a check that ends "different" keeps what it proved the same on the way:
 * the next operation that meets those pairs does not walk them again.
 */
import type { LoadedSpec } from './load.js';
import { deref, type Handle, keysOf } from './resolve.js';
import { quietHeight } from './quiet.js';
import { MAX_DEPTH } from './schema-view.js';

/** JSON nodes one diff may walk looking for sameness; past it every pair is compared in full. */
const MAX_WALKED = 50_000_000;

type Verdicts = WeakMap<object, WeakMap<object, boolean>>;

export class Sameness {
  readonly #old: LoadedSpec;
  readonly #new: LoadedSpec;
  /** Final answers for pairs of `$ref` targets. */
  readonly #known: Verdicts = new WeakMap();
  /** Pairs of `$ref` targets the check under way is in, or found the same under an assumption still open: their place in `#opened`. */
  #open = new WeakMap<object, WeakMap<object, number>>();
  #opened: [object, object][] = [];
  /** The earliest open pair the walk under way has leaned on (met again, and so assumed the same). */
  #leaned = Number.POSITIVE_INFINITY;
  #walked = 0;

  readonly #enabled: boolean;

  /** `enabled: false` finds nothing the same: every pair is compared in full (DiffOptions.skipUnchanged). */
  constructor(oldSpec: LoadedSpec, newSpec: LoadedSpec, enabled = true) {
    this.#old = oldSpec;
    this.#new = newSpec;
    this.#enabled = enabled;
  }

  /**
   * Whether sameNodes still walks: not turned off, its budget not spent. Only then is a node known to be its
   * own with no reference inside (keys.ts, openMembers) passed over as sameNodes would find it: the same.
   */
  get walks(): boolean {
    return this.#enabled && this.#walked <= MAX_WALKED;
  }

  /** Whether the two nodes (each where its handle says, references followed) are surely the same. */
  same(o: Handle, n: Handle): boolean {
    return this.sameNodes(o.file, o.node, n.file, n.node);
  }

  /** `same`, for two nodes in the files named: for a caller that has no handles for them yet. */
  sameNodes(oFile: string, oNode: unknown, nFile: string, nNode: unknown): boolean {
    if (!this.#enabled || this.#walked > MAX_WALKED) return false;
    let answer = false;
    try {
      answer = this.#node(oFile, oNode, nFile, nNode, 0);
    } catch {
      // Unsure (too deep, the budget spent, a reference that does not resolve): compared in full.
      answer = false;
    }
    // The pairs still open rested on an assumption: the whole check has now confirmed it, or not.
    if (this.#opened.length > 0) {
      if (answer) for (const [a, b] of this.#opened) this.#remember(a, b, true);
      this.#open = new WeakMap();
      this.#opened = [];
    }
    this.#leaned = Number.POSITIVE_INFINITY;
    return answer;
  }

  /** What is known of two `$ref` targets without a walk: same, different, or undefined (not yet known). */
  known(o: Handle, n: Handle): boolean | undefined {
    const [a, b] = [deref(this.#old, o).node, deref(this.#new, n).node];
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return undefined;
    return this.#known.get(a)?.get(b);
  }

  #remember(a: object, b: object, verdict: boolean): void {
    let inner = this.#known.get(a);
    if (!inner) {
      inner = new WeakMap();
      this.#known.set(a, inner);
    }
    inner.set(b, verdict);
  }

  #node(oFile: string, o: unknown, nFile: string, n: unknown, depth: number): boolean {
    if (o === n && (o === null || typeof o !== 'object')) return true;
    if (o === null || n === null || typeof o !== 'object' || typeof n !== 'object') return false;
    if (o === n) {
      // One node in both, with no reference inside to name anything else in either: the same, as a walk would
      // find if it would not go too deep (quiet.ts).
      const height = quietHeight(o);
      if (height !== undefined && depth + height <= MAX_DEPTH) return true;
    }
    if (++this.#walked > MAX_WALKED || depth > MAX_DEPTH) throw new Error('unsure');
    if (Array.isArray(o)) {
      if (!Array.isArray(n) || o.length !== n.length) return false;
      for (let i = 0; i < o.length; i++) if (!this.#node(oFile, o[i], nFile, n[i], depth + 1)) return false;
      return true;
    }
    if (Array.isArray(n)) return false;
    const oKeys = keysOf(o);
    const nObj = n as Record<string, unknown>;
    // One object in both has the same keys: only what is inside can differ, through a reference.
    if (o !== n && oKeys.length !== keysOf(n).length) return false;
    const oObj = o as Record<string, unknown>;
    // An index loop: see schema-view.ts on the baseline tier.
    for (let i = 0; i < oKeys.length; i++) {
      const key = oKeys[i]!;
      if (o !== n && !Object.hasOwn(nObj, key)) return false;
      if (!this.#node(oFile, oObj[key], nFile, nObj[key], depth + 1)) return false;
    }
    if (typeof oObj.$ref === 'string') return this.#targets(oFile, oObj, nFile, nObj, depth);
    return true;
  }

  /** Two equal `$ref`s: the same when what each names, in its own version, is the same. */
  #targets(oFile: string, o: object, nFile: string, n: object, depth: number): boolean {
    const a = deref(this.#old, { file: oFile, node: o });
    const b = deref(this.#new, { file: nFile, node: n });
    if (a.node === null || b.node === null || typeof a.node !== 'object' || typeof b.node !== 'object')
      return this.#node(a.file, a.node, b.file, b.node, depth + 1);
    const [x, y] = [a.node as object, b.node as object];
    const known = this.#known.get(x)?.get(y);
    if (known !== undefined) return known;
    let open = this.#open.get(x);
    const at = open?.get(y);
    if (at !== undefined) {
      // Met again while open: assumed the same, and what is being checked now leans on that assumption.
      if (at < this.#leaned) this.#leaned = at;
      return true;
    }
    if (!open) {
      open = new WeakMap();
      this.#open.set(x, open);
    }
    const index = this.#opened.length;
    open.set(y, index);
    this.#opened.push([x, y]);
    const outer = this.#leaned;
    this.#leaned = Number.POSITIVE_INFINITY;
    const verdict = this.#node(a.file, x, b.file, y, depth + 1);
    const leaned = this.#leaned;
    this.#leaned = Math.min(outer, leaned);
    // A difference is final whatever was assumed (assuming sameness never hides one); the walk now ends "different".
    if (!verdict) this.#remember(x, y, false);
    else if (leaned >= index) {
      // Nothing it rested on is open any more: it, and every pair after it that leaned only on it, are the same.
      for (const [p, q] of this.#opened.splice(index)) {
        this.#remember(p, q, true);
        this.#open.get(p)?.delete(q);
      }
    }
    return verdict;
  }
}
