/**
 * Text that came from a server, a file or a command line, made safe to show:
 * the one helper every report, error message and log line goes through.
 *
 * - `printable` escapes what a terminal would act on instead of showing: C0
 *   and C1 control characters (ESC, BEL, CR, newline...), DEL, and the Unicode
 *   line separators and bidirectional overrides that reorder what is seen; and
 *   caps the length.
 * - `redact` removes secrets in every form they travel in: as given,
 *   percent-encoded, form-encoded, and inside an HTTP Basic credential.
 */

/** The default cap on one piece of untrusted text in a message. */
const MAX_TEXT = 500;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (c: string): string => {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

/** `text` with every unprintable character escaped (`\n`, `\u001b`), cut to `maxLength` characters. */
export function printable(text: string, maxLength = MAX_TEXT): string {
  const cut =
    text.length > maxLength ? `${text.slice(0, maxLength)}… (${text.length - maxLength} more characters)` : text;
  return cut.replace(UNPRINTABLE, escapeOne);
}

/** application/x-www-form-urlencoded, as RFC 6749 section 2.3.1 wants each of the client id and secret. */
const formEncode = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);

/** HTTP Basic client authentication as RFC 6749 section 2.3.1 wants it: id and secret each form-urlencoded first. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
}

/** The Authorization header value for a bearer token (RFC 6750 section 2.1): the client's and the probes' alike. */
export const bearer = (token: string): string => `Bearer ${token}`;

/** What a run must never print: the client secret, with the id it is paired with, and tokens as they are issued. */
export interface Secrets {
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly tokens?: readonly string[];
}

/**
 * The length from which a secret is redacted wherever it stands. A shorter
 * one (`secret`, `test`) is a word of ordinary text too, ours included
 * (`token-wrong-secret`, "wrong client secret"): it is redacted only where it
 * stands as a whole value (see `VALUE_BEFORE`), and the command that reads it
 * says so (`weakSecretWarning`). Issued secrets and tokens are far longer.
 */
export const MIN_SECRET_LENGTH = 8;

/** What stands before a value and after it: a quote, `=`, `: `, or the edge of the text; `&`, `,`, `;`, space or the edge after. */
const VALUE_BEFORE = String.raw`(?<=^|["'=]|:\s?)`;
const VALUE_AFTER = String.raw`(?=$|["'&,;\s])`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One line on stderr for a secret too short to redact everywhere, stating the rule; undefined for a good one. */
export function weakSecretWarning(name: string, secret: string | undefined): string | undefined {
  if (!secret || secret.length >= MIN_SECRET_LENGTH) return undefined;
  return `${name} is shorter than ${MIN_SECRET_LENGTH} characters: it is redacted only where it stands as a whole value (quoted, or after = or :), not inside other words; an issued client secret is longer`;
}

/** Every form a secret can travel in. */
function forms(secrets: Secrets): string[] {
  const raw = [secrets.clientSecret, ...(secrets.tokens ?? [])].filter((s): s is string => !!s);
  const out = raw.flatMap((s) => [s, encodeURIComponent(s), formEncode(s)]);
  if (secrets.clientSecret) {
    const basic = basicCredentials(secrets.clientId ?? '', secrets.clientSecret).slice('Basic '.length);
    out.push(
      basic,
      encodeURIComponent(basic),
      Buffer.from(`${secrets.clientId ?? ''}:${secrets.clientSecret}`).toString('base64'),
    );
  }
  // Longest first, so that a secret inside a longer form is not replaced piecemeal.
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

/** `text` with every form of every secret replaced by `[redacted]`. */
export function redact(text: string, secrets: Secrets): string {
  return redactor(secrets)(text);
}

/**
 * A finding (or diagnostic) as a report, a log line or a hook may show it:
 * every text it carries from the wire (title, location, message) through
 * `clean`. The one finding redaction, for the client's hook and every run's
 * report alike.
 */
export function redactFinding<
  F extends { readonly title: string; readonly location: string; readonly message: string },
>(finding: F, clean: (text: string) => string): F {
  return {
    ...finding,
    title: clean(finding.title),
    location: clean(finding.location),
    message: clean(finding.message),
  };
}

/** `redact` with the forms worked out once, for many texts. */
export function redactor(secrets: Secrets): (text: string) => string {
  const all = forms(secrets);
  const strong = all.filter((form) => form.length >= MIN_SECRET_LENGTH);
  const weak = all.filter((form) => form.length < MIN_SECRET_LENGTH);
  const asValue =
    weak.length > 0
      ? new RegExp(`${VALUE_BEFORE}(?:${weak.map(escapeRegExp).join('|')})${VALUE_AFTER}`, 'g')
      : undefined;
  return (text) => {
    const out = strong.reduce((acc, form) => acc.split(form).join('[redacted]'), text);
    return asValue ? out.replace(asValue, '[redacted]') : out;
  };
}

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify, with what it leaves raw and a terminal acts on (DEL, C1, bidi overrides) escaped too: still valid JSON. */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
