/**
 * Starts Prism's mock server (@stoplight/prism-cli) on a free loopback port.
 * The child watches its stdin: when this process dies, however it dies, the
 * pipe closes and Prism exits, so no mock is ever left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { createRequire } from 'node:module';

export interface PrismServer {
  readonly url: string;
  readonly port: number;
  readonly spec: string;
  /** Milliseconds from spawn to "listening". */
  readonly startupMs: number;
  /** The Prism process's id. */
  readonly pid: number;
  /**
   * Called once if Prism exits before `close()`: its exit code or signal and the
   * end of its log, so that a mock that dies mid-run says so instead of leaving
   * only "fetch failed" behind.
   */
  onUnexpectedExit(listener: (why: string) => void): void;
  close(): Promise<void>;
}

/** How much of Prism's log is kept: the end of it, for the reason of an unexpected exit. */
const LOG_TAIL_CHARS = 4_000;

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

/** The version of the Prism that `startPrism` runs: 5.14 on Node 20 and 22, what npm picks (5.16) on 24 and later. */
export function prismVersion(): string {
  return (createRequire(import.meta.url)('@stoplight/prism-cli/package.json') as { version: string }).version;
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
    // Warnings and errors only: Prism 5.14's CLI dies on some info lines that echo a request (its log
    // formatter runs jsonrepair over every line and reads a field the repaired line may lack), so a
    // generated body could take the mock down mid-run. Readiness is asked of Prism instead (below).
    ['--import', WATCH_PARENT, prismEntry(), 'mock', '-h', host, '-p', String(port), '-v', 'warn', spec],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  killOnExit(child);
  let output = '';
  let listening = false;
  const onData = (chunk: Buffer) => {
    // Until it listens, the whole log (the reason if it never does); then only its end.
    output = listening ? (output + chunk.toString()).slice(-LOG_TAIL_CHARS) : output + chunk.toString();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const onExit = (code: number | null) =>
      fail(new Error(`Prism exited with code ${code} before listening:\n${output}`));
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    // Ready when Prism itself answers: its 404 for an unknown path names Prism's error catalogue, which a
    // process that took the port in the meantime would not.
    const poll = () => {
      if (settled) return;
      fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/__prism_ready`, {
        signal: AbortSignal.timeout(2_000),
      })
        .then((response) => response.text())
        .then(
          (text) => (text.includes('stoplight.io/prism/errors') ? ready() : setTimeout(poll, 50)),
          () => setTimeout(poll, 50),
        );
    };
    const ready = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      listening = true;
      resolve();
    };
    child.once('exit', onExit);
    poll();
  });
  let closing = false;
  const startupMs = performance.now() - started;
  return {
    url: `http://${host}:${port}`,
    port,
    spec,
    startupMs,
    pid: child.pid!,
    onUnexpectedExit: (listener) => {
      child.once('exit', (code, signal) => {
        if (!closing) listener(`Prism (${spec}) exited with ${signal ?? `code ${code}`}; its log ended:\n${output}`);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        child.kill('SIGTERM');
      }),
  };
}
