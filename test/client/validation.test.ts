import { afterEach, describe, expect, it } from 'vitest';
import { ContractViolationError, responseDiagnostics } from '../../src/index.js';
import { clientFor, OK_BODY, startUpstream, type Upstream } from '../helpers/connect.js';
import { json } from '../helpers/server.js';

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

const violation = async (
  fulfill: Parameters<typeof startUpstream>[0] extends infer H
    ? NonNullable<H> extends { fulfill?: infer F }
      ? F
      : never
    : never,
) => {
  upstream = await startUpstream({ fulfill });
  const error = await clientFor(upstream)
    .completeOrder({ orderId: 14 })
    .catch((e) => e);
  expect(error).toBeInstanceOf(ContractViolationError);
  expect(upstream.fulfillRequests()).toHaveLength(1);
  return error as ContractViolationError;
};

describe('responses are validated against the spec before they are acted on', () => {
  it('a schema-drifted 200 is a ContractViolationError listing every violation by path', async () => {
    const error = await violation((_, res) =>
      json(res, 200, { fulfillmentStatus: 'PENDING', orderId: '14', errorMessage: 3 }),
    );
    expect(error).toMatchObject({ status: 200, orderId: 14, spec: 'connect-fulfillment' });
    expect(error.diagnostics.map((d) => d.location).sort()).toEqual([
      'response.body.errorMessage',
      'response.body.fulfillmentStatus',
      'response.body.orderId',
    ]);
    expect(error.diagnostics.find((d) => d.location === 'response.body.fulfillmentStatus')!.message).toContain(
      '["OK","ERROR"]',
    );
  });

  it('a 200 without fulfillmentStatus is a violation, not a guess', async () => {
    const error = await violation((_, res) => json(res, 200, { orderId: 14 }));
    expect(error.diagnostics[0]).toMatchObject({
      location: 'response.body',
      message: expect.stringContaining('fulfillmentStatus'),
    });
  });

  it('malformed JSON in a 200 is a ContractViolationError', async () => {
    const error = await violation((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"fulfillmentStatus":"OK",');
    });
    expect(error.diagnostics[0]).toMatchObject({ check: 'response_schema_conformance', title: 'Malformed JSON' });
  });

  it('a 200 with the wrong content type is a ContractViolationError', async () => {
    const error = await violation((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>OK</p>');
    });
    expect(error.diagnostics[0]).toMatchObject({
      check: 'content_type_conformance',
      message: 'Received: text/html / Documented: application/json',
    });
  });

  it('an empty 200 is a ContractViolationError', async () => {
    const error = await violation((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    });
    expect(error.diagnostics[0]).toMatchObject({ title: 'Missing response body' });
  });

  it('an undocumented status is a ContractViolationError, even a 4xx', async () => {
    const error = await violation((_, res) => json(res, 404, { message: 'no route' }));
    expect(error.diagnostics[0]).toMatchObject({
      check: 'status_code_conformance',
      message: 'Received: 404 / Documented: 200, 400, 401, 403, 429, 500',
    });
  });

  it('a redirect is not followed: a POST must not silently become a GET elsewhere', async () => {
    const error = await violation((_, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    expect(error.status).toBe(302);
  });

  it('undocumented properties in a 200 are accepted (an additive change)', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 200, { ...OK_BODY, smsId: 'abc' }) });
    await expect(clientFor(upstream).completeOrder({ orderId: 14 })).resolves.toEqual({ ...OK_BODY, smsId: 'abc' });
  });

  it('the low-level client keeps the diagnostics of each response', async () => {
    upstream = await startUpstream({ fulfill: (_, res) => json(res, 200, { fulfillmentStatus: 'MAYBE' }) });
    const { data, response } = await clientFor(upstream).raw.POST('/v1/client/order/fulfillment', {
      body: { orderId: 14 },
    });
    expect(data).toEqual({ fulfillmentStatus: 'MAYBE' });
    expect(responseDiagnostics(response)!.diagnostics.map((d) => d.location)).toEqual([
      'response.body.fulfillmentStatus',
    ]);
  });
});
