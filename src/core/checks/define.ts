/**
 * How a check is written: `defineCheck(id, run)`. The id is written once, and
 * every diagnostic the check reports carries it, with the exchange's status
 * and probe. What a server sent reaches a message only through `printable`:
 * control characters escaped and the length capped, here, for every check.
 */
import { printable } from '../sanitize.js';
import type { Diagnostic, Severity } from '../diagnostic.js';
import type { Exchange } from '../exchange.js';

/** Every check has this signature: all it finds, never a throw. `id` names it in reports. */
export interface Check {
  (exchange: Exchange): Diagnostic[];
  readonly id: string;
}

/** What a check reports through: a title, where, and what was observed against what is documented. */
export interface Report {
  error(title: string, location: string, message: string, fields?: DiagnosticFields): void;
  warning(title: string, location: string, message: string, fields?: DiagnosticFields): void;
}

/** Structured fields a check may add to what it reports. */
export type DiagnosticFields = Pick<Diagnostic, 'lifecycle'> & { readonly status?: undefined };

export function defineCheck(id: string, run: (exchange: Exchange, report: Report) => void): Check {
  const check = (exchange: Exchange): Diagnostic[] => {
    const found: Diagnostic[] = [];
    const add =
      (severity: Severity) => (title: string, location: string, message: string, fields?: DiagnosticFields) => {
        found.push({
          severity,
          check: id,
          title,
          location: printable(location, 200),
          message: printable(message),
          status: exchange.response.status,
          ...(exchange.probe ? { probe: exchange.probe } : {}),
          ...fields,
        });
      };
    run(exchange, { error: add('error'), warning: add('warning') });
    return found;
  };
  return Object.defineProperties(check, { id: { value: id }, name: { value: id } }) as Check;
}
