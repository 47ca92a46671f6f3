/**
 * Starts Prism's mock server (@stoplight/prism-cli) on a free loopback port.
 * The child watches its stdin: when this process dies, however it dies, the
 * pipe closes and Prism exits, so no mock is ever left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

export interface PrismServer {
  readonly url: string;
  readonly port: number;
  readonly spec: string;
  /** Milliseconds from spawn to "listening". */
  readonly startupMs: number;
  close(): Promise<void>;
}

export interface PrismOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default a free port */
  readonly port?: number;
  /** @default 30000 */
  readonly startTimeoutMs?: number;
}

/** Exits the Prism process once its stdin closes, i.e. once the parent is gone. */
const WATCH_PARENT = 'data:text/javascript,process.stdin.on("end",()=>process.exit(0)).resume()';

async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function prismEntry(): string {
  return createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

export async function startPrism(spec: string, options: PrismOptions = {}): Promise<PrismServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', WATCH_PARENT, prismEntry(), 'mock', '-h', host, '-p', String(port), spec],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  killOnExit(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`Prism exited with code ${code} before listening:\n${output}`)));
  });
  // Drain its log so that a full pipe never blocks it.
  child.stdout!.resume();
  child.stderr!.resume();
  const startupMs = performance.now() - started;
  return {
    url: `http://${host}:${port}`,
    port,
    spec,
    startupMs,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        child.kill('SIGTERM');
      }),
  };
}
