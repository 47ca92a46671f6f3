import { describe, expect, it } from 'vitest';
import { decideRetry, decideTokenRetry, type RetryContext } from '../../src/client/retry/decide.js';
import { backoffDelay, defaultRetryOptions } from '../../src/client/retry/options.js';
import { parseRetryAfter } from '../../src/client/retry/retry-after.js';

const ctx = (attempt: number, extra: Partial<RetryContext> = {}): RetryContext => ({
  attempt,
  tokenRefreshed: false,
  options: defaultRetryOptions,
  random: () => 0.5,
  now: 0,
  ...extra,
});
const refused = Object.assign(new TypeError('fetch failed'), {
  cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
});
const reset = Object.assign(new TypeError('fetch failed'), {
  cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
});
const timeout = new DOMException('attempt timed out', 'TimeoutError');

describe('decideRetry (the fulfillment POST)', () => {
  it('never retries a 200, whatever its fulfillmentStatus', () => {
    expect(decideRetry({ kind: 'response', status: 200 }, ctx(1))).toMatchObject({
      retry: false,
      reason: 'HTTP 200 settles the call',
    });
  });

  it('never retries a 5xx: it may have been applied', () => {
    for (const status of [500, 502, 503, 504])
      expect(decideRetry({ kind: 'response', status }, ctx(1))).toMatchObject({
        retry: false,
        reason: `HTTP ${status} may have been applied`,
      });
  });

  it('never retries a 400', () => {
    expect(decideRetry({ kind: 'response', status: 400 }, ctx(1)).retry).toBe(false);
  });

  it('retries a 429 after the Retry-After delay', () => {
    expect(decideRetry({ kind: 'response', status: 429, retryAfter: '2' }, ctx(1))).toEqual({
      retry: true,
      delayMs: 2000,
      refreshToken: false,
      reason: '429: waiting 2000 ms as Retry-After asks',
    });
  });

  it('retries a 429 without Retry-After with full-jitter backoff', () => {
    expect(decideRetry({ kind: 'response', status: 429 }, ctx(2))).toMatchObject({ retry: true, delayMs: 250 });
  });

  it('does not wait for a Retry-After above maxRetryAfterMs, and reports it', () => {
    expect(decideRetry({ kind: 'response', status: 429, retryAfter: '61' }, ctx(1))).toMatchObject({
      retry: false,
      retryAfterMs: 61_000,
    });
  });

  it('stops after maxAttempts 429s, keeping the last Retry-After', () => {
    expect(decideRetry({ kind: 'response', status: 429, retryAfter: '1' }, ctx(3))).toMatchObject({
      retry: false,
      retryAfterMs: 1000,
      reason: 'still 429 after 3 attempt(s)',
    });
  });

  it('refreshes the token and retries once on a 401, and not on a second', () => {
    expect(decideRetry({ kind: 'response', status: 401 }, ctx(1))).toMatchObject({
      retry: true,
      delayMs: 0,
      refreshToken: true,
    });
    expect(decideRetry({ kind: 'response', status: 401 }, ctx(2, { tokenRefreshed: true }))).toMatchObject({
      retry: false,
      reason: 'a freshly issued token was refused too (second 401)',
    });
  });

  it('retries a connection that was never established', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
      const error = Object.assign(new TypeError('fetch failed'), { cause: { code } });
      expect(decideRetry({ kind: 'error', error }, ctx(1))).toMatchObject({ retry: true, refreshToken: false });
    }
    expect(decideRetry({ kind: 'error', error: refused }, ctx(3)).retry).toBe(false);
  });

  it('never retries a reset connection or a timeout: the request may have been sent', () => {
    expect(decideRetry({ kind: 'error', error: reset }, ctx(1)).retry).toBe(false);
    expect(decideRetry({ kind: 'error', error: timeout }, ctx(1)).retry).toBe(false);
  });

  it('with maxAttempts 1 retries nothing', () => {
    const options = { ...defaultRetryOptions, maxAttempts: 1 };
    expect(decideRetry({ kind: 'response', status: 429, retryAfter: '0' }, ctx(1, { options })).retry).toBe(false);
    expect(decideRetry({ kind: 'error', error: refused }, ctx(1, { options })).retry).toBe(false);
  });
});

describe('decideTokenRetry (the token request has no side effect)', () => {
  it('retries 5xx, 429 and any transport failure while attempts are left', () => {
    expect(decideTokenRetry({ kind: 'response', status: 503 }, ctx(1)).retry).toBe(true);
    expect(decideTokenRetry({ kind: 'response', status: 429, retryAfter: '0' }, ctx(1))).toMatchObject({
      retry: true,
      delayMs: 0,
    });
    expect(decideTokenRetry({ kind: 'error', error: reset }, ctx(1)).retry).toBe(true);
    expect(decideTokenRetry({ kind: 'error', error: timeout }, ctx(3)).retry).toBe(false);
  });

  it('never retries a refusal of the credentials', () => {
    expect(decideTokenRetry({ kind: 'response', status: 401 }, ctx(1)).retry).toBe(false);
    expect(decideTokenRetry({ kind: 'response', status: 400 }, ctx(1)).retry).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it('reads delay-seconds', () => expect(parseRetryAfter('120', now)).toBe(120_000));
  it('reads Retry-After: 0 as now', () => expect(parseRetryAfter('0', now)).toBe(0));
  it('reads an IMF-fixdate', () => expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:30 GMT', now)).toBe(30_000));
  it('reads the obsolete RFC 850 form', () =>
    expect(parseRetryAfter('Thursday, 26-Nov-26 12:00:30 GMT', now)).toBe(30_000));
  it('reads the obsolete asctime form as GMT', () =>
    expect(parseRetryAfter('Thu Nov 26 12:00:30 2026', now)).toBe(30_000));
  it('reads a date in the past as now', () => expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0));
  it('gives up on malformed values, so that backoff applies', () => {
    for (const value of ['', '-1', '1.5', 'soon', '10 seconds', 'Thu, 99 Foo 2026'])
      expect(parseRetryAfter(value, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, is capped, and is jittered over [0, ceiling)', () => {
    const options = { ...defaultRetryOptions, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });
});
