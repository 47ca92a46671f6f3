/** Run with --expose-gc: 100,000 calls in one process, heap and RSS at the start, after warm-up, and at the end. */
import { createFulfillmentClient } from 'connect-fulfillment';
import { startUpstream, throughput } from './measure.js';

const [total = 100_000, warmup = 10_000] = process.argv.slice(2).map(Number);
const gc = (globalThis as { gc?: () => void }).gc!;
/**
 * Heap and RSS after collection. undici registers a FinalizationRegistry entry
 * for every request that follows a signal; its cleanup runs as a task after a
 * GC, so collecting synchronously twice measures garbage that is already dead
 * but not yet finalized (seen: +26% in one run, 0% in the next). Let the
 * finalizers run between collections.
 */
async function snapshot() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const m = process.memoryUsage();
  return { heapUsedMiB: m.heapUsed / 2 ** 20, rssMiB: m.rss / 2 ** 20 };
}

const upstream = await startUpstream();
const client = createFulfillmentClient({
  clientId: 'bench',
  clientSecret: 'bench-secret',
  baseUrl: upstream.url,
  tokenUrl: `${upstream.url}/token`,
});
await client.completeOrder({ orderId: 14 });
const start = await snapshot();
await throughput(() => client.completeOrder({ orderId: 14 }), warmup, 32);
const warm = await snapshot();
const rate = await throughput(() => client.completeOrder({ orderId: 14 }), total - warmup, 32);
const end = await snapshot();
upstream.close();
process.stdout.write(JSON.stringify({ calls: total, warmupCalls: warmup, callsPerSecond: rate, start, warm, end }));
