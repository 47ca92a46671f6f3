/**
 * A contract finding: a typed value with a human title, a message and
 * structured fields, in the manner of Prism's validator and Schemathesis'
 * checks. Checks return these; nothing in src/contract throws on a violation.
 */
import type { Lifecycle } from './lifecycle.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  /** The check that produced it, e.g. `status_code_conformance`. */
  readonly check: string;
  /** A short human title, e.g. "Undocumented HTTP status code". */
  readonly title: string;
  /** Where: `response.status`, `response.body.orderId`, `spec#/paths/...`. */
  readonly location: string;
  /** What was observed against what is documented. */
  readonly message: string;
  /** The HTTP status observed, when there was a response. */
  readonly status?: number;
  /** The probe that produced the response, when there was one. */
  readonly probe?: string;
  /** What a response announced of its operation's end (`lifecycle_announcement`): dates and links, parsed. */
  readonly lifecycle?: Lifecycle;
}

/** Converts an ajv instance path (`/orderId/0`) to a dotted location under `base` (`response.body.orderId[0]`). */
export function locationOf(base: string, instancePath: string): string {
  if (!instancePath) return base;
  return instancePath
    .split('/')
    .slice(1)
    .reduce((at, raw) => {
      const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(part)
        ? `${at}[${part}]`
        : /^[A-Za-z_$][\w$]*$/.test(part)
          ? `${at}.${part}`
          : `${at}[${JSON.stringify(part)}]`;
    }, base);
}

/**
 * The rule an ajv error broke, for a message: its keyword, plus the spec
 * pointer (`#/components/schemas/...`) when the error's schema path maps to
 * one. Paths relative to an inlined schema do not, and are not shown as if
 * they were pointers into the spec.
 */
export function ruleOf(error: { keyword: string; schemaPath: string }): string {
  const prefix = /^https:\/\/connect-fulfillment\.invalid\/[^/]+\/(?:lenient|strict)\.json#\/\$defs\//;
  return prefix.test(error.schemaPath) ? error.schemaPath.replace(prefix, '#/components/schemas/') : error.keyword;
}
