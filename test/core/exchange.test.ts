import { describe, expect, it } from 'vitest';
import { observe, observeResponse, observeResponseBytes } from '../../src/core/exchange.js';

/** A response as fetch gives one: a repeated header, mixed-case names, a JSON body with a charset. */
const response = (body = '{"fulfillmentStatus":"OK","orderId":14}') => {
  const headers = new Headers();
  headers.append('Content-Type', 'application/json; charset=utf-8');
  headers.append('Retry-After', '5');
  headers.append('WWW-Authenticate', 'Bearer realm="a"');
  headers.append('WWW-Authenticate', 'Bearer realm="b"');
  headers.append('X-Other', 'not asked for');
  return new Response(body, { status: 429, headers });
};

describe('observeResponse', () => {
  it('reads the named headers into the record every other reading builds, names lower-case, repeats joined', async () => {
    const all = await observeResponse(response());
    const named = await observeResponse(response(), {
      headerNames: ['Content-Type', 'www-authenticate', 'retry-after', 'sunset'],
    });
    expect(named.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'www-authenticate': 'Bearer realm="a", Bearer realm="b"',
      'retry-after': '5',
    });
    for (const [name, value] of Object.entries(named.headers)) expect(all.headers[name]).toBe(value);
    expect(all.headers['x-other']).toBe('not asked for');
    // The rest of the observation does not depend on which headers were read.
    const { headers: _a, ...restAll } = all;
    const { headers: _n, ...restNamed } = named;
    expect(restNamed).toEqual(restAll);
    expect(named).toMatchObject({ status: 429, mediaType: 'application/json', json: { value: { orderId: 14 } } });
  });

  it('gives the same observation as observe() from the same parts, and the same from the bytes', async () => {
    const pairs = [...(response().headers as unknown as Iterable<[string, string]>)];
    for (const body of ['{"orderId":14}', '  ', '{"orderId":', '']) {
      const expected = observe(429, pairs, body);
      expect(await observeResponse(response(body))).toEqual(expected);
      expect((await observeResponseBytes(response(body))).observed).toEqual(expected);
    }
    expect(observe(200, pairs, '{"orderId":').jsonError).toMatch(/JSON|Unexpected|Expected/);
    expect(observe(200, pairs, '  ')).not.toHaveProperty('json');
    expect(observe(200, { 'Content-Type': 'text/plain' }, '{}')).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      bodyText: '{}',
      mediaType: 'text/plain',
    });
  });
});
