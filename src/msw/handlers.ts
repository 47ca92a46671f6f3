/**
 * Mock Service Worker handlers that answer as Connect and ConnectID do, in the
 * test process: no server, no port. Every answer is built from the specs (their
 * examples, their validators), so a consumer's code meets the same shapes it
 * will meet in production, and the project's own contract checks hold on each.
 */
import { bypass, type HttpHandler, HttpResponse, http } from 'msw';
import { completeOrderRequestBody, type Validator } from '../../generated/validators.js';
import {
  CALLBACK_STATUS_PARAM,
  DEFAULT_BASE_URL,
  DEFAULT_SCOPE,
  DEFAULT_TOKEN_URL,
  exampleValue,
  FULFILLMENT_PATH,
} from '../core/spec.js';

/** What the fulfillment answers: a 200 with `OK` or `ERROR`, or an error status. */
export type ConnectOutcome = 'ok' | 'error' | 400 | 401 | 403 | 429 | 500;

/** A fulfillment request the handlers accepted (authenticated, with a valid body). */
export interface FulfillmentRequest {
  readonly orderId: number;
  readonly callbackUrl?: string;
  /** 1 for the first request for this order id, 2 for the next (a retry), and so on. */
  readonly attempt: number;
}

/** A callback the handlers delivered (or tried to): the GET Connect sends to the `callbackUrl`. */
export interface CallbackDelivery {
  readonly url: string;
  readonly fulfillmentStatus: 'success' | 'failed';
  readonly orderId: number;
  /** The receiver's status, when it answered. */
  readonly status?: number;
  /** Why the GET failed, when it did. */
  readonly error?: unknown;
}

export interface ConnectHandlersOptions {
  /** Where the client sends the fulfillment. @default the spec's server URL */
  readonly baseUrl?: string;
  /** The token endpoint. @default the spec's token URL */
  readonly tokenUrl?: string;
  /** The answer to an authenticated, valid fulfillment; a function decides per request. @default 'ok' */
  readonly outcome?: ConnectOutcome | ((request: FulfillmentRequest) => ConnectOutcome);
  /** The only client credentials the token endpoint accepts. @default any non-empty id and secret */
  readonly credentials?: { readonly clientId: string; readonly clientSecret: string };
  /** The token lifetime in seconds. @default 3600 */
  readonly expiresIn?: number;
  /** The scope granted, space-separated. @default the scope the fulfillment requires (`read`) */
  readonly scope?: string;
  /** The Retry-After of a 429: seconds, or an HTTP date. @default 1 */
  readonly retryAfter?: number | string;
  /** The errorMessage of an `error` outcome. @default the spec's example */
  readonly errorMessage?: string;
  /**
   * Whether a `callbackUrl` gets its GET after an `ok` or `error` outcome
   * (`success` or `failed`), as Connect sends it. @default 'deliver'
   */
  readonly callbacks?: 'deliver' | 'skip';
  /**
   * What sends the callback GET. By default it goes to the network past msw's
   * interception (`bypass`), to the consumer's real receiver, even under
   * `onUnhandledRequest: 'error'`; pass a function to hand it to an app
   * in-process instead (`(request) => app.fetch(request)`).
   */
  readonly callbackFetch?: (request: Request) => Promise<Response>;
  /**
   * Answer every fulfillment as an API that announces its end does, so that
   * a consumer tests its own handling: `Deprecation` (RFC 9745, `@` and
   * seconds), `Sunset` (RFC 8594, an HTTP-date) and `Link` relations
   * `deprecation` and `sunset`. @default none: no lifecycle header
   */
  readonly lifecycle?: {
    readonly deprecation?: Date;
    readonly sunset?: Date;
    readonly deprecationLink?: string;
    readonly sunsetLink?: string;
  };
}

/** The lifecycle headers an option asks for, written as the RFCs spell them. */
function lifecycleHeaders(lifecycle: ConnectHandlersOptions['lifecycle']): [string, string][] {
  if (!lifecycle) return [];
  for (const name of ['deprecation', 'sunset'] as const) {
    const date = lifecycle[name];
    if (date !== undefined && (!(date instanceof Date) || Number.isNaN(date.getTime())))
      throw new TypeError(`createConnectHandlers: lifecycle.${name} must be a valid Date`);
  }
  const links = [
    ...(lifecycle.deprecationLink ? [`<${lifecycle.deprecationLink}>; rel="deprecation"; type="text/html"`] : []),
    ...(lifecycle.sunsetLink ? [`<${lifecycle.sunsetLink}>; rel="sunset"; type="text/html"`] : []),
  ];
  return [
    ...(lifecycle.deprecation
      ? [['deprecation', `@${Math.floor(lifecycle.deprecation.getTime() / 1000)}`] as [string, string]]
      : []),
    ...(lifecycle.sunset ? [['sunset', lifecycle.sunset.toUTCString()] as [string, string]] : []),
    ...(links.length > 0 ? [['link', links.join(', ')] as [string, string]] : []),
  ];
}

