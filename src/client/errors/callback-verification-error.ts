import { ConnectFulfillmentError } from './base.js';

/** An incoming callback request failed verification: wrong or missing secret, or an invalid `fulfillmentStatus`. Answer it with 400. */
export class CallbackVerificationError extends ConnectFulfillmentError {
  override readonly name = 'CallbackVerificationError' as const;
  /** The query parameter at fault. */
  readonly field: string;
  /** The rule it breaks. */
  readonly rule: string;

  constructor(options: { field: string; rule: string }) {
    super(`Callback rejected: ${options.field} ${options.rule}`);
    this.field = options.field;
    this.rule = options.rule;
  }
}
