/**
 * One variant of section 1 (client overhead) in a process of its own, as a
 * user's process runs one HTTP client: no other variant's garbage to collect,
 * no other caller's shapes in undici's code. Forked by client-overhead.ts
 * with the variant's name and the upstream's URL; answers each
 * `{ calls, concurrency }` with `load()`'s rate and CPU per call.
 */
import createClient from 'openapi-fetch';
import { createFulfillmentClient } from 'connect-fulfillment';
import type { paths } from 'connect-fulfillment/types';
import { load } from './measure.js';

export const VARIANTS = ['fetch', 'openapi-fetch', 'full', 'full, no timeout', 'full, again'] as const;
export type Variant = (typeof VARIANTS)[number];

const PATH = '/v1/client/order/fulfillment';

async function call(name: Variant, url: string): Promise<() => Promise<unknown>> {
  if (name === 'fetch') {
    const body = JSON.stringify({ orderId: 14 });
    const headers = { 'content-type': 'application/json', authorization: 'Bearer bench' };
    return async () => (await fetch(`${url}${PATH}`, { method: 'POST', headers, body })).json();
  }
  if (name === 'openapi-fetch') {
    const bare = createClient<paths>({ baseUrl: url });
    return async () =>
      (await bare.POST(PATH, { body: { orderId: 14 }, headers: { authorization: 'Bearer bench' } })).data;
  }
  // The full client; "again" is the same client in another process, the control; "no timeout" lacks only the limit.
  const client = createFulfillmentClient({
    clientId: 'bench',
    clientSecret: 'bench-secret',
    baseUrl: url,
    tokenUrl: `${url}/token`,
    ...(name === 'full, no timeout' ? { timeoutMs: Infinity } : {}),
  });
  await client.completeOrder({ orderId: 14 });
  return () => client.completeOrder({ orderId: 14 });
}

if (process.send) {
  const [name, url] = process.argv.slice(2) as [Variant, string];
  const run = await call(name, url);
  process.on('message', async (m: { calls: number; concurrency: number }) => {
    try {
      process.send!(await load(run, m.calls, m.concurrency));
    } catch (error) {
      // The upstream gone, say: one line, and the bench stops with the name of this process.
      process.stderr.write(`bench: ${name}: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true });
}
