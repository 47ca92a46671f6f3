/**
 * Putting the request openapi-fetch built on the wire without copying it.
 *
 * Given a `Request` that has a body, undici's fetch builds a second `Request`
 * and pipes the first one's body through a `TransformStream` into it: two more
 * web streams, a pipe and a followed signal per call, about 100 µs of CPU
 * (docs/performance.md, section 1). Given a URL and an init, it builds one.
 * completeOrder serialized the body itself, so while the request reaching
 * fetch is still the one openapi-fetch built (no middleware replaced it and
 * nothing read its body), it is sent from its parts: the same method, URL,
 * headers (with the middleware's changes in place), redirect mode and body.
 * Any other request goes to fetch as it is.
 */
import type { Middleware } from 'openapi-fetch';

const BUILT = Symbol('connect-fulfillment: the request openapi-fetch built');

type Marked = Request & { [BUILT]?: true };

/**
 * Marks the request openapi-fetch built. It must be the client's first
 * middleware: only then is the request it sees openapi-fetch's own.
 */
export const markBuilt: Middleware = {
  onRequest({ request }) {
    (request as Marked)[BUILT] = true;
    return undefined;
  },
};

/**
 * The fetch one completeOrder attempt sends with: `body` is what the attempt's
 * bodySerializer gave openapi-fetch, `signal` the attempt's time limit.
 */
export function sendBuilt(
  fetch: typeof globalThis.fetch,
  body: string,
  signal: AbortSignal | undefined,
): (request: Request) => Promise<Response> {
  return (request) => {
    if ((request as Marked)[BUILT] !== true || request.bodyUsed) {
      return signal ? fetch(request, { signal }) : fetch(request);
    }
    const init: RequestInit = { method: request.method, headers: request.headers, body, redirect: request.redirect };
    if (signal) init.signal = signal;
    return fetch(request.url, init);
  };
}
