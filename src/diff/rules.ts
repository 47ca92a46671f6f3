/**
 * Every rule of the breaking-change check, with its level, in one table.
 * Ids follow oasdiff's naming where oasdiff has the rule; the callback,
 * security and server rules are this project's own.
 */
export type Level = 'breaking' | 'warning' | 'info';

export const RULES = {
  'path-removed': ['breaking', 'A path was removed: every call to it fails.'],
  'operation-removed': ['breaking', 'An operation was removed from a path.'],
  'path-added': ['info', 'A path was added.'],
  'operation-added': ['info', 'An operation was added.'],
  'server-url-changed': [
    'breaking',
    'A server URL was removed or changed: clients built with the old default point nowhere.',
  ],
  'request-body-became-required': ['breaking', 'A request body is now required.'],
  'request-media-type-removed': ['breaking', 'A request media type is no longer accepted.'],
  'request-property-added-required': ['breaking', 'A new required request property: old clients do not send it.'],
  'request-property-became-required': ['breaking', 'An optional request property became required.'],
  'request-property-added-optional': ['info', 'A new optional request property.'],
  'request-property-removed': ['warning', 'A request property was removed: old clients still send it.'],
  'request-property-type-narrowed': ['breaking', 'A request property accepts fewer types than before.'],
  'request-property-type-widened': ['info', 'A request property accepts more types.'],
  'request-property-enum-value-removed': ['breaking', 'A request enum value is no longer accepted.'],
  'request-property-enum-value-added': ['info', 'A request enum value was added.'],
  'request-property-constraint-added': [
    'breaking',
    'A request property got a new or tighter constraint (maxLength, pattern, minimum, format, ...).',
  ],
  'request-property-constraint-relaxed': ['info', 'A request property constraint was removed or loosened.'],
  'request-parameter-added-required': ['breaking', 'A new required parameter.'],
  'response-success-status-removed': [
    'breaking',
    'A success status is no longer returned: code that handles it never runs.',
  ],
  'response-success-status-added': ['info', 'A success status was added.'],
  'response-error-status-added': ['warning', 'A new error status: consumers may not handle it.'],
  'response-error-status-removed': ['warning', 'An error status is no longer documented.'],
  'response-media-type-removed': ['breaking', 'A response media type is no longer returned.'],
  'response-property-removed': ['breaking', 'A response property was removed.'],
  'response-property-became-optional': ['breaking', 'A required response property became optional.'],
  'response-property-became-nullable': ['breaking', 'A response property may now be null.'],
  'response-property-type-changed': ['breaking', 'A response property may now have a type it could not have before.'],
  'response-property-enum-value-added': ['breaking', 'A response enum value was added: exhaustive switches break.'],
  'response-property-enum-value-removed': ['info', 'A response enum value is no longer returned.'],
  'response-property-added': ['info', 'A response property was added.'],
  'response-property-became-required': ['info', 'An optional response property became required.'],
  'response-header-removed': ['warning', 'A response header is no longer documented (breaking when it was required).'],
  'response-required-header-removed': ['breaking', 'A required response header was removed.'],
  'response-header-added': ['info', 'A response header was added.'],
  'security-scheme-removed': ['breaking', 'A security scheme was removed.'],
  'security-scheme-type-changed': ['breaking', 'A security scheme changed its type or flow.'],
  'security-token-url-changed': ['breaking', 'An OAuth 2.0 token URL changed: clients fetch tokens from the old one.'],
  'security-scope-removed': ['breaking', 'An OAuth 2.0 scope was removed from a scheme.'],
  'security-scope-added': ['info', 'An OAuth 2.0 scope was added to a scheme.'],
  'operation-security-changed': ['breaking', 'An operation requires a different security scheme or more scopes.'],
  'callback-removed': ['breaking', 'A callback is no longer sent: receivers wait forever.'],
  'callback-added': ['info', 'A callback was added.'],
  'callback-method-changed': ['breaking', 'A callback uses another HTTP method: receivers route it nowhere.'],
  'callback-query-parameter-removed': ['breaking', 'A callback query parameter is no longer sent.'],
  'callback-query-parameter-added': ['info', 'A callback query parameter was added.'],
  'callback-enum-value-added': ['breaking', 'A callback parameter may carry a value receivers do not know.'],
  'callback-enum-value-removed': ['info', 'A callback parameter value is no longer sent.'],
  'callback-parameter-type-changed': ['breaking', 'A callback parameter may have a type it could not have before.'],
} as const satisfies Record<string, readonly [Level, string]>;

export type RuleId = keyof typeof RULES;

export interface Change {
  readonly id: RuleId;
  readonly level: Level;
  /** Where, e.g. `POST /v1/client/order/fulfillment › response 200 › body.fulfillmentStatus`. */
  readonly location: string;
  readonly message: string;
}

export const change = (id: RuleId, location: string, message: string): Change => ({
  id,
  level: RULES[id][0],
  location,
  message,
});
