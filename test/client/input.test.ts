import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeOrderRequestBody } from '../../generated/validators.js';
import { createFulfillmentClient, RequestValidationError } from '../../src/index.js';
import { isNonPublicHost } from '../../src/client/callback-host.js';
import { CANARY_SECRET, OK_BODY } from '../helpers/connect.js';

/** An injected fetch that answers like Connect and records what reached the wire. */
function recordingFetch() {
  const sent: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.endsWith('/token')) return Response.json({ access_token: 't', token_type: 'Bearer' });
    sent.push(await request.text());
    return Response.json(OK_BODY);
  };
  return { sent, fetch: fetch as typeof globalThis.fetch };
}

const clientWith = (fetch: typeof globalThis.fetch, allowPrivateCallbackHosts = false) =>
  createFulfillmentClient({
    clientId: 'id',
    clientSecret: CANARY_SECRET,
    baseUrl: 'https://connect.invalid',
    tokenUrl: 'https://connect.invalid/token',
    fetch,
    allowPrivateCallbackHosts,
  });

async function rejection(input: unknown, allowPrivate = false) {
  const { sent, fetch } = recordingFetch();
  const error = await clientWith(fetch, allowPrivate)
    .completeOrder(input as never)
    .catch((e) => e);
  expect(error).toBeInstanceOf(RequestValidationError);
  expect(sent).toEqual([]);
  return error as RequestValidationError;
}

