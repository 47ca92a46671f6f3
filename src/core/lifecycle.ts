/**
 * How an API announces its end on the wire: the `Deprecation` header
 * (RFC 9745, a structured-field date: `@1688169599`), the `Sunset` header
 * (RFC 8594, an HTTP-date) and `Link` relations `deprecation` and `sunset`
 * (RFC 8288). Read from a response's headers, bounded, never throwing: a
 * malformed value is a problem quoted (sanitised, capped), not a crash.
 */
import { printable } from './sanitize.js';

/** What a response announces of its operation's end. Dates are ISO 8601 (UTC). */
export interface Lifecycle {
  /** When the resource is (or was) deprecated; `true` when deprecated with no date given (a draft's form). */
  readonly deprecation?: string | true;
  /** When it stops answering. */
  readonly sunset?: string;
  readonly deprecationLink?: string;
  readonly sunsetLink?: string;
}

/** A header value longer than this is not parsed: its problem says so. */
const MAX_HEADER_CHARS = 8_192;
/** Links read from one Link header; the rest are not looked at. */
const MAX_LINKS = 64;
/** An sf-date's seconds: RFC 9651 integers have at most 15 digits. */
const SF_DATE = /^@(-?\d{1,15})$/;
/** RFC 9110 section 5.6.7's IMF-fixdate, the form RFC 8594 asks senders to use. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

const quoted = (value: string) => printable(JSON.stringify(value), 200);

function httpDate(value: string): string | undefined {
  if (!IMF_FIXDATE.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** RFC 9745: `@` and seconds since the epoch. Earlier drafts sent `true` or an HTTP-date: read, named as such. */
function deprecationOf(value: string, problems: string[]): string | true | undefined {
  const sf = SF_DATE.exec(value);
  if (sf) {
    const time = Number(sf[1]) * 1000;
    if (Math.abs(time) <= 8.64e15) return new Date(time).toISOString();
  }
  if (value === 'true') {
    problems.push(`Deprecation ${quoted(value)} is a draft's form: RFC 9745 sends a date, such as @1688169599`);
    return true;
  }
  const date = httpDate(value);
  if (date) {
    problems.push(`Deprecation ${quoted(value)} is an HTTP-date, a draft's form: RFC 9745 sends @ and seconds`);
    return date;
  }
  problems.push(
    `Deprecation ${quoted(value)} is not a structured-field date (RFC 9745: @ and seconds, such as @1688169599)`,
  );
  return undefined;
}

