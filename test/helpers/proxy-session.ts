/**
 * The `proxy` command as a user runs it, in a process of its own: started
 * with the upstream's two URLs and `flags`, waited for until it prints the
 * URLs to send to, given `traffic`, then stopped with SIGTERM. For the
 * proxy's tests and the report pages alike.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export async function proxySession(
  upstream: { readonly baseUrl: string; readonly tokenUrl: string },
  traffic: (urls: { baseUrl: string; tokenUrl: string }) => Promise<void>,
  ...flags: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      resolve('bin/connect-fulfillment.js'),
      'proxy',
      '--base-url',
      upstream.baseUrl,
      '--token-url',
      upstream.tokenUrl,
      ...flags,
    ],
    { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const exited = new Promise<number>((r) => child.once('exit', (code) => r(code ?? -1)));
  for (let i = 0; i < 200 && !/CONNECT_TOKEN_URL=\S+\n/.test(stdout); i++) await new Promise((r) => setTimeout(r, 50));
  const urls = {
    baseUrl: /CONNECT_BASE_URL=(\S+)/.exec(stdout)![1]!,
    tokenUrl: /CONNECT_TOKEN_URL=(\S+)/.exec(stdout)![1]!,
  };
  await traffic(urls);
  child.kill('SIGTERM');
  return { code: await exited, stdout, stderr };
}
