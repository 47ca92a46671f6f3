/**
 * The client and the commands against servers built to hurt: bodies that never
 * end, gzip bombs, a huge Content-Length, stalls, and token endpoints that echo
 * the credentials and terminal escape sequences. Each ends quickly, in a named
 * error or exit code, having read no more than the cap, and prints nothing
 * secret or unprintable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFulfillmentClient, OutcomeUnknownError, TokenUnavailableError } from '../../src/index.js';
import { cli } from '../cli/run.js';
import { ESCAPES, type Hostility, type HostileServer, startHostileServer } from '../fixtures/hostile-server.js';

const SECRET = 'HOSTILE-SECRET-b7e2';
const ID = 'hostile-shop';
/** What must never be printed: the secret, its Basic credential, and any ESC, BEL or C1 control character. */
const BASIC = Buffer.from(`${ID}:${SECRET}`).toString('base64');
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let hostile: HostileServer;
beforeAll(async () => {
  hostile = await startHostileServer({ bombBytes: 64 * 1024 * 1024, hugeBytes: 50 * 1000 * 1000 });
});
afterAll(() => hostile.close());

const client = (fulfill: Hostility, token: Hostility = 'good') =>
  createFulfillmentClient({
    clientId: ID,
    clientSecret: SECRET,
    baseUrl: hostile.baseUrl(fulfill),
    tokenUrl: hostile.tokenUrl(token),
    timeoutMs: 5_000,
    tokenTimeoutMs: 5_000,
    retry: { maxAttempts: 1 },
  });

function expectClean(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(BASIC);
    expect(text).not.toMatch(UNPRINTABLE);
  }
}

describe('the client reads at most its cap of any body, counted after decompression', () => {
  it.each([
    ['a body that never ends', 'endless'],
    ['a gzip bomb (64 KiB that inflates to 64 MiB)', 'gzip-bomb'],
    ['a Content-Length of 50 MB', 'huge'],
  ] as const)('%s from Connect: OutcomeUnknownError naming the 1 MiB cap (the POST was sent)', async (_, kind) => {
    const before = hostile.bytesSent();
    const error = await client(kind)
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toContain('larger than the 1 MiB cap');
    // The server may have sent more than the cap into socket buffers; never the whole thing.
    expect(hostile.bytesSent() - before).toBeLessThan(16 * 1024 * 1024);
  });

  it.each(['endless', 'gzip-bomb', 'huge-token'] as const)(
    'a %s token response: TokenUnavailableError naming the cap, and nothing is sent to Connect',
    async (kind) => {
      const error = await client('good', kind)
        .completeOrder({ orderId: 14 })
        .catch((e) => e);
      expect(error).toBeInstanceOf(TokenUnavailableError);
      expect(error.message).toContain('larger than the 1 MiB cap');
    },
  );

  it('the cap is one option, maxResponseBytes: bodies within it are read whole, one byte over is refused', async () => {
    const capped = (maxResponseBytes: number) =>
      createFulfillmentClient({
        clientId: ID,
        clientSecret: SECRET,
        baseUrl: hostile.baseUrl('good'),
        tokenUrl: hostile.tokenUrl('good'),
        maxResponseBytes,
      }).completeOrder({ orderId: 14 });
    // The token answer is the larger of the two good bodies: 77 bytes.
    await expect(capped(77)).resolves.toMatchObject({ fulfillmentStatus: 'OK' });
    await expect(capped(76)).rejects.toThrow('the response body is larger than the 76 bytes cap');
  });

  it('a server that stalls after the headers ends in the attempt time limit', async () => {
    const error = await createFulfillmentClient({
      clientId: ID,
      clientSecret: SECRET,
      baseUrl: hostile.baseUrl('stall'),
      tokenUrl: hostile.tokenUrl('good'),
      timeoutMs: 200,
    })
      .completeOrder({ orderId: 14 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toContain('no complete answer within 200 ms');
  });
});

describe('text from a server is made safe before it is shown', () => {
  const env = { CONNECT_CLIENT_ID: ID, CONNECT_CLIENT_SECRET: SECRET };

  it.each([['text'], ['json']])(
    'complete --format %s: a token endpoint echoing the credentials and escape sequences prints neither',
    async (format) => {
      const run = await cli(
        [
          'complete',
          '--order-id',
          '14',
          '--yes',
          '--format',
          format,
          '--token-url',
          hostile.tokenUrl('echo'),
          '--base-url',
          hostile.baseUrl('good'),
        ],
        env,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^AuthenticationError: Authentication failed \(HTTP 401, invalid_client\\u001b/);
      expect(run.stderr).toContain('[redacted]');
      expect(run.stderr.split('\n')).toHaveLength(2);
      expectClean(run.stdout, run.stderr);
      if (format === 'json') expect(JSON.parse(run.stdout).error.name).toBe('AuthenticationError');
    },
  );

  it.each([['text'], ['json'], ['markdown'], ['junit']])(
    'drift --format %s against echoing, endless and bombing upstreams: findings, nothing unprintable or secret',
    async (format) => {
      for (const [base, token] of [
        ['echo', 'good'],
        ['endless', 'good'],
        ['gzip-bomb', 'good'],
        ['good', 'echo'],
      ] as const) {
        const run = await cli(
          ['drift', '--format', format, '--base-url', hostile.baseUrl(base), '--token-url', hostile.tokenUrl(token)],
          { ...env, CONNECT_PROBE_ORDER_ID: '999999001' },
        );
        expect([1, 2]).toContain(run.code);
        expectClean(run.stdout, run.stderr);
        expect(run.stdout + run.stderr).not.toContain(ESCAPES);
        if (base === 'echo' && format !== 'junit') {
          // The echoed property is reported, escaped and with the bearer token redacted.
          expect(run.stdout).toContain('undocumented_properties');
          expect(run.stdout).toContain('[redacted]');
          expect(run.stdout).not.toContain('hostile-test-token');
        }
      }
    },
    60_000,
  );
});
