import { ConnectFulfillmentError } from './base.js';

/**
 * Connect refused the token because it lacks a scope (HTTP 403, RFC 6750
 * section 3.1 `insufficient_scope`). Nothing was applied, and a new token of
 * the same client would not help: the client must be granted the scope, and
 * ask for it (the `scope` option).
 */
export class InsufficientScopeError extends ConnectFulfillmentError {
  override readonly name = 'InsufficientScopeError' as const;
  readonly status = 403 as const;
  /** The scope the request needed: the one Connect named in its challenge, else the one the spec requires. */
  readonly requiredScope: string;

  constructor(options: { requiredScope: string; orderId?: number }) {
    super(
      `Connect refused the token for lacking the scope "${options.requiredScope}" (HTTP 403, insufficient_scope); ` +
        'nothing was applied. Grant the client that scope and request it (the scope option, --scope or CONNECT_SCOPE).',
      options,
    );
    this.requiredScope = options.requiredScope;
  }
}
