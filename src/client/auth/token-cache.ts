/**
 * The access token, cached, refreshed ahead of expiry, and fetched once for
 * any number of concurrent callers (single flight).
 *
 * A token's lifetime is counted from the moment it was requested, so the
 * cache never believes it longer than the server does. Two points before its
 * computed expiry matter:
 * - the refresh point, `refreshLeadMs` before it: from there on, calls still
 *   get the cached token while one refresh runs in the background;
 * - the safety margin, `expiryMarginMs` before it: from there on the token
 *   counts as expired and calls wait for the refresh. Servers round issue
 *   times down (to whole seconds, often), clocks differ and requests take
 *   time; a token used in its last moments would earn a 401 and a second
 *   POST of a non-idempotent request.
 */
import { raceAbort } from '../../core/signals.js';
import type { IssuedToken } from './token-request.js';

/** How long before expiry a background refresh starts: min(300 s, half the lifetime). */
export const refreshLeadMs = (lifetimeMs: number): number => Math.min(300_000, lifetimeMs / 2);

/**
 * How long before its computed expiry a token counts as expired: a tenth of
 * the lifetime, at least 2 s (one second of rounding by the server plus one
 * of travel), at most 30 s, and never more than half the lifetime.
 */
export const expiryMarginMs = (lifetimeMs: number): number =>
  Math.min(30_000, Math.max(2_000, lifetimeMs / 10), lifetimeMs / 2);

interface Cached {
  readonly token: string;
  readonly refreshAt: number;
  /** The computed expiry less the safety margin. */
  readonly usableUntil: number;
}

export class TokenCache {
  #current: Cached | undefined;
  #inflight: Promise<string> | undefined;
  readonly #fetchToken: () => Promise<IssuedToken>;
  readonly #now: () => number;

  constructor(fetchToken: () => Promise<IssuedToken>, now: () => number = Date.now) {
    this.#fetchToken = fetchToken;
    this.#now = now;
  }

  /**
   * A usable token. Fresh: at once. Past its refresh point but still usable:
   * at once, while one refresh runs in the background. Absent, or inside the
   * safety margin: after the single shared token request, which a caller's
   * abort stops waiting for without cancelling it for the others.
   */
  get(signal?: AbortSignal): Promise<string> {
    const current = this.#current;
    const now = this.#now();
    if (current && now < current.refreshAt) return Promise.resolve(current.token);
    if (current && now < current.usableUntil) {
      // A failed background refresh keeps the current token until it is no longer usable.
      this.#refresh().catch(() => undefined);
      return Promise.resolve(current.token);
    }
    return raceAbort(this.#refresh(), signal);
  }

  /** The cached token while it is before its refresh point, without waiting; undefined otherwise. */
  fresh(): string | undefined {
    const current = this.#current;
    return current && this.#now() < current.refreshAt ? current.token : undefined;
  }

  /** Forgets `token` after the API refused it, unless a newer token has replaced it already. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  #refresh(): Promise<string> {
    this.#inflight ??= (async () => {
      const requestedAt = this.#now();
      try {
        const { accessToken, expiresInMs } = await this.#fetchToken();
        const expiresAt = expiresInMs === undefined ? Infinity : requestedAt + expiresInMs;
        this.#current = {
          token: accessToken,
          refreshAt: expiresInMs === undefined ? Infinity : expiresAt - refreshLeadMs(expiresInMs),
          usableUntil: expiresInMs === undefined ? Infinity : expiresAt - expiryMarginMs(expiresInMs),
        };
        return accessToken;
      } finally {
        this.#inflight = undefined;
      }
    })();
    return this.#inflight;
  }
}
