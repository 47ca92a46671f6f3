/**
 * The lifecycle rules, as oasdiff's checker names and judges them: an
 * operation, a parameter or a body property deprecated or reactivated, its
 * sunset date (`x-sunset`, an RFC 3339 date) set, moved, deleted or
 * unreadable, its stability level (`x-stability-level`: draft, alpha, beta,
 * stable) changed, and a removal judged by the deprecation and sunset that
 * preceded it. A deprecation must give clients at least the policy's days
 * before its sunset; oasdiff's current source (checker/config.go) defaults
 * both beta and stable to 0, so a deprecation without a sunset is info unless
 * a policy asks for days. Operations below the stability threshold
 * (`--stability-level`, beta by default as oasdiff's CLI) are not judged.
 * Dates are compared with the policy's clock, which tests set.
 */
import type { Obj } from './resolve.js';
import type { RuleId } from './rules.js';

export interface DeprecationPolicy {
  /** The day removals and sunsets are judged on. @default now */
  readonly now?: Date;
  /** Least days from a beta resource's deprecation to its sunset. @default 0 */
  readonly deprecationDaysBeta?: number;
  /** Least days from a stable resource's deprecation to its sunset. @default 0 */
  readonly deprecationDaysStable?: number;
  /**
   * The least stability an operation must have to be judged: changes to
   * operations below it (draft and alpha, by default) are not reported.
   * @default 'beta'
   */
  readonly stabilityLevel?: StabilityLevel;
}

/** oasdiff's defaults (checker/config.go): no days required, so a deprecation without a sunset is info. */
export const DEFAULT_DEPRECATION_DAYS = { beta: 0, stable: 0 } as const;
/** oasdiff's CLI default threshold. */
export const DEFAULT_STABILITY_LEVEL = 'beta';

