import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { liveEnv, startConnectUpstream, type ConnectUpstream, type Drift } from '../fixtures/connect-upstream.js';

let upstream: ConnectUpstream | undefined;
let reports: string;
beforeAll(async () => {
  reports = await mkdtemp(join(tmpdir(), 'cf-suite-'));
});
afterAll(() => rm(reports, { recursive: true, force: true }));
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

/** `npm run contract` as CI runs it, with the environment given (no inherited CONNECT_*). */
function contract(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('CONNECT_') && k !== 'CONTRACT_TARGET' && !k.startsWith('VITEST'),
    ),
  );
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['vitest', 'run', '--project', 'contract', '--reporter=default', 'contract-tests/contract.test.ts'],
      { env: { ...clean, ...env, CONTRACT_REPORT_DIR: reports, FORCE_COLOR: '0' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr }),
    );
  });
}

async function against(drift: Drift) {
  upstream = await startConnectUpstream(drift);
  return contract(liveEnv(upstream));
}

describe('npm run contract with CONTRACT_TARGET=live', () => {
  it('passes against a faithful upstream and writes the Markdown report', async () => {
    const { code, output } = await against('faithful');
    expect(output).toMatch(/passed/);
    expect(code).toBe(0);
    const markdown = await readFile(join(reports, 'contract.md'), 'utf8');
    expect(markdown).toContain('## Contract (live): ✅ the contract holds');
    expect(markdown).toContain('| `negative_data_rejection` |');
  });

  it('fails (exit 1) against a drifting upstream, naming the drift', async () => {
    const { code, output } = await against('enum-value');
    expect(code).toBe(1);
    expect(output).toContain('Response violates schema at response.body.fulfillmentStatus');
    expect(await readFile(join(reports, 'contract.md'), 'utf8')).toMatch(
      /\| error \| `response_schema_conformance` \| unknown-order \| `response.body.fulfillmentStatus` \|/,
    );
  });

  it('stops at once with exit 2 and a clear message when credentials are missing', async () => {
    const { code, output } = await contract({ CONTRACT_TARGET: 'live', CONNECT_BASE_URL: 'http://127.0.0.1:9/capi' });
    expect(code).toBe(2);
    expect(output).toContain('CONNECT_CLIENT_ID is not set');
    expect(output).toContain('CONNECT_CLIENT_SECRET is not set');
    expect(output).not.toMatch(/Tests\s+\d+ passed/);
  });
});
