/**
 * Where the client's time goes, one layer at a time: openapi-fetch alone, then
 * each thing the full client adds, against the bench's upstream in another
 * process. Prints client-process CPU µs per call and calls/s, the median of
 * interleaved rounds. Not part of `npm run bench` (it takes a minute per
 * concurrency); docs/performance.md, section 1, quotes it.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist/bench/layers.js [concurrency=1] [rounds=7]
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { createFulfillmentClient } from 'connect-fulfillment';
import type { paths } from 'connect-fulfillment/types';
import { checkedResponse, observedOf, responseReading } from '../src/client/validation/middleware.js';
import { sendFromParts, WireRequest } from '../src/client/wire.js';
import { checkedHeaders, observeResponse } from '../src/core/exchange.js';
import { COMPLETE_ORDER } from '../src/core/spec.js';
import { load, median, startUpstream } from './measure.js';

const PATH = '/v1/client/order/fulfillment';
const MAX_BYTES = 1024 * 1024;
const [concurrency = 1, rounds = 7] = process.argv.slice(2).map(Number);

/** A response whose body was read already: what a middleware that reads the body hands openapi-fetch. */
class ReadBack extends Response {
  readonly #original: Response;
  readonly #text: string;
  constructor(original: Response, text: string) {
    super(null, { status: original.status, statusText: original.statusText });
    this.#original = original;
    this.#text = text;
  }
  override get headers(): Headers {
    return this.#original.headers;
  }
  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }
}

const upstream = await startUpstream();
const auth: Middleware = {
  onRequest({ request }) {
    request.headers.set('authorization', 'Bearer bench');
    return undefined;
  },
};
const headerNames = checkedHeaders(COMPLETE_ORDER);
const layered = (...middleware: Middleware[]) => {
  const client = createClient<paths>({ baseUrl: upstream.url, redirect: 'manual', Request: WireRequest });
  client.use(...middleware);
  return client;
};
const bare = createClient<paths>({ baseUrl: upstream.url });
const authOnly = layered(auth);
const read = layered(auth, {
  async onResponse({ response }) {
    return new ReadBack(response, await response.text());
  },
});
const observed = layered(auth, {
  async onResponse({ response }) {
    return new ReadBack(response, (await observeResponse(response, { headerNames, maxBytes: MAX_BYTES })).bodyText);
  },
});
const { middleware: readingMiddleware, checks } = responseReading(COMPLETE_ORDER, MAX_BYTES);
const reading = layered(auth, readingMiddleware);
const options = { clientId: 'bench', clientSecret: 'bench', baseUrl: upstream.url, tokenUrl: `${upstream.url}/token` };
const full = createFulfillmentClient(options);
const untimed = createFulfillmentClient({ ...options, timeoutMs: Infinity });

const body = { orderId: 14 };
const asText = async (client: typeof authOnly) =>
  JSON.parse((await client.POST(PATH, { body, parseAs: 'text' })).data!);
const variants: Record<string, () => Promise<unknown>> = {
  'openapi-fetch, bearer passed in': async () =>
    (await bare.POST(PATH, { body, headers: { authorization: 'Bearer bench' } })).data,
  '+ auth middleware': () => asText(authOnly),
  '+ body read, handed on': () => asText(read),
  '+ body observed': () => asText(observed),
  '+ checks': async () => {
    const { response } = await reading.POST(PATH, { body, parseAs: 'text' });
    return checkedResponse(checks, COMPLETE_ORDER, observedOf(response)!).observed.json?.value;
  },
  '+ sent from its parts': async () => {
    const { response } = await reading.POST(PATH, {
      body,
      parseAs: 'text',
      fetch: sendFromParts(globalThis.fetch, {}),
    });
    return checkedResponse(checks, COMPLETE_ORDER, observedOf(response)!).observed.json?.value;
  },
  'full client, no timeout': () => untimed.completeOrder(body),
  'full client': () => full.completeOrder(body),
};

for (const call of Object.values(variants)) await load(call, 500, concurrency);
const samples = new Map<string, { perSecond: number; cpuMicros: number }[]>();
for (let r = 0; r < rounds; r++)
  for (const [name, call] of Object.entries(variants))
    samples.set(name, [...(samples.get(name) ?? []), await load(call, 1500, concurrency)]);
console.log(`concurrency ${concurrency}, median of ${rounds} interleaved rounds of 1,500 calls`);
console.log(`${'variant'.padEnd(34)} ${'CPU µs/call'.padStart(12)} ${'calls/s'.padStart(9)}`);
for (const [name, xs] of samples) {
  const cpu = Math.round(median(xs.map((x) => x.cpuMicros)));
  const rate = Math.round(median(xs.map((x) => x.perSecond)));
  console.log(`${name.padEnd(34)} ${String(cpu).padStart(12)} ${String(rate).padStart(9)}`);
}
upstream.close();