/** Splits a Link header into its links, by commas outside `<...>` and quotes (RFC 8288 section 3). */
function splitLinks(value: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inUri = false;
  let inQuote = false;
  for (let i = 0; i < value.length && out.length < MAX_LINKS; i++) {
    const c = value[i];
    if (inQuote) {
      if (c === '\\') i++;
      else if (c === '"') inQuote = false;
    } else if (inUri) {
      if (c === '>') inUri = false;
    } else if (c === '<') inUri = true;
    else if (c === '"') inQuote = true;
    else if (c === ',') {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  if (out.length < MAX_LINKS) out.push(value.slice(start));
  return out;
}

/** The targets of the `deprecation` and `sunset` relations, resolved against `base` (RFC 8288 section 3.1). */
function linksOf(value: string, base: string | undefined): Pick<Lifecycle, 'deprecationLink' | 'sunsetLink'> {
  const found: { deprecationLink?: string; sunsetLink?: string } = {};
  for (const link of splitLinks(value)) {
    const target = /^\s*<([^>]*)>/.exec(link);
    if (!target) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(link);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    let href: string;
    try {
      href = new URL(target[1]!, base).href;
    } catch {
      continue;
    }
    if (relations.includes('deprecation')) found.deprecationLink ??= href;
    if (relations.includes('sunset')) found.sunsetLink ??= href;
  }
  return found;
}

/**
 * What `headers` (lower-case names) announce, and what in them could not be
 * read. Undefined when they announce nothing and hold no malformed value.
 */
export function readLifecycle(
  headers: Readonly<Record<string, string>>,
  base?: string,
): { readonly lifecycle: Lifecycle; readonly problems: readonly string[] } | undefined {
  const [deprecation, sunset, link] = [headers.deprecation, headers.sunset, headers.link];
  if (
    deprecation === undefined &&
    sunset === undefined &&
    !/\brel\s*=\s*"?[^"]*\b(deprecation|sunset)\b/i.test(link ?? '')
  )
    return undefined;
  const problems: string[] = [];
  const lifecycle: { -readonly [K in keyof Lifecycle]: Lifecycle[K] } = {};
  for (const [name, value] of [
    ['Deprecation', deprecation],
    ['Sunset', sunset],
    ['Link', link],
  ] as const) {
    if (value !== undefined && value.length > MAX_HEADER_CHARS)
      problems.push(`${name} is longer than ${MAX_HEADER_CHARS} characters: not read`);
  }
  if (deprecation !== undefined && deprecation.length <= MAX_HEADER_CHARS) {
    const date = deprecationOf(deprecation.trim(), problems);
    if (date !== undefined) lifecycle.deprecation = date;
  }
  if (sunset !== undefined && sunset.length <= MAX_HEADER_CHARS) {
    const date = httpDate(sunset.trim());
    if (date) lifecycle.sunset = date;
    else
      problems.push(`Sunset ${quoted(sunset)} is not an HTTP-date (RFC 8594: such as Sat, 01 Mar 2027 00:00:00 GMT)`);
  }
  if (link !== undefined && link.length <= MAX_HEADER_CHARS) Object.assign(lifecycle, linksOf(link, base));
  return { lifecycle, problems };
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * The announcement as one sentence for a title: stable while the dates are
 * (a repeated announcement is the same finding; a changed date a new one).
 * "Connect will sunset POST /v1/client/order/fulfillment on 2027-03-01".
 */
export function announcementTitle(api: string, operation: string, lifecycle: Lifecycle, now: Date): string {
  if (lifecycle.sunset)
    return Date.parse(lifecycle.sunset) > now.getTime()
      ? `${api} will sunset ${operation} on ${day(lifecycle.sunset)}`
      : `${api} announced the sunset of ${operation} on ${day(lifecycle.sunset)}, which has passed`;
  if (typeof lifecycle.deprecation === 'string')
    return Date.parse(lifecycle.deprecation) > now.getTime()
      ? `${api} will deprecate ${operation} on ${day(lifecycle.deprecation)}`
      : `${api} deprecated ${operation} on ${day(lifecycle.deprecation)}`;
  if (lifecycle.deprecation === true) return `${api} deprecated ${operation}`;
  return `${api} links a deprecation or sunset policy for ${operation}`;
}

/** The dates and links, for a message. */
export function announcementDetails(lifecycle: Lifecycle): string {
  return [
    lifecycle.deprecation === true
      ? 'deprecated (no date given)'
      : lifecycle.deprecation
        ? `deprecated ${lifecycle.deprecation}`
        : undefined,
    lifecycle.sunset ? `sunset ${lifecycle.sunset}` : undefined,
    lifecycle.deprecationLink ? `deprecation notice ${lifecycle.deprecationLink}` : undefined,
    lifecycle.sunsetLink ? `sunset policy ${lifecycle.sunsetLink}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .map((part) => printable(part, 300))
    .join('; ');
}

/** Days before a sunset from which its announcement is an error: a quarter, time to plan and ship a migration. */
export const DEFAULT_SUNSET_WITHIN_DAYS = 90;

const DAY_MS = 86_400_000;

/** Whether a sunset is within `days` of `now` (or has passed). */
export const sunsetIsNear = (sunset: string, now: Date, days: number): boolean =>
  Date.parse(sunset) - now.getTime() <= days * DAY_MS;
