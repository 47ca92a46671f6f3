/**
 * Putting the request openapi-fetch built on the wire without copying it.
 *
 * Given a `Request` that has a body, undici's fetch builds a second `Request`
 * and pipes the first one's body through a `TransformStream` into it: two more
 * web streams, a pipe and a followed signal per call, about 100 µs of CPU
 * (docs/performance.md, section 1). Given a URL and an init, it builds one.
 *
 * The client builds its requests as `WireRequest`s (openapi-fetch's `Request`
 * option), which keep the body text openapi-fetch serialized. While the
 * request reaching fetch is still one of those (no middleware replaced it) and
 * nothing has read its body, it is sent from its parts: the same method, URL,
 * headers (with the middleware's changes in place), redirect mode and body.
 * Any other request goes to fetch as it is.
 */

/** A Request that remembers the text body it was built with. */
export class WireRequest extends Request {
  readonly #bodyText: string | undefined;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.#bodyText = typeof init?.body === 'string' ? init.body : undefined;
  }

  /**
   * openapi-fetch checks what an `onRequest` middleware returns with
   * `instanceof` the client's Request class: any Request must pass, as it
   * does without this option.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }

  /** The text body of a request this class built and nothing has read yet; undefined for any other request. */
  static unreadBody(request: Request): string | undefined {
    return #bodyText in request && !request.bodyUsed ? request.#bodyText : undefined;
  }
}

/** What fetch's init carries of an attempt's time limit: a signal, a dispatcher, or none (deadline.ts). */
function limitInit(limit: { readonly signal?: AbortSignal; readonly dispatcher?: object }) {
  const extra: RequestInit & { dispatcher?: object } = {};
  if (limit.signal) extra.signal = limit.signal;
  if (limit.dispatcher) extra.dispatcher = limit.dispatcher;
  return extra;
}

/**
 * The POST as openapi-fetch would send it (the same URL, a JSON body with its
 * content type, the given headers, redirects not followed), built as one
 * fetch call: what undici builds one Request from, and nothing else. For a
 * client whose caller added no middleware: there is none to run.
 */
export function postJson(
  fetch: typeof globalThis.fetch,
  limit: { readonly signal?: AbortSignal; readonly dispatcher?: object },
  url: string,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    redirect: 'manual',
    ...limitInit(limit),
  });
}

/** The fetch one attempt sends with, under its time limit (a signal, a dispatcher, or none: deadline.ts). */
export function sendFromParts(
  fetch: typeof globalThis.fetch,
  limit: { readonly signal?: AbortSignal; readonly dispatcher?: object },
): (request: Request) => Promise<Response> {
  const extra = limitInit(limit);
  const limited = limit.signal !== undefined || limit.dispatcher !== undefined;
  return (request) => {
    const body = WireRequest.unreadBody(request);
    if (body === undefined) return limited ? fetch(request, extra) : fetch(request);
    const init: RequestInit & { dispatcher?: object } = {
      method: request.method,
      headers: request.headers,
      body,
      redirect: request.redirect,
      ...extra,
    };
    return fetch(request.url, init);
  };
}
