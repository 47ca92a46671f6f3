/** A loopback HTTP server that records callback requests, as a shop's callback endpoint would receive them. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ReceivedCallback } from '../core/exchange.js';

export type { ReceivedCallback };

export interface CallbackReceiver {
  readonly url: string;
  /** A callback URL for one probe: `/callback/<probe>?probe=<probe>`; the query tells whether it survives. */
  urlFor(probe: string): string;
  /** The callbacks for `probe`, waiting up to `timeoutMs` for the first. */
  waitFor(probe: string, timeoutMs: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received = new Map<string, ReceivedCallback[]>();
  const waiters = new Map<string, () => void>();
  const server = createServer((req, res) => {
    // Prefixed, not resolved against a base: a path such as '//x' must stay a path.
    const url = new URL(`http://receiver.invalid${req.url ?? '/'}`);
    const probe = url.pathname.split('/')[2] ?? '';
    const list = received.get(probe) ?? [];
    list.push({ method: req.method ?? '', path: url.pathname, query: url.search.slice(1), receivedAt: Date.now() });
    received.set(probe, list);
    waiters.get(probe)?.();
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    urlFor: (probe) => `${url}/callback/${encodeURIComponent(probe)}?probe=${encodeURIComponent(probe)}`,
    async waitFor(probe, timeoutMs) {
      if (!received.has(probe)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, timeoutMs);
          function done() {
            clearTimeout(timer);
            waiters.delete(probe);
            resolve();
          }
          waiters.set(probe, done);
        });
      }
      return received.get(probe) ?? [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
