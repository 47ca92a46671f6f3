/**
 * HAR files (HTTP Archive 1.2: browser devtools, mitmproxy, Charles,
 * Playwright, k6), read as a stream: `log.entries` is scanned element by
 * element (entries-scanner.ts) and each entry parsed on its own, so a HAR of
 * any size is validated in memory bounded by its largest entry (itself
 * capped). And written: the
 * evidence behind findings, with every credential redacted.
 */
import { createReadStream } from 'node:fs';
import { foldHeaders, type ObservedRequest, type ObservedResponse, observe } from '../core/exchange.js';
import { printable } from '../core/sanitize.js';
import { EntriesScanner, NotHarError, type Scanned } from './entries-scanner.js';
import type { TrafficEndpoints, TrafficExchange } from './recorded.js';

/** A HAR file that cannot be read as one: named, with the reason, in one line. */
export class HarError extends Error {
  override readonly name = 'HarError' as const;
}

interface HarHeader {
  readonly name?: unknown;
  readonly value?: unknown;
}
/** What this project writes into each entry of a HAR it makes: where the traffic went, and a probe's intent. */
interface Provenance {
  readonly baseUrl?: unknown;
  readonly tokenUrl?: unknown;
  readonly callbackUrl?: unknown;
  readonly deliberate?: unknown;
}
/** The HAR custom field (HAR 1.2 allows fields that start with `_`) that holds the provenance. */
const PROVENANCE = '_connectFulfillment';

interface HarEntry {
  readonly [PROVENANCE]?: Provenance;
  readonly request?: {
    readonly method?: unknown;
    readonly url?: unknown;
    readonly headers?: readonly HarHeader[];
    readonly postData?: { readonly text?: unknown };
  };
  readonly response?: {
    readonly status?: unknown;
    readonly headers?: readonly HarHeader[];
    readonly content?: { readonly text?: unknown; readonly encoding?: unknown; readonly mimeType?: unknown };
  };
}

/** One element of `log.entries`: the exchange, or why it could not be read. */
export type HarItem =
  | { readonly index: number; readonly exchange: TrafficExchange; readonly endpoints?: TrafficEndpoints }
  | { readonly index: number; readonly problem: string };

/** A recorded URL, kept only when it is absolute and reads back as written (so nothing unprintable hides in it). */
const absolute = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || value.length > 2_000 || !URL.canParse(value)) return undefined;
  const { href } = new URL(value);
  return href === value || href === `${value}/` ? value : undefined;
};

/** The endpoints a HAR of ours recorded, when both are there and absolute. */
function endpointsOf(provenance: Provenance | undefined): TrafficEndpoints | undefined {
  const baseUrl = absolute(provenance?.baseUrl);
  const tokenUrl = absolute(provenance?.tokenUrl);
  const callbackUrl = absolute(provenance?.callbackUrl);
  if (!baseUrl || !tokenUrl) return undefined;
  return { baseUrl, tokenUrl, ...(callbackUrl ? { callbackUrl } : {}) };
}

const headersOf = (list: unknown): Record<string, string> =>
  foldHeaders(
    (Array.isArray(list) ? (list as HarHeader[]) : []).flatMap((h): [string, string][] =>
      // HTTP/2 pseudo-headers are not headers of the message.
      typeof h?.name === 'string' && typeof h.value === 'string' && !h.name.startsWith(':') ? [[h.name, h.value]] : [],
    ),
  );

/** An entry as an exchange; a response with status 0 (the request failed) is no response. */
function exchangeOf(entry: HarEntry): TrafficExchange | string {
  const req = entry.request;
  if (!req || typeof req.method !== 'string' || typeof req.url !== 'string') return 'no request method and URL';
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return `request URL ${printable(JSON.stringify(req.url), 100)} is not absolute`;
  }
  const request: ObservedRequest = {
    method: req.method.toUpperCase(),
    url: url.href,
    headers: headersOf(req.headers),
    bodyText: typeof req.postData?.text === 'string' ? req.postData.text : '',
  };
  const res = entry.response;
  const status = typeof res?.status === 'number' ? res.status : 0;
  if (!res || status <= 0) return { request };
  const content = res.content ?? {};
  const raw = typeof content.text === 'string' ? content.text : '';
  const bodyText = content.encoding === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const headers = headersOf(res.headers);
  // Recorders drop Content-Type from headers at times but keep the content's mimeType.
  if (headers['content-type'] === undefined && typeof content.mimeType === 'string' && content.mimeType !== '')
    headers['content-type'] = content.mimeType;
  const response: ObservedResponse = observe(status, headers, bodyText);
  return { request, response, ...(entry[PROVENANCE]?.deliberate === true ? { deliberate: true } : {}) };
}

