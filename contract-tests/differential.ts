/**
 * Differential testing of request validation: fast-check generates bodies from
 * the request schema, valid and deliberately invalid; each is judged by our
 * generated validator and by the server (Prism, or any upstream), and every
 * disagreement is reported with its body.
 */
import fc from 'fast-check';
import { completeOrderRequestBody } from '../generated/validators.js';

export interface DifferentialCase {
  readonly body: unknown;
  readonly ours: 'accept' | 'reject';
  readonly theirs: 'accept' | 'reject' | `unexpected ${number}` | `failed ${string}`;
}
export interface DifferentialResult {
  readonly cases: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly disagreements: readonly DifferentialCase[];
  readonly durationMs: number;
  /** The seed the bodies were drawn with: `seed` (or DIFFERENTIAL_SEED) replays the run. */
  readonly seed: number;
}

export interface DifferentialOptions {
  readonly baseUrl: string;
  readonly accessToken: string;
  /** Every http(s) callbackUrl is pointed here, so that a server that fires callbacks only ever calls loopback. */
  readonly callbackBase: string;
  /** @default 300 */
  readonly runs?: number;
  readonly seed?: number;
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number;
  readonly fetch?: typeof globalThis.fetch;
}

/** Bodies the spec accepts: orderId a positive int64 integer, callbackUrl an absolute URI. */
export const validBody = (callbackBase: string) =>
  fc.record(
    {
      orderId: fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(1, Number.MAX_SAFE_INTEGER)),
      callbackUrl: fc.oneof(
        fc.webPath().map((path) => `${callbackBase}${path}`),
        fc.webQueryParameters().map((q) => `${callbackBase}/cb?${encodeURI(q)}`),
        fc.constantFrom('urn:isbn:0451450523', 'mailto:shop@example.com', 'tag:example.com,2026:cb'),
      ),
    },
    { requiredKeys: ['orderId'] },
  );

/** Bodies the spec forbids, one rule broken at a time, plus shapes of any kind. */
export const invalidBody = (callbackBase: string) =>
  fc.oneof(
    fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.string(), fc.array(fc.jsonValue(), { maxLength: 3 })),
    fc.record({ callbackUrl: fc.webPath().map((p) => `${callbackBase}${p}`) }, { requiredKeys: [] }),
    fc.record({
      orderId: fc.oneof(
        fc.string(),
        fc.double().filter((n) => !Number.isInteger(n)),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.integer(), { maxLength: 2 }),
        fc.object({ maxDepth: 1 }),
        fc.integer({ max: 0 }),
        fc.constantFrom(0, -1, Number.MIN_SAFE_INTEGER),
      ),
    }),
    fc.record({
      orderId: fc.integer({ min: 1 }),
      callbackUrl: fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.webPath().filter((p) => p.length > 0),
        fc.constantFrom('not a uri', 'http://exa mple.com/', '://missing-scheme', ''),
      ),
    }),
  );

/** Any http(s) URL that is not the loopback callback base is pointed at it: generated data must never make a server call out. */
export function confineCallbacks(body: unknown, callbackBase: string): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const url = (body as { callbackUrl?: unknown }).callbackUrl;
  if (typeof url !== 'string' || !/^\s*(https?:)?\/\//i.test(url) || url.startsWith(`${callbackBase}/`)) return body;
  return { ...body, callbackUrl: `${callbackBase}/confined` };
}

async function verdict(
  body: unknown,
  options: DifferentialOptions,
  retried = false,
): Promise<DifferentialCase['theirs']> {
  try {
    const response = await (options.fetch ?? fetch)(`${options.baseUrl}/v1/client/order/fulfillment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.accessToken}` },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    if (response.status >= 200 && response.status < 300) return 'accept';
    if (response.status >= 400 && response.status < 500) return 'reject';
    return `unexpected ${response.status}`;
  } catch (error) {
    // No answer is no verdict: a connection the mock dropped is tried once more before it counts.
    if (!retried) return verdict(body, options, true);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `failed ${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
  }
}

export async function runDifferential(options: DifferentialOptions): Promise<DifferentialResult> {
  const runs = options.runs ?? 300;
  const arbitrary = fc
    .oneof(validBody(options.callbackBase), invalidBody(options.callbackBase))
    .map((b) => confineCallbacks(b, options.callbackBase));
  // A seed is always chosen, so that any run, failed or not, can be replayed.
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const bodies = fc.sample(arbitrary, { numRuns: runs, seed });
  const started = performance.now();
  const cases: DifferentialCase[] = new Array(bodies.length);
  // A pool of workers, each taking the next body as soon as its last answer is in: batches with a barrier
  // would wait on the slowest answer of every batch and leave the server idle meanwhile.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const body = bodies[i];
      const ours = completeOrderRequestBody(body) ? 'accept' : 'reject';
      cases[i] = { body, ours, theirs: await verdict(body, options) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, bodies.length) }, worker));
  return {
    cases: cases.length,
    accepted: cases.filter((c) => c.ours === 'accept').length,
    rejected: cases.filter((c) => c.ours === 'reject').length,
    disagreements: cases.filter((c) => c.ours !== c.theirs),
    durationMs: performance.now() - started,
    seed,
  };
}
