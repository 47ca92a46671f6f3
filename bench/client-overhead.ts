/**
 * 1. Client overhead: bare fetch, bare openapi-fetch and the full client
 * (cached token, validation and retry on) against the same fixed 200 from a
 * separate process, at concurrency 1 and 32.
 */
import createClient from 'openapi-fetch';
import { createFulfillmentClient } from 'connect-fulfillment';
import type { paths } from 'connect-fulfillment/types';
import { load, median, throughput, type Upstream } from './measure.js';

const PATH = '/v1/client/order/fulfillment';

export async function clientOverhead(upstream: Upstream, size: { rounds: number; calls: number }) {
  const body = JSON.stringify({ orderId: 14 });
  const headers = { 'content-type': 'application/json', authorization: 'Bearer bench' };
  const bare = createClient<paths>({ baseUrl: upstream.url });
  const options = {
    clientId: 'bench',
    clientSecret: 'bench-secret',
    baseUrl: upstream.url,
    tokenUrl: `${upstream.url}/token`,
  };
  const full = createFulfillmentClient(options);
  // The same client without a per-attempt timeout: the difference is what the timeout's AbortSignal costs.
  const untimed = createFulfillmentClient({ ...options, timeoutMs: Infinity });
  await full.completeOrder({ orderId: 14 });
  await untimed.completeOrder({ orderId: 14 });
  const variants = {
    fetch: async () => (await fetch(`${upstream.url}${PATH}`, { method: 'POST', headers, body })).json(),
    'openapi-fetch': async () =>
      (await bare.POST(PATH, { body: { orderId: 14 }, headers: { authorization: 'Bearer bench' } })).data,
    full: () => full.completeOrder({ orderId: 14 }),
    'full, no timeout': () => untimed.completeOrder({ orderId: 14 }),
  };
  type Name = keyof typeof variants;
  type Result = Record<Name, { median: number; samples: number[]; cpuMicrosPerCall: number }> & {
    /** Median over rounds of full / full-without-timeout, each pair run back to back: the timeout's cost, drift cancelled. */
    timeoutRatio: number;
  };
  const results = {} as Record<'c1' | 'c32', Result>;
  for (const concurrency of [1, 32] as const) {
    // Warm every path first: JIT, sockets.
    for (const call of Object.values(variants)) await throughput(call, 300, concurrency);
    const calls = size.calls * (concurrency === 1 ? 1 : 2);
    // Interleaved rounds (A B C D, B C D A, ...) so that drift in the machine hits every variant alike.
    const samples = Object.fromEntries(
      Object.keys(variants).map((k) => [k, [] as { perSecond: number; cpuMicros: number }[]]),
    ) as Record<Name, { perSecond: number; cpuMicros: number }[]>;
    // The order turns each round: a batch pays for the garbage the batch before it left, and in a fixed order
    // the client after bare openapi-fetch (which leaves the most) always paid for it.
    const names = Object.keys(variants) as Name[];
    for (let r = 0; r < size.rounds; r++)
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + r) % names.length]!;
        samples[name].push(await load(variants[name], calls, concurrency));
      }
    results[`c${concurrency}`] = {
      ...(Object.fromEntries(
        (Object.keys(variants) as Name[]).map((name) => [
          name,
          {
            median: median(samples[name].map((x) => x.perSecond)),
            samples: samples[name].map((x) => Math.round(x.perSecond)),
            cpuMicrosPerCall: median(samples[name].map((x) => x.cpuMicros)),
          },
        ]),
      ) as Omit<Result, 'timeoutRatio'>),
      timeoutRatio: median(samples.full.map((x, r) => x.perSecond / samples['full, no timeout'][r]!.perSecond)),
    };
  }
  return results;
}
