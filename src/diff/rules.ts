/**
 * Every rule of the breaking-change check, with its level and a one-line
 * reason, in one table. Ids follow oasdiff's wherever oasdiff has the same
 * rule (docs/diff-rules.md lists each, and the deliberate differences).
 *
 * Most schema rules come in families: the same change (a bound raised, an
 * enum value added) at a request body, a request property, a request
 * parameter, a response body, a response property, a response header or a
 * callback parameter, where what consumers send (request) or receive
 * (response, header, callback) decides whether it breaks them.
 */
export type Level = 'breaking' | 'warning' | 'info';
export type Rule = readonly [level: Level, reason: string];

import { STRUCTURAL_RULES } from './rules-structural.js';

/** Where a schema sits, and so how a rule's id begins. */
export type Site =
  | 'request-body'
  | 'request-property'
  | 'request-parameter'
  | 'response-body'
  | 'response-property'
  | 'response-header'
  | 'callback-parameter'
  | 'callback-property'
  | 'webhook-body'
  | 'webhook-property'
  | 'webhook-parameter'
  | 'webhook-response-body'
  | 'webhook-response-property';
export const SITES: readonly Site[] = [
  'request-body',
  'request-property',
  'request-parameter',
  'response-body',
  'response-property',
  'response-header',
  'callback-parameter',
  'callback-property',
  'webhook-body',
  'webhook-property',
  'webhook-parameter',
  'webhook-response-body',
  'webhook-response-property',
];
/**
 * Where the API's consumer sends: its requests, and a webhook receiver's
 * answer (which the API reads). Everywhere else the consumer receives: the
 * API's responses and headers, a callback's parameters, a webhook's payload
 * and parameters.
 */
export const sends = (site: Site) => site.startsWith('request-') || site.startsWith('webhook-response-');
const receives = (site: Site) => !sends(site);

/** The property rules of the sites a property sits at: what a sender must now send, or a receiver no longer gets. */
export const PROPERTY_RULES = {
  'request-property': {
    requiredAdded: 'new-required-request-property',
    optionalAdded: 'new-optional-request-property',
    requiredRemoved: 'request-property-removed',
    optionalRemoved: 'request-property-removed',
    becameRequired: 'request-property-became-required',
    becameOptional: 'request-property-became-optional',
  },
  'response-property': {
    requiredAdded: 'response-required-property-added',
    optionalAdded: 'response-optional-property-added',
    requiredRemoved: 'response-required-property-removed',
    optionalRemoved: 'response-optional-property-removed',
    becameRequired: 'response-property-became-required',
    becameOptional: 'response-property-became-optional',
  },
  'callback-property': {
    requiredAdded: 'callback-required-property-added',
    optionalAdded: 'callback-optional-property-added',
    requiredRemoved: 'callback-required-property-removed',
    optionalRemoved: 'callback-optional-property-removed',
    becameRequired: 'callback-property-became-required',
    becameOptional: 'callback-property-became-optional',
  },
  'webhook-property': {
    requiredAdded: 'webhook-required-property-added',
    optionalAdded: 'webhook-optional-property-added',
    requiredRemoved: 'webhook-required-property-removed',
    optionalRemoved: 'webhook-optional-property-removed',
    becameRequired: 'webhook-property-became-required',
    becameOptional: 'webhook-property-became-optional',
  },
  'webhook-response-property': {
    requiredAdded: 'new-required-webhook-response-property',
    optionalAdded: 'new-optional-webhook-response-property',
    requiredRemoved: 'webhook-response-property-removed',
    optionalRemoved: 'webhook-response-property-removed',
    becameRequired: 'webhook-response-property-became-required',
    becameOptional: 'webhook-response-property-became-optional',
  },
} as const;
export type PropertySite = keyof typeof PROPERTY_RULES;

/** How a schema change moves the set of valid values: fewer (narrows), more (widens), or neither surely. */
type Effect = 'narrows' | 'widens' | 'incomparable';

/** A change that narrows what is sent breaks senders; one that widens what is received breaks receivers. */
const levelOf = (received: boolean, effect: Effect): Level =>
  effect === 'incomparable' ? 'breaking' : (effect === 'narrows') !== received ? 'breaking' : 'info';

/** Who a breaking change hurts, and who an info one spares, at a site that receives or sends. */
const who = (received: boolean) =>
  received ? 'receivers may now get values they never got' : 'senders may now be refused';
const spare = (received: boolean) => (received ? 'receivers get fewer kinds of values' : 'senders may send more');

