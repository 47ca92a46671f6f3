/**
 * Reading a body someone else sent, with a cap. A server can send an endless
 * body, or a small gzip body that inflates to gigabytes; fetch decompresses as
 * it is read, so the cap counts decompressed bytes and is enforced while
 * streaming: reading stops, and the stream is cancelled, the moment it is
 * passed. The cancellation is never awaited: a discarded body must never make
 * the caller wait on the peer.
 */

/** 1 MiB: far above any answer of the fulfillment or token endpoint, far below what hurts. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** A body was larger than the cap: reading stopped there. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError' as const;
  /** The cap, in bytes. */
  readonly limit: number;

  constructor(options: { limit: number; what?: string }) {
    super(`${options.what ?? 'the response body'} is larger than the ${formatBytes(options.limit)} cap`);
    this.limit = options.limit;
  }
}

/** `1 MiB`, `512 KiB`, `100 bytes`: a cap as a person reads it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** Lets go of a body without reading it, and without waiting for the peer to acknowledge. */
function discardBody(body: ReadableStream<Uint8Array> | null | undefined): void {
  body?.cancel().catch(() => undefined);
}

/** Whether the body's length is declared and plain (no content coding): within the cap, or past it. */
function declaredLength(response: Response): number | undefined {
  const declared = response.headers.get('content-length');
  const encoding = response.headers.get('content-encoding');
  const plain = encoding === null || encoding.trim().toLowerCase() === 'identity';
  return plain && declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
}

/**
 * The body's bytes as sent, or BodyTooLargeError once more than `maxBytes`
 * bytes have arrived. An uncompressed body whose Content-Length is within the
 * cap is read in one go: HTTP framing already bounds it.
 */
export async function readBodyBytes(response: Response, maxBytes: number, what?: string): Promise<Uint8Array> {
  const declared = declaredLength(response);
  if (declared !== undefined) {
    if (declared <= maxBytes) return new Uint8Array(await response.arrayBuffer());
    discardBody(response.body);
    throw new BodyTooLargeError({ limit: maxBytes, ...(what ? { what } : {}) });
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError({ limit: maxBytes, ...(what ? { what } : {}) });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** The body as text (UTF-8, as `response.text()` decodes it), under the cap as readBodyBytes reads it. */
export async function readBody(response: Response, maxBytes: number, what?: string): Promise<string> {
  const declared = declaredLength(response);
  // The common case in one call: a declared length within the cap.
  if (declared !== undefined && declared <= maxBytes) return response.text();
  return new TextDecoder().decode(await readBodyBytes(response, maxBytes, what));
}

/** A cap given by a user: a whole number of bytes from 1 to 2^40. The error names the option. */
export function checkByteLimit(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 2 ** 40) {
    throw new TypeError(`${name} must be a whole number of bytes from 1 to 2^40, got ${String(value)}`);
  }
}
