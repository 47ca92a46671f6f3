/**
 * What a check looks at: one observed response, read once, with the documented
 * operation it answers. Reading happens here and nowhere else, so every check
 * sees the same bytes and the body is parsed once.
 */
import type { OperationContract, ResponseContract } from '../../generated/contract.js';
import { DEFAULT_MAX_BODY_BYTES, readBody, readBodyBytes } from './body.js';

/** A callback request as a receiver saw it. */
export interface ReceivedCallback {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly receivedAt: number;
}

export interface ObservedResponse {
  readonly status: number;
  /** Header names lower-case; repeated headers joined with ", " as fetch does. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** The media type without parameters, lower-case (`application/json`), or '' when absent. */
  readonly mediaType: string;
  /** The parsed body when the media type is JSON and the text parses. */
  readonly json?: { readonly value: unknown };
  /** Why a JSON body did not parse. */
  readonly jsonError?: string;
}

/** A request as it went on the wire: what the request-side checks and the evidence of a finding need. */
export interface ObservedRequest {
  readonly method: string;
  readonly url: string;
  /** Header names lower-case. Holds credentials: never printed without redaction. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

export interface Exchange {
  readonly operation: OperationContract;
  /** The request, when the exchange was sent or seen by this project (probes, traffic). */
  readonly request?: ObservedRequest;
  readonly response: ObservedResponse;
  /** The name of the probe that produced it, for reports. */
  readonly probe?: string;
  /** Callback requests that arrived for this exchange, when the probe asked for one. */
  readonly callbacks?: readonly ReceivedCallback[];
}

export const isJsonMediaType = (mediaType: string): boolean =>
  mediaType === 'application/json' || /^application\/[^;]+\+json$/.test(mediaType);

/** Header pairs as one record: names lower-cased, a repeated header joined with ", " (RFC 9110 section 5.3). */
export function foldHeaders(pairs: Iterable<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

/** Builds an observation from parts (a fetch Response, a node:http message, or a test's literal). */
export function observe(
  status: number,
  headers: Iterable<[string, string]> | Record<string, string>,
  bodyText: string,
): ObservedResponse {
  const lower = foldHeaders(
    Symbol.iterator in headers ? (headers as Iterable<[string, string]>) : Object.entries(headers),
  );
  return observation(status, lower, bodyText);
}

/**
 * An observation from headers already folded (names lower-case): the media
 * type read once, a JSON body parsed once, each outcome built as one object.
 */
function observation(status: number, headers: Record<string, string>, bodyText: string): ObservedResponse {
  const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!isJsonMediaType(mediaType) || bodyText.trim() === '') return { status, headers, bodyText, mediaType };
  try {
    return { status, headers, bodyText, mediaType, json: { value: JSON.parse(bodyText) } };
  } catch (error) {
    // V8 quotes a stretch of the text in its message; the text may hold a token, so only the first clause is kept.
    return { status, headers, bodyText, mediaType, jsonError: (error as Error).message.split(/,?\s*(?:\.\.\.)?"/)[0]! };
  }
}

/**
 * Reads a fetch Response whole, up to `maxBytes` of body (BodyTooLargeError
 * beyond). The caller's signal (or the fetch's) still governs the body read.
 * With `headerNames`, only those headers are read: iterating all of them
 * makes undici sort the list, a cost a client pays on every call for headers
 * no check looks at.
 */
export async function observeResponse(
  response: Response,
  options: { readonly headerNames?: readonly string[]; readonly maxBytes?: number } = {},
): Promise<ObservedResponse> {
  const text = await readBody(response, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  return observation(response.status, headersOf(response, options.headerNames), text);
}

/**
 * Reads a fetch Response as observeResponse does, and keeps its bytes as sent
 * as well: for a reader that wants them (a blob, an ArrayBuffer, a stream)
 * rather than text decoded from them.
 */
export async function observeResponseBytes(
  response: Response,
  options: { readonly headerNames?: readonly string[]; readonly maxBytes?: number } = {},
): Promise<{ observed: ObservedResponse; bytes: Uint8Array }> {
  const bytes = await readBodyBytes(response, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  const observed = observation(
    response.status,
    headersOf(response, options.headerNames),
    new TextDecoder().decode(bytes),
  );
  return { observed, bytes };
}

/**
 * The headers to observe, folded: those named, or all. A named header is read
 * with `get`, which joins a repeated one with ", " as foldHeaders does; the
 * record is built in place, the client's hot path (docs/performance.md, section 1).
 */
function headersOf(response: Response, headerNames: readonly string[] | undefined): Record<string, string> {
  if (!headerNames) return foldHeaders(response.headers as unknown as Iterable<[string, string]>);
  const out: Record<string, string> = {};
  for (const name of headerNames) {
    const value = response.headers.get(name);
    if (value !== null) out[name.toLowerCase()] = value;
  }
  return out;
}

/** Every header the operation documents, plus content-type: all that the response checks read. */
export const checkedHeaders = (operation: OperationContract): string[] => [
  ...new Set(['content-type', ...operation.responses.flatMap((r) => r.headers.map((h) => h.name))]),
];

/** The documented response for a status: the exact code, then its range (`4XX`), then `default`. */
export function documentedResponse(operation: OperationContract, status: number): ResponseContract | undefined {
  const byKey = (key: string) => operation.responses.find((r) => r.status.toUpperCase() === key);
  return byKey(String(status)) ?? byKey(`${String(status)[0]}XX`) ?? byKey('DEFAULT');
}
