import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KNOWN_ORDER_ID,
  liveEnv,
  startConnectUpstream,
  UNKNOWN_ORDER_ID,
  UPSTREAM_CLIENT_SECRET,
  type ConnectUpstream,
} from '../fixtures/connect-upstream.js';
import { withPrismMocks } from '../helpers/prism-mocks.js';
import { cli } from './run.js';

let upstream: ConnectUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

describe('connect-fulfillment --help', () => {
  it('lists the subcommands, and each has help with examples', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['drift', 'diff', 'mock', 'complete']) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      const help = await cli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Example');
    }
  });

  it.each(['drift', 'complete', 'proxy'])(
    '%s reads CONNECT_BASE_URL and CONNECT_TOKEN_URL, and its help says so',
    async (command) => {
      const { stdout } = await cli([command, '--help']);
      expect(stdout).toContain('CONNECT_BASE_URL');
      expect(stdout).toContain('CONNECT_TOKEN_URL');
    },
  );

  it('exits 2 on an unknown command or option', async () => {
    expect(await cli(['bogus'])).toMatchObject({
      code: 2,
      stderr: 'connect-fulfillment: unknown command "bogus" (try --help)\n',
    });
    expect((await cli(['drift', '--nope'])).code).toBe(2);
  });

  it('help on a topic it does not know, even one named like an object method, shows the main help', async () => {
    const main = await cli(['--help']);
    for (const topic of ['bogus', 'constructor', '__proto__']) {
      expect(await cli(['help', topic])).toEqual({ code: 0, stdout: main.stdout, stderr: '' });
    }
  });
});

describe('connect-fulfillment complete against the Prism mock', () => {
  it("--prefer chooses the mock's answer: example=error is the ERROR outcome (exit 1), code=400 an ApiError", async () => {
    await withPrismMocks(async (mocks) => {
      const env = {
        CONNECT_BASE_URL: mocks.baseUrl,
        CONNECT_TOKEN_URL: mocks.tokenUrl,
        CONNECT_CLIENT_ID: 'mock-client',
        CONNECT_CLIENT_SECRET: 'mock-client-secret',
      };
      const error = await cli(['complete', '--order-id', '14', '--yes', '--prefer', 'example=error'], env);
      expect(error).toMatchObject({ code: 1, stdout: expect.stringMatching(/^fulfillmentStatus: ERROR\n/) });
      const refused = await cli(['complete', '--order-id', '14', '--yes', '--prefer', 'code=400'], env);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ApiError: /) });
      const plain = await cli(['complete', '--order-id', '14', '--yes'], env);
      expect(plain).toMatchObject({ code: 0, stdout: expect.stringMatching(/^fulfillmentStatus: OK\n/) });
    });
  }, 30_000);

  it('--prefer takes only name=value pairs: anything else is refused in one line, before any I/O', async () => {
    const run = await cli(['complete', '--order-id', '14', '--yes', '--prefer', 'code=429\r\nx-evil: 1'], {
      CONNECT_CLIENT_ID: 'a',
      CONNECT_CLIENT_SECRET: 'b',
      CONNECT_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^connect-fulfillment complete: --prefer must be Prism's name=value pairs/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('connect-fulfillment complete', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    upstream = await startConnectUpstream('faithful');
    const { CONNECT_BASE_URL, CONNECT_TOKEN_URL, CONNECT_CLIENT_ID, CONNECT_CLIENT_SECRET } = liveEnv(upstream);
    return cli(['complete', '--base-url', CONNECT_BASE_URL!, '--token-url', CONNECT_TOKEN_URL!, ...args], {
      CONNECT_CLIENT_ID: CONNECT_CLIENT_ID!,
      CONNECT_CLIENT_SECRET: CONNECT_CLIENT_SECRET!,
      ...env,
    });
  };

  it('completes the order with --yes and prints the typed result', async () => {
    const { code, stdout } = await run(['--order-id', String(KNOWN_ORDER_ID), '--yes', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ fulfillmentStatus: 'OK', orderId: KNOWN_ORDER_ID, errorMessage: null });
    expect(upstream!.fulfilled).toEqual([KNOWN_ORDER_ID]);
  });

  it('exits 1 on fulfillmentStatus ERROR', async () => {
    const { code, stdout } = await run(['--order-id', String(UNKNOWN_ORDER_ID), '--yes']);
    expect(code).toBe(1);
    expect(stdout).toContain('fulfillmentStatus: ERROR');
  });

  it('refuses to send without --yes when it cannot ask', async () => {
    const { code, stderr } = await run(['--order-id', String(KNOWN_ORDER_ID)]);
    expect(code).toBe(2);
    expect(stderr).toContain('pass --yes');
    expect(upstream!.fulfilled).toEqual([]);
  });

  // util-linux `script` gives the command a real pseudo-terminal, as a person at a shell would.
  it.runIf(existsSync('/usr/bin/script')).each([
    ['y', 0, [KNOWN_ORDER_ID]],
    ['n', 2, []],
  ] as const)('on a terminal, asks first: answering %s exits %i', async (answer, code, fulfilled) => {
    upstream = await startConnectUpstream('faithful');
    const env = liveEnv(upstream);
    const command = `${process.execPath} bin/connect-fulfillment.js complete --order-id ${KNOWN_ORDER_ID} --base-url ${env.CONNECT_BASE_URL} --token-url ${env.CONNECT_TOKEN_URL}`;
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = execFile(
        'script',
        ['-qec', command, '/dev/null'],
        {
          env: {
            ...process.env,
            CONNECT_CLIENT_ID: env.CONNECT_CLIENT_ID,
            CONNECT_CLIENT_SECRET: env.CONNECT_CLIENT_SECRET,
          },
        },
        (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
      );
      child.stdout!.on('data', (d) => {
        if (String(d).includes('[y/N]')) child.stdin!.write(`${answer}\n`);
      });
    });
    expect(result.stdout).toContain(
      `Complete order ${KNOWN_ORDER_ID} at ${env.CONNECT_BASE_URL}? Connect sends a message to the customer. [y/N]`,
    );
    expect(result.code).toBe(code);
    expect(upstream.fulfilled).toEqual(fulfilled);
  });

  it('names the error and never prints the secret', async () => {
    const refused = await run(['--order-id', '14', '--yes'], { CONNECT_CLIENT_SECRET: 'wrong-secret-1234' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^AuthenticationError: Authentication failed \(HTTP 401, invalid_client\)/);
    const bad = await run(['--order-id', '14', '--yes', '--callback-url', 'ftp://x/cb']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'connect-fulfillment complete: --callback-url must use http or https (got ftp)\n',
    });
    for (const text of [refused.stdout, refused.stderr, bad.stdout, bad.stderr])
      expect(text).not.toContain(UPSTREAM_CLIENT_SECRET);
  });
});

