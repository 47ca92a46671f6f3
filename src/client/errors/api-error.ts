import { ConnectFulfillmentError } from './base.js';

/** The API answered with a documented error status (such as 400): the request was refused, not applied. */
export class ApiError extends ConnectFulfillmentError {
  override readonly name = 'ApiError' as const;
  /** The HTTP status. */
  readonly status: number;
  /** The parsed error body (any JSON value), or its text when it was not JSON. */
  readonly body: unknown;

  constructor(options: { status: number; body: unknown; orderId?: number }) {
    super(`Connect refused the request with HTTP ${options.status}`, options);
    this.status = options.status;
    this.body = options.body;
  }
}
