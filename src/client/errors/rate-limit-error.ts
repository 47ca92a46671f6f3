import { ConnectFulfillmentError } from './base.js';

/** Connect still answered 429 after the allowed attempts, or asked for a wait above `maxRetryAfterMs`; the request was not applied. */
export class RateLimitError extends ConnectFulfillmentError {
  override readonly name = 'RateLimitError' as const;
  readonly status = 429 as const;
  /** The wait Connect asked for in its last `Retry-After`, in milliseconds; undefined when it gave none (or none that parsed). */
  readonly retryAfterMs: number | undefined;
  /** How many attempts were sent. */
  readonly attempts: number;

  constructor(options: { orderId?: number; retryAfterMs: number | undefined; attempts: number; reason: string }) {
    super(`Connect rate-limited the request (HTTP 429): ${options.reason}`, { orderId: options.orderId });
    this.retryAfterMs = options.retryAfterMs;
    this.attempts = options.attempts;
  }
}
