import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { positiveInt } from '../output.js';
import { EXIT, UsageError } from '../usage.js';

const spec = (name: string) => fileURLToPath(new URL(`../../../../spec/${name}`, import.meta.url));

export async function mock(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { port: { type: 'string' }, 'token-port': { type: 'string' }, host: { type: 'string' } },
  });
  const host = values.host ?? '127.0.0.1';
  const port = positiveInt('--port', values.port);
  const tokenPort = positiveInt('--token-port', values['token-port']);
  const { startPrism, prismEntry } = await import('../../contract/prism.js');
  try {
    prismEntry();
  } catch {
    throw new UsageError('mock needs Prism: npm install --save-dev @stoplight/prism-cli@5.14');
  }
  const servers = await Promise.all([
    startPrism(spec('connect-fulfillment.openapi.yaml'), { host, ...(port ? { port } : {}) }),
    startPrism(spec('connectid-token.openapi.yaml'), { host, ...(tokenPort ? { port: tokenPort } : {}) }),
  ]);
  const [connect, token] = servers;
  process.stdout.write(`CONNECT_BASE_URL=${connect!.url}\nCONNECT_TOKEN_URL=${token!.url}/token\n`);
  process.stderr.write('mock: serving both specs; Ctrl-C stops\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await Promise.all(servers.map((s) => s.close()));
  process.stderr.write('mock: stopped\n');
  return EXIT.OK;
}
