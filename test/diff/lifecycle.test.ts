/**
 * The lifecycle rules at oasdiff's grade, each read from oasdiff's documented
 * behaviour (docs/DEPRECATION.md, its checker's deprecation, sunset, removal
 * and stability checks) and written here as specs of our own, judged on a
 * clock the test sets (2026-12-01) under oasdiff's default policy: 31 days
 * for beta, 180 for stable (and for an operation that names no level).
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs, specFromDocument } from '../../src/diff/index.js';

const NOW = new Date('2026-12-01T12:00:00Z');
type Op = Record<string, unknown>;

const api = (ops: Record<string, Op | undefined>, params: Record<string, unknown>[] = []) => ({
  openapi: '3.1.0',
  info: { title: 'lifecycle', version: '1' },
  paths: Object.fromEntries(
    Object.entries(ops)
      .filter(([, op]) => op !== undefined)
      .map(([path, op]) => [path, { get: { parameters: params, responses: { 200: { description: 'ok' } }, ...op } }]),
  ),
});

const judge = (before: object, after: object, policy: Record<string, number> = {}) =>
  diffSpecs(specFromDocument(before), specFromDocument(after), { now: NOW, ...policy }).map(
    (c) => `${c.level} ${c.id}`,
  );

describe('an operation deprecated', () => {
  const plain = api({ '/orders': {} });
  it('with a sunset 200 days away: endpoint-deprecated (info)', () => {
    expect(judge(plain, api({ '/orders': { deprecated: true, 'x-sunset': '2027-06-19' } }))).toEqual([
      'info endpoint-deprecated',
    ]);
  });

  it('with a sunset 30 days away, stable: api-sunset-date-too-small (breaking); beta needs 31, alpha none', () => {
    const soon = { deprecated: true, 'x-sunset': '2026-12-31' };
    expect(judge(plain, api({ '/orders': soon }))).toEqual(['breaking api-sunset-date-too-small']);
    const beta = api({ '/orders': { 'x-stability-level': 'beta' } });
    expect(judge(beta, api({ '/orders': { ...soon, 'x-stability-level': 'beta' } }))).toEqual([
      'breaking api-sunset-date-too-small',
    ]);
    const alpha = api({ '/orders': { 'x-stability-level': 'alpha' } });
    expect(judge(alpha, api({ '/orders': { ...soon, 'x-stability-level': 'alpha' } }))).toEqual([
      'info endpoint-deprecated',
    ]);
  });

  it('without a sunset: api-deprecated-sunset-missing (breaking) under the policy, endpoint-deprecated with 0 days', () => {
    const deprecated = api({ '/orders': { deprecated: true } });
    expect(judge(plain, deprecated)).toEqual(['breaking api-deprecated-sunset-missing']);
    expect(judge(plain, deprecated, { deprecationDaysStable: 0 })).toEqual(['info endpoint-deprecated']);
  });

  it('with an x-sunset that is no date: api-deprecated-sunset-parse (breaking)', () => {
    expect(judge(plain, api({ '/orders': { deprecated: true, 'x-sunset': 'next summer' } }))).toEqual([
      'breaking api-deprecated-sunset-parse',
    ]);
  });

  it('reactivated: endpoint-reactivated (info)', () => {
    expect(judge(api({ '/orders': { deprecated: true, 'x-sunset': '2027-06-19' } }), plain)).toEqual([
      'info endpoint-reactivated',
    ]);
  });
});

describe('a sunset date moved or deleted on a deprecated operation', () => {
  const at = (sunset?: string) => api({ '/orders': { deprecated: true, ...(sunset ? { 'x-sunset': sunset } : {}) } });
  it('deleted: sunset-deleted (breaking)', () => {
    expect(judge(at('2027-06-19'), at())).toEqual(['breaking sunset-deleted']);
  });
  it('moved earlier, to within the policy: api-sunset-date-changed-too-small (breaking)', () => {
    expect(judge(at('2027-06-19'), at('2027-01-15'))).toEqual(['breaking api-sunset-date-changed-too-small']);
  });
  it('moved earlier but still beyond the policy, or later: nothing breaks', () => {
    expect(judge(at('2028-06-19'), at('2027-12-01'))).toEqual([]);
    expect(judge(at('2027-06-19'), at('2027-12-19'))).toEqual([]);
  });
  it('changed to no date: api-path-sunset-parse (breaking)', () => {
    expect(judge(at('2027-06-19'), at('soon'))).toEqual(['breaking api-path-sunset-parse']);
  });
});

describe('removals, judged by the deprecation and sunset before them', () => {
  const two = (op: Op) => api({ '/orders': op, '/other': {} });
  const gone = api({ '/other': {} });
  it('a path never deprecated: api-path-removed-without-deprecation (breaking)', () => {
    expect(judge(two({}), gone)).toEqual(['breaking api-path-removed-without-deprecation']);
  });
  it('a path deprecated without a sunset: api-path-removed-with-deprecation (info)', () => {
    expect(judge(two({ deprecated: true }), gone)).toEqual(['info api-path-removed-with-deprecation']);
  });
  it('a path removed before its sunset: api-path-removed-before-sunset (breaking); after it: with-deprecation', () => {
    expect(judge(two({ deprecated: true, 'x-sunset': '2027-03-01' }), gone)).toEqual([
      'breaking api-path-removed-before-sunset',
    ]);
    expect(judge(two({ deprecated: true, 'x-sunset': '2026-11-01' }), gone)).toEqual([
      'info api-path-removed-with-deprecation',
    ]);
  });
  it('an operation of a path that stays: api-removed-before-sunset, and its unreadable sunset api-path-sunset-parse', () => {
    const withPost = (post: Op) => ({
      ...api({ '/orders': {} }),
      paths: {
        '/orders': {
          ...api({ '/orders': {} }).paths['/orders'],
          post: { responses: { 201: { description: 'made' } }, ...post },
        },
      },
    });
    expect(judge(withPost({ deprecated: true, 'x-sunset': '2027-03-01' }), api({ '/orders': {} }))).toEqual([
      'breaking api-removed-before-sunset',
    ]);
    expect(judge(withPost({ deprecated: true, 'x-sunset': 'March' }), api({ '/orders': {} }))).toEqual([
      'breaking api-path-sunset-parse',
    ]);
  });
});

describe('stability levels', () => {
  const level = (value: unknown) => api({ '/orders': { 'x-stability-level': value } });
  it('decreased (stable to beta): api-stability-decreased (breaking); increased: api-stability-increased (info)', () => {
    expect(judge(level('stable'), level('beta'))).toEqual(['breaking api-stability-decreased']);
    expect(judge(level('alpha'), level('beta'))).toEqual(['info api-stability-increased']);
  });
  it('none written is stable: adding beta decreases it', () => {
    expect(judge(api({ '/orders': {} }), level('beta'))).toEqual(['breaking api-stability-decreased']);
  });
  it('a level that is none of the four: api-invalid-stability-level (breaking)', () => {
    expect(judge(level('stable'), level('production'))).toEqual(['breaking api-invalid-stability-level']);
  });
});

describe('a parameter deprecated', () => {
  const param = (extra: Record<string, unknown> = {}) => [
    { name: 'since', in: 'query', schema: { type: 'string' }, ...extra },
  ];
  it('with a sunset beyond the policy: request-parameter-deprecated (info)', () => {
    expect(
      judge(
        api({ '/orders': {} }, param()),
        api({ '/orders': {} }, param({ deprecated: true, 'x-sunset': '2027-12-01' })),
      ),
    ).toEqual(['info request-parameter-deprecated']);
  });
  it('without one: request-parameter-deprecated-sunset-missing; too soon: request-parameter-sunset-date-too-small', () => {
    expect(judge(api({ '/orders': {} }, param()), api({ '/orders': {} }, param({ deprecated: true })))).toEqual([
      'breaking request-parameter-deprecated-sunset-missing',
    ]);
    expect(
      judge(
        api({ '/orders': {} }, param()),
        api({ '/orders': {} }, param({ deprecated: true, 'x-sunset': '2027-01-01' })),
      ),
    ).toEqual(['breaking request-parameter-sunset-date-too-small']);
  });
  it('reactivated: request-parameter-reactivated (info)', () => {
    expect(judge(api({ '/orders': {} }, param({ deprecated: true })), api({ '/orders': {} }, param()))).toEqual([
      'info request-parameter-reactivated',
    ]);
  });
});
