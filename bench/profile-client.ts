/** `node --cpu-prof` target: the full client under load, for docs/performance.md. Usage: npx tsx bench/profile-client.ts [calls] [concurrency] */
import { createFulfillmentClient } from 'connect-fulfillment';
import { startUpstream, throughput } from './measure.js';

const [calls = 20_000, concurrency = 32] = process.argv.slice(2).map(Number);
const upstream = await startUpstream();
const client = createFulfillmentClient({
  clientId: 'bench',
  clientSecret: 'bench-secret',
  baseUrl: upstream.url,
  tokenUrl: `${upstream.url}/token`,
});
await client.completeOrder({ orderId: 14 });
const rate = await throughput(() => client.completeOrder({ orderId: 14 }), calls, concurrency);
process.stderr.write(`${Math.round(rate)} calls/s\n`);
upstream.close();
