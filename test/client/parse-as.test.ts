/**
 * client.raw keeps openapi-fetch's contract: for every `parseAs`, the data is
 * what bare openapi-fetch gives for the same answer, read under the client's
 * body cap, and the reading is still checked (responseDiagnostics).
 */
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import type { paths } from '../../generated/connect-fulfillment.js';
import { responseDiagnostics } from '../../src/index.js';
import { clientFor, startUpstream, type Upstream } from '../helpers/connect.js';

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

const PATH = '/v1/client/order/fulfillment';
/** Not valid UTF-8 on purpose: a reading that decoded it to text and back would change these bytes. */
const BYTES = Buffer.concat([
  Buffer.from('{"fulfillmentStatus":"OK","orderId":14,"errorMessage":"'),
  Buffer.from([0xc3, 0x28, 0xff]),
  Buffer.from('"}'),
]);

/** What a reader of each parseAs ends with, as comparable values. */
async function settled(data: unknown, parseAs: string): Promise<unknown> {
  if (parseAs === 'blob') return Buffer.from(await (data as Blob).arrayBuffer()).toString('hex');
  if (parseAs === 'arrayBuffer') return Buffer.from(data as ArrayBuffer).toString('hex');
  if (parseAs === 'stream')
    return Buffer.from(await new Response(data as ReadableStream).arrayBuffer()).toString('hex');
  return data;
}

describe('client.raw, every parseAs', () => {
  for (const parseAs of ['json', 'text', 'blob', 'arrayBuffer', 'stream'] as const) {
    it(`${parseAs}: the same data as bare openapi-fetch, and the reading still checked`, async () => {
      upstream = await startUpstream({
        fulfill: (_, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(parseAs === 'json' ? '{"fulfillmentStatus":"OK","orderId":14,"errorMessage":null}' : BYTES);
        },
      });
      const bare = createClient<paths>({ baseUrl: upstream.url });
      const expected = await bare.POST(PATH, {
        body: { orderId: 14 },
        parseAs,
        headers: { authorization: 'Bearer x' },
      });
      const got = await clientFor(upstream).raw.POST(PATH, { body: { orderId: 14 }, parseAs });
      const [mine, theirs] = [await settled(got.data, parseAs), await settled(expected.data, parseAs)];
      expect(mine).toEqual(theirs);
      if (parseAs !== 'json' && parseAs !== 'text') expect(mine).toBe(BYTES.toString('hex'));
      expect(responseDiagnostics(got.response)).toBeDefined();
    });
  }

  it('a binary read is held to the body cap as a text one is', async () => {
    upstream = await startUpstream({
      fulfill: (_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(Buffer.alloc(4096, 0x20));
      },
    });
    const client = clientFor(upstream, { maxResponseBytes: 1024 });
    await expect(client.raw.POST(PATH, { body: { orderId: 14 }, parseAs: 'arrayBuffer' })).rejects.toMatchObject({
      name: 'BodyTooLargeError',
    });
  });
});
