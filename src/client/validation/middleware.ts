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
import { observeResponse, type ObservedResponse } from '../../contract/exchange.js';

export interface ValidatedResponse { readonly observed: ObservedResponse; readonly diagnostics: readonly Diagnostic[] }

const validated = new WeakMap<Response, ValidatedResponse>();

/** The observation and error diagnostics of a response that passed through the validation middleware. */
export const responseDiagnostics = (response: Response): ValidatedResponse | undefined => validated.get(response);

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function validationMiddleware(operation: OperationContract): Middleware {
  return {
    async onResponse({ response }) {
      const observed = await observeResponse(response);
      const diagnostics = runChecks(clientResponseChecks, { operation, response: observed }).filter((d) => d.severity === 'error');
      // The body was read; hand on an equal response so that openapi-fetch can read it too.
      const body = observed.bodyText === '' || NULL_BODY_STATUSES.has(response.status) ? null : observed.bodyText;
      const replaced = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      validated.set(replaced, { observed, diagnostics });
      return replaced;
    },
  };
}
