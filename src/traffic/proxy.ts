/**
 * A validating reverse proxy for both upstreams, on loopback: every request
 * is forwarded and every response handed back unchanged (status, headers less
 * the hop-by-hop ones, body bytes, streamed), while a copy of each, up to the
 * body cap, is checked as real traffic. The cap bounds what is validated,
 * never what is forwarded.
 */
import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { DEFAULT_MAX_BODY_BYTES } from '../core/body.js';
import { foldHeaders, observe } from '../core/exchange.js';
import type { Finding } from '../evidence/baseline.js';
import type { TrafficExchange } from '../evidence/recorded.js';
import { TrafficRecorder } from './recorder.js';

export interface ProxyOptions {
  /** The API's real base URL (with its path, e.g. https://api.mediaconnect.no/capi). */
  readonly baseUrl: string;
  /** The real token endpoint. */
  readonly tokenUrl: string;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default a free port */
  readonly port?: number;
  /** @default a free port */
  readonly tokenPort?: number;
  /** How much of each body is kept for validation. @default 1 MiB */
  readonly maxBytes?: number;
  /** Each finding, redacted, as soon as an exchange shows it for the first time. */
  readonly onFinding?: (finding: Finding) => void;
  /** An exchange whose body was over the cap, or whose upstream failed: not validated. */
  readonly onSkipped?: (reason: string) => void;
}

export interface ValidatingProxy {
  /** Where clients send the fulfillment instead: the proxy's origin plus the upstream's base path. */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly recorder: TrafficRecorder;
  close(): Promise<void>;
}

/** RFC 9110 section 7.6.1: headers of one connection, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(raw: readonly string[]): string[] {
  const named = new Set(HOP_BY_HOP);
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]!.toLowerCase() === 'connection')
      for (const n of raw[i + 1]!.split(',')) named.add(n.trim().toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!named.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

/** node:http's raw headers (name, value, name, value, ...) folded as every observation folds them. */
const lowerJoined = (raw: readonly string[]): Record<string, string> =>
  foldHeaders(Array.from({ length: raw.length >> 1 }, (_, i): [string, string] => [raw[2 * i]!, raw[2 * i + 1]!]));

/** Collects up to `cap` bytes of a stream it does not consume; `over` once more went past. */
class Tap {
  readonly chunks: Buffer[] = [];
  size = 0;
  over = false;
  constructor(readonly cap: number) {}
  take(chunk: Buffer) {
    if (this.over) return;
    this.size += chunk.length;
    if (this.size > this.cap) {
      this.over = true;
      this.chunks.length = 0;
    } else this.chunks.push(chunk);
  }
  get bytes() {
    return Buffer.concat(this.chunks);
  }
}

/** The body as text, decoded the way its Content-Encoding says, never inflating past `cap`. */
function decoded(bytes: Buffer, encoding: string | undefined, cap: number): string | undefined {
  const options = { maxOutputLength: cap };
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case '':
      case 'identity':
        return bytes.toString('utf8');
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(bytes, options).toString('utf8');
      case 'deflate':
        return inflateSync(bytes, options).toString('utf8');
      case 'br':
        return brotliDecompressSync(bytes, options).toString('utf8');
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** The exchange as the checks read it, from what the taps kept; undefined when a body cannot be read whole. */
function observation(
  req: IncomingMessage,
  answer: IncomingMessage,
  target: URL,
  sent: Tap,
  received: Tap,
  cap: number,
): TrafficExchange | undefined {
  const responseHeaders = lowerJoined(answer.rawHeaders);
  const body = received.over ? undefined : decoded(received.bytes, responseHeaders['content-encoding'], cap);
  if (sent.over || body === undefined) return undefined;
  return {
    request: {
      method: (req.method ?? 'GET').toUpperCase(),
      url: target.href,
      headers: lowerJoined(req.rawHeaders),
      bodyText: sent.bytes.toString('utf8'),
    },
    response: observe(answer.statusCode ?? 0, responseHeaders, body),
  };
}

export async function startValidatingProxy(options: ProxyOptions): Promise<ValidatingProxy> {
  const host = options.host ?? '127.0.0.1';
  const cap = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const api = new URL(options.baseUrl);
  const token = new URL(options.tokenUrl);
  const servers: Server[] = [];
  const listen = async (port: number | undefined, upstreamOrigin: string): Promise<string> => {
    const server = createServer((req, res) => forward(req, res, upstreamOrigin));
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port ?? 0, host, () => resolve());
    });
    const { port: bound } = server.address() as AddressInfo;
    return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  };
  let proxyBase = '';
  let proxyToken = '';
  const recorder = new TrafficRecorder({ baseUrl: options.baseUrl, tokenUrl: options.tokenUrl });
  let index = 0;

  /** Forwards one request and its answer unchanged, streamed, keeping a copy of each body up to the cap. */
  function forward(req: IncomingMessage, res: ServerResponse, upstreamOrigin: string) {
    const target = new URL(req.url ?? '/', upstreamOrigin);
    const forwarded = endToEnd(req.rawHeaders);
    const outgoing: string[] = [];
    for (let i = 0; i < forwarded.length; i += 2)
      if (forwarded[i]!.toLowerCase() !== 'host') outgoing.push(forwarded[i]!, forwarded[i + 1]!);
    outgoing.push('host', target.host);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const requestTap = new Tap(cap);
    const upstream = send(target, { method: req.method, headers: outgoing });
    req.on('data', (chunk: Buffer) => requestTap.take(chunk));
    req.pipe(upstream);
    // The client went away before its answer was complete: nothing is waiting for the upstream any more.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      options.onSkipped?.(`${req.method} ${target.pathname}: the upstream failed (${error.code ?? error.message})`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway\n');
      else res.destroy();
    });
    upstream.on('response', (answer) => {
      const responseTap = new Tap(cap);
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
      answer.on('data', (chunk: Buffer) => responseTap.take(chunk));
      answer.pipe(res);
      answer.on('end', () => record(req, answer, target, requestTap, responseTap));
    });
  }

  /** What passed through, checked as traffic; or said why it was not (over the cap, an unknown encoding). */
  function record(req: IncomingMessage, answer: IncomingMessage, target: URL, sent: Tap, received: Tap) {
    const n = index++;
    const exchange = observation(req, answer, target, sent, received, cap);
    if (!exchange) {
      recorder.unreadable();
      options.onSkipped?.(
        `${req.method} ${target.pathname}: a body over the ${cap}-byte validation cap, or in an unknown encoding; forwarded, not checked`,
      );
      return;
    }
    for (const finding of recorder.add(n, exchange)) options.onFinding?.(finding);
  }

  try {
    proxyBase = `${await listen(options.port, api.origin)}${api.pathname.replace(/\/+$/, '')}`;
    proxyToken = `${await listen(options.tokenPort, token.origin)}${token.pathname}${token.search}`;
  } catch (error) {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    throw error;
  }
  return {
    baseUrl: proxyBase,
    tokenUrl: proxyToken,
    recorder,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
