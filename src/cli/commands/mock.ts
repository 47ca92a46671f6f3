import { printable } from '../../core/sanitize.js';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { PrismServer } from '../../contract/prism.js';
import { parseCommand } from '../args.js';
import { EXIT, UsageError } from '../usage.js';
import { COMMAND_OPTIONS, listening, parseConfig } from '../options.js';

const spec = (name: string) => fileURLToPath(new URL(`../../../../spec/${name}`, import.meta.url));

/** Whether `port` can be listened on at `host`: refused at once, rather than after Prism has started and failed. */
async function portFree(host: string, port: number): Promise<string | undefined> {
  const server = createServer();
  const problem = await new Promise<string | undefined>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen(port, host, () => resolve(undefined));
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return problem;
}

/** The options `mock` takes: each one is in its --help (test/cli/help.test.ts). */
export const MOCK_OPTIONS = parseConfig(COMMAND_OPTIONS.mock);

export async function mock(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, MOCK_OPTIONS);
  const { host, port, tokenPort } = listening(values);
  for (const [flag, value] of [
    ['--port', port],
    ['--token-port', tokenPort],
  ] as const) {
    const problem = value === undefined ? undefined : await portFree(host, value);
    if (problem) throw new UsageError(`${flag} ${value} on ${host} cannot be used (${problem})`);
  }
  const { startPrism, prismEntry } = await import('../../contract/prism.js');
  try {
    prismEntry();
  } catch {
    throw new UsageError('mock needs Prism: npm install --save-dev @stoplight/prism-cli@5.14');
  }
  process.stderr.write('mock: starting Prism for both specs...\n');
  const started = await Promise.allSettled([
    startPrism(spec('connect-fulfillment.openapi.yaml'), { host, ...(port ? { port } : {}) }),
    startPrism(spec('connectid-token.openapi.yaml'), { host, ...(tokenPort ? { port: tokenPort } : {}) }),
  ]);
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (servers.length < started.length) {
    // Nothing is left running when either one fails.
    await Promise.all(servers.map((s) => s.close()));
    throw new UsageError(`Prism did not start on ${host}: ${firstLine(started)}`);
  }
  const [connect, token] = servers as [PrismServer, PrismServer];
  // Listening for the stop before the URLs are printed: stopped at once, the mock still closes both Prisms.
  const ended = new Promise<string | undefined>((resolve) => {
    process.once('SIGINT', () => resolve(undefined));
    process.once('SIGTERM', () => resolve(undefined));
    for (const server of servers) server.onUnexpectedExit(resolve);
  });
  process.stdout.write(`CONNECT_BASE_URL=${connect.url}\nCONNECT_TOKEN_URL=${token.url}/token\n`);
  process.stderr.write('mock: serving both specs; Ctrl-C stops\n');
  const died = await ended;
  await Promise.all(servers.map((s) => s.close()));
  if (died) {
    // The other one is stopped too: a half-running mock would answer only half the flow.
    process.stderr.write(`mock: ${printable(died.split('\n')[0]!, 300)}\n`);
    return EXIT.CANNOT_RUN;
  }
  process.stderr.write('mock: stopped\n');
  return EXIT.OK;
}

const firstLine = (results: PromiseSettledResult<unknown>[]): string => {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  return String((failed?.reason as Error)?.message ?? failed?.reason).split('\n')[0]!;
};
