/** Shared measuring: a separate-process upstream, medians, load with CPU per call, and the machine's description. */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Upstream {
  readonly url: string;
  readonly process: ChildProcess;
  stats(): Promise<{ tokenRequests: number }>;
  reset(tokenDelayMs?: number): Promise<void>;
  close(): void;
}

export async function startUpstream(): Promise<Upstream> {
  const child = fork(new URL('./server.mjs', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise<{ port: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number })),
  );
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    process: child,
    stats: async () => (await fetch(`${url}/stats`)).json() as Promise<{ tokenRequests: number }>,
    reset: async (tokenDelayMs = 0) => {
      await (await fetch(`${url}/reset?tokenDelayMs=${tokenDelayMs}`, { method: 'POST' })).arrayBuffer();
    },
    close: () => child.kill(),
  };
}

/** Runs `total` calls of `call` with `concurrency` workers; returns calls per second. */
export async function throughput(
  call: (i: number) => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<number> {
  return (await load(call, total, concurrency)).perSecond;
}

/**
 * Runs `total` calls with `concurrency` workers; returns calls per second and
 * this process's CPU time per call in µs (user + system). CPU per call leaves
 * out waiting on the upstream, so it is far steadier than wall-clock rates on
 * a shared machine.
 */
export async function load(
  call: (i: number) => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<{ perSecond: number; cpuMicros: number }> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await call(next++);
    }),
  );
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { perSecond: total / (elapsed / 1000), cpuMicros: (used.user + used.system) / total };
}

export const machine = () => ({
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
});
