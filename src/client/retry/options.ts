/** How the fulfillment POST and the token request are retried. Per-call options win over client options. */
export interface RetryOptions {
  /**
   * Attempts in total, the first included, across 429s, connections that
   * were never established, and the single 401 token refresh. 1 disables
   * retrying.
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * The longest `Retry-After` the client waits for. A longer one is not waited
   * for: the call fails at once with `RateLimitError` carrying `retryAfterMs`.
   * @default 60000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Backoff base when the server gave no usable `Retry-After`: attempt n waits
   * a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))) ("full jitter").
   * @default 250
   */
  readonly baseDelayMs?: number;
  /**
   * The cap of one backoff wait.
   * @default 5000
   */
  readonly maxDelayMs?: number;
}

/** Every retry default, in one place. */
export const defaultRetryOptions: Required<RetryOptions> = Object.freeze({
  maxAttempts: 3,
  maxRetryAfterMs: 60_000,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
});

/** Merges option layers, later ones winning, and checks the result; a bad value names the option. */
export function resolveRetryOptions(...layers: (RetryOptions | undefined)[]): Required<RetryOptions> {
  const merged = { ...defaultRetryOptions };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {}))
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1)
    throw new TypeError(`retry.maxAttempts must be an integer of at least 1, got ${merged.maxAttempts}`);
  for (const key of ['maxRetryAfterMs', 'baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(merged[key]) || merged[key] < 0)
      throw new TypeError(`retry.${key} must be a finite number of at least 0, got ${merged[key]}`);
  }
  return merged;
}

/** Full-jitter exponential backoff for the attempt that just failed (1-based). */
export function backoffDelay(
  attempt: number,
  options: Required<RetryOptions>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
