/**
 * Output that cannot be written: a reader that went away (`| head`) or a
 * full disk. Neither may end in Node's stack trace; a lost report is said in
 * one line, and only a reader that stopped reading is taken quietly.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileServer, startHostileServer } from '../fixtures/hostile-server.js';

const BIN = resolve('bin/connect-fulfillment.js');
const FULL = '/dev/full';

interface Ended {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the command with its stdout on `stdout` ('pipe': a pipe whose reader closes at once). */
function run(args: string[], stdout: number | 'pipe', env: Record<string, string> = {}): Promise<Ended> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CONNECT_')));
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', stdout, 'pipe'],
    env: { ...clean, ...env, NO_COLOR: '1' },
  });
  // The reader that goes away: nothing of the output is ever read.
  if (stdout === 'pipe') child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stderr })));
}

async function withStdout<T>(path: string, body: (fd: number) => Promise<T>): Promise<T> {
  const fd = openSync(path, 'w');
  try {
    return await body(fd);
  } finally {
    closeSync(fd);
  }
}

let dir: string;
let old: string;
let emptied: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-streams-'));
  // 3,000 operations removed: a report far larger than a pipe holds (64 KiB), so the writer meets the closed end.
  const paths = Object.fromEntries(
    Array.from({ length: 3_000 }, (_, i) => [
      `/items/${i}`,
      { get: { operationId: `getItem${i}`, responses: { '200': { description: 'the item' } } } },
    ]),
  );
  const spec = (p: object) => JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: p });
  old = join(dir, 'old.json');
  emptied = join(dir, 'new.json');
  await writeFile(old, spec(paths));
  await writeFile(emptied, spec({}));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a reader that goes away (EPIPE)', () => {
  it('ends the output quietly, and the run keeps its verdict', async () => {
    const ended = await run(['diff', old, emptied, '--format', 'json'], 'pipe');
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(1);
  });

  it('after --help, too', async () => {
    const ended = await run(['diff', '--help'], 'pipe');
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
  });
});

describe.skipIf(!existsSync(FULL))('output that cannot be written (a full disk)', () => {
  it('diff: one line naming the failure, and exit 2 where the run would have passed', async () => {
    const ended = await withStdout(FULL, (fd) => run(['diff', old, old, '--format', 'json'], fd));
    expect(ended.stderr).toBe(
      'connect-fulfillment diff: could not write to standard output (ENOSPC: no space left on device, write); the output is incomplete\n',
    );
    expect(ended.code).toBe(2);
  });

  it('diff: a failing verdict stays 1', async () => {
    const ended = await withStdout(FULL, (fd) => run(['diff', old, emptied, '--format', 'json'], fd));
    expect(ended.stderr).toMatch(/^connect-fulfillment diff: could not write to standard output \(ENOSPC/);
    expect(ended.code).toBe(1);
  });

  it('--version: one line without a command name, exit 2', async () => {
    const ended = await withStdout(FULL, (fd) => run(['--version'], fd));
    expect(ended.stderr).toMatch(/^connect-fulfillment: could not write to standard output \(ENOSPC[^\n]*\n$/);
    expect(ended.code).toBe(2);
  });

  describe('complete', () => {
    let hostile: HostileServer;
    beforeAll(async () => {
      hostile = await startHostileServer({ bombBytes: 1024, hugeBytes: 1024 });
    });
    afterAll(() => hostile.close());

    it('keeps exit 0 once the order is completed: 2 would say that nothing was sent', async () => {
      const args = ['complete', '--order-id', '14', '--yes', '--base-url', hostile.baseUrl('good')];
      const ended = await withStdout(FULL, (fd) =>
        run([...args, '--token-url', hostile.tokenUrl('good')], fd, {
          CONNECT_CLIENT_ID: 'streams-shop',
          CONNECT_CLIENT_SECRET: 'streams-secret-4f1c',
        }),
      );
      expect(ended.stderr).toMatch(/^connect-fulfillment complete: could not write to standard output \(ENOSPC/);
      expect(ended.code).toBe(0);
    });
  });
});