/** The schema families: [suffix, effect, what changed]. */
const FAMILY = [
  ['type-changed', 'incomparable', 'The type changed to one the old could not be'],
  ['type-generalized', 'widens', 'The type admits more (integer to number, a type added)'],
  ['type-specialized', 'narrows', 'The type admits less (a type removed)'],
  ['became-nullable', 'widens', '`null` is now allowed'],
  ['became-not-nullable', 'narrows', '`null` is no longer allowed'],
  ['enum-value-added', 'widens', 'An enum value was added'],
  ['enum-value-removed', 'narrows', 'An enum value was removed'],
  ['became-enum', 'narrows', 'The values are now restricted to an enum'],
  ['became-not-enum', 'widens', 'The enum restriction was dropped'],
  ['const-added', 'narrows', 'A const now fixes the value'],
  ['const-removed', 'widens', 'The const no longer fixes the value'],
  ['const-changed', 'incomparable', 'The const value changed'],
  ['format-added', 'narrows', 'A format was added'],
  ['format-removed', 'widens', 'The format was removed'],
  ['format-changed', 'incomparable', 'The format changed'],
  ['pattern-added', 'narrows', 'A pattern was added'],
  ['pattern-removed', 'widens', 'The pattern was removed (or relaxed to one matching everything)'],
  ['pattern-changed', 'incomparable', 'The pattern changed; whether it is wider cannot be told'],
  ['multiple-of-set', 'narrows', 'A multipleOf was set'],
  ['multiple-of-unset', 'widens', 'The multipleOf was removed'],
  ['multiple-of-generalized', 'widens', 'The multipleOf now divides the old one'],
  ['multiple-of-specialized', 'narrows', 'The multipleOf is now a multiple of the old one'],
  ['multiple-of-changed', 'incomparable', 'The multipleOf changed to an unrelated value'],
  ['unique-items-set', 'narrows', 'Items must now be unique'],
  ['unique-items-unset', 'widens', 'Items need no longer be unique'],
  ['one-of-added', 'widens', 'A oneOf branch was added'],
  ['one-of-removed', 'narrows', 'A oneOf branch was removed'],
  ['one-of-introduced', 'narrows', 'A oneOf now constrains values that had none: each must match one branch'],
  ['one-of-dropped', 'widens', 'The oneOf constraint was dropped'],
  ['any-of-added', 'widens', 'An anyOf branch was added'],
  ['any-of-removed', 'narrows', 'An anyOf branch was removed'],
  ['any-of-introduced', 'narrows', 'An anyOf now constrains values that had none: each must match a branch'],
  ['any-of-dropped', 'widens', 'The anyOf constraint was dropped'],
  ['all-of-added', 'narrows', 'An allOf member was added: values must also match it'],
  ['all-of-removed', 'widens', 'An allOf member was removed'],
  ['additional-properties-narrowed', 'narrows', 'Undeclared properties are refused, or their schema narrowed to none'],
  ['additional-properties-widened', 'widens', 'Undeclared properties are now allowed'],
  ['not-added', 'narrows', 'A `not` now excludes values'],
  ['not-removed', 'widens', 'The `not` no longer excludes values'],
  ['not-changed', 'incomparable', 'The `not` excludes other values'],
  ['if-added', 'narrows', 'An `if`/`then`/`else` condition now constrains values'],
  ['if-removed', 'widens', 'The `if`/`then`/`else` condition was removed'],
  ['if-changed', 'incomparable', 'The `if`/`then`/`else` condition changed'],
  ['contains-added', 'narrows', 'Arrays must now contain a matching item (`contains`)'],
  ['contains-removed', 'widens', 'Arrays need no longer contain a matching item (`contains`)'],
  ['prefix-items-added', 'narrows', 'A positional item schema (`prefixItems`) now constrains an item'],
  ['prefix-items-removed', 'widens', 'A positional item schema (`prefixItems`) was removed'],
  ['pattern-properties-added', 'narrows', 'Properties matching a new `patternProperties` pattern are constrained'],
  ['pattern-properties-removed', 'widens', 'A `patternProperties` pattern was removed'],
  ['property-names-added', 'narrows', 'Property names are now constrained (`propertyNames`)'],
  ['property-names-removed', 'widens', 'Property names are no longer constrained (`propertyNames`)'],
  ['dependent-required-added', 'narrows', 'A property now requires others when present (`dependentRequired`)'],
  ['dependent-required-removed', 'widens', 'A `dependentRequired` requirement was removed'],
  ['dependent-schemas-added', 'narrows', 'A property now brings a schema when present (`dependentSchemas`)'],
  ['dependent-schemas-removed', 'widens', 'A `dependentSchemas` entry was removed'],
  ['unevaluated-properties-added', 'narrows', 'Properties no other keyword covers are now constrained'],
  ['unevaluated-properties-removed', 'widens', 'Properties no other keyword covers are no longer constrained'],
  ['unevaluated-items-added', 'narrows', 'Items no other keyword covers are now constrained'],
  ['unevaluated-items-removed', 'widens', 'Items no other keyword covers are no longer constrained'],
] as const satisfies readonly (readonly [string, Effect, string])[];

