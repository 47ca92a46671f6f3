/**
 * Parses a `Retry-After` value (RFC 9110 section 10.2.3) into milliseconds
 * from `now`: delay-seconds, or an HTTP-date (IMF-fixdate, and the obsolete
 * forms recipients must accept). A date in the past means "now" (0). Anything
 * else, or no header, is `undefined`: the caller falls back to its backoff, so
 * a malformed value loses only its timing, never the retry.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only something shaped like a date (IMF-fixdate, RFC 850, asctime): Date.parse also accepts "1.5" or "-3".
  if (!/^[A-Za-z]{3,9},? /.test(trimmed)) return undefined;
  // asctime carries no zone but means GMT; Date.parse would read it as local time.
  const at = Date.parse(/\d{4}$/.test(trimmed) ? `${trimmed} GMT` : trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
