/**
 * What a run saw of what the spec documents: each documented status, response
 * header, callback value and response example, observed how many times. A
 * drift run that never saw a 429 has said nothing about 429s; the report says
 * so instead of implying the contract held there.
 */
import { examples, type OperationContract } from '../../generated/contract.js';
import type { ObservedResponse } from '../core/exchange.js';
import { CALLBACK_STATUS_PARAM, COMPLETE_ORDER, REQUEST_TOKEN } from '../core/spec.js';

export interface CoverageItem {
  readonly operation: string;
  /** `status 429`, `header retry-after on 429`, `callback fulfillmentStatus=success`, `example ok (200)`. */
  readonly item: string;
  readonly observed: number;
}

export interface Coverage {
  readonly items: readonly CoverageItem[];
  readonly observed: number;
  readonly documented: number;
}

const OPERATIONS: readonly OperationContract[] = [REQUEST_TOKEN, COMPLETE_ORDER];

/** A response example and the values that tell it apart: nulls, booleans, and code-like strings (`OK`, `invalid_token`). */
const EXAMPLES = examples.flatMap((e) => {
  const m = /^#\/paths\/([^/]+)\/(\w+)\/responses\/(\w+)\/content\/[^/]+\/examples\/([^/]+)$/.exec(e.pointer);
  if (!m || typeof e.value !== 'object' || e.value === null) return [];
  const path = m[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
  const operation = OPERATIONS.find((o) => o.path === path && o.method.toLowerCase() === m[2]!.toLowerCase());
  if (!operation) return [];
  const marks = Object.entries(e.value).filter(
    ([, v]) => v === null || typeof v === 'boolean' || (typeof v === 'string' && /^[A-Za-z_]+$/.test(v)),
  );
  return [{ operation: operation.operationId, status: m[3]!, name: m[4]!, marks }];
});

export class CoverageTracker {
  readonly #counts = new Map<string, number>();

  #bump(key: string) {
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** One response of `operation`. */
  response(operation: OperationContract, response: ObservedResponse): void {
    const status = String(response.status);
    this.#bump(`${operation.operationId}\nstatus ${status}`);
    for (const name of Object.keys(response.headers))
      this.#bump(`${operation.operationId}\nheader ${name} on ${status}`);
    const body = response.json?.value;
    if (body && typeof body === 'object')
      for (const example of EXAMPLES)
        if (
          example.operation === operation.operationId &&
          example.status === status &&
          example.marks.every(([k, v]) => (body as Record<string, unknown>)[k] === v)
        )
          this.#bump(`${operation.operationId}\nexample ${example.name} (${status})`);
  }

  /** One callback Connect sent, with its fulfillmentStatus values. */
  callback(query: string): void {
    for (const value of new URLSearchParams(query).getAll(CALLBACK_STATUS_PARAM.name))
      this.#bump(`fulfillmentCallback\ncallback ${CALLBACK_STATUS_PARAM.name}=${value}`);
  }

  result(): Coverage {
    const documented: [string, string][] = [];
    for (const op of OPERATIONS) {
      for (const r of op.responses) {
        documented.push([op.operationId, `status ${r.status}`]);
        for (const h of r.headers) documented.push([op.operationId, `header ${h.name} on ${r.status}`]);
      }
    }
    for (const e of EXAMPLES) documented.push([e.operation, `example ${e.name} (${e.status})`]);
    for (const v of CALLBACK_STATUS_PARAM.values)
      documented.push(['fulfillmentCallback', `callback ${CALLBACK_STATUS_PARAM.name}=${v}`]);
    const items = documented.map(([operation, item]) => ({
      operation,
      item,
      observed: this.#counts.get(`${operation}\n${item}`) ?? 0,
    }));
    return { items, observed: items.filter((i) => i.observed > 0).length, documented: items.length };
  }
}
