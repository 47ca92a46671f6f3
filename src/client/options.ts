import { specs } from '../../generated/contract.js';
import type { RetryOptions } from './retry/options.js';

const fulfillment = specs['connect-fulfillment'];
/** The spec's production server. */
export const DEFAULT_BASE_URL: string = fulfillment.servers[0]!;
/** The spec's token URL (the `connectId` scheme's client-credentials flow). */
export const DEFAULT_TOKEN_URL: string = (
  fulfillment.securitySchemes as { connectId: { flows: { clientCredentials: { tokenUrl: string } } } }
).connectId.flows.clientCredentials.tokenUrl;

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
   * The `scope` to ask for; omitted from the token request when undefined, so the server's default applies.
   * @default undefined
   */
  readonly scope?: string;
  /**
   * The fetch implementation, for tests, proxies or instrumentation.
   * @default globalThis.fetch
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
   * Accept callback URLs on loopback, private or link-local IP literals and `localhost`. For local development and tests only.
   * @default false
   */
  readonly allowPrivateCallbackHosts?: boolean;
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

/** A time limit must be a positive number of milliseconds, or Infinity for none; the error names the option. */
export const checkTimeout = (name: string, value: unknown): void => {
  if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value <= 0))
    throw new TypeError(`${name} must be a positive number of milliseconds (or Infinity), got ${String(value)}`);
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
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new TypeError('fetch must be a function');
}
