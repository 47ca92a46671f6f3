/**
 * The lifecycle rules, as oasdiff's checker names and judges them: an
 * operation or a parameter deprecated or reactivated, its sunset date
 * (`x-sunset`, an RFC 3339 date) set, moved, deleted or unreadable, its
 * stability level (`x-stability-level`: draft, alpha, beta, stable) changed,
 * and a removal judged by the deprecation and sunset that preceded it. A
 * deprecation must give clients at least the policy's days before its sunset:
 * 31 for beta, 180 for stable (oasdiff's defaults), none for draft and alpha.
 * Dates are compared with the policy's clock, which tests set.
 */
import type { Obj } from './resolve.js';
import type { RuleId } from './rules.js';

export interface DeprecationPolicy {
  /** The day removals and sunsets are judged on. @default now */
  readonly now?: Date;
  /** Least days from a beta resource's deprecation to its sunset. @default 31 */
  readonly deprecationDaysBeta?: number;
  /** Least days from a stable resource's deprecation to its sunset. @default 180 */
  readonly deprecationDaysStable?: number;
}

export const DEFAULT_DEPRECATION_DAYS = { beta: 31, stable: 180 } as const;

const LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
type Level = (typeof LEVELS)[number];
const DAY_MS = 86_400_000;

/** `x-stability-level`: one of the four levels; none written is stable. */
function stabilityOf(node: Obj): { readonly level: Level } | { readonly invalid: string } {
  const raw = node['x-stability-level'];
  if (raw === undefined) return { level: 'stable' };
  return typeof raw === 'string' && (LEVELS as readonly string[]).includes(raw)
    ? { level: raw as Level }
    : { invalid: `x-stability-level ${JSON.stringify(raw)?.slice(0, 60)} is not one of ${LEVELS.join(', ')}` };
}

