/**
 * The shared attempt deadlines (src/core/signals.ts): one timer per length of
 * time instead of one per attempt. Each deadline still fires at its own time,
 * in order, whatever other lengths are waiting; a cleared one never fires; and
 * a timer holds the process only while some attempt waits.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { attemptSignal, deadlines } from '../../src/core/signals.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

describe('attempt deadlines', () => {
  it('fire each at its own time, in order, across lengths, and a cleared one never', async () => {
    const started = performance.now();
    const fired: [string, number][] = [];
    const note = (name: string) => () => fired.push([name, performance.now() - started]);
    deadlines.add(120, note('120 a'));
    const cleared = deadlines.add(60, note('60 cleared'));
    deadlines.add(60, note('60'));
    await wait(10);
    deadlines.add(120, note('120 b'));
    deadlines.add(30, note('30'));
    deadlines.clear(cleared);
    await wait(250);
    expect(fired.map(([name]) => name)).toEqual(['30', '60', '120 a', '120 b']);
    const at = Object.fromEntries(fired);
    expect(at['30']).toBeGreaterThanOrEqual(38);
    expect(at['60']).toBeGreaterThanOrEqual(59);
    expect(at['120 a']).toBeGreaterThanOrEqual(119);
    expect(at['120 b']).toBeGreaterThanOrEqual(129);
  });

  it('abort the signal with a TimeoutError that names the limit', async () => {
    const { signal } = attemptSignal(40);
    await wait(80);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toMatchObject({ name: 'TimeoutError', message: 'attempt timed out after 40 ms' });
    const settled = attemptSignal(40);
    settled.clear();
    await wait(80);
    expect(settled.signal?.aborted).toBe(false);
  });

  it('hold the process while an attempt waits, and not once it settles', async () => {
    const module = new URL('../../src/core/signals.ts', import.meta.url).pathname;
    const script = (settle: boolean) => `
      import { attemptSignal } from ${JSON.stringify(module)};
      const started = Date.now();
      const { signal, clear } = attemptSignal(${settle ? 60_000 : 300});
      ${settle ? 'clear();' : ''}
      process.on('exit', () => console.log(signal.aborted, Date.now() - started));
    `;
    const exitsAfter = async (settle: boolean) => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(settle)]);
      const [aborted, ms] = stdout.trim().split(' ');
      return { aborted: aborted === 'true', ms: Number(ms) };
    };
    // Waiting: the process stays until the deadline fires. Settled: it leaves at once, not 60 s later.
    const waiting = await exitsAfter(false);
    expect(waiting.aborted).toBe(true);
    expect(waiting.ms).toBeGreaterThanOrEqual(290);
    const settled = await exitsAfter(true);
    expect(settled.aborted).toBe(false);
    expect(settled.ms).toBeLessThan(5_000);
  });
});
