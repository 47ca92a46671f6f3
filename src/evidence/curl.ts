/**
 * The evidence behind a finding: the request as a `curl` line that sends it
 * again, with the credentials as environment variables (`$CONNECT_TOKEN`,
 * `$CONNECT_CLIENT_ID`, `$CONNECT_CLIENT_SECRET`) and never their values.
 */
import type { ObservedRequest } from '../core/exchange.js';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Headers curl sets by itself, or that would pin the replay to one connection. */
const LEFT_OUT = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'transfer-encoding']);

export function curlOf(request: ObservedRequest, clean: (text: string) => string): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, quote(clean(request.url))];
  for (const [name, value] of Object.entries(request.headers)) {
    if (LEFT_OUT.has(name)) continue;
    if (name === 'authorization' && /^Bearer\s/i.test(value))
      parts.push('-H', '"authorization: Bearer $CONNECT_TOKEN"');
    else if (name === 'authorization' && /^Basic\s/i.test(value))
      parts.push('-u', '"$CONNECT_CLIENT_ID:$CONNECT_CLIENT_SECRET"');
    else if (name === 'cookie') parts.push('-H', '"cookie: $CONNECT_COOKIE"');
    else parts.push('-H', quote(`${name}: ${clean(value)}`));
  }
  if (request.bodyText !== '') parts.push('--data-raw', quote(clean(request.bodyText)));
  return parts.join(' ');
}