describe('connect-fulfillment mock', () => {
  it('serves both specs, prints their URLs, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, ['bin/connect-fulfillment.js', 'mock'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('CONNECT_TOKEN_URL=')) resolve();
      }),
    );
    const urls = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    const token = await fetch(urls.CONNECT_TOKEN_URL!, {
      method: 'POST',
      headers: { authorization: 'Basic YTpi', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    const fulfil = await fetch(`${urls.CONNECT_BASE_URL}/v1/client/order/fulfillment`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json', prefer: 'code=429' },
      body: '{"orderId":14}',
    });
    expect(fulfil.status).toBe(429);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    await expect(fetch(urls.CONNECT_TOKEN_URL!, { method: 'POST' })).rejects.toThrow();
  }, 30_000);

  it('exits 2 in one line when a Prism dies under it, and stops the other one', async () => {
    const child = spawn(process.execPath, ['bin/connect-fulfillment.js', 'mock'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('CONNECT_TOKEN_URL=')) resolve();
      }),
    );
    const tokenUrl = new URL(/CONNECT_TOKEN_URL=(\S+)/.exec(stdout)![1]!);
    const baseUrl = /CONNECT_BASE_URL=(\S+)/.exec(stdout)![1]!;
    // The process listening on the token mock's port: that Prism, found the way an operator would.
    const { stdout: listeners } = await promisify(execFile)('ss', ['-ltnpH', `sport = :${tokenUrl.port}`]);
    process.kill(Number(/pid=(\d+)/.exec(listeners)![1]), 'SIGKILL');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^mock: Prism \(.*connectid-token\.openapi\.yaml\) exited with SIGKILL; its log ended:$/,
    );
    expect(lines.filter((l) => !l.startsWith('mock: starting') && !l.startsWith('mock: serving'))).toHaveLength(1);
    await expect(fetch(`${baseUrl}/v1/client/order/fulfillment`, { method: 'POST' })).rejects.toThrow();
  }, 30_000);
});
