/**
 * The auth concern as openapi-fetch middleware, for calls made through
 * `client.raw`: a bearer token on every request (RFC 6750 section 2.1), and a
 * token the API refused with 401 forgotten. A request that already carries
 * credentials is left alone: `completeOrder` puts on its own token and owns
 * what a 401 means for it.
 */
import type { Middleware } from 'openapi-fetch';
import { bearer, forgetIfRefused } from './bearer.js';
import type { TokenCache } from './token-cache.js';

export function authMiddleware(tokens: TokenCache): Middleware {
  /** The token this middleware put on each request still in flight, by openapi-fetch's request id. */
  const sent = new Map<string, string>();
  const put = (request: Request, id: string, token: string) => {
    request.headers.set('authorization', bearer(token));
    sent.set(id, token);
  };
  return {
    onRequest({ request, id }) {
      if (request.headers.has('authorization')) return undefined;
      // The request is the one openapi-fetch built for this call alone, so its header is set in place
      // (openapi-fetch's own idiom); a fresh cached token costs no promise.
      const fresh = tokens.fresh();
      if (fresh !== undefined) return put(request, id, fresh);
      return tokens.get(request.signal).then((token) => {
        put(request, id, token);
        return request;
      });
    },
    onResponse({ response, id }) {
      const token = sent.get(id);
      sent.delete(id);
      forgetIfRefused(tokens, token, response.status);
      return undefined;
    },
    onError({ id }) {
      sent.delete(id);
      return undefined;
    },
  };
}