/** `x-sunset`: an RFC 3339 date (or date-time); absent, or a reason it cannot be read. */
function sunsetOf(node: Obj): { readonly date?: Date; readonly invalid?: string } {
  const raw = node['x-sunset'];
  if (raw === undefined) return {};
  const text = typeof raw === 'string' ? raw : raw instanceof Date ? raw.toISOString() : undefined;
  const ok = text !== undefined && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.test(text);
  const time = ok ? Date.parse(text!.length === 10 ? `${text}T00:00:00Z` : text!) : Number.NaN;
  return Number.isNaN(time)
    ? { invalid: `x-sunset ${JSON.stringify(raw)?.slice(0, 60)} is not an RFC 3339 date` }
    : { date: new Date(time) };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const deprecated = (node: Obj) => node.deprecated === true;

/** The judge of one diff: the clock and the grace periods, resolved once. */
export class LifecycleJudge {
  readonly #now: Date;
  readonly #days: Readonly<Record<Level, number>>;

  constructor(policy: DeprecationPolicy = {}) {
    this.#now = policy.now ?? new Date();
    this.#days = {
      draft: 0,
      alpha: 0,
      beta: policy.deprecationDaysBeta ?? DEFAULT_DEPRECATION_DAYS.beta,
      stable: policy.deprecationDaysStable ?? DEFAULT_DEPRECATION_DAYS.stable,
    };
  }

  #daysUntil(date: Date) {
    return Math.floor((date.getTime() - this.#now.getTime()) / DAY_MS);
  }

  /**
   * A resource newly deprecated, or reactivated: what its sunset says under
   * the policy. `kind` prefixes the ids (`api`/`endpoint` for operations,
   * `request-parameter` for parameters), as oasdiff's do.
   */
  deprecation(
    kind: 'operation' | 'parameter',
    before: Obj,
    after: Obj,
    level: Level,
  ): { id: RuleId; message: string } | undefined {
    const ids = IDS[kind];
    if (deprecated(before) && !deprecated(after)) return { id: ids.reactivated, message: 'no longer deprecated' };
    if (deprecated(before) || !deprecated(after)) return undefined;
    const days = this.#days[level];
    const sunset = sunsetOf(after);
    if (sunset.invalid) return { id: ids.sunsetParse, message: `deprecated, but ${sunset.invalid}` };
    if (!sunset.date)
      return days > 0
        ? {
            id: ids.sunsetMissing,
            message: `deprecated without an x-sunset date, which a ${level} resource needs (${days} days ahead at least)`,
          }
        : { id: ids.deprecated, message: `deprecated (${level}, no sunset date)` };
    const left = this.#daysUntil(sunset.date);
    if (left < days)
      return {
        id: ids.sunsetTooSmall,
        message: `deprecated with sunset ${day(sunset.date)}, ${left} days away: a ${level} resource needs ${days} at least`,
      };
    return { id: ids.deprecated, message: `deprecated, sunset ${day(sunset.date)}` };
  }

  /** A deprecated operation whose x-sunset was deleted, made unreadable, or moved earlier than the policy allows. */
  sunsetChange(before: Obj, after: Obj, level: Level): { id: RuleId; message: string } | undefined {
    if (!deprecated(before) || !deprecated(after)) return undefined;
    const [was, is] = [sunsetOf(before), sunsetOf(after)];
    if (before['x-sunset'] !== undefined && after['x-sunset'] === undefined)
      return { id: 'sunset-deleted', message: `the sunset date ${was.date ? day(was.date) : 'given'} was deleted` };
    if (after['x-sunset'] === undefined || JSON.stringify(before['x-sunset']) === JSON.stringify(after['x-sunset']))
      return undefined;
    if (is.invalid) return { id: 'api-path-sunset-parse', message: is.invalid };
    if (!was.date || !is.date || is.date >= was.date) return undefined;
    const days = this.#days[level];
    const left = this.#daysUntil(is.date);
    return left < days
      ? {
          id: 'api-sunset-date-changed-too-small',
          message: `sunset moved from ${day(was.date)} to ${day(is.date)}, ${left} days away: a ${level} resource needs ${days} at least`,
        }
      : undefined;
  }

  /** A removed operation (or a path with all of its): judged by the deprecation and sunset it had. */
  removal(node: Obj, path: boolean): { id: RuleId; message: string } {
    const ids = path ? PATH_REMOVAL : OPERATION_REMOVAL;
    if (!deprecated(node)) return { id: ids.without, message: 'removed without deprecation' };
    const sunset = sunsetOf(node);
    if (sunset.invalid) return { id: 'api-path-sunset-parse', message: `removed, and ${sunset.invalid}` };
    if (sunset.date && day(this.#now) < day(sunset.date))
      return { id: ids.beforeSunset, message: `removed before its sunset ${day(sunset.date)}` };
    return {
      id: ids.with,
      message: sunset.date ? `removed after its sunset ${day(sunset.date)}` : 'removed after its deprecation',
    };
  }

  /** The stability level, as written in each version: invalid, decreased or increased. */
  stability(before: Obj, after: Obj): { id: RuleId; message: string }[] {
    const [was, is] = [stabilityOf(before), stabilityOf(after)];
    const out: { id: RuleId; message: string }[] = [];
    for (const side of [was, is])
      if ('invalid' in side) out.push({ id: 'api-invalid-stability-level', message: side.invalid });
    if ('level' in was && 'level' in is && was.level !== is.level) {
      const lower = LEVELS.indexOf(is.level) < LEVELS.indexOf(was.level);
      out.push({
        id: lower ? 'api-stability-decreased' : 'api-stability-increased',
        message: `stability ${lower ? 'decreased' : 'increased'} from ${was.level} to ${is.level}`,
      });
    }
    return out;
  }

  /** The level whose grace period applies to an operation (stable when it says none or an invalid one). */
  levelOf(node: Obj): Level {
    const stability = stabilityOf(node);
    return 'level' in stability ? stability.level : 'stable';
  }
}

const IDS = {
  operation: {
    reactivated: 'endpoint-reactivated',
    deprecated: 'endpoint-deprecated',
    sunsetMissing: 'api-deprecated-sunset-missing',
    sunsetParse: 'api-deprecated-sunset-parse',
    sunsetTooSmall: 'api-sunset-date-too-small',
  },
  parameter: {
    reactivated: 'request-parameter-reactivated',
    deprecated: 'request-parameter-deprecated',
    sunsetMissing: 'request-parameter-deprecated-sunset-missing',
    sunsetParse: 'request-parameter-sunset-parse',
    sunsetTooSmall: 'request-parameter-sunset-date-too-small',
  },
} as const satisfies Record<string, Record<string, RuleId>>;

const OPERATION_REMOVAL = {
  without: 'api-removed-without-deprecation',
  with: 'api-removed-with-deprecation',
  beforeSunset: 'api-removed-before-sunset',
} as const satisfies Record<string, RuleId>;
const PATH_REMOVAL = {
  without: 'api-path-removed-without-deprecation',
  with: 'api-path-removed-with-deprecation',
  beforeSunset: 'api-path-removed-before-sunset',
} as const satisfies Record<string, RuleId>;

/** Every rule id the lifecycle rules can report. */
export const LIFECYCLE_RULE_IDS: readonly RuleId[] = [
  ...Object.values(IDS.operation),
  ...Object.values(IDS.parameter),
  ...Object.values(OPERATION_REMOVAL),
  ...Object.values(PATH_REMOVAL),
  'sunset-deleted',
  'api-sunset-date-changed-too-small',
  'api-path-sunset-parse',
  'api-stability-decreased',
  'api-stability-increased',
  'api-invalid-stability-level',
];

/** The lifecycle changes of an operation present in both versions: each a rule and a message, for `emit`. */
export function operationLifecycle(judge: LifecycleJudge, before: Obj, after: Obj): { id: RuleId; message: string }[] {
  const level = judge.levelOf(after);
  return [
    judge.deprecation('operation', before, after, level),
    judge.sunsetChange(before, after, level),
    ...judge.stability(before, after),
  ].filter((found) => found !== undefined);
}
