/** The auth concern as openapi-fetch middleware: a bearer token on every request (RFC 6750 section 2.1). */
import type { Middleware } from 'openapi-fetch';
import type { TokenCache } from './token-cache.js';

const BEARER = /^Bearer (.+)$/;

/** The token a request carries, if any. */
export const sentToken = (request: Request): string | undefined =>
  BEARER.exec(request.headers.get('authorization') ?? '')?.[1];

/**
 * Puts a current token on the request; the caller's signal stops the wait for
 * one. The request is the one openapi-fetch built for this call alone, so its
 * header is set in place (openapi-fetch's own idiom): copying it into a new
 * Request would cost an AbortSignal and a header list per call.
 */
export function authorize(request: Request, tokens: TokenCache): Request | Promise<Request> {
  const fresh = tokens.fresh();
  // The common case, a fresh cached token, costs no promise.
  if (fresh !== undefined) return withToken(request, fresh);
  return tokens.get(request.signal).then((token) => withToken(request, token));
}

function withToken(request: Request, token: string): Request {
  request.headers.set('authorization', `Bearer ${token}`);
  return request;
}

/** After a 401: drops the token that was refused (if still cached) and authorizes `next` with a fresh one. */
export async function reauthorize(refused: Request, next: Request, tokens: TokenCache): Promise<Request> {
  const token = sentToken(refused);
  if (token) tokens.invalidate(token);
  return authorize(next, tokens);
}

export function authMiddleware(tokens: TokenCache): Middleware {
  return {
    onRequest: ({ request }) => authorize(request, tokens),
    onResponse({ request, response }) {
      // Also for users of the low-level client, who do their own resending.
      const token = response.status === 401 ? sentToken(request) : undefined;
      if (token) tokens.invalidate(token);
      return undefined;
    },
  };
}
