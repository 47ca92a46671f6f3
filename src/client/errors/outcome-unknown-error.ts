import { ConnectFulfillmentError } from './base.js';

/**
 * The request may have been applied: a 5xx, a timeout after it was sent, or a
 * connection lost mid-flight. It was not retried (the POST is not idempotent);
 * reconcile `orderId` before sending it again.
 */
export class OutcomeUnknownError extends ConnectFulfillmentError {
  override readonly name = 'OutcomeUnknownError' as const;
  /** The HTTP status when there was a response (a 5xx), otherwise undefined. */
  readonly status: number | undefined;
  declare readonly orderId: number;

  constructor(options: { orderId: number; status?: number; reason: string; cause?: unknown }) {
    super(
      `The outcome of completing order ${options.orderId} is unknown: ${options.reason}. It may have been applied; reconcile before sending it again.`,
      options,
    );
    this.status = options.status;
  }
}