/** The handlers, with what they saw: spread them into `setupServer(...)` or `server.use(...)`. */
export interface ConnectHandlers extends Array<HttpHandler> {
  /** Every fulfillment the handlers accepted, in order. */
  readonly fulfillments: readonly FulfillmentRequest[];
  /** How many tokens these handlers issued. Tokens any handlers issued in this process are accepted. */
  readonly tokensIssued: () => number;
  /** Every callback delivered so far. */
  readonly callbacks: readonly CallbackDelivery[];
  /** Resolves when every callback scheduled so far has been delivered (or has failed). */
  readonly callbacksSettled: () => Promise<readonly CallbackDelivery[]>;
}

const OUTCOMES: readonly ConnectOutcome[] = ['ok', 'error', 400, 401, 403, 429, 500];
const OK = exampleValue('connect-fulfillment', '/responses/200/content/application~1json/examples/ok') as object;
const ERROR = exampleValue('connect-fulfillment', '/responses/200/content/application~1json/examples/error') as {
  errorMessage: string;
};
/** The spec's example body for an error status: every one is a JSON object of strings. */
const errorExample = (status: number, name: string) =>
  exampleValue('connect-fulfillment', `/responses/${status}/content/application~1json/examples/${name}`) as Record<
    string,
    string
  >;
const BODIES = {
  400: errorExample(400, 'badRequest'),
  401: errorExample(401, 'invalidToken'),
  403: errorExample(403, 'insufficientScope'),
  429: errorExample(429, 'tooManyRequests'),
  500: errorExample(500, 'serverError'),
} as const;
const INVALID_TOKEN = exampleValue('connect-fulfillment', '/headers/WWWAuthenticate/examples/invalidToken') as string;
const INSUFFICIENT_SCOPE = exampleValue(
  'connect-fulfillment',
  '/headers/WWWAuthenticate/examples/insufficientScope',
) as string;

/**
 * Every token any set of handlers issued in this process: a client that keeps
 * its token from one test to the next (as a module-level client does) is not
 * met with a 401 by the next test's handlers, as a real token outlives a test.
 */
const ISSUED = new Set<string>();

/** An option that is wrong is a mistake in the consumer's test: say which and why, at once. */
function checkOptions(options: ConnectHandlersOptions): void {
  for (const name of ['baseUrl', 'tokenUrl'] as const) {
    const value = options[name];
    if (value !== undefined && !/^https?:\/\/[^/]/i.test(value))
      throw new TypeError(
        `createConnectHandlers: ${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`,
      );
  }
  if (typeof options.outcome !== 'function' && options.outcome !== undefined && !OUTCOMES.includes(options.outcome))
    throw new TypeError(`createConnectHandlers: outcome must be one of ${OUTCOMES.join(', ')}, or a function`);
  if (options.expiresIn !== undefined && !(Number.isInteger(options.expiresIn) && options.expiresIn > 0))
    throw new TypeError('createConnectHandlers: expiresIn must be a positive integer number of seconds');
  if (typeof options.retryAfter === 'number' && !(Number.isInteger(options.retryAfter) && options.retryAfter >= 0))
    throw new TypeError('createConnectHandlers: retryAfter must be a non-negative integer number of seconds');
}

/** The client id and secret of an RFC 6749 section 2.3.1 Basic header, or undefined. */
function basicCredentials(header: string | null): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const form = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { clientId: form(decoded.slice(0, colon)), clientSecret: form(decoded.slice(colon + 1)) };
}

const violations = (validator: Validator<unknown>) =>
  (validator.errors ?? [])
    .map((e) => `${e.instancePath.slice(1).replace(/\//g, '.') || 'body'} ${e.message}`)
    .join('; ');

