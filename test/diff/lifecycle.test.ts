/**
 * The lifecycle rules at oasdiff's grade, each read from oasdiff's current
 * source (checker/config.go, its deprecation, sunset, removal, stability and
 * property checks) and written here as specs of our own, judged on a clock the
 * test sets (2026-12-01). oasdiff's default policy asks for no days (0 for
 * beta and stable) and judges operations from beta up; the tests that need a
 * policy with days use POLICY: 31 for beta, 180 for stable.
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

/** A deprecation policy with days, as a project sets it with --deprecation-days-beta/-stable. */
const POLICY = { deprecationDaysBeta: 31, deprecationDaysStable: 180 };
const judge = (before: object, after: object, policy: Record<string, unknown> = POLICY) =>
  diffSpecs(specFromDocument(before), specFromDocument(after), { now: NOW, ...policy }).map(
    (c) => `${c.level} ${c.id}`,
  );

describe('an operation deprecated', () => {
  const plain = api({ '/orders': {} });
  it('with a sunset 200 days away: endpoint-deprecated-with-sunset (info)', () => {
    expect(judge(plain, api({ '/orders': { deprecated: true, 'x-sunset': '2027-06-19' } }))).toEqual([
      'info endpoint-deprecated-with-sunset',
    ]);
  });

  it("under oasdiff's default policy (0 days): without a sunset it is info, with a past sunset too small", () => {
    expect(judge(plain, api({ '/orders': { deprecated: true } }), {})).toEqual(['info endpoint-deprecated']);
    expect(judge(plain, api({ '/orders': { deprecated: true, 'x-sunset': '2026-11-01' } }), {})).toEqual([
      'breaking api-sunset-date-too-small',
    ]);
    // Ten operations deprecated without a sunset: ten notes, nothing breaking.
    const many = (op: Op) => api(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/o${i}`, op])));
    const found = judge(many({}), many({ deprecated: true }), {});
    expect(found).toHaveLength(10);
    expect(new Set(found)).toEqual(new Set(['info endpoint-deprecated']));
  });

  it('with a sunset 30 days away, stable: api-sunset-date-too-small (breaking); beta needs 31, alpha none', () => {
    const soon = { deprecated: true, 'x-sunset': '2026-12-31' };
    expect(judge(plain, api({ '/orders': soon }))).toEqual(['breaking api-sunset-date-too-small']);
    const beta = api({ '/orders': { 'x-stability-level': 'beta' } });
    expect(judge(beta, api({ '/orders': { ...soon, 'x-stability-level': 'beta' } }))).toEqual([
      'breaking api-sunset-date-too-small',
    ]);
    // An alpha operation is below the default threshold (beta): not judged at all; judged from alpha up, it needs no days.
    const alpha = api({ '/orders': { 'x-stability-level': 'alpha' } });
    const alphaSoon = api({ '/orders': { ...soon, 'x-stability-level': 'alpha' } });
    expect(judge(alpha, alphaSoon)).toEqual([]);
    expect(judge(alpha, alphaSoon, { ...POLICY, stabilityLevel: 'alpha' })).toEqual([
      'info endpoint-deprecated-with-sunset',
    ]);
  });

  it('without a sunset: api-deprecated-sunset-missing (breaking) under the policy, endpoint-deprecated with 0 days', () => {
    const deprecated = api({ '/orders': { deprecated: true } });
    expect(judge(plain, deprecated)).toEqual(['breaking api-deprecated-sunset-missing']);
    expect(judge(plain, deprecated, { ...POLICY, deprecationDaysStable: 0 })).toEqual(['info endpoint-deprecated']);
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
    expect(judge(level('beta'), level('stable'))).toEqual(['info api-stability-increased']);
    // Leaving alpha, below the default threshold: judged only from alpha up.
    expect(judge(level('alpha'), level('beta'))).toEqual([]);
    expect(judge(level('alpha'), level('beta'), { stabilityLevel: 'alpha' })).toEqual(['info api-stability-increased']);
  });
  it('none written is stable: adding beta decreases it', () => {
    expect(judge(api({ '/orders': {} }), level('beta'))).toEqual(['breaking api-stability-decreased']);
  });
  it('a level that is none of the four: api-invalid-stability-level (breaking)', () => {
    expect(judge(level('stable'), level('production'))).toEqual(['breaking api-invalid-stability-level']);
  });
  it('a change is judged by the level it leaves: stable to draft is reported, draft to stable is not', () => {
    expect(judge(level('stable'), level('draft'))).toEqual(['breaking api-stability-decreased']);
    expect(judge(level('draft'), level('stable'))).toEqual([]);
    expect(judge(level('draft'), level('stable'), { stabilityLevel: 'draft' })).toEqual([
      'info api-stability-increased',
    ]);
  });
});

describe('--stability-level: operations below the threshold are not judged', () => {
  const op = (stability: string, extra: Op = {}) =>
    api({ '/orders': { 'x-stability-level': stability, ...extra } }, [
      { name: 'q', in: 'query', required: extra.required === true, schema: { type: 'string' } },
    ]);
  it('a draft or alpha operation changed, or removed, is not reported by default (beta); from draft up it is', () => {
    for (const level of ['draft', 'alpha']) {
      expect(judge(op(level), op(level, { required: true })), level).toEqual([]);
      expect(judge(api({ '/orders': { 'x-stability-level': level }, '/x': {} }), api({ '/x': {} })), level).toEqual([]);
      expect(judge(op(level), op(level, { required: true }), { stabilityLevel: 'draft' }), level).toEqual([
        'breaking request-parameter-became-required',
      ]);
    }
  });
  it('a path with no operation, removed, is still reported: no operation of it is below the threshold', () => {
    const bare = { ...api({ '/x': {} }), paths: { '/x': api({ '/x': {} }).paths['/x'], '/bare': { parameters: [] } } };
    expect(judge(bare, api({ '/x': {} }), {})).toEqual(['breaking api-path-removed-without-deprecation']);
  });
  it('--stability-level stable leaves beta out; beta and stable operations are judged by default', () => {
    expect(judge(op('beta'), op('beta', { required: true }), { stabilityLevel: 'stable' })).toEqual([]);
    expect(judge(op('beta'), op('beta', { required: true }), {})).toEqual([
      'breaking request-parameter-became-required',
    ]);
    expect(judge(op('stable'), op('stable', { required: true }), {})).toEqual([
      'breaking request-parameter-became-required',
    ]);
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

describe("a parameter's sunset, and its removal", () => {
  const at = (extra: Record<string, unknown> = {}) =>
    api({ '/orders': {} }, [{ name: 'since', in: 'query', schema: { type: 'string' }, ...extra }]);
  const gone = api({ '/orders': {} });
  it('sunset deleted: request-parameter-sunset-deleted (breaking)', () => {
    expect(judge(at({ deprecated: true, 'x-sunset': '2027-12-01' }), at({ deprecated: true }))).toEqual([
      'breaking request-parameter-sunset-deleted',
    ]);
  });
  it('sunset moved earlier, within the policy: request-parameter-sunset-date-changed-too-small (breaking)', () => {
    expect(
      judge(at({ deprecated: true, 'x-sunset': '2027-12-01' }), at({ deprecated: true, 'x-sunset': '2027-01-01' })),
    ).toEqual(['breaking request-parameter-sunset-date-changed-too-small']);
    expect(
      judge(at({ deprecated: true, 'x-sunset': '2028-12-01' }), at({ deprecated: true, 'x-sunset': '2027-12-01' })),
    ).toEqual([]);
  });
  it('sunset changed to no date: request-parameter-sunset-parse (breaking)', () => {
    expect(
      judge(at({ deprecated: true, 'x-sunset': '2027-12-01' }), at({ deprecated: true, 'x-sunset': 'later' })),
    ).toEqual(['breaking request-parameter-sunset-parse']);
  });
  it('removed: never deprecated a warning, before its sunset breaking, after it or with none info', () => {
    expect(judge(at(), gone)).toEqual(['warning request-parameter-removed']);
    expect(judge(at({ deprecated: true, 'x-sunset': '2027-03-01' }), gone)).toEqual([
      'breaking request-parameter-removed-before-sunset',
    ]);
    expect(judge(at({ deprecated: true, 'x-sunset': 'March' }), gone)).toEqual([
      'breaking request-parameter-sunset-parse',
    ]);
    expect(judge(at({ deprecated: true }), gone)).toEqual(['info request-parameter-removed-with-deprecation']);
    expect(judge(at({ deprecated: true, 'x-sunset': '2026-11-01' }), gone)).toEqual([
      'info request-parameter-removed-with-deprecation',
    ]);
  });
});

describe('a body property deprecated, and its stability', () => {
  const body = (prop: Record<string, unknown>, op: Op = {}) => ({
    ...api({}),
    paths: {
      '/orders': {
        post: {
          ...op,
          requestBody: {
            content: {
              'application/json': { schema: { type: 'object', properties: { note: { type: 'string', ...prop } } } },
            },
          },
          responses: {
            200: {
              description: 'ok',
              content: {
                'application/json': { schema: { type: 'object', properties: { id: { type: 'string', ...prop } } } },
              },
            },
          },
        },
      },
    },
  });
  const both = (kind: string) => [`${kind.replace('*', 'request')}`, `${kind.replace('*', 'response')}`];
  it('deprecated: with a sunset info, without one info at 0 days and breaking under a policy', () => {
    expect(judge(body({}), body({ deprecated: true, 'x-sunset': '2027-12-01' }))).toEqual(
      both('info *-property-deprecated-with-sunset'),
    );
    expect(judge(body({}), body({ deprecated: true }), {})).toEqual(both('info *-property-deprecated'));
    expect(judge(body({}), body({ deprecated: true }))).toEqual(both('breaking *-property-deprecated-sunset-missing'));
  });
  it('an unreadable or too-near sunset breaks; reactivated is info', () => {
    expect(judge(body({}), body({ deprecated: true, 'x-sunset': 'soon' }))).toEqual(
      both('breaking *-property-deprecated-sunset-invalid'),
    );
    expect(judge(body({}), body({ deprecated: true, 'x-sunset': '2027-01-01' }))).toEqual(
      both('breaking *-property-sunset-date-too-small'),
    );
    expect(judge(body({ deprecated: true }), body({}))).toEqual(both('info *-property-reactivated'));
  });
  it("a property's own x-stability-level decreased breaks, increased is info", () => {
    expect(judge(body({ 'x-stability-level': 'stable' }), body({ 'x-stability-level': 'beta' }))).toEqual(
      both('breaking *-property-stability-decreased'),
    );
    expect(judge(body({ 'x-stability-level': 'alpha' }), body({ 'x-stability-level': 'stable' }))).toEqual(
      both('info *-property-stability-increased'),
    );
  });
  it("a property's deprecation gets the grace period of its operation's level", () => {
    const soon = { deprecated: true, 'x-sunset': '2027-01-15' };
    // 45 days: enough for beta (31), too few for stable (180).
    expect(judge(body({}, { 'x-stability-level': 'beta' }), body(soon, { 'x-stability-level': 'beta' }))).toEqual(
      both('info *-property-deprecated-with-sunset'),
    );
    expect(judge(body({}), body(soon))).toEqual(both('breaking *-property-sunset-date-too-small'));
  });
});
