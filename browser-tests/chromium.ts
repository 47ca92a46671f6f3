/**
 * Opens a page in headless Chromium with the network off and says what a
 * reader sees: the page's visible text (`innerText`, which leaves out what CSS
 * hides), whether any script of the page ran, and a screenshot of the whole
 * page. Chromium is driven over its DevTools protocol on a pipe
 * (`--remote-debugging-pipe`): nothing to install beside the browser, no port.
 *
 * The browser is Debian's `chromium` (`.ci/run` installs it when it is
 * missing), or the one CHROMIUM_PATH names. None found is a failure, never a
 * skip: a page nobody opened is what this suite exists to prevent.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function chromiumPath(): string {
  const named = process.env.CHROMIUM_PATH;
  if (named) return named;
  for (const candidate of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  throw new Error(
    'no Chromium to render the pages in: install Debian\'s "chromium" (apt-get install chromium), or set CHROMIUM_PATH',
  );
}

export interface Seen {
  /** What a reader sees: document.body.innerText. */
  readonly text: string;
  /** The document's title. */
  readonly title: string;
  /** Whether a script of the page ran: any inline or external script, event handler or javascript: URL that set the canary. */
  readonly scriptRan: boolean;
  /** Requests the page tried to make beyond its own file (all refused: the network is off). */
  readonly requests: readonly string[];
  /** Messages the browser logged: CSP refusals, script errors. */
  readonly console: readonly string[];
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

/**
 * Opens `file` and waits for it to settle (load, then `settleMs` for a page
 * that renders after loading), then reads it. `expand` opens every folded
 * section first, as a reader would; `screenshot` writes a PNG of the whole
 * page there.
 */
export async function open(
  file: string,
  options: { screenshot?: string; settleMs?: number; height?: number; expand?: boolean } = {},
): Promise<Seen> {
  const profile = await mkdtemp(join(tmpdir(), 'cf-chromium-'));
  const browser = spawn(
    chromiumPath(),
    [
      '--headless',
      '--remote-debugging-pipe',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No name resolves: whatever the page asks of the network fails, as in an air-gapped CI artifact.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${profile}`,
      '--window-size=1280,900',
      'about:blank',
    ],
    // Its own process group, so that its helpers (zygote, renderers) go with it.
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true },
  );
  let stderr = '';
  browser.stderr!.on('data', (chunk) => {
    if (stderr.length < 20_000) stderr += String(chunk);
  });
  const toBrowser = browser.stdio[3] as NodeJS.WritableStream;
  const fromBrowser = browser.stdio[4] as NodeJS.ReadableStream;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  const listeners: ((m: Message) => void)[] = [];
  let buffer = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end = buffer.indexOf('\0');
    while (end >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as Message;
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\0');
      if (message.id !== undefined) {
        const w = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) w?.reject(new Error(`${message.error.message}`));
        else w?.resolve(message);
      } else for (const listen of listeners) listen(message);
    }
  });
  const exited = new Promise<never>((_, reject) =>
    browser.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${stderr.slice(0, 2000)}`))),
  );
  exited.catch(() => undefined);
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) => {
    const id = nextId++;
    const reply = new Promise<Message>((resolve, reject) => waiting.set(id, { resolve, reject }));
    toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return Promise.race([reply, exited]);
  };
  const event = (method: string, sessionId: string) =>
    new Promise<Message>((resolve) => {
      const listen = (m: Message) => {
        if (m.method === method && m.sessionId === sessionId) {
          listeners.splice(listeners.indexOf(listen), 1);
          resolve(m);
        }
      };
      listeners.push(listen);
    });

  try {
    const { result: created } = await send('Target.createTarget', { url: 'about:blank' });
    const { result: attached } = await send('Target.attachToTarget', {
      targetId: created!.targetId,
      flatten: true,
    });
    const session = attached!.sessionId as string;
    const requests: string[] = [];
    const logged: string[] = [];
    listeners.push((m) => {
      if (m.sessionId !== session) return;
      if (m.method === 'Network.requestWillBeSent') {
        const url = String((m.params!.request as { url: string }).url);
        if (!url.startsWith('file:') && !url.startsWith('data:')) requests.push(url);
      }
      if (m.method === 'Log.entryAdded') logged.push(String((m.params!.entry as { text: string }).text));
      if (m.method === 'Runtime.exceptionThrown')
        logged.push(String((m.params!.exceptionDetails as { text: string }).text));
    });
    await send('Page.enable', {}, session);
    await send('Network.enable', {}, session);
    await send('Log.enable', {}, session);
    await send('Runtime.enable', {}, session);
    await send(
      'Network.emulateNetworkConditions',
      { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
      session,
    );
    // A tall window: a page that renders its sections as they scroll into view renders them all.
    await send(
      'Emulation.setDeviceMetricsOverride',
      { width: 1280, height: options.height ?? 900, deviceScaleFactor: 1, mobile: false },
      session,
    );
    const loaded = event('Page.loadEventFired', session);
    await send('Page.navigate', { url: pathToFileURL(file).href }, session);
    await loaded;
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 300));
    const evaluate = async (expression: string) =>
      (await send('Runtime.evaluate', { expression, returnByValue: true }, session)).result!.result as {
        value: unknown;
      };
    // A reader who opens every folded section (<details>) sees their text too.
    if (options.expand) await evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
    const text = String((await evaluate('document.body ? document.body.innerText : ""')).value);
    const title = String((await evaluate('document.title')).value);
    const scriptRan =
      (await evaluate('window.__cfScriptRan === true || document.documentElement.hasAttribute("data-cf-script-ran")'))
        .value === true;
    if (options.screenshot) {
      const { result: metrics } = await send('Page.getLayoutMetrics', {}, session);
      const size = metrics!.cssContentSize as { width: number; height: number };
      const { result: shot } = await send(
        'Page.captureScreenshot',
        {
          format: 'png',
          captureBeyondViewport: true,
          clip: {
            x: 0,
            y: 0,
            width: Math.ceil(size.width),
            height: Math.min(Math.ceil(size.height), 16_000),
            scale: 1,
          },
        },
        session,
      );
      await writeFile(options.screenshot, Buffer.from(String(shot!.data), 'base64'));
    }
    return { text, title, scriptRan, requests, console: logged };
  } finally {
    const gone = new Promise((resolve) => browser.once('exit', resolve).once('error', resolve));
    try {
      process.kill(-browser.pid!, 'SIGKILL');
    } catch {
      browser.kill('SIGKILL');
    }
    await gone;
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
  }
}
