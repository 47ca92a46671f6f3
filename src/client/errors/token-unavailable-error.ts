import { ConnectFulfillmentError } from './base.js';

/** No access token could be had: the token endpoint was unreachable, failing or rate-limiting on every allowed attempt. Nothing was sent to Connect. */
export class TokenUnavailableError extends ConnectFulfillmentError {
  override readonly name = 'TokenUnavailableError' as const;
  /** The token endpoint's last HTTP status, when it answered. */
  readonly status: number | undefined;

  constructor(options: { status?: number; reason: string; cause?: unknown; orderId?: number }) {
    super(`No access token: ${options.reason}`, options);
    this.status = options.status;
  }
}
