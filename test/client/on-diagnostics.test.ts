/**
 * onDiagnostics: the client tells of every response that breaks or stretches
 * the spec, warnings included, without failing a call it can settle; errors
 * still throw. Against a local upstream with each kind of drift.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ContractViolationError,
  createFulfillmentClient,
  type Diagnostic,
  type DiagnosticsContext,
} from '../../src/index.js';
import {
  type ConnectUpstream,
  type Drift,
  KNOWN_ORDER_ID,
  startConnectUpstream,
  UPSTREAM_CLIENT_ID,
  UPSTREAM_CLIENT_SECRET,
} from '../fixtures/connect-upstream.js';

let upstream: ConnectUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function clientWith(drift: Drift, hook: (d: readonly Diagnostic[], c: DiagnosticsContext) => void) {
  upstream = await startConnectUpstream(drift);
  return createFulfillmentClient({
    clientId: UPSTREAM_CLIENT_ID,
    clientSecret: UPSTREAM_CLIENT_SECRET,
    baseUrl: upstream.baseUrl,
    tokenUrl: upstream.tokenUrl,
    onDiagnostics: hook,
  });
}

describe('onDiagnostics', () => {
  it('an undocumented property: told as a warning, and the call still settles OK', async () => {
    const seen: [readonly Diagnostic[], DiagnosticsContext][] = [];
    const client = await clientWith('extra-property', (d, c) => seen.push([d, c]));
    await expect(client.completeOrder({ orderId: KNOWN_ORDER_ID })).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
    expect(seen).toEqual([
      [
        [
          expect.objectContaining({
            severity: 'warning',
            check: 'undocumented_properties',
            location: 'response.body.smsReference',
          }),
        ],
        { operation: 'completeOrder', status: 200, orderId: KNOWN_ORDER_ID, attempt: 1 },
      ],
    ]);
  });

  it('an error: told, and the call still ends in ContractViolationError', async () => {
    const seen: Diagnostic[] = [];
    const client = await clientWith('enum-value', (d) => seen.push(...d));
    await expect(client.completeOrder({ orderId: KNOWN_ORDER_ID })).rejects.toBeInstanceOf(ContractViolationError);
    expect(seen).toContainEqual(expect.objectContaining({ severity: 'error', check: 'response_schema_conformance' }));
  });

  it('the token response too, with operation requestToken, its token never in a message', async () => {
    const seen: [readonly Diagnostic[], DiagnosticsContext][] = [];
    const client = await clientWith('broken-token', (d, c) => seen.push([d, c]));
    await expect(client.completeOrder({ orderId: KNOWN_ORDER_ID })).rejects.toThrow();
    expect(seen[0]![1]).toEqual({ operation: 'requestToken', status: 200 });
    expect(JSON.stringify(seen)).not.toContain(UPSTREAM_CLIENT_SECRET);
  });

  it('a faithful upstream: never called; a hook that throws changes nothing', async () => {
    let calls = 0;
    const quiet = await clientWith('faithful', () => calls++);
    await quiet.completeOrder({ orderId: KNOWN_ORDER_ID });
    expect(calls).toBe(0);
    await upstream!.close();
    const throwing = await clientWith('extra-property', () => {
      throw new Error('logging is down');
    });
    await expect(throwing.completeOrder({ orderId: KNOWN_ORDER_ID })).resolves.toMatchObject({
      fulfillmentStatus: 'OK',
    });
  });

  it('is refused before any I/O when it is not a function', () => {
    expect(() =>
      createFulfillmentClient({ clientId: 'a', clientSecret: 'b', onDiagnostics: 'log' as unknown as () => void }),
    ).toThrow('onDiagnostics must be a function');
  });
});
