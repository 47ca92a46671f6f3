import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startPrism } from '../../src/contract/prism.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const answers = (url: string) =>
  fetch(url, { method: 'POST' }).then(
    () => true,
    () => false,
  );
async function stopsAnswering(url: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (!(await answers(url))) return true;
  return false;
}

describe('the Prism launcher', () => {
  it('serves the spec on a free loopback port and stops on close', async () => {
    const prism = await startPrism('spec/connectid-token.openapi.yaml');
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${prism.url}/token`, {
      method: 'POST',
      headers: { authorization: 'Basic YTpi', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    await prism.close();
    await expect(fetch(`${prism.url}/token`, { method: 'POST' })).rejects.toThrow();
  });

  it('says why when Prism dies before close, with the end of its log; a close is no death', async () => {
    const prism = await startPrism('spec/connectid-token.openapi.yaml');
    const why = new Promise<string>((resolve) => prism.onUnexpectedExit(resolve));
    process.kill(prism.pid, 'SIGKILL');
    expect(await why).toMatch(
      /^Prism \(spec\/connectid-token\.openapi\.yaml\) exited with SIGKILL; its log ended:\n[\s\S]*Starting Prism/,
    );
    const closed = await startPrism('spec/connectid-token.openapi.yaml');
    let told = false;
    closed.onUnexpectedExit(() => {
      told = true;
    });
    await closed.close();
    expect(told).toBe(false);
  });

  it('survives a request that makes Prism 5.14 crash in its own info log (found by the differential run)', async () => {
    const prism = await startPrism('spec/connect-fulfillment.openapi.yaml');
    let died = '';
    prism.onUnexpectedExit((why) => {
      died = why;
    });
    const post = (body: string) =>
      fetch(`${prism.url}/v1/client/order/fulfillment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body,
      }).then((r) => r.status);
    // Drawn by fast-check with seed 290138215; with Prism at its default log level it ends the process.
    const crasher = JSON.stringify({
      orderId: { '8|-q': [1.1e-128, '\\pli!d', true, '?}9[IsbJ_c'], '}Gt?Jshd1K': { ';m_<0kD<': '\\R*R<N(=#' } },
    });
    expect(await post(crasher)).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await post('{"orderId":14}')).toBe(200);
    expect(died).toBe('');
    await prism.close();
  });

  it('leaves no Prism behind when the process that started it is killed outright', async () => {
    const script = `import { startPrism } from './src/contract/prism.ts'; const p = await startPrism('spec/connectid-token.openapi.yaml'); console.log(p.port);`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `${script} setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const port = await new Promise<string>((resolve) => child.stdout!.once('data', (d) => resolve(String(d).trim())));
    expect(await fetch(`http://127.0.0.1:${port}/token`, { method: 'POST' }).then((r) => r.status)).toBe(401);
    child.kill('SIGKILL');
    expect(await stopsAnswering(`http://127.0.0.1:${port}/token`, 10_000)).toBe(true);
    expect(alive(child.pid!)).toBe(false);
  }, 30_000);
});
