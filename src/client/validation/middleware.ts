/**
 * Every response read once, with the body cap, before openapi-fetch reads it
 * (it reads an error body whole, whatever its size): openapi-fetch gets a
 * response that hands the text out again, and `observedOf` gives the reading
 * back, so that checks run on it without a second read. `responseDiagnostics`
 * checks a response that `client.raw` returned.
 */
import type { Middleware } from 'openapi-fetch';
import type { OperationContract } from '../../../generated/contract.js';
import { allResponseChecks, clientResponseChecks, runChecks, type Check } from '../../core/checks/response.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { checkedHeaders, type ObservedResponse, observeResponse, observeResponseBytes } from '../../core/exchange.js';

export interface ValidatedResponse {
  readonly observed: ObservedResponse;
  /** The error diagnostics: each one a way the response breaks the spec. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every diagnostic, warnings included: only when the client reports them (`onDiagnostics`). */
  readonly all: readonly Diagnostic[];
}

/**
 * The response as the middleware read it: status and headers of the original,
 * and its body, already read (once, under the cap), handed out again as text
 * or JSON without a second stream. openapi-fetch reads every response it
 * returns; a new Response(text) would build a web stream per call to carry
 * bytes already in memory. Read for `parseAs: 'blob' | 'arrayBuffer' |
 * 'stream'`, it also carries the bytes as sent, so `blob()`, `arrayBuffer()`
 * and `body` give what bare openapi-fetch gives.
 */
class ReadResponse extends Response {
  readonly #original: Response;
  readonly observed: ObservedResponse;
  readonly #operation: OperationContract;
  readonly #checks: readonly Check[];

  constructor(
    original: Response,
    observed: ObservedResponse,
    operation: OperationContract,
    checks: readonly Check[],
    bytes?: Uint8Array,
  ) {
    // A body that openapi-fetch is not told to read as text or JSON is given as the bytes themselves;
    // a null-body status (204, 205, 304) may carry none, the Response constructor refuses one.
    const noBody = [101, 204, 205, 304].includes(original.status);
    super(bytes && !noBody ? (bytes as Uint8Array<ArrayBuffer>) : null, {
      status: original.status,
      statusText: original.statusText,
    });
    this.#original = original;
    this.observed = observed;
    this.#operation = operation;
    this.#checks = checks;
  }

  override get headers(): Headers {
    return this.#original.headers;
  }

  override get url(): string {
    return this.#original.url;
  }

  override text(): Promise<string> {
    return Promise.resolve(this.observed.bodyText);
  }

  override async json(): Promise<unknown> {
    return JSON.parse(this.observed.bodyText);
  }

  check(): ValidatedResponse {
    return checkedResponse(this.#checks, this.#operation, this.observed);
  }
}

/** A reading's findings: every one, and the errors among them. */
export function checkedResponse(
  checks: readonly Check[],
  operation: OperationContract,
  observed: ObservedResponse,
): ValidatedResponse {
  const all = runChecks(checks, { operation, response: observed });
  return { observed, diagnostics: all.filter((d) => d.severity === 'error'), all };
}

/** The reading of a response that passed through the client's middleware; undefined for any other. */
export const observedOf = (response: Response): ObservedResponse | undefined =>
  response instanceof ReadResponse ? response.observed : undefined;

/** The findings of a response that `client.raw` returned; undefined for a response the client did not read. */
export const responseDiagnostics = (response: Response): ValidatedResponse | undefined =>
  response instanceof ReadResponse ? response.check() : undefined;

/** The ways of reading a response that want its bytes as sent, not text decoded from them. */
const BINARY = new Set(['blob', 'arrayBuffer', 'stream']);

/** How a client reads and checks each response: the checks, the reading, and the middleware that reads. */
export interface ResponseReading {
  /** All of them for a client that reports warnings, else those that decide an outcome. */
  readonly checks: readonly Check[];
  /** Reads every response before openapi-fetch does; `observedOf` gives the reading back. */
  readonly middleware: Middleware;
  /** The same reading, of a response the client fetched itself (no middleware of the caller's to run). */
  readonly read: (response: Response) => Promise<ObservedResponse>;
}

/**
 * With `everything`, every header is observed (the header and lifecycle
 * checks need them) and every check runs, for a client that reports
 * warnings; otherwise only what the outcome's checks look at.
 */
export function responseReading(operation: OperationContract, maxBytes: number, everything = false): ResponseReading {
  const headerNames = everything ? undefined : checkedHeaders(operation);
  const checks = everything ? allResponseChecks : clientResponseChecks;
  const options = { ...(headerNames ? { headerNames } : {}), maxBytes };
  return {
    checks,
    read: (response) => observeResponse(response, options),
    middleware: {
      async onResponse({ response, options: { parseAs } }) {
        if (BINARY.has(parseAs)) {
          const { observed, bytes } = await observeResponseBytes(response, options);
          return new ReadResponse(response, observed, operation, checks, bytes);
        }
        return new ReadResponse(response, await observeResponse(response, options), operation, checks);
      },
    },
  };
}