export function createConnectHandlers(options: ConnectHandlersOptions = {}): ConnectHandlers {
  checkOptions(options);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const tokenUrl = options.tokenUrl ?? DEFAULT_TOKEN_URL;
  let tokensIssued = 0;
  const fulfillments: FulfillmentRequest[] = [];
  const callbacks: CallbackDelivery[] = [];
  const pending = new Set<Promise<void>>();
  const attempts = new Map<number, number>();

  const tokenError = (status: 400 | 401, error: string, description: string) =>
    HttpResponse.json(
      { error, error_description: description },
      {
        status,
        headers: {
          'cache-control': 'no-store',
          ...(status === 401 ? { 'www-authenticate': 'Basic realm="connectid"' } : {}),
        },
      },
    );

  const token = http.post(tokenUrl, async ({ request }) => {
    const client = basicCredentials(request.headers.get('authorization'));
    const expected = options.credentials;
    if (
      !client ||
      client.clientId === '' ||
      client.clientSecret === '' ||
      (expected && (client.clientId !== expected.clientId || client.clientSecret !== expected.clientSecret))
    )
      return tokenError(401, 'invalid_client', 'Client authentication failed');
    const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/x-www-form-urlencoded')
      return tokenError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    const form = new URLSearchParams(await request.text());
    const grant = form.get('grant_type');
    if (grant === null) return tokenError(400, 'invalid_request', 'grant_type is required');
    if (grant !== 'client_credentials')
      return tokenError(400, 'unsupported_grant_type', 'Only client_credentials is supported');
    const accessToken = `msw-${crypto.randomUUID()}`;
    ISSUED.add(accessToken);
    tokensIssued++;
    return HttpResponse.json(
      {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: options.expiresIn ?? 3600,
        scope: options.scope ?? (form.get('scope') || DEFAULT_SCOPE),
      },
      { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } },
    );
  });

  const deliver = (url: string, orderId: number, fulfillmentStatus: 'success' | 'failed') => {
    const target = new URL(url);
    target.searchParams.set(CALLBACK_STATUS_PARAM.name, fulfillmentStatus);
    const send = options.callbackFetch ?? ((request: Request) => fetch(bypass(request)));
    const delivery = (async () => {
      // After the fulfillment's answer has reached the client, as Connect's callback comes later.
      await new Promise((resolve) => setTimeout(resolve, 0));
      try {
        const response = await send(new Request(target, { method: 'GET' }));
        // Never awaited: a peer (msw among them) may never confirm the cancellation.
        response.body?.cancel().catch(() => undefined);
        callbacks.push({ url: target.href, fulfillmentStatus, orderId, status: response.status });
      } catch (error) {
        callbacks.push({ url: target.href, fulfillmentStatus, orderId, error });
      }
    })();
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
  };

  const announce = lifecycleHeaders(options.lifecycle);
  const fulfillment = http.post(`${baseUrl}${FULFILLMENT_PATH}`, async ({ request }) => {
    const response = await answer(request);
    for (const [name, value] of announce) response.headers.set(name, value);
    return response;
  });

  async function answer(request: Request): Promise<Response> {
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (!auth)
      return HttpResponse.json(
        { error_description: 'An access token is required' },
        { status: 401, headers: { 'www-authenticate': 'Bearer realm="connect"' } },
      );
    if (!ISSUED.has(auth[1]!))
      return HttpResponse.json(BODIES[401], { status: 401, headers: { 'www-authenticate': INVALID_TOKEN } });
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return HttpResponse.json({ errorMessage: 'The body is not JSON' }, { status: 400 });
    }
    if (!completeOrderRequestBody(body))
      return HttpResponse.json({ errorMessage: violations(completeOrderRequestBody) }, { status: 400 });
    const { orderId, callbackUrl } = body as { orderId: number; callbackUrl?: string | null };
    const attempt = (attempts.get(orderId) ?? 0) + 1;
    attempts.set(orderId, attempt);
    const seen: FulfillmentRequest = { orderId, attempt, ...(callbackUrl ? { callbackUrl } : {}) };
    fulfillments.push(seen);
    const outcome = typeof options.outcome === 'function' ? options.outcome(seen) : (options.outcome ?? 'ok');
    switch (outcome) {
      case 'ok':
      case 'error': {
        if (callbackUrl && options.callbacks !== 'skip')
          deliver(callbackUrl, orderId, outcome === 'ok' ? 'success' : 'failed');
        return HttpResponse.json(
          outcome === 'ok'
            ? { ...OK, orderId }
            : { fulfillmentStatus: 'ERROR', orderId, errorMessage: options.errorMessage ?? ERROR.errorMessage },
        );
      }
      case 401:
        return HttpResponse.json(BODIES[401], { status: 401, headers: { 'www-authenticate': INVALID_TOKEN } });
      case 403:
        return HttpResponse.json(BODIES[403], { status: 403, headers: { 'www-authenticate': INSUFFICIENT_SCOPE } });
      case 429:
        return HttpResponse.json(BODIES[429], {
          status: 429,
          headers: { 'retry-after': String(options.retryAfter ?? 1) },
        });
      case 400:
      case 500:
        return HttpResponse.json(BODIES[outcome], { status: outcome });
      default:
        throw new TypeError(`createConnectHandlers: outcome() returned ${String(outcome)}`);
    }
  }

  return Object.assign([token, fulfillment], {
    fulfillments,
    tokensIssued: () => tokensIssued,
    callbacks,
    callbacksSettled: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      return callbacks;
    },
  });
}
