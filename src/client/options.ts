import type { Diagnostic } from '../core/diagnostic.js';
import { checkByteLimit } from '../core/body.js';
import type { RetryOptions } from './retry/options.js';
import { MAX_TIMER_MS } from '../core/signals.js';

export interface FulfillmentClientOptions {
  /** The OAuth 2.0 client id issued by ConnectID. Required. */
  readonly clientId: string;
  /** The OAuth 2.0 client secret. Required. Never logged, never part of an error. */
  readonly clientSecret: string;
  /**
   * Where Connect is served.
   * @default 'https://api.mediaconnect.no/capi' (the spec's production server)
   */
  readonly baseUrl?: string;
  /**
   * The ConnectID token endpoint.
   * @default 'https://connectid.no/user/oauth/token' (the spec's token URL)
   */
  readonly tokenUrl?: string;
  /**
   * The `scope` of the token request (RFC 6749 section 3.3). By default the
   * scopes the spec's security requirement names for the operation; an empty
   * string sends no `scope`, leaving the choice to the server.
   * @default 'read' (from the spec)
   */
  readonly scope?: string;
  /**
   * The fetch implementation, for tests, proxies or instrumentation. It is
   * called as fetch is: with a URL and an init (completeOrder's requests, sent
   * from their parts, and token requests) or with a Request (`raw` calls, and
   * a request a middleware replaced), so it must take both, as every fetch does.
   * @default globalThis.fetch, as it is at each call (so msw or other instrumentation set up later applies)
   */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Time limit of one attempt of the fulfillment POST, from sending to the last
   * byte of the response. `Infinity` turns it off (only the caller's signal
   * then ends a call), which saves about 30 µs per call on Node 20.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * Time limit of one token request attempt; `Infinity` turns it off.
   * @default 10000
   */
  readonly tokenTimeoutMs?: number;
  /** Retry policy; see RetryOptions for each default. */
  readonly retry?: RetryOptions;
  /**
   * The largest response body read, after decompression, from Connect and from
   * the token endpoint. Reading stops there: a fulfillment answer cut off is
   * OutcomeUnknownError (the POST was sent), a token answer TokenUnavailableError.
   * @default 1048576 (1 MiB)
   */
  readonly maxResponseBytes?: number;
  /**
   * Accept callback URLs on loopback, private or link-local IP literals and `localhost`. For local development and tests only.
   * @default false
   */
  readonly allowPrivateCallbackHosts?: boolean;
  /**
   * Told of every response that breaks or stretches the spec, warnings
   * included (an undocumented property, a header out of its schema): the drift
   * production traffic shows, without failing a call the client can still
   * settle. Errors still end the call in ContractViolationError as well. The
   * diagnostics are redacted of the secret and the token; an exception thrown
   * here is ignored.
   */
  readonly onDiagnostics?: (diagnostics: readonly Diagnostic[], context: DiagnosticsContext) => void;
}

/** Which response the diagnostics of `onDiagnostics` are about. */
export interface DiagnosticsContext {
  readonly operation: 'completeOrder' | 'requestToken';
  readonly status: number;
  /** For completeOrder: the order, and which attempt of the call this response answered. */
  readonly orderId?: number;
  readonly attempt?: number;
}

/** Options of one call; each wins over the client's. */
export interface CompleteOrderOptions {
  /** Aborts the call, including a backoff wait. An abort after the request was sent leaves its outcome unknown. */
  readonly signal?: AbortSignal;
  /** @default the client's timeoutMs */
  readonly timeoutMs?: number;
  /** @default the client's retry options */
  readonly retry?: RetryOptions;
}

/** A time limit is from 1 ms to MAX_TIMER_MS, or Infinity for none; the error names the option. */
export const checkTimeout = (name: string, value: unknown): void => {
  if (value === undefined || value === Infinity) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new TypeError(`${name} must be from 1 to ${MAX_TIMER_MS} milliseconds (or Infinity), got ${String(value)}`);
  }
};

const absoluteUrl = (name: string, value: unknown): void => {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    /* reported below */
  }
  if (typeof value !== 'string' || !url || !/^https?:$/.test(url.protocol))
    throw new TypeError(`${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  if (url.username || url.password) throw new TypeError(`${name} must not carry credentials`);
};

/** Checks client options; a bad one is a TypeError naming it (and never echoing a secret). */
export function checkClientOptions(options: FulfillmentClientOptions): void {
  if (!options || typeof options !== 'object')
    throw new TypeError('createFulfillmentClient needs an options object with clientId and clientSecret');
  if (typeof options.clientId !== 'string' || options.clientId === '')
    throw new TypeError('clientId is required and must be a non-empty string');
  if (typeof options.clientSecret !== 'string' || options.clientSecret === '')
    throw new TypeError('clientSecret is required and must be a non-empty string');
  absoluteUrl('baseUrl', options.baseUrl);
  absoluteUrl('tokenUrl', options.tokenUrl);
  checkTimeout('timeoutMs', options.timeoutMs);
  checkTimeout('tokenTimeoutMs', options.tokenTimeoutMs);
  checkByteLimit('maxResponseBytes', options.maxResponseBytes);
  if (options.scope !== undefined && typeof options.scope !== 'string') throw new TypeError('scope must be a string');
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new TypeError('fetch must be a function');
  if (options.onDiagnostics !== undefined && typeof options.onDiagnostics !== 'function')
    throw new TypeError('onDiagnostics must be a function');
}
