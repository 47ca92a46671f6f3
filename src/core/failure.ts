/** Why a request got no usable answer, in a few words fit for a report: never the server's text raw. */
import { BodyTooLargeError } from './body.js';
import { printable } from './sanitize.js';

/** The first `code` on an error or its `cause` chain (fetch wraps the system error as its cause). */
export function errorCode(error: unknown): string | undefined {
  for (
    let at = error, depth = 0;
    at && typeof at === 'object' && depth < 8;
    at = (at as { cause?: unknown }).cause, depth++
  ) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** How the reason of a time limit that ran out begins. */
export const NO_ANSWER = 'no answer within';

/** `no answer within 10000 ms`, `ECONNREFUSED`, `the response body is larger than the 1 MiB cap`, ... */
export function failureReason(error: unknown, timeoutMs: number): string {
  if ((error as Error)?.name === 'TimeoutError') return `${NO_ANSWER} ${timeoutMs} ms`;
  if (error instanceof BodyTooLargeError) return error.message;
  const code = errorCode(error);
  if (code) return printable(code, 60);
  const cause = (error as { cause?: { message?: unknown } })?.cause;
  return printable(String(cause?.message ?? (error as Error)?.message ?? error), 200);
}
