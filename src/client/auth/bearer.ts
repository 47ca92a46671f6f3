/**
 * The bearer token rules both ways of calling share: how a token goes on a
 * request, and what a 401 means for it. `completeOrder` and the middleware
 * for `client.raw` each apply them to the requests they own.
 */
import type { TokenCache } from './token-cache.js';

export { bearer } from '../../core/sanitize.js';

/** RFC 6750 section 3.1: a 401 says the token expired or was revoked, so the next request gets a new one. */
export function forgetIfRefused(tokens: TokenCache, token: string | undefined, status: number): void {
  if (token !== undefined && status === 401) tokens.invalidate(token);
}