export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
const LEVELS = STABILITY_LEVELS;
export type StabilityLevel = (typeof LEVELS)[number];
type Level = StabilityLevel;
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
  readonly #threshold: number;

  constructor(policy: DeprecationPolicy = {}) {
    this.#now = policy.now ?? new Date();
    this.#threshold = LEVELS.indexOf(policy.stabilityLevel ?? DEFAULT_STABILITY_LEVEL);
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
   * Whether an operation is judged under the stability threshold. One whose
   * level cannot be read is judged when it is in both versions (`invalid`
   * true) and left out when it was removed, as oasdiff does.
   */
  judged(node: Obj, invalid: boolean): boolean {
    const stability = stabilityOf(node);
    return 'level' in stability ? LEVELS.indexOf(stability.level) >= this.#threshold : invalid;
  }

  /**
   * A resource newly deprecated, or reactivated: what its sunset says under
   * the policy. `kind` prefixes the ids (`api`/`endpoint` for operations,
   * `request-parameter` for parameters, `request-property`/`response-property`
   * for body properties), as oasdiff's do.
   */
  deprecation(
    kind: keyof typeof IDS,
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
    return { id: ids.deprecatedWithSunset, message: `deprecated, sunset ${day(sunset.date)}` };
  }

  /**
   * A deprecated operation or parameter whose x-sunset was deleted, made
   * unreadable, or moved earlier than the policy allows. An operation must
   * have been deprecated before as well; a parameter only now, as oasdiff has it.
   */
  sunsetChange(kind: 'operation' | 'parameter', before: Obj, after: Obj, level: Level): Found | undefined {
    const ids = SUNSET_CHANGE[kind];
    if (!deprecated(after) || (kind === 'operation' && !deprecated(before))) return undefined;
    const [was, is] = [sunsetOf(before), sunsetOf(after)];
    if (before['x-sunset'] !== undefined && after['x-sunset'] === undefined)
      return { id: ids.deleted, message: `the sunset date ${was.date ? day(was.date) : 'given'} was deleted` };
    if (
      before['x-sunset'] === undefined ||
      after['x-sunset'] === undefined ||
      JSON.stringify(before['x-sunset']) === JSON.stringify(after['x-sunset'])
    )
      return undefined;
    if (is.invalid) return { id: ids.parse, message: is.invalid };
    if (was.invalid) return { id: ids.parse, message: `the earlier ${was.invalid}` };
    if (!was.date || !is.date || is.date >= was.date) return undefined;
    const days = this.#days[level];
    const left = this.#daysUntil(is.date);
    return left < days
      ? {
          id: ids.tooSmall,
          message: `sunset moved from ${day(was.date)} to ${day(is.date)}, ${left} days away: a ${level} resource needs ${days} at least`,
        }
      : undefined;
  }

  /**
   * A removed parameter: judged by its deprecation and sunset. Removed after
   * its sunset, or deprecated without one, it is info (oasdiff reports the
   * first not at all; it is named here so that every removal is seen).
   */
  parameterRemoval(node: Obj): Found {
    if (!deprecated(node)) return { id: 'request-parameter-removed', message: 'parameter no longer documented' };
    const sunset = sunsetOf(node);
    if (sunset.invalid) return { id: 'request-parameter-sunset-parse', message: `removed, and ${sunset.invalid}` };
    if (sunset.date && day(this.#now) < day(sunset.date))
      return {
        id: 'request-parameter-removed-before-sunset',
        message: `removed before its sunset ${day(sunset.date)}`,
      };
    return {
      id: 'request-parameter-removed-with-deprecation',
      message: sunset.date ? `removed after its sunset ${day(sunset.date)}` : 'removed after its deprecation',
    };
  }

  /** A body property's own stability level (`x-stability-level` on its schema), decreased or increased. */
  propertyStability(kind: 'request-property' | 'response-property', before: Obj, after: Obj): Found | undefined {
    const [was, is] = [stabilityOf(before), stabilityOf(after)];
    if (!('level' in was) || !('level' in is) || was.level === is.level) return undefined;
    const lower = LEVELS.indexOf(is.level) < LEVELS.indexOf(was.level);
    return {
      id: `${kind}-stability-${lower ? 'decreased' : 'increased'}`,
      message: `stability ${lower ? 'decreased' : 'increased'} from ${was.level} to ${is.level}`,
    };
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

  /**
   * The stability level, as written in each version: invalid, decreased or
   * increased. A change is judged when the level it leaves meets the
   * threshold (stable to draft is reported, draft to stable is not), as oasdiff does.
   */
  stability(before: Obj, after: Obj): Found[] {
    const [was, is] = [stabilityOf(before), stabilityOf(after)];
    const out: Found[] = [];
    for (const side of [was, is])
      if ('invalid' in side) out.push({ id: 'api-invalid-stability-level', message: side.invalid });
    if ('level' in was && 'level' in is && was.level !== is.level && LEVELS.indexOf(was.level) >= this.#threshold) {
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

type Found = { id: RuleId; message: string };

const IDS = {
  operation: {
    reactivated: 'endpoint-reactivated',
    deprecated: 'endpoint-deprecated',
    deprecatedWithSunset: 'endpoint-deprecated-with-sunset',
    sunsetMissing: 'api-deprecated-sunset-missing',
    sunsetParse: 'api-deprecated-sunset-parse',
    sunsetTooSmall: 'api-sunset-date-too-small',
  },
  parameter: {
    reactivated: 'request-parameter-reactivated',
    deprecated: 'request-parameter-deprecated',
    deprecatedWithSunset: 'request-parameter-deprecated',
    sunsetMissing: 'request-parameter-deprecated-sunset-missing',
    sunsetParse: 'request-parameter-sunset-parse',
    sunsetTooSmall: 'request-parameter-sunset-date-too-small',
  },
  'request-property': {
    reactivated: 'request-property-reactivated',
    deprecated: 'request-property-deprecated',
    deprecatedWithSunset: 'request-property-deprecated-with-sunset',
    sunsetMissing: 'request-property-deprecated-sunset-missing',
    sunsetParse: 'request-property-deprecated-sunset-invalid',
    sunsetTooSmall: 'request-property-sunset-date-too-small',
  },
  'response-property': {
    reactivated: 'response-property-reactivated',
    deprecated: 'response-property-deprecated',
    deprecatedWithSunset: 'response-property-deprecated-with-sunset',
    sunsetMissing: 'response-property-deprecated-sunset-missing',
    sunsetParse: 'response-property-deprecated-sunset-invalid',
    sunsetTooSmall: 'response-property-sunset-date-too-small',
  },
} as const satisfies Record<string, Record<string, RuleId>>;

const SUNSET_CHANGE = {
  operation: {
    deleted: 'sunset-deleted',
    parse: 'api-path-sunset-parse',
    tooSmall: 'api-sunset-date-changed-too-small',
  },
  parameter: {
    deleted: 'request-parameter-sunset-deleted',
    parse: 'request-parameter-sunset-parse',
    tooSmall: 'request-parameter-sunset-date-changed-too-small',
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
  ...new Set<RuleId>([
    ...Object.values(IDS).flatMap((ids) => Object.values(ids)),
    ...Object.values(SUNSET_CHANGE).flatMap((ids) => Object.values(ids)),
    ...Object.values(OPERATION_REMOVAL),
    ...Object.values(PATH_REMOVAL),
    'request-parameter-removed-before-sunset',
    'request-parameter-removed-with-deprecation',
    'api-stability-decreased',
    'api-stability-increased',
    'api-invalid-stability-level',
    'request-property-stability-decreased',
    'request-property-stability-increased',
    'response-property-stability-decreased',
    'response-property-stability-increased',
  ]),
];

/**
 * The lifecycle changes of an operation present in both versions, each a rule
 * and a message, for `emit`. Its stability change is judged whatever its level
 * (gated by the level it leaves); its deprecation and sunset only when the
 * operation is at or above the threshold now, as oasdiff filters before them.
 */
export function operationLifecycle(judge: LifecycleJudge, before: Obj, after: Obj): Found[] {
  const stability = judge.stability(before, after);
  if (!judge.judged(after, true)) return stability;
  const level = judge.levelOf(after);
  return [
    judge.deprecation('operation', before, after, level),
    judge.sunsetChange('operation', before, after, level),
    ...stability,
  ].filter((found) => found !== undefined);
}
