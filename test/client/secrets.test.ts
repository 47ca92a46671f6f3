import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createFulfillmentClient } from '../../src/index.js';
import {
  CANARY_SECRET,
  CANARY_TOKEN,
  clientFor,
  startUpstream,
  type Upstream,
  type UpstreamHandlers,
} from '../helpers/connect.js';
import { renderings } from '../helpers/leaks.js';
import { json, refusedUrl } from '../helpers/server.js';

let upstream: Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

/** V8 quotes about ten characters around a JSON syntax error: a token short enough to fit that window shows a leak whole. */
const SHORT_TOKEN = 'TOK7d2e4b';

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const text of renderings(error)) {
    expect(text).not.toContain(CANARY_SECRET);
    expect(text).not.toContain(CANARY_TOKEN);
    expect(text).not.toContain(SHORT_TOKEN);
    expect(text).not.toContain(Buffer.from(`client-id:${CANARY_SECRET}`).toString('base64'));
  }
}

const tokenEcho = `${CANARY_TOKEN}-echo`;
const scenarios: [string, UpstreamHandlers, object?][] = [
  ['invalid_client from the token endpoint', { token: (_, res) => json(res, 401, { error: 'invalid_client' }) }],
  ['a token endpoint that keeps failing', { token: (_, res) => json(res, 503, {}) }],
  [
    'a token response that is not JSON but holds the token',
    {
      token: (_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"access_token": ${SHORT_TOKEN}}`);
      },
    },
  ],
  [
    'a token response of the wrong token type',
    { token: (_, res) => json(res, 200, { access_token: tokenEcho, token_type: 'mac' }) },
  ],
  ['a second 401 from Connect', { fulfill: (_, res) => json(res, 401, { error: 'invalid_token' }) }],
  ['a 500 from Connect', { fulfill: (_, res) => json(res, 500, {}) }],
  ['a 400 from Connect', { fulfill: (_, res) => json(res, 400, { errorMessage: 'no such order' }) }],
  ['a 429 from Connect', { fulfill: (_, res) => json(res, 429, {}, { 'retry-after': '0' }) }],
  ['a drifted 200 from Connect', { fulfill: (_, res) => json(res, 200, { fulfillmentStatus: 42 }) }],
  [
    'a reset connection',
    {
      fulfill: (_, res) => {
        res.socket?.destroy();
      },
    },
  ],
  ['a timeout', { fulfill: () => new Promise(() => undefined) }, { timeoutMs: 100 }],
];

describe('no secret (client secret, access token) appears in any error, its JSON, its inspection or its cause chain', () => {
  it.each(scenarios)('%s', async (_, handlers, options) => {
    upstream = await startUpstream(handlers);
    const error = await clientFor(upstream, options)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expectNoSecret(error);
  });

  it('a refused connection', async () => {
    upstream = await startUpstream();
    const error = await clientFor(upstream, { baseUrl: await refusedUrl() })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expectNoSecret(error);
  });

  it('an unreachable token endpoint', async () => {
    upstream = await startUpstream();
    const error = await clientFor(upstream, { tokenUrl: `${await refusedUrl()}/token` })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expectNoSecret(error);
  });

  it('invalid input', async () => {
    upstream = await startUpstream();
    expectNoSecret(
      await clientFor(upstream)
        .completeOrder({ orderId: 'x' as never })
        .catch((e) => e),
    );
  });

  it('invalid client options', () => {
    let error: unknown;
    try {
      createFulfillmentClient({ clientId: '', clientSecret: CANARY_SECRET });
    } catch (e) {
      error = e;
    }
    expectNoSecret(error);
    try {
      createFulfillmentClient({
        clientId: 'id',
        clientSecret: CANARY_SECRET,
        baseUrl: `https://u:${CANARY_SECRET}@h/`,
      });
    } catch (e) {
      error = e;
    }
    expectNoSecret(error);
  });

  it('the canary check itself catches a secret hidden deep in a cause chain', () => {
    const leaky = new Error('outer', {
      cause: new Error('middle', { cause: Object.assign(new Error('inner'), { header: `Bearer ${CANARY_TOKEN}` }) }),
    });
    expect(() => expectNoSecret(leaky)).toThrow();
  });

  it('the client object itself does not expose the secret when inspected', async () => {
    upstream = await startUpstream();
    const client = clientFor(upstream);
    await client.completeOrder({ orderId: 14 });
    expect(inspect(client, { depth: 6 })).not.toContain(CANARY_SECRET);
    expect(JSON.stringify(client)).not.toContain(CANARY_SECRET);
  });
});