/**
 * The elements of `log.entries`, one at a time: the file read as a stream,
 * the elements found by `EntriesScanner`, each parsed on its own. What is held
 * at once is one chunk's elements and the one element being read, capped at
 * `maxEntryBytes` (an element over the cap is reported and skipped, as is one
 * that is not JSON).
 */
export async function* readHar(
  path: string,
  options: { readonly maxEntryBytes?: number } = {},
): AsyncGenerator<HarItem> {
  const maxEntry = options.maxEntryBytes ?? 16 * 1024 * 1024;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const scanner = new EntriesScanner(maxEntry);
  let index = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      for (const scanned of scanner.feed(chunk)) yield itemOf(scanned, index++, maxEntry);
      if (scanner.done) break;
    }
  } catch (error) {
    if (error instanceof NotHarError) throw new HarError(error.message);
    throw new HarError(
      `cannot read ${printable(path, 200)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  } finally {
    stream.destroy();
  }
  if (!scanner.found) throw new HarError('the file is not a HAR: it has no log.entries array');
}

/** One scanned element as an exchange, or why it could not be read. */
function itemOf(scanned: Scanned, index: number, maxEntry: number): HarItem {
  if ('oversized' in scanned) return { index, problem: `entry larger than ${maxEntry} bytes, skipped` };
  let parsed: HarEntry;
  try {
    parsed = JSON.parse(scanned.text) as HarEntry;
  } catch {
    return { index, problem: 'entry is not valid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { index, problem: 'entry is not an object' };
  const exchange = exchangeOf(parsed);
  const endpoints = endpointsOf(parsed[PROVENANCE]);
  return typeof exchange === 'string'
    ? { index, problem: exchange }
    : { index, exchange, ...(endpoints ? { endpoints } : {}) };
}

/** Headers that carry nothing but credentials: their value is never written, whatever its form. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * A credential header as written: the scheme kept (`Bearer [redacted]`, as
 * RFC 9110 section 11.4 spells credentials), so that a reader still sees that
 * credentials were sent and how; the value never.
 */
export function redactedCredential(name: string, value: string): string {
  const scheme = /^([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+\S/.exec(value)?.[1];
  return scheme && name.endsWith('authorization') ? `${scheme} [redacted]` : '[redacted]';
}

/** One exchange to write, with what to say of it. */
export interface HarRecord {
  readonly exchange: TrafficExchange;
  readonly startedAt?: string;
  readonly comment?: string;
  /** The request breaks the spec on purpose (a negative probe): `validate --har` does not warn about its caller. */
  readonly deliberate?: boolean;
}

/**
 * A HAR 1.2 document of exchanges, every header and body passed through
 * `clean` first. Each entry records where the traffic went (`endpoints`), so
 * that `validate --har FILE` checks a HAR of ours with no other flag.
 */
export function writeHar(
  records: readonly HarRecord[],
  clean: (text: string) => string,
  version: string,
  endpoints: TrafficEndpoints,
): string {
  const headers = (h: Readonly<Record<string, string>>) =>
    Object.entries(h).map(([name, value]) => ({
      name,
      value: CREDENTIAL_HEADERS.has(name) ? redactedCredential(name, value) : clean(value),
    }));
  const where = {
    baseUrl: clean(endpoints.baseUrl),
    tokenUrl: clean(endpoints.tokenUrl),
    ...(endpoints.callbackUrl ? { callbackUrl: clean(endpoints.callbackUrl) } : {}),
  };
  const entries = records.map(({ exchange: { request, response }, startedAt, comment, deliberate }) => ({
    [PROVENANCE]: { ...where, ...(deliberate ? { deliberate: true } : {}) },
    startedDateTime: startedAt ?? new Date(0).toISOString(),
    time: 0,
    request: {
      method: request.method,
      url: clean(request.url),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headers(request.headers),
      queryString: [],
      ...(request.bodyText
        ? { postData: { mimeType: request.headers['content-type'] ?? '', text: clean(request.bodyText) } }
        : {}),
      headersSize: -1,
      bodySize: request.bodyText.length,
    },
    response: {
      status: response?.status ?? 0,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headers(response?.headers ?? {}),
      content: {
        size: response?.bodyText.length ?? 0,
        mimeType: response?.mediaType ?? '',
        text: clean(response?.bodyText ?? ''),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: response?.bodyText.length ?? 0,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    ...(comment ? { comment } : {}),
  }));
  const log = {
    version: '1.2',
    creator: { name: 'connect-fulfillment', version },
    comment: `Traffic to the API at ${where.baseUrl} and the token endpoint ${where.tokenUrl}; credentials redacted. Check it with: connect-fulfillment validate --har FILE`,
    entries,
  };
  return `${JSON.stringify({ log }, null, 2)}\n`;
}
