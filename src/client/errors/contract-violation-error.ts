import type { Diagnostic } from '../../core/diagnostic.js';
import { ConnectFulfillmentError } from './base.js';

/**
 * A response did not match the spec (undocumented status, wrong content type,
 * body failing its schema). The request may have been applied; the data was
 * rejected because acting on it would be a guess.
 */
export class ContractViolationError extends ConnectFulfillmentError {
  override readonly name = 'ContractViolationError' as const;
  /** The HTTP status of the offending response. */
  readonly status: number;
  /** Which spec was violated: `connect-fulfillment` or `connectid-token`. */
  readonly spec: string;
  /** Every finding, not only the first. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(options: { status: number; spec: string; diagnostics: readonly Diagnostic[]; orderId?: number }) {
    const first = options.diagnostics[0];
    const more = options.diagnostics.length > 1 ? ` (and ${options.diagnostics.length - 1} more)` : '';
    super(
      `Response violates ${options.spec} (HTTP ${options.status}): ${first ? `${first.title} at ${first.location}: ${first.message}` : 'no detail'}${more}`,
      options,
    );
    this.status = options.status;
    this.spec = options.spec;
    this.diagnostics = options.diagnostics;
  }
}