/**
 * Bounds: a larger max (or a smaller min) widens; setting one narrows, unsetting
 * one widens. minLength and minProperties default to 0, so setting or unsetting
 * them is an increase or a decrease; minItems has set and unset rules, as in
 * oasdiff.
 */
export const BOUNDS = [
  ['max-length', 'max', 'maxLength'],
  ['max', 'max', 'maximum'],
  ['exclusive-max', 'max', 'exclusiveMaximum'],
  ['max-items', 'max', 'maxItems'],
  ['max-properties', 'max', 'maxProperties'],
  ['min', 'min', 'minimum'],
  ['exclusive-min', 'min', 'exclusiveMinimum'],
  ['min-items', 'min', 'minItems'],
  ['max-contains', 'max', 'maxContains'],
  ['min-contains', 'min', 'minContains'],
] as const satisfies readonly (readonly [string, 'max' | 'min', string])[];
export const COUNTS = [
  ['min-length', 'minLength'],
  ['min-properties', 'minProperties'],
] as const;
const VERB = { set: 'set', unset: 'removed', increased: 'raised', decreased: 'lowered' } as const;

/** What follows the site in a schema rule's id: a family's change, or a bound's. Typed from the tables, so an unknown one does not compile. */
export type SchemaSuffix =
  | (typeof FAMILY)[number][0]
  | `${(typeof BOUNDS)[number][0]}-${'set' | 'unset' | 'increased' | 'decreased'}`
  | `${(typeof COUNTS)[number][0]}-${'increased' | 'decreased'}`;
type FamilyId = `${Site}-${(typeof FAMILY)[number][0]}`;
type BoundId = `${Site}-${Exclude<SchemaSuffix, (typeof FAMILY)[number][0]>}`;

/**
 * Where a family's level at every receiving site departs from its effect
 * (docs/diff-rules.md argues each): an allOf member removed widens the merged
 * schema, but what the member required (a property, a bound) is compared in
 * the merged schema and reported by its own rule, so the removal itself is
 * info there, as oasdiff has it.
 */
const RECEIVED = {
  'all-of-removed': [
    'info',
    'An allOf member was removed: what it required (a property, a bound) is compared in the merged schema and reported by its own rule.',
  ],
} as const satisfies Partial<Record<(typeof FAMILY)[number][0], Rule>>;

/**
 * Every site's family and bound rules, 1,339 of them, built when the module loads, in V8's interpreter:
 * each site's judgement is worked out once, not once per rule, and the table is assigned into rather than
 * spread into a new object (the diff worker built it in 15-21 ms, now 9; docs/performance.md, section 7).
 */
function schemaRules(): Record<FamilyId | BoundId, Rule> {
  const out = {} as Record<FamilyId | BoundId, Rule>;
  for (const site of SITES) {
    const received = receives(site);
    const [hurt, spared] = [who(received), spare(received)];
    const judge = (effect: Effect, what: string): Rule => {
      const level = levelOf(received, effect);
      return [level, `${what}: ${level === 'info' ? spared : hurt}.`];
    };
    for (const [suffix, effect, what] of FAMILY) {
      out[`${site}-${suffix}` as FamilyId] =
        (received ? RECEIVED[suffix as keyof typeof RECEIVED] : undefined) ?? judge(effect, what);
    }
    for (const [bound, kind, keyword] of BOUNDS) {
      const [wider, narrower] =
        kind === 'max' ? (['increased', 'decreased'] as const) : (['decreased', 'increased'] as const);
      out[`${site}-${bound}-set` as BoundId] = judge('narrows', `\`${keyword}\` ${VERB.set}`);
      out[`${site}-${bound}-unset` as BoundId] = judge('widens', `\`${keyword}\` ${VERB.unset}`);
      out[`${site}-${bound}-${wider}` as BoundId] = judge('widens', `\`${keyword}\` ${VERB[wider]}`);
      out[`${site}-${bound}-${narrower}` as BoundId] = judge('narrows', `\`${keyword}\` ${VERB[narrower]}`);
    }
    for (const [count, keyword] of COUNTS) {
      out[`${site}-${count}-increased` as BoundId] = judge('narrows', `\`${keyword}\` ${VERB.increased}`);
      out[`${site}-${count}-decreased` as BoundId] = judge('widens', `\`${keyword}\` ${VERB.decreased}`);
    }
  }
  return out;
}