describe('bad input is refused before any network I/O, naming the field and the rule', () => {
  it.each([
    ['orderId', 'is required', {}],
    ['orderId', 'must be a safe integer (got string)', { orderId: '14' }],
    ['orderId', 'must be a safe integer (got 1.5)', { orderId: 1.5 }],
    ['orderId', 'must be a safe integer (got object)', { orderId: null }],
    ['orderId', 'must be a safe integer (got 9007199254740992)', { orderId: 2 ** 53 }],
    ['orderId', 'must be a safe integer (got NaN)', { orderId: Number.NaN }],
    ['orderId', 'must be at least 1: order ids are positive (got 0)', { orderId: 0 }],
    ['orderId', 'must be at least 1: order ids are positive (got -14)', { orderId: -14 }],
    ['callbackUrl', 'must be an absolute URL', { orderId: 14, callbackUrl: '/relative/path' }],
    ['callbackUrl', 'must be a string', { orderId: 14, callbackUrl: 42 }],
    ['callbackUrl', 'must use http or https (got ftp)', { orderId: 14, callbackUrl: 'ftp://shop.example.com/cb' }],
    [
      'callbackUrl',
      'must not carry user-info (credentials in the URL)',
      { orderId: 14, callbackUrl: 'https://user:pw@shop.example.com/cb' },
    ],
    ['callbackUrl', 'must not have a fragment', { orderId: 14, callbackUrl: 'https://shop.example.com/cb#done' }],
    [
      'callbackUrl',
      'must be at most 2048 characters (got 2049)',
      { orderId: 14, callbackUrl: `https://shop.example.com/${'a'.repeat(2024)}` },
    ],
    [
      'callbackURL',
      'is not a field of the request (only orderId and callbackUrl are)',
      { orderId: 14, callbackURL: 'https://shop.example.com/cb' },
    ],
  ])('%s %s', async (field, rule, input) => {
    const error = await rejection(input);
    expect(error.violations).toContainEqual({ field, rule });
    expect(error.message).toContain(`${field} ${rule}`);
  });

  it.each([
    // IPv4, in the notations the WHATWG URL parser turns into dotted decimal.
    'http://127.0.0.1/cb',
    'http://127.9.9.9/cb',
    'http://127.1/cb',
    'http://2130706433/cb',
    'http://0x7f.1/cb',
    'http://0177.0.0.1/cb',
    'http://127.0.0.1./cb',
    'http://0/cb',
    'http://10.1.2.3/cb',
    'http://172.16.0.1/cb',
    'http://172.31.255.255/cb',
    'http://192.168.1.1/cb',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/cb',
    'http://192.0.0.170/cb',
    'http://192.0.2.1/cb',
    'http://198.18.0.1/cb',
    'http://198.51.100.7/cb',
    'http://203.0.113.9/cb',
    'http://224.0.0.251/cb',
    'http://239.255.255.250/cb',
    'http://240.0.0.1/cb',
    'http://255.255.255.255/cb',
    // IPv6, and IPv6 that embeds a special-purpose IPv4 address.
    'http://[::]/cb',
    'http://[::1]/cb',
    'http://[fe80::1]/cb',
    'http://[fd00::1]/cb',
    'http://[fec0::1]/cb',
    'http://[ff02::1]/cb',
    'http://[2001:db8::1]/cb',
    'http://[100::1]/cb',
    'http://[::ffff:127.0.0.1]/cb',
    'http://[::ffff:10.0.0.1]/cb',
    'http://[::127.0.0.1]/cb',
    'http://[64:ff9b::127.0.0.1]/cb',
    'http://[64:ff9b::a9fe:a9fe]/cb',
    'http://[2002:7f00:1::1]/cb',
    'http://[::ffff:0:127.0.0.1]/cb',
    // Blocks of the IPv6 registry that are easy to miss: local-use translation, benchmarking, AS112, segment
    // routing, the 2024 documentation block.
    'http://[64:ff9b:1::8.8.8.8]/cb',
    'http://[2001:2::1]/cb',
    'http://[2620:4f:8000::1]/cb',
    'http://[5f00::1]/cb',
    'http://[3fff::1]/cb',
    // localhost and names under it, in any case, with or without trailing dots.
    'http://localhost:8080/cb',
    'http://LOCALHOST/cb',
    'http://localhost./cb',
    'http://localhost../cb',
    'http://app.localhost/cb',
    'http://app.localhost./cb',
  ])('refuses a non-public callback host: %s', async (callbackUrl) => {
    const error = await rejection({ orderId: 14, callbackUrl });
    expect(error.field).toBe('callbackUrl');
    expect(error.rule).toMatch(
      /^must not point at localhost or a loopback, private or special-purpose address \(.+\); allowPrivateCallbackHosts allows it/,
    );
  });

  it.each([
    // Single-label names: the resolver completes them with its own network's search domains.
    ['http://metadata/computeMetadata/v1/', 'a single-label name'],
    ['http://instance-data/latest/', 'a single-label name'],
    ['http://intranet./cb', 'a single-label name'],
    // Special-use and never-delegated suffixes.
    ['http://metadata.google.internal/computeMetadata/v1/', 'a name under .internal'],
    ['http://INTERNAL./cb', 'a single-label name'],
    ['http://printer.local/cb', 'a name under .local'],
    ['http://router.home.arpa/cb', 'a name under .home.arpa'],
    ['http://1.0.0.127.in-addr.arpa/cb', 'a name under .arpa'],
    ['http://shop.test/cb', 'a name under .test'],
    ['http://shop.invalid/cb', 'a name under .invalid'],
    ['http://shop.example/cb', 'a name under .example'],
    ['http://abcdefghijklmnop.onion/cb', 'a name under .onion'],
    ['http://dc01.corp/cb', 'a name under .corp'],
    ['http://nas.home/cb', 'a name under .home'],
    ['http://nas.lan/cb', 'a name under .lan'],
    ['http://db.localdomain/cb', 'a name under .localdomain'],
    // Names published to resolve to loopback.
    ['http://localtest.me/cb', 'a name published to resolve to 127.0.0.1'],
    ['http://app.lvh.me:3000/cb', 'a name published to resolve to 127.0.0.1'],
    // Names that spell out a special-purpose address for wildcard DNS.
    ['http://127.0.0.1.nip.io/cb', 'a name that spells out the special-purpose address 127.0.0.1'],
    ['http://app.10.0.0.1.nip.io/cb', 'a name that spells out the special-purpose address 10.0.0.1'],
    ['http://169-254-169-254.sslip.io/latest/', 'a name that spells out the special-purpose address 169.254.169.254'],
    ['http://app-192-168-1-1.traefik.me/cb', 'a name that spells out the special-purpose address 192.168.1.1'],
    ['http://7f000001.nip.io/cb', 'a name that spells out the special-purpose address 127.0.0.1'],
    ['http://app-0a000001.nip.io/cb', 'a name that spells out the special-purpose address 10.0.0.1'],
    ['http://--1.sslip.io/cb', 'a name that spells out the special-purpose address ::1'],
    ['http://fe80--1.sslip.io/cb', 'a name that spells out the special-purpose address fe80::1'],
    ['http://10.0.0.1.attacker.example.com/cb', 'a name that spells out the special-purpose address 10.0.0.1'],
  ])('refuses a name that resolves inside a network: %s', async (callbackUrl, reason) => {
    const error = await rejection({ orderId: 14, callbackUrl });
    expect(error.field).toBe('callbackUrl');
    expect(error.rule.startsWith(`must not point at ${reason}`)).toBe(true);
    expect(error.rule).toMatch(/\(.+\); allowPrivateCallbackHosts allows it, for local development$/);
  });

  it.each([
    'https://shop.example.com/cb',
    'https://api.internal-tools.com/cb',
    'https://local.example.com/cb',
    'https://localtest.me.example.com/cb',
    'https://8.8.8.8.nip.io/cb',
    'https://1-2-3-4.sslip.io/cb',
    'https://08080808.nip.io/cb',
    'https://2024-10-01.report.example.com/cb',
    'https://v2.10.shop.example.com/cb',
    'https://deadbeef.pages.dev/cb',
  ])('accepts a public name: %s', async (callbackUrl) => {
    const { sent, fetch } = recordingFetch();
    await clientWith(fetch).completeOrder({ orderId: 14, callbackUrl });
    expect(sent).toHaveLength(1);
  });

  it.each([
    'http://172.32.0.1/cb',
    'http://8.8.8.8/cb',
    'http://100.128.0.1/cb',
    'http://[2606:4700:4700::1111]/cb',
    'https://shop.example.com/cb',
    'https://localhost.example.com/cb',
    'http://[::ffff:8.8.8.8]/cb',
    'http://[64:ff9b::8.8.8.8]/cb',
    'http://[2002:808:808::1]/cb',
    'http://[2001:4860:4860::8888]/cb',
  ])('accepts a public callback host: %s', async (callbackUrl) => {
    const { sent, fetch } = recordingFetch();
    await clientWith(fetch).completeOrder({ orderId: 14, callbackUrl });
    expect(sent).toHaveLength(1);
  });

  it('accepts private hosts when allowPrivateCallbackHosts is set', async () => {
    const { sent, fetch } = recordingFetch();
    await clientWith(fetch, true).completeOrder({ orderId: 14, callbackUrl: 'http://127.0.0.1:8080/cb' });
    expect(JSON.parse(sent[0]!)).toEqual({ orderId: 14, callbackUrl: 'http://127.0.0.1:8080/cb' });
  });

  it('reports every broken rule, not only the first', async () => {
    const error = await rejection({ orderId: 'x', callbackUrl: 'ftp://u:p@shop.example.com/#f', extra: 1 });
    expect(error.violations.map((v) => v.field)).toEqual([
      'extra',
      'orderId',
      'callbackUrl',
      'callbackUrl',
      'callbackUrl',
    ]);
  });

  it('refuses a bad per-call option before any I/O, naming it', async () => {
    const { sent, fetch } = recordingFetch();
    const client = clientWith(fetch);
    for (const timeoutMs of [-1, 0, 0.5, Number.NaN, 3_000_000_000])
      await expect(client.completeOrder({ orderId: 14 }, { timeoutMs })).rejects.toThrow(
        /^timeoutMs must be from 1 to 2147483647 milliseconds \(or Infinity\)/,
      );
    await expect(client.completeOrder({ orderId: 14 }, { retry: { maxAttempts: 0 } })).rejects.toThrow(
      'retry.maxAttempts must be an integer of at least 1, got 0',
    );
    expect(sent).toEqual([]);
  });

  it('refuses a non-object input', async () => {
    for (const input of [null, 14, 'order', [14]]) expect((await rejection(input)).field).toBe('input');
  });
});

