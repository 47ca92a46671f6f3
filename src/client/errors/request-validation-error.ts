import { ConnectFulfillmentError } from './base.js';

/** One broken rule of the input: the field and the rule it breaks. */
export interface InputViolation {
  readonly field: string;
  readonly rule: string;
}

/** The input to a call breaks a rule; thrown before any network I/O, so nothing was sent. */
export class RequestValidationError extends ConnectFulfillmentError {
  override readonly name = 'RequestValidationError' as const;
  /** Every broken rule, not only the first. */
  readonly violations: readonly InputViolation[];
  /** The first violation's field, e.g. `callbackUrl`. */
  readonly field: string;
  /** The first violation's rule, e.g. `must use http or https`. */
  readonly rule: string;

  constructor(options: { violations: readonly InputViolation[]; orderId?: number | undefined }) {
    const { violations } = options;
    super(`Invalid input: ${violations.map((v) => `${v.field} ${v.rule}`).join('; ')}`, options);
    this.violations = violations;
    this.field = violations[0]?.field ?? '';
    this.rule = violations[0]?.rule ?? '';
  }
}
