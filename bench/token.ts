/**
 * 2. Token single flight: 1,000 concurrent completeOrder calls on a cold
 * cache against a token endpoint that takes 50 ms; then the same wave warm.
 */
import { createFulfillmentClient } from 'connect-fulfillment';
import { median, type Upstream } from './measure.js';

const TOKEN_DELAY_MS = 50;

async function wave(call: () => Promise<unknown>, size: number): Promise<{ wallMs: number; p50Ms: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: size }, async () => {
      const t = performance.now();
      await call();
      latencies.push(performance.now() - t);
    }),
  );
  return { wallMs: performance.now() - started, p50Ms: median(latencies) };
}

export async function tokenSingleFlight(upstream: Upstream, options: { rounds: number; size: number }) {
  const rounds = [];
  for (let r = 0; r < options.rounds; r++) {
    await upstream.reset(TOKEN_DELAY_MS);
    const client = createFulfillmentClient({
      clientId: 'bench',
      clientSecret: 'bench-secret',
      baseUrl: upstream.url,
      tokenUrl: `${upstream.url}/token`,
      timeoutMs: 60_000,
    });
    const call = () => client.completeOrder({ orderId: 14 });
    const cold = await wave(call, options.size);
    const { tokenRequests } = await upstream.stats();
    const warm = await wave(call, options.size);
    rounds.push({ tokenRequests, cold, warm });
  }
  return {
    tokenDelayMs: TOKEN_DELAY_MS,
    calls: options.size,
    tokenRequests: Math.max(...rounds.map((r) => r.tokenRequests)),
    coldWallMs: median(rounds.map((r) => r.cold.wallMs)),
    warmWallMs: median(rounds.map((r) => r.warm.wallMs)),
    coldP50Ms: median(rounds.map((r) => r.cold.p50Ms)),
    warmP50Ms: median(rounds.map((r) => r.warm.p50Ms)),
  };
}
