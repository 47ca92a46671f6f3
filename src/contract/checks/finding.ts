import type { Diagnostic, Severity } from '../diagnostic.js';
import type { Exchange } from '../exchange.js';

/** Every check has this signature: all it finds, never a throw. */
export type Check = (exchange: Exchange) => Diagnostic[];

/** A diagnostic about an exchange, carrying its status and probe. */
export const finding = (
  exchange: Exchange,
  check: string,
  severity: Severity,
  title: string,
  location: string,
  message: string,
): Diagnostic => ({
  severity,
  check,
  title,
  location,
  message,
  status: exchange.response.status,
  ...(exchange.probe ? { probe: exchange.probe } : {}),
});

/** Gives a check the id its diagnostics carry, as its function name, so that reports can list checks that passed. */
export function named(id: string, check: Check): Check {
  return Object.defineProperty(check, 'name', { value: id });
}