/** Judgement calls where this project's level departs from the plain rule of its family (docs/diff-rules.md argues each). */
const ADDITIVE =
  'An undeclared key is an additive change, like a new optional property: receivers that read only what they know are unaffected.';
const OVERRIDES = {
  'response-body-additional-properties-widened': ['info', ADDITIVE],
  'response-property-additional-properties-widened': ['info', ADDITIVE],
  'response-header-additional-properties-widened': ['info', ADDITIVE],
  'callback-parameter-additional-properties-widened': ['info', ADDITIVE],
  'callback-property-additional-properties-widened': ['info', ADDITIVE],
  'webhook-body-additional-properties-widened': ['info', ADDITIVE],
  'webhook-property-additional-properties-widened': ['info', ADDITIVE],
  'webhook-parameter-additional-properties-widened': ['info', ADDITIVE],
  'webhook-body-pattern-changed': [
    'warning',
    'A changed payload pattern may yield values receivers reject; it cannot be told.',
  ],
  'webhook-property-pattern-changed': [
    'warning',
    'A changed payload pattern may yield values receivers reject; it cannot be told.',
  ],
  'webhook-parameter-pattern-changed': [
    'warning',
    'A changed parameter pattern may yield values receivers reject; it cannot be told.',
  ],
  'webhook-body-pattern-removed': ['warning', 'A removed payload pattern may yield values receivers reject.'],
  'webhook-property-pattern-removed': ['warning', 'A removed payload pattern may yield values receivers reject.'],
  'webhook-parameter-pattern-removed': ['warning', 'A removed parameter pattern may yield values receivers reject.'],
  'webhook-response-property-pattern-changed': [
    'breaking',
    'A changed pattern may refuse what the old one accepted; it cannot be proven wider.',
  ],
  'request-property-pattern-changed': [
    'breaking',
    'A changed pattern may refuse what the old one accepted; it cannot be proven wider.',
  ],
  'response-property-pattern-changed': [
    'warning',
    'A changed response pattern may yield values old clients reject; it cannot be told.',
  ],
  'response-body-pattern-changed': [
    'warning',
    'A changed response pattern may yield values old clients reject; it cannot be told.',
  ],
  'response-header-pattern-changed': [
    'warning',
    'A changed header pattern may yield values old clients reject; it cannot be told.',
  ],
  // Removed, or relaxed to one that matches everything: judged as a changed response pattern is (oasdiff: not breaking).
  'response-property-pattern-removed': [
    'warning',
    'A removed response pattern may yield values old clients reject, as a changed one may.',
  ],
  'response-body-pattern-removed': [
    'warning',
    'A removed response pattern may yield values old clients reject, as a changed one may.',
  ],
  'response-header-pattern-removed': [
    'warning',
    'A removed header pattern may yield values old clients reject, as a changed one may.',
  ],
} as const satisfies Partial<Record<FamilyId | BoundId, Rule>>;

// Assigned into the families' table rather than spread into a new one: the same keys, in the same order.
export const RULES = Object.assign(schemaRules(), OVERRIDES, STRUCTURAL_RULES) satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
/** Every rule, by id. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Where a change sits in a spec file, for annotations: the file and the JSON path of the element. */
export interface Anchor {
  readonly file: string;
  readonly path: readonly (string | number)[];
}

export interface Change {
  readonly id: RuleId;
  readonly level: Level;
  /** Where, in words: `POST /v1/client/order/fulfillment › response 200 application/json › body.fulfillmentStatus`. */
  readonly location: string;
  readonly message: string;
  /** The element in the new version (or, when it is gone, its nearest remaining parent). */
  readonly anchor?: Anchor;
  /**
   * For a change inside a schema that several places share (it is compared,
   * and reported, once): the other places it is met at, the first 20 of
   * `total`.
   */
  readonly alsoAt?: { readonly places: readonly string[]; readonly total: number };
}

export const change = (id: RuleId, location: string, message: string, anchor?: Anchor): Change => ({
  id,
  level: RULES[id][0],
  location,
  message,
  ...(anchor ? { anchor } : {}),
});

/** A schema rule's id at a site: `${site}-${suffix}`, checked against the table. */
export function siteRule(site: Site, suffix: SchemaSuffix): RuleId {
  return `${site}-${suffix}`;
}