describe('the client and the spec agree on input (property-based)', () => {
  /** Inputs the client must accept: a positive safe integer, and no callback or a public http(s) URL without a fragment. */
  const valid = fc.record(
    {
      orderId: fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(1, Number.MAX_SAFE_INTEGER)),
      callbackUrl: fc.option(
        fc
          .webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true })
          .filter((u) => !isNonPublicHost(new URL(u).hostname)),
        { nil: undefined },
      ),
    },
    { requiredKeys: ['orderId'] },
  );

  const candidate = fc.record(
    {
      orderId: fc.oneof(
        fc.integer(),
        fc.maxSafeInteger(),
        fc.double(),
        fc.string(),
        fc.constant(null),
        fc.bigInt().map(Number),
      ),
      callbackUrl: fc.option(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.string(),
          fc.webUrl().map((u) => u.replace('://', '://user@')),
        ),
        { nil: undefined },
      ),
    },
    { requiredKeys: [] },
  );

  const send = async (input: unknown) => {
    const { sent, fetch } = recordingFetch();
    const error = await clientWith(fetch)
      .completeOrder(input as never)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    return { sent, error };
  };
  const withoutUndefined = (input: object) =>
    Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));

  it('every valid input is accepted and goes on the wire exactly as given, as a body the spec accepts', async () => {
    await fc.assert(
      fc.asyncProperty(valid, async (input) => {
        const { sent, error } = await send(input);
        expect(error).toBeUndefined();
        expect(sent).toHaveLength(1);
        const wire = JSON.parse(sent[0]!);
        expect(completeOrderRequestBody(wire)).toBe(true);
        expect(wire).toEqual(withoutUndefined(input));
      }),
      { numRuns: 200 },
    );
  });

  it('any input the client accepts is a body the spec accepts; any it rejects never reaches the wire', async () => {
    await fc.assert(
      fc.asyncProperty(candidate, async (input) => {
        const { sent, error } = await send(input);
        if (error !== undefined) {
          expect(error).toBeInstanceOf(RequestValidationError);
          expect(sent).toEqual([]);
          return;
        }
        expect(sent).toHaveLength(1);
        expect(completeOrderRequestBody(JSON.parse(sent[0]!))).toBe(true);
        expect(JSON.parse(sent[0]!)).toEqual(withoutUndefined(input));
      }),
      { numRuns: 300 },
    );
  });
});
