/**
 * The rules that are not a schema family at a site: paths and operations,
 * lifecycle, servers, bodies, parameters, properties, statuses, media types,
 * headers, security, callbacks and webhooks, each with its level and a
 * one-line reason. rules.ts assembles them with the families into RULES.
 */
import type { Rule } from './rules.js';

export const STRUCTURAL_RULES = {
  // Paths and operations
  'api-path-removed-without-deprecation': ['breaking', 'A path was removed: every call to it fails.'],
  'api-path-removed-with-deprecation': ['info', 'A deprecated path was removed, as its deprecation announced.'],
  'api-removed-without-deprecation': ['breaking', 'An operation was removed from a path: calls to it fail.'],
  'api-removed-with-deprecation': ['info', 'A deprecated operation was removed, as its deprecation announced.'],
  'endpoint-added': ['info', 'An operation was added.'],
  'endpoint-deprecated': [
    'info',
    'An operation was deprecated without a sunset date, which the policy does not ask for (--deprecation-days-*).',
  ],
  'endpoint-deprecated-with-sunset': ['info', 'An operation was deprecated, with a sunset date the policy allows.'],
  // Lifecycle (src/diff/lifecycle.ts): deprecation, sunset and stability, as oasdiff judges them
  'endpoint-reactivated': ['info', 'A deprecated operation is no longer deprecated.'],
  'api-deprecated-sunset-missing': [
    'breaking',
    'An operation was deprecated without an x-sunset date, which the policy asks for: its clients cannot know how long they have.',
  ],
  'api-deprecated-sunset-parse': ['breaking', 'A deprecated operation has an x-sunset that is not an RFC 3339 date.'],
  'api-sunset-date-too-small': [
    'breaking',
    'An operation was deprecated with a sunset sooner than the policy gives clients (--deprecation-days-*).',
  ],
  'sunset-deleted': ['breaking', 'A deprecated operation lost its sunset date: the promised date no longer holds.'],
  'api-sunset-date-changed-too-small': [
    'breaking',
    'A sunset date was moved earlier, to sooner than the policy gives clients.',
  ],
  'api-path-sunset-parse': [
    'breaking',
    'An x-sunset is not an RFC 3339 date: when the operation may go cannot be told.',
  ],
  'api-removed-before-sunset': ['breaking', 'A deprecated operation was removed before its sunset date.'],
  'api-path-removed-before-sunset': ['breaking', 'A path was removed before the sunset date of its operations.'],
  'api-stability-decreased': [
    'breaking',
    'The stability level went down (stable to beta, beta to alpha): what was promised to stay may now change.',
  ],
  'api-stability-increased': ['info', 'The stability level went up.'],
  'api-invalid-stability-level': ['breaking', '`x-stability-level` is not one of draft, alpha, beta or stable.'],
  'request-parameter-reactivated': ['info', 'A deprecated parameter is no longer deprecated.'],
  'request-parameter-deprecated': [
    'info',
    'A parameter was deprecated, with a sunset the policy allows (or none needed).',
  ],
  'request-parameter-deprecated-sunset-missing': [
    'breaking',
    'A parameter was deprecated without an x-sunset date, which the policy asks for: its senders cannot know how long they have.',
  ],
  'request-parameter-sunset-parse': [
    'breaking',
    'A deprecated parameter has an x-sunset that is not an RFC 3339 date.',
  ],
  'request-parameter-sunset-date-too-small': [
    'breaking',
    'A parameter was deprecated with a sunset sooner than the policy gives senders.',
  ],
  'request-parameter-sunset-deleted': [
    'breaking',
    'A deprecated parameter lost its sunset date: the promised date no longer holds.',
  ],
  'request-parameter-sunset-date-changed-too-small': [
    'breaking',
    "A deprecated parameter's sunset was moved earlier, to sooner than the policy gives senders.",
  ],
  'request-parameter-removed-before-sunset': ['breaking', 'A deprecated parameter was removed before its sunset date.'],
  'request-parameter-removed-with-deprecation': [
    'info',
    'A deprecated parameter was removed, after its sunset or with no sunset promised.',
  ],
  'request-property-deprecated': ['info', 'A request property was deprecated; no sunset is needed by the policy.'],
  'request-property-deprecated-with-sunset': [
    'info',
    'A request property was deprecated, with a sunset the policy allows.',
  ],
  'request-property-deprecated-sunset-missing': [
    'breaking',
    'A request property was deprecated without an x-sunset date, which the policy asks for.',
  ],
  'request-property-deprecated-sunset-invalid': [
    'breaking',
    'A deprecated request property has an x-sunset that is not an RFC 3339 date.',
  ],
  'request-property-sunset-date-too-small': [
    'breaking',
    'A request property was deprecated with a sunset sooner than the policy gives senders.',
  ],
  'request-property-reactivated': ['info', 'A deprecated request property is no longer deprecated.'],
  'response-property-deprecated': ['info', 'A response property was deprecated; no sunset is needed by the policy.'],
  'response-property-deprecated-with-sunset': [
    'info',
    'A response property was deprecated, with a sunset the policy allows.',
  ],
  'response-property-deprecated-sunset-missing': [
    'breaking',
    'A response property was deprecated without an x-sunset date, which the policy asks for.',
  ],
  'response-property-deprecated-sunset-invalid': [
    'breaking',
    'A deprecated response property has an x-sunset that is not an RFC 3339 date.',
  ],
  'response-property-sunset-date-too-small': [
    'breaking',
    'A response property was deprecated with a sunset sooner than the policy gives receivers.',
  ],
  'response-property-reactivated': ['info', 'A deprecated response property is no longer deprecated.'],
  'request-property-stability-decreased': [
    'breaking',
    "A request property's stability level went down: what was promised to stay may now change.",
  ],
  'request-property-stability-increased': ['info', "A request property's stability level went up."],
  'response-property-stability-decreased': [
    'breaking',
    "A response property's stability level went down: what was promised to stay may now change.",
  ],
  'response-property-stability-increased': ['info', "A response property's stability level went up."],
  'server-url-changed': [
    'breaking',
    'A server URL was removed or changed: clients built with the old default point nowhere.',
  ],
  // Request bodies
  'request-body-added-required': ['breaking', 'A required request body was added: old clients send none.'],
  'request-body-added-optional': ['info', 'An optional request body was added.'],
  'request-body-removed': [
    'breaking',
    'The request body is no longer documented: what old clients send may be refused.',
  ],
  'request-body-became-required': ['breaking', 'A request body is now required: old clients may send none.'],
  'request-body-became-optional': ['info', 'The request body became optional.'],
  'request-body-media-type-added': ['info', 'A request media type was added.'],
  'request-body-media-type-removed': ['breaking', 'A request media type is no longer accepted.'],
  'request-body-media-type-schema-added': [
    'breaking',
    'A request media type gained a schema: it accepted anything, now only what matches.',
  ],
  'request-body-media-type-schema-removed': ['info', 'A request media type no longer restricts its body.'],
  // Request properties
  'new-required-request-property': ['breaking', 'A new required request property: old clients do not send it.'],
  'new-optional-request-property': ['info', 'A new optional request property.'],
  'request-property-removed': [
    'warning',
    'A request property was removed: old clients still send it, and a strict server may refuse it.',
  ],
  'request-property-became-required': [
    'breaking',
    'An optional request property became required: old clients may omit it.',
  ],
  'request-property-became-optional': ['info', 'A required request property became optional.'],
  // Request parameters
  'new-required-request-parameter': ['breaking', 'A new required parameter: old clients do not send it.'],
  'new-optional-request-parameter': ['info', 'A new optional parameter.'],
  'request-parameter-removed': ['warning', 'A parameter is no longer documented: old clients still send it.'],
  'request-parameter-became-required': ['breaking', 'An optional parameter became required: old clients may omit it.'],
  'request-parameter-became-optional': ['info', 'A required parameter became optional.'],
  // Responses
  'response-success-status-removed': [
    'breaking',
    'A success status is no longer returned: code that handles it never runs.',
  ],
  'response-success-status-added': ['info', 'A success status was added.'],
  'response-non-success-status-added': ['warning', 'A new error status: consumers may not handle it.'],
  'response-non-success-status-removed': ['warning', 'An error status is no longer documented.'],
  'response-media-type-added': ['info', 'A response media type was added.'],
  'response-media-type-removed': ['breaking', 'A response media type is no longer returned.'],
  'response-body-media-type-schema-added': ['info', 'A response media type now documents its body.'],
  'response-body-media-type-schema-removed': [
    'warning',
    'A response media type no longer documents its body: it is still returned, but clients generated from the spec lose its type.',
  ],
  'response-required-property-removed': [
    'breaking',
    'A required response property was removed: code that reads it breaks.',
  ],
  'response-optional-property-removed': [
    'breaking',
    'An optional response property was removed: code that reads it, and clients generated from the spec, break.',
  ],
  'response-optional-property-added': ['info', 'An optional response property was added.'],
  'response-required-property-added': ['info', 'A required response property was added.'],
  'response-property-became-optional': [
    'breaking',
    'A required response property became optional: code that relies on it breaks.',
  ],
  'response-property-became-required': ['info', 'An optional response property became required.'],
  // Response headers
  'required-response-header-removed': ['breaking', 'A required response header was removed.'],
  'optional-response-header-removed': ['warning', 'An optional response header is no longer documented.'],
  'response-header-added': ['info', 'A response header was added.'],
  'response-header-became-optional': [
    'breaking',
    'A required response header became optional: code that relies on it breaks.',
  ],
  'response-header-became-required': ['info', 'An optional response header became required.'],
  // Security
  'api-security-component-removed': ['breaking', 'A security scheme was removed.'],
  'api-security-component-added': ['info', 'A security scheme was added.'],
  'api-security-component-type-changed': ['breaking', 'A security scheme changed its type, location or flow.'],
  'api-security-component-oauth-token-url-changed': [
    'breaking',
    'An OAuth 2.0 token, refresh, authorization or device authorization URL changed: clients fetch tokens from the old one.',
  ],
  'api-security-component-oauth-scope-removed': ['breaking', 'An OAuth 2.0 scope was removed from a scheme.'],
  'api-security-component-oauth-scope-added': ['info', 'An OAuth 2.0 scope was added to a scheme.'],
  'api-security-component-deprecated': [
    'info',
    'A security scheme was deprecated (OpenAPI 3.2): it still works, and its users are told to move to another.',
  ],
  'api-security-component-reactivated': ['info', 'A deprecated security scheme is no longer deprecated.'],
  'api-security-component-oauth-metadata-url-changed': [
    'breaking',
    'An OAuth 2.0 metadata URL (RFC 8414, OpenAPI 3.2) changed or was removed: clients discover endpoints from the old one.',
  ],
  'api-security-changed': [
    'breaking',
    'An operation requires another security scheme or more scopes: old credentials no longer suffice.',
  ],
  'api-security-relaxed': ['info', 'An operation accepts credentials it did not before.'],
  // Callbacks
  'callback-removed': ['breaking', 'A callback is no longer sent: receivers wait forever.'],
  'callback-added': ['info', 'A callback was added.'],
  'callback-method-changed': ['breaking', 'A callback uses another HTTP method: receivers route it nowhere.'],
  'callback-parameter-removed': ['breaking', 'A callback parameter is no longer sent.'],
  'callback-parameter-added': ['info', 'A callback parameter was added.'],
  'callback-required-property-removed': ['breaking', 'A required property of a callback parameter is no longer sent.'],
  'callback-optional-property-removed': [
    'breaking',
    'An optional property of a callback parameter was removed: receivers that read it break.',
  ],
  'callback-required-property-added': ['info', 'A required property was added to a callback parameter.'],
  'callback-optional-property-added': ['info', 'An optional property was added to a callback parameter.'],
  'callback-property-became-optional': [
    'breaking',
    'A required property of a callback parameter became optional: receivers that rely on it break.',
  ],
  'callback-property-became-required': ['info', 'An optional property of a callback parameter became required.'],
  // Webhooks (OpenAPI 3.1+), from the receiver's side: the payload is what it gets, its answer what the API reads
  'webhook-added': ['info', 'A webhook was added.'],
  'webhook-removed': ['breaking', 'A webhook is no longer sent: receivers wait for it forever.'],
  'webhook-operation-added': ['info', 'A webhook is now also sent with another method.'],
  'webhook-operation-removed': [
    'breaking',
    'A webhook is no longer sent with this method: receivers routed on it get nothing.',
  ],
  'webhook-parameter-removed': ['breaking', 'A webhook parameter is no longer sent, or no longer always.'],
  'webhook-parameter-added': ['info', 'A webhook parameter was added.'],
  'webhook-body-added': ['info', 'Webhooks now carry a payload: receivers that ignore it are unaffected.'],
  'webhook-body-removed': ['breaking', 'Webhooks no longer document a payload: receivers that read one break.'],
  'webhook-body-became-optional': [
    'breaking',
    'The payload is no longer always sent: receivers that read it may get none.',
  ],
  'webhook-body-became-required': ['info', 'The payload is now always sent.'],
  'webhook-body-media-type-added': [
    'breaking',
    'A payload media type was added: no receiver asks for one, so receivers may get a type they cannot read.',
  ],
  'webhook-body-media-type-removed': [
    'breaking',
    'A payload media type is no longer sent: receivers that read only it get another.',
  ],
  'webhook-body-media-type-schema-added': ['info', 'A payload media type now documents its body.'],
  'webhook-body-media-type-schema-removed': [
    'warning',
    'A payload media type no longer documents its body: it is still sent, but receivers generated from the spec lose its type.',
  ],
  'webhook-required-property-removed': ['breaking', 'A required payload property is no longer sent.'],
  'webhook-optional-property-removed': [
    'breaking',
    'An optional payload property was removed: receivers that read it, and code generated from the spec, break.',
  ],
  'webhook-required-property-added': ['info', 'A required payload property was added.'],
  'webhook-optional-property-added': ['info', 'An optional payload property was added.'],
  'webhook-property-became-optional': [
    'breaking',
    'A required payload property became optional: receivers that rely on it break.',
  ],
  'webhook-property-became-required': ['info', 'An optional payload property became required.'],
  'webhook-response-status-removed': [
    'breaking',
    'The API no longer documents an answer receivers give: what it does with that answer can no longer be relied on.',
  ],
  'webhook-response-status-added': ['info', 'The API documents another answer a receiver may give.'],
  'webhook-response-media-type-removed': [
    'breaking',
    "A media type of the receiver's answer is no longer read: receivers that answer with it are not understood.",
  ],
  'webhook-response-media-type-added': ['info', "The API now reads another media type of the receiver's answer."],
  'webhook-response-media-type-schema-added': [
    'breaking',
    "A media type of the receiver's answer gained a schema: answers it accepted may now be refused.",
  ],
  'webhook-response-media-type-schema-removed': ['info', "The API no longer restricts that answer's body."],
  'new-required-webhook-response-property': [
    'breaking',
    "A new required property of the receiver's answer: receivers do not send it.",
  ],
  'new-optional-webhook-response-property': ['info', "A new optional property of the receiver's answer."],
  'webhook-response-property-removed': [
    'warning',
    "A property of the receiver's answer was removed: receivers still send it, and a strict API may refuse it.",
  ],
  'webhook-response-property-became-required': [
    'breaking',
    "An optional property of the receiver's answer became required: receivers may omit it.",
  ],
  'webhook-response-property-became-optional': [
    'info',
    "A required property of the receiver's answer became optional.",
  ],
} as const satisfies Record<string, Rule>;
