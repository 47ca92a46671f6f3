/**
 * What one comparison carries through its walk, and the one way it reports:
 * the two versions, the changes found so far, the work budget, the memo of
 * schema pairs already compared (and where they were met again), and the
 * deprecation policy. `compare.ts`, `operations.ts`, `security.ts`,
 * `schema.ts` and `lifecycle.ts` all report through `emit`.
 */
import type { LifecycleJudge, StabilityLevel } from './lifecycle.js';
import type { LoadedSpec } from './load.js';
import { type Handle, pathOf } from './resolve.js';
import type { Sameness } from './same.js';
import { type Anchor, type Change, change, type RuleId } from './rules.js';

export interface DiffContext {
  readonly old: LoadedSpec;
  readonly new: LoadedSpec;
  readonly out: Change[];
  visits: number;
  /** The budget of schema comparisons, MAX_VISITS unless the caller sets one. */
  readonly maxVisits: number;
  readonly memo: WeakMap<object, WeakMap<object, Map<string, Compared>>>;
  /** Comparisons of a shared pair that were met again elsewhere: where, for the changes they reported. */
  readonly shared: Compared[];
  /** The deprecation policy and clock the lifecycle rules judge by. */
  readonly lifecycle: LifecycleJudge;
  /** Which pairs are the same, references included: those are not compared. */
  readonly sameness: Sameness;
  /** The stability level of the operation being compared, whose grace period its properties' deprecations get. */
  operationLevel: StabilityLevel;
}

/** One comparison of a pair at a site: the changes it reported (`out[start, end)`) and the other places it was met. */
export interface Compared {
  readonly start: number;
  /** -1 while the comparison runs: met again meanwhile is a cycle, not another place. */
  end: number;
  readonly place: string;
  /** The first places it was met at again, up to MAX_ALSO_AT. */
  readonly also: string[];
  /** How many places it was met at again in all. */
  alsoTotal: number;
}

/** Places listed per shared change; the rest are counted. */
export const MAX_ALSO_AT = 20;

/** Comparisons and nesting one diff may cost: a bound on work no input can exceed. */
export const MAX_VISITS = 1_000_000;

export const anchorOf = (h: Handle): Anchor => ({ file: h.file, path: pathOf(h) });

/** Reports one change: its rule, where it is, what it is, and the element of the new version it points at. */
export function emit(cx: DiffContext, id: RuleId, location: string, message: string, anchor: Handle): void {
  cx.out.push(change(id, location, message, anchorOf(anchor)));
}
