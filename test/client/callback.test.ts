import { afterEach, describe, expect, it } from 'vitest';
import { CallbackVerificationError, createCallbackUrl, generateCallbackKey, verifyCallback } from '../../src/index.js';
import { startServer, type TestServer } from '../helpers/server.js';

const key = generateCallbackKey();
let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const rejects = (url: string, field: string, rule: string) => {
  expect(() => verifyCallback(url, key)).toThrow(CallbackVerificationError);
  try {
    verifyCallback(url, key);
  } catch (e) {
    expect(e).toMatchObject({ field, rule });
  }
};

describe('callback URLs cannot be guessed and verify in constant time', () => {
  it('keeps the existing query and adds the order id and a 256-bit token', () => {
    const url = new URL(createCallbackUrl('https://shop.example.com/connect/cb?tenant=7', 14, key));
    expect(url.searchParams.get('tenant')).toBe('7');
    expect(url.searchParams.get('cf_order')).toBe('14');
    expect(Buffer.from(url.searchParams.get('cf_token')!, 'base64url')).toHaveLength(32);
  });

  it('verifies a callback as Connect sends it, with fulfillmentStatus added', () => {
    const url = `${createCallbackUrl('https://shop.example.com/cb', 14, key)}&fulfillmentStatus=success`;
    expect(verifyCallback(url, key)).toEqual({ orderId: 14, fulfillmentStatus: 'success' });
    // A duplicate delivery verifies the same way: harmless.
    expect(verifyCallback(url, key)).toEqual({ orderId: 14, fulfillmentStatus: 'success' });
  });

  it('rejects a token for another order, another key, or none', () => {
    const url = new URL(`${createCallbackUrl('https://shop.example.com/cb', 14, key)}&fulfillmentStatus=success`);
    const tampered = new URL(url);
    tampered.searchParams.set('cf_order', '15');
    rejects(tampered.href, 'cf_token', 'does not match the order');
    expect(() => verifyCallback(url.href, generateCallbackKey())).toThrow('cf_token does not match the order');
    const bare = new URL(url);
    bare.searchParams.delete('cf_token');
    rejects(bare.href, 'cf_token', 'is missing');
    const short = new URL(url);
    short.searchParams.set('cf_token', 'abc');
    rejects(short.href, 'cf_token', 'does not match the order');
  });

  it('rejects a missing, unknown or repeated fulfillmentStatus', () => {
    const base = createCallbackUrl('https://shop.example.com/cb', 14, key);
    rejects(base, 'fulfillmentStatus', 'is missing');
    rejects(`${base}&fulfillmentStatus=done`, 'fulfillmentStatus', 'must be one of success, failed');
    rejects(
      `${base}&fulfillmentStatus=success&fulfillmentStatus=failed`,
      'fulfillmentStatus',
      'appears more than once',
    );
  });

  it('takes positive order ids only, as the spec does, in both directions', () => {
    for (const orderId of [0, -14, 1.5]) {
      expect(() => createCallbackUrl('https://shop.example.com/cb', orderId, key)).toThrow(/^orderId must be/);
    }
    for (const order of ['0', '-14', '014', '1e3']) {
      expect(() => verifyCallback(`/cb?cf_order=${order}&cf_token=x&fulfillmentStatus=success`, key)).toThrow(
        'cf_order must be a positive integer order id',
      );
    }
  });

  it('refuses a key shorter than 128 bits', () => {
    expect(() => createCallbackUrl('https://shop.example.com/cb', 14, Buffer.alloc(15))).toThrow('at least 128 bits');
  });

  it('verifies real callback requests received by a node:http receiver', async () => {
    const seen: unknown[] = [];
    const receiver = await startServer((request, res) => {
      try {
        seen.push(verifyCallback(request.url, key));
        res.writeHead(200).end();
      } catch (error) {
        seen.push((error as Error).name);
        res.writeHead(400).end();
      }
    });
    servers.push(receiver);
    const callbackUrl = createCallbackUrl(`${receiver.url}/connect/callback?shop=1`, 14, key);
    // What Connect does: GET the callback URL with fulfillmentStatus added.
    const statuses: number[] = [];
    for (const s of ['success', 'failed', 'bogus'])
      statuses.push((await fetch(`${callbackUrl}&fulfillmentStatus=${s}`)).status);
    const forged = (await fetch(`${receiver.url}/connect/callback?cf_order=14&cf_token=AAAA&fulfillmentStatus=success`))
      .status;
    expect(statuses).toEqual([200, 200, 400]);
    expect(forged).toBe(400);
    expect(seen).toEqual([
      { orderId: 14, fulfillmentStatus: 'success' },
      { orderId: 14, fulfillmentStatus: 'failed' },
      'CallbackVerificationError',
      'CallbackVerificationError',
    ]);
  });
});
