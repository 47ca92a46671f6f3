/**
 * Reading what a response announces of its end: the RFCs' own examples, the
 * drafts' older forms, and malformed or hostile values (quoted, sanitised,
 * capped, never a throw). Judged against a clock the test sets.
 */
import { describe, expect, it } from 'vitest';
import { judgeSunset, lifecycleAnnouncement } from '../../src/core/checks/lifecycle.js';
import { observe } from '../../src/core/exchange.js';
import { readLifecycle } from '../../src/core/lifecycle.js';
import { COMPLETE_ORDER } from '../../src/core/spec.js';

describe('the RFCs’ own examples', () => {
  it('RFC 9745 section 2.1: Deprecation: @1688169599 is 2023-06-30T23:59:59Z', () => {
    expect(readLifecycle({ deprecation: '@1688169599' })).toEqual({
      lifecycle: { deprecation: '2023-06-30T23:59:59.000Z' },
      problems: [],
    });
  });

  it('RFC 9745 section 3: the deprecation Link relation, with its type', () => {
    const read = readLifecycle({
      deprecation: '@1688169599',
      link: '<https://developer.example.com/deprecation>; rel="deprecation"; type="text/html"',
    });
    expect(read?.lifecycle.deprecationLink).toBe('https://developer.example.com/deprecation');
  });

  it('RFC 8594 section 3: Sunset: Sat, 31 Dec 2018 23:59:59 GMT, and the sunset Link relation', () => {
    expect(
      readLifecycle({
        sunset: 'Sat, 31 Dec 2018 23:59:59 GMT',
        link: '<http://example.net/sunset>;rel="sunset";type="text/html"',
      }),
    ).toEqual({
      lifecycle: { sunset: '2018-12-31T23:59:59.000Z', sunsetLink: 'http://example.net/sunset' },
      problems: [],
    });
  });

  it('a relative link is resolved against the request URL; a rel list and an unquoted rel are read; other links are not', () => {
    const read = readLifecycle(
      {
        sunset: 'Mon, 01 Mar 2027 00:00:00 GMT',
        link: '</docs/next>; rel="next", </policy/sunset>; rel=sunset, <https://x.example/a,b>; rel="alternate deprecation"',
      },
      'https://api.mediaconnect.no/capi/v1/client/order/fulfillment',
    );
    expect(read?.lifecycle).toMatchObject({
      sunsetLink: 'https://api.mediaconnect.no/policy/sunset',
      deprecationLink: 'https://x.example/a,b',
    });
  });

  it('nothing announced: undefined, whatever other links there are', () => {
    expect(readLifecycle({ link: '<https://x.example/2>; rel="next"', 'content-type': 'application/json' })).toBe(
      undefined,
    );
  });
});

describe('malformed and older forms are problems quoted, never a throw', () => {
  it.each([
    ['Sunset: tomorrow', { sunset: 'tomorrow' }, 'Sunset "tomorrow" is not an HTTP-date'],
    ['Deprecation: yesterday', { deprecation: 'yesterday' }, 'Deprecation "yesterday" is not a structured-field date'],
    ['Deprecation: @ with 16 digits', { deprecation: '@1234567890123456' }, 'is not a structured-field date'],
    ['Deprecation: true (a draft’s form)', { deprecation: 'true' }, "is a draft's form"],
    [
      'an escape sequence in Sunset',
      { sunset: '\u001b[2J31 Dec 2018' },
      'Sunset "\\u001b[2J31 Dec 2018" is not an HTTP-date',
    ],
  ])('%s', (_, headers, problem) => {
    const read = readLifecycle(headers);
    expect(read?.problems.join('\n')).toContain(problem);
    expect(read?.problems.join('\n')).not.toContain(String.fromCharCode(27));
  });

  it('a header of a megabyte is not parsed: one problem, capped', () => {
    const read = readLifecycle({
      sunset: 'x'.repeat(1_000_000),
      link: `<https://a>; rel="sunset", ${'<b>,'.repeat(100_000)}`,
    });
    expect(read?.problems).toEqual([
      'Sunset is longer than 8192 characters: not read',
      'Link is longer than 8192 characters: not read',
    ]);
  });
});

const exchange = (headers: Record<string, string>) => ({
  operation: COMPLETE_ORDER,
  response: observe(200, { 'content-type': 'application/json', ...headers }, '{"fulfillmentStatus":"OK","orderId":14}'),
});
const NOW = new Date('2026-12-01T12:00:00Z');
const SUNSET = { sunset: 'Mon, 01 Mar 2027 00:00:00 GMT', deprecation: '@1688169599' };

describe('lifecycle_announcement, on a clock the test sets', () => {
  it('a sunset 90 days or more ahead is a warning whose title names the operation and the date', () => {
    const [found] = lifecycleAnnouncement({ now: () => NOW, sunsetWithinDays: 30 })(exchange(SUNSET));
    expect(found).toMatchObject({
      severity: 'warning',
      check: 'lifecycle_announcement',
      title: 'Connect will sunset POST /v1/client/order/fulfillment on 2027-03-01',
      location: 'response.headers.sunset',
      message: 'deprecated 2023-06-30T23:59:59.000Z; sunset 2027-03-01T00:00:00.000Z',
      lifecycle: { deprecation: '2023-06-30T23:59:59.000Z', sunset: '2027-03-01T00:00:00.000Z' },
    });
  });

  it('within --sunset-within days (90 by default) it is an error; a passed sunset too', () => {
    expect(lifecycleAnnouncement({ now: () => NOW })(exchange(SUNSET))[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/within 90 days \(--sunset-within\)$/),
    });
    const late = new Date('2027-04-01T00:00:00Z');
    expect(lifecycleAnnouncement({ now: () => late })(exchange(SUNSET))[0]).toMatchObject({
      severity: 'error',
      title: 'Connect announced the sunset of POST /v1/client/order/fulfillment on 2027-03-01, which has passed',
    });
  });

  it('judgeSunset judges a finding again with other days, and leaves other findings as they are', () => {
    const [found] = lifecycleAnnouncement({ now: () => NOW })(exchange(SUNSET));
    const relaxed = judgeSunset(30, NOW)(found!);
    expect(relaxed).toMatchObject({
      severity: 'warning',
      message: 'deprecated 2023-06-30T23:59:59.000Z; sunset 2027-03-01T00:00:00.000Z',
    });
    expect(judgeSunset(365, NOW)(relaxed).severity).toBe('error');
    const other = {
      severity: 'warning' as const,
      check: 'undocumented_properties',
      title: 't',
      location: 'l',
      message: 'm',
    };
    expect(judgeSunset(0, NOW)(other)).toBe(other);
  });

  it('deprecation alone is a warning, never an error, however old', () => {
    expect(lifecycleAnnouncement({ now: () => NOW })(exchange({ deprecation: '@1688169599' }))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        title: 'Connect deprecated POST /v1/client/order/fulfillment on 2023-06-30',
        location: 'response.headers.deprecation',
      }),
    ]);
  });

  it('a malformed header is a warning quoting it; no announcement, no finding', () => {
    expect(lifecycleAnnouncement({ now: () => NOW })(exchange({ sunset: 'soon' }))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        title: 'Unreadable lifecycle header',
        message: expect.stringContaining('"soon"'),
      }),
    ]);
    expect(lifecycleAnnouncement({ now: () => NOW })(exchange({}))).toEqual([]);
  });
});
