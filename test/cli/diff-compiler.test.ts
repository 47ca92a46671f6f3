import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdTurbofan, mayHoldTurbofan, TURBOFAN_HOLD_MAX_CHARACTERS } from '../../src/cli/commands/diff-compiler.js';

const dist = (path: string) => pathToFileURL(resolve('dist/src', path)).href;

describe('whether diff may hold Turbofan back', () => {
  const node = { deno: false };

  it('may, on Node with no flag that chooses the compilers', () => {
    expect(mayHoldTurbofan([], undefined, node)).toBe(true);
    expect(mayHoldTurbofan(['--max-old-space-size=512', '--enable-source-maps'], '--optimize-for-size', node)).toBe(
      true,
    );
  });

  it.each([
    [['--jitless'], undefined],
    [['--no-opt'], undefined],
    [['--max-opt=2'], undefined],
    [[], '--no-turbofan'],
    [[], '--max-old-space-size=512 --maglev'],
    [['--always-turbofan'], undefined],
  ])('may not when the user chose the compilers: %j, NODE_OPTIONS %j', (execArgv, nodeOptions) => {
    expect(mayHoldTurbofan(execArgv, nodeOptions, node)).toBe(false);
  });

  it('may not on Bun or Deno, whose node:v8 is not V8 flags', () => {
    expect(mayHoldTurbofan([], undefined, { bun: '1.3.0' })).toBe(false);
    expect(mayHoldTurbofan([], undefined, { deno: true })).toBe(false);
  });

  it('does not for a comparison of large specs, where Turbofan pays for itself', () => {
    expect(holdTurbofan(TURBOFAN_HOLD_MAX_CHARACTERS + 1)).toBe(false);
  });
});

/**
 * What V8 does, seen from a process of its own (V8's flags are the process's):
 * `%ActiveTierIsTurbofan` needs --allow-natives-syntax, which is no compiler
 * flag. A function run hot for 400 ms while held is never Turbofan's; after
 * the release, and after a whole diff run in-process, one is within seconds.
 */
describe('holding Turbofan back, in V8', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-turbofan-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const observe = async (script: string): Promise<Record<string, boolean>> => {
    const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.mjs`);
    await writeFile(
      file,
      // hot() itself is never optimized: Turbofan would inline the function under watch into it (on-stack
      // replacement of its loop), and that function would then never get Turbofan code of its own.
      `function hot(f, ms) { const end = Date.now() + ms; let s = 0;
         while (Date.now() < end) { s += f(1000); if (%ActiveTierIsTurbofan(f)) return true; } return false; }
       %NeverOptimizeFunction(hot);
       ${script}`,
    );
    const stdout = await new Promise<string>((done, fail) =>
      execFile(process.execPath, ['--allow-natives-syntax', file], { timeout: 30_000 }, (error, out, err) =>
        error ? fail(new Error(`${error.message}\n${err}`)) : done(out),
      ),
    );
    return JSON.parse(stdout) as Record<string, boolean>;
  };

  it('keeps a hot function off Turbofan while held, and lets it on after', async () => {
    const seen = await observe(`
      const { holdTurbofan, releaseTurbofan } = await import(${JSON.stringify(dist('cli/commands/diff-compiler.js'))});
      function a(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
      function b(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 5; return s; }
      const held = holdTurbofan(1000);
      const whileHeld = hot(a, 400);
      releaseTurbofan();
      // Only a function first hot after the release is asked about: from V8 13 (Node 24) one that ran hot on
      // Maglev while held stays there, which is V8's choice, not the hold's (docs/performance.md, section 7).
      console.log(JSON.stringify({ held, whileHeld, afterRelease: hot(b, 10_000) }));
    `);
    expect(seen).toEqual({ held: true, whileHeld: false, afterRelease: true });
  });

  it('is held by the diff worker while it compares, and let go by the end of a diff run in-process', async () => {
    const spec = resolve('spec/connect-fulfillment.openapi.yaml');
    const seen = await observe(`
      const { Worker } = await import('node:worker_threads');
      const { main } = await import(${JSON.stringify(dist('cli/main.js'))});
      const { writeSync } = await import('node:fs');
      // The worker alone: it says it holds Turbofan before it answers.
      const worker = new Worker(new URL(${JSON.stringify(dist('cli/commands/diff-worker.js'))}), {
        workerData: { oldSource: ${JSON.stringify(spec)}, newSource: ${JSON.stringify(spec)}, format: 'json',
          failOn: 'breaking', types: false, allowExternalRefs: false },
      });
      const said = [];
      worker.on('message', (m) => said.push(Object.keys(m)[0]));
      await new Promise((done) => worker.once('exit', done));
      // The whole command, in this process: Turbofan is back on when it returns.
      const code = await main(['diff', ${JSON.stringify(spec)}, ${JSON.stringify(spec)}, '--format', 'json', '--out', ${JSON.stringify(join(dir, 'report.json'))}]);
      function c(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 3; return s; }
      writeSync(1, JSON.stringify({ said: said.join(' '), exitedZero: code === 0, afterDiff: hot(c, 10_000) }));
    `);
    expect(seen).toEqual({ said: 'comparing outcome', exitedZero: true, afterDiff: true });
  });
});
