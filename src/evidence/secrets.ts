/**
 * Credentials an exchange carries (authorization headers, cookies, token
 * forms and token answers), learned as traffic is read, beside those the run
 * was configured with, so that no report, log line or evidence file shows
 * them. A run redacts once, as it builds its report (the contract runner, the
 * traffic recorder): every finding and every exchange kept as evidence, with
 * every secret the run saw. What renders or writes a report after that takes
 * it as it is.
 */
import { type ObservedRequest, type ObservedResponse, observe } from '../core/exchange.js';
import { redactFinding, redactor, type Secrets } from '../core/sanitize.js';
import type { Diagnostic } from '../core/diagnostic.js';

/** Credentials remembered for redaction. */
const MAX_SECRETS = 200_000;

/** Credentials the traffic carries: learned from each exchange, so that none is ever shown. */
export class TrafficSecrets {
  readonly #known: Secrets;
  readonly #tokens = new Set<string>();
  #clean: ((text: string) => string) | undefined;

  /** `known`: the secrets the run was given (the client secret with its id, a token it was issued). */
  constructor(known: Secrets = {}) {
    this.#known = known;
  }

  #add(value: string | undefined | null) {
    if (!value || value.length < 4 || this.#tokens.size >= MAX_SECRETS || this.#tokens.has(value)) return;
    this.#tokens.add(value);
    this.#clean = undefined;
  }

  learn(request: ObservedRequest, response: ObservedResponse | undefined): void {
    for (const [name, value] of Object.entries(request.headers)) {
      if (name === 'authorization' || name === 'proxy-authorization') {
        const [scheme, credential] = value.split(/\s+/, 2);
        this.#add(credential);
        if (scheme?.toLowerCase() === 'basic' && credential) {
          const decoded = Buffer.from(credential, 'base64').toString('utf8');
          const colon = decoded.indexOf(':');
          if (colon >= 0) {
            const secret = decoded.slice(colon + 1);
            this.#add(secret);
            try {
              this.#add(decodeURIComponent(secret.replace(/\+/g, ' ')));
            } catch {
              // not form-encoded: the raw secret is enough
            }
          }
        }
      }
      if (name === 'cookie') for (const pair of value.split(/;\s*/)) this.#add(pair.split('=').slice(1).join('='));
    }
    if (
      /x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '') ||
      request.bodyText.includes('client_secret=')
    ) {
      const form = new URLSearchParams(request.bodyText);
      for (const key of ['client_secret', 'client_assertion', 'password', 'refresh_token', 'access_token', 'code'])
        this.#add(form.get(key));
    }
    const body = response?.json?.value as Record<string, unknown> | undefined;
    if (body && typeof body === 'object')
      for (const key of ['access_token', 'refresh_token', 'id_token'])
        if (typeof body[key] === 'string') this.#add(body[key] as string);
    for (const cookie of (response?.headers['set-cookie'] ?? '').split(/,\s*(?=[^;,]+=)/))
      this.#add(cookie.split(';')[0]?.split('=').slice(1).join('='));
  }

  /** Text with every known and learned credential replaced by `[redacted]`. */
  get clean(): (text: string) => string {
    this.#clean ??= redactor({ ...this.#known, tokens: [...(this.#known.tokens ?? []), ...this.#tokens] });
    return this.#clean;
  }

  /** A finding as a report may keep it: its title, location and message redacted (the rest is ours). */
  finding<F extends Pick<Diagnostic, 'title' | 'location' | 'message'>>(finding: F): F {
    return redactFinding(finding, this.clean);
  }

  /** An exchange as a report may keep it: the URL, every header and both bodies redacted. */
  exchange<E extends { readonly request: ObservedRequest; readonly response?: ObservedResponse | undefined }>(
    exchange: E,
  ): E {
    const clean = this.clean;
    const headers = (h: Readonly<Record<string, string>>) =>
      Object.fromEntries(Object.entries(h).map(([name, value]) => [name, clean(value)]));
    const { request, response } = exchange;
    return {
      ...exchange,
      request: {
        ...request,
        url: clean(request.url),
        headers: headers(request.headers),
        bodyText: clean(request.bodyText),
      },
      ...(response ? { response: observe(response.status, headers(response.headers), clean(response.bodyText)) } : {}),
    };
  }
}
