/** The auth concern as openapi-fetch middleware: a bearer token on every request (RFC 6750 section 2.1). */
import type { Middleware } from 'openapi-fetch';
import type { TokenCache } from './token-cache.js';

const BEARER = /^Bearer (.+)$/;

/** The token a request carries, if any. */
export const sentToken = (request: Request): string | undefined => BEARER.exec(request.headers.get('authorization') ?? '')?.[1];

/** The request with a current token; the caller's signal stops the wait for one. */
export async function authorize(request: Request, tokens: TokenCache): Promise<Request> {
  const token = await tokens.get(request.signal);
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${token}`);
  return new Request(request, { headers });
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
