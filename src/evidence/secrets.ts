/**
 * Credentials an exchange carries (authorization headers, cookies, token
 * forms and token answers), learned as traffic is read so that no report, log
 * line or evidence file shows them: the traffic reports and the drift
 * evidence HAR both redact through one of these.
 */
import type { ObservedRequest, ObservedResponse } from '../core/exchange.js';
import { redactor } from '../core/sanitize.js';

/** Credentials remembered for redaction. */
const MAX_SECRETS = 200_000;

/** Credentials the traffic carries: learned from each exchange, so that none is ever shown. */
export class TrafficSecrets {
  readonly #tokens = new Set<string>();
  #clean: ((text: string) => string) | undefined;

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

  /** Text with every learned credential replaced by `[redacted]`. */
  get clean(): (text: string) => string {
    this.#clean ??= redactor({ tokens: [...this.#tokens] });
    return this.#clean;
  }
}
