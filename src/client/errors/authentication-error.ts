import { ConnectFulfillmentError } from './base.js';

/** The token endpoint refused the client's credentials, or Connect refused a freshly issued token (a second 401). */
export class AuthenticationError extends ConnectFulfillmentError {
  override readonly name = 'AuthenticationError' as const;
  /** The HTTP status that refused it. */
  readonly status: number;
  /** The RFC 6749 section 5.2 `error` code when the token endpoint gave one, e.g. `invalid_client`. */
  readonly oauthError: string | undefined;

  constructor(options: { status: number; oauthError?: string; description: string; orderId?: number }) {
    super(
      `Authentication failed (HTTP ${options.status}${options.oauthError ? `, ${options.oauthError}` : ''}): ${options.description}`,
      options,
    );
    this.status = options.status;
    this.oauthError = options.oauthError;
  }
}
