/**
 * The validation concern as openapi-fetch middleware: every response is read
 * once and checked against the spec with the generated validators (status,
 * content type, body schema). The findings travel with the response; the
 * client turns them into ContractViolationError, and users of the low-level
 * client read them with `responseDiagnostics`.
 */
import type { Middleware } from 'openapi-fetch';
import type { OperationContract } from '../../../generated/contract.js';
import { clientResponseChecks, runChecks } from '../../contract/checks/response.js';
import type { Diagnostic } from '../../contract/diagnostic.js';
import { checkedHeaders, observeResponse, type ObservedResponse } from '../../contract/exchange.js';

export interface ValidatedResponse {
  readonly observed: ObservedResponse;
  readonly diagnostics: readonly Diagnostic[];
}

const validated = new WeakMap<Response, ValidatedResponse>();

/** The observation and error diagnostics of a response that passed through the validation middleware. */
export const responseDiagnostics = (response: Response): ValidatedResponse | undefined => validated.get(response);

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const headerNames = new WeakMap<OperationContract, string[]>();

async function validate(operation: OperationContract, response: Response): Promise<ValidatedResponse> {
  let names = headerNames.get(operation);
  if (!names) {
    names = checkedHeaders(operation);
    headerNames.set(operation, names);
  }
  const observed = await observeResponse(response, names);
  return {
    observed,
    diagnostics: runChecks(clientResponseChecks, { operation, response: observed }).filter(
      (d) => d.severity === 'error',
    ),
  };
}

/** An equal response whose body can still be read, since validating read the original's. */
function rewrap(response: Response, observed: ObservedResponse, init: { headers?: Headers } = {}): Response {
  const body = observed.bodyText === '' || NULL_BODY_STATUSES.has(response.status) ? null : observed.bodyText;
  return new Response(body, { status: response.status, statusText: response.statusText, ...init });
}

/** For the low-level client: every response validated, re-wrapped so that openapi-fetch reads it as usual. */
export function validationMiddleware(operation: OperationContract): Middleware {
  return {
    async onResponse({ response }) {
      const result = await validate(operation, response);
      const replaced = rewrap(response, result.observed, { headers: response.headers });
      validated.set(replaced, result);
      return replaced;
    },
  };
}

/**
 * For one completeOrder call: the result goes to `record`, read by the call
 * itself. A 2xx is handed on as it is: the call asks openapi-fetch for a
 * stream it never reads, so re-wrapping it would only cost a web stream. Any
 * other status gets an empty stand-in, since openapi-fetch reads error bodies.
 */
export function callValidationMiddleware(
  operation: OperationContract,
  record: (result: ValidatedResponse) => void,
): Middleware {
  return {
    async onResponse({ response }) {
      const result = await validate(operation, response);
      record(result);
      return response.ok ? undefined : new Response(null, { status: response.status, statusText: response.statusText });
    },
  };
}
