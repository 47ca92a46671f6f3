/**
 * The validation concern as openapi-fetch middleware: every response is read
 * once, with the body cap, and checked against the spec with the generated
 * validators (status, content type, body schema). openapi-fetch gets an equal
 * response to read in its turn; the findings are kept for that response, and
 * `responseDiagnostics` gives them back.
 */
import type { Middleware } from 'openapi-fetch';
import type { OperationContract } from '../../../generated/contract.js';
import { allResponseChecks, clientResponseChecks, runChecks } from '../../core/checks/response.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { checkedHeaders, type ObservedResponse, observeResponse } from '../../core/exchange.js';

export interface ValidatedResponse {
  readonly observed: ObservedResponse;
  /** The error diagnostics: each one a way the response breaks the spec. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every diagnostic, warnings included: only when the client reports them (`onDiagnostics`). */
  readonly all: readonly Diagnostic[];
}

/** The observation and error diagnostics of a response that passed through the client's validation middleware. */
export const responseDiagnostics = (response: Response): ValidatedResponse | undefined =>
  response instanceof ReadResponse ? response.validated : undefined;

/**
 * The response as the middleware read it: status and headers of the original,
 * and its body, already read (once, under the cap), handed out again as text
 * or JSON without a second stream. openapi-fetch reads every response it
 * returns; a new Response(text) would build a web stream per call to carry
 * bytes already in memory.
 */
class ReadResponse extends Response {
  readonly #original: Response;
  readonly #text: string;
  /** What the middleware found, carried by the response itself (a WeakMap per response taxed every GC). */
  readonly validated: ValidatedResponse;

  constructor(original: Response, text: string, validated: ValidatedResponse) {
    super(null, { status: original.status, statusText: original.statusText });
    this.#original = original;
    this.#text = text;
    this.validated = validated;
  }

  override get headers(): Headers {
    return this.#original.headers;
  }

  override get url(): string {
    return this.#original.url;
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  override async json(): Promise<unknown> {
    return JSON.parse(this.#text);
  }
}

/**
 * With `everything`, every response check runs (headers and undocumented
 * properties too), for a client that reports warnings; otherwise only those
 * whose errors decide the outcome, at no cost for the rest.
 */
export function validationMiddleware(operation: OperationContract, maxBytes: number, everything = false): Middleware {
  const headerNames = everything ? undefined : checkedHeaders(operation);
  const checks = everything ? allResponseChecks : clientResponseChecks;
  return {
    async onResponse({ response }) {
      const observed = await observeResponse(response, { ...(headerNames ? { headerNames } : {}), maxBytes });
      const all = runChecks(checks, { operation, response: observed });
      const diagnostics = all.filter((d) => d.severity === 'error');
      return new ReadResponse(response, observed.bodyText, { observed, diagnostics, all });
    },
  };
}
