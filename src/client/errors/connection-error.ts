import { ConnectFulfillmentError } from './base.js';

/** No connection to Connect could be established on any allowed attempt: the request was never sent. */
export class ConnectionError extends ConnectFulfillmentError {
  override readonly name = 'ConnectionError' as const;
  /** The system error code of the last attempt, e.g. `ECONNREFUSED`. */
  readonly code: string | undefined;
  /** How many attempts were made. */
  readonly attempts: number;

  constructor(options: { orderId?: number; code: string | undefined; attempts: number; cause?: unknown }) {
    super(
      `Could not connect to Connect (${options.code ?? 'unknown error'}) after ${options.attempts} attempt(s); the request was not sent`,
      options,
    );
    this.code = options.code;
    this.attempts = options.attempts;
  }
}
