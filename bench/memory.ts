/** 5. Memory: the child does the calls in a process of its own, so that nothing else of the bench is on its heap. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export async function memory(options: { calls: number }) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--expose-gc',
      new URL('./memory-child.js', import.meta.url).pathname,
      String(options.calls),
      String(Math.round(options.calls / 10)),
    ],
    { maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(stdout) as {
    calls: number;
    warmupCalls: number;
    callsPerSecond: number;
    start: Record<'heapUsedMiB' | 'rssMiB', number>;
    warm: Record<'heapUsedMiB' | 'rssMiB', number>;
    end: Record<'heapUsedMiB' | 'rssMiB', number>;
  };
  return {
    ...r,
    heapGrowthAfterWarmup: r.end.heapUsedMiB / r.warm.heapUsedMiB - 1,
    rssGrowthAfterWarmup: r.end.rssMiB / r.warm.rssMiB - 1,
  };
}
