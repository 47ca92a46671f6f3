/** The auth concern as openapi-fetch middleware: a bearer token on every request (RFC 6750 section 2.1). */
import type { Middleware } from 'openapi-fetch';
import type { TokenCache } from './token-cache.js';

const BEARER = /^Bearer (.+)$/;

/**
 * Puts a current token on each request and forgets a token the API refused
 * with 401. The request is the one openapi-fetch built for this call alone,
 * so its header is set in place (openapi-fetch's own idiom): copying it into a
 * new Request would cost an AbortSignal and a header list per call.
 */
export function authMiddleware(tokens: TokenCache): Middleware {
  return {
    onRequest({ request }) {
      const fresh = tokens.fresh();
      // The common case, a fresh cached token, costs no promise.
      if (fresh !== undefined) {
        request.headers.set('authorization', `Bearer ${fresh}`);
        return undefined;
      }
      return tokens.get(request.signal).then((token) => {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      });
    },
    onResponse({ request, response }) {
      // RFC 6750 section 3.1: the token expired or was revoked. The next request gets a new one.
      const refused =
        response.status === 401 ? BEARER.exec(request.headers.get('authorization') ?? '')?.[1] : undefined;
      if (refused) tokens.invalidate(refused);
      return undefined;
    },
  };
}
