/**
 * The access token, cached, refreshed ahead of expiry, and fetched once for
 * any number of concurrent callers (single flight).
 */
import { raceAbort } from '../util/signals.js';
import type { IssuedToken } from './token-request.js';

/** How long before expiry a refresh starts: min(300 s, half the lifetime). */
export const refreshLeadMs = (expiresInMs: number): number => Math.min(300_000, expiresInMs / 2);

interface Cached {
  readonly token: string;
  readonly refreshAt: number;
  readonly expiresAt: number;
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
   * A usable token. Fresh: at once. Past its refresh point but not expired:
   * at once, while one refresh runs in the background. Absent or expired:
   * after the single shared token request, which a caller's abort stops
   * waiting for without cancelling it for the others.
   */
  get(signal?: AbortSignal): Promise<string> {
    const current = this.#current;
    const now = this.#now();
    if (current && now < current.refreshAt) return Promise.resolve(current.token);
    if (current && now < current.expiresAt) {
      // A failed background refresh keeps the current token until it expires.
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
        const issued = await this.#fetchToken();
        const expiresAt = issued.expiresInMs === undefined ? Infinity : requestedAt + issued.expiresInMs;
        const refreshAt = issued.expiresInMs === undefined ? Infinity : expiresAt - refreshLeadMs(issued.expiresInMs);
        this.#current = { token: issued.accessToken, refreshAt, expiresAt };
        return issued.accessToken;
      } finally {
        this.#inflight = undefined;
      }
    })();
    return this.#inflight;
  }
}
