/**
 * What the Prism mock cannot do, so that against it each is a finding of the
 * mock (a warning named after the defect), never a contract failure. A target
 * is a Prism when the suite started it, or when any answer carries Prism's own
 * `sl-violations` header (as `connect-fulfillment mock` does under `drift`).
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Exchange, ObservedResponse } from '../core/exchange.js';
import { NO_ANSWER } from '../core/failure.js';
import { CALLBACK_STATUS_PARAM } from '../core/spec.js';
import type { Probe } from './probes.js';

/**
 * Prism fires callbacks without the query parameters the spec documents for
 * them (stoplightio/prism#2162). Every query finding of a callback that arrived
 * without its fulfillmentStatus parameter is one.
 */
export const MOCK_LIMITATION = 'Mock limitation (stoplightio/prism#2162)';

/**
 * Prism 5.16 never answers a request whose JSON body it cannot parse: after
 * the parse fails its server waits for the end of a body it has already read
 * (prism-http-server 5.16.0, `parseRequestBody(...).catch`). No upstream issue
 * names it yet. Such a probe is sent last against a Prism, with `MOCK_STALL_MS`
 * to answer in; Prism 5.14 answers it with a 400 in a few milliseconds.
 */
export const MOCK_STALL = 'Mock limitation (Prism 5.16 never answers a body it cannot parse)';

/** How long a Prism gets to answer a body it cannot parse: well under a second, and a hundred times what 5.14 takes. */
export const MOCK_STALL_MS = 500;

/** The header Prism adds to every answer whose request or response broke the spec; no other server sends it. */
const PRISM_HEADER = 'sl-violations';

export const answeredByPrism = (response: ObservedResponse | undefined): boolean =>
  response?.headers[PRISM_HEADER] !== undefined;

/** A probe whose body is declared JSON but does not parse: the one kind Prism 5.16 leaves unanswered. */
export function sendsUnparsableJson(probe: Probe): boolean {
  if (probe.operationId !== 'completeOrder' || probe.rawBody === undefined) return false;
  try {
    JSON.parse(probe.rawBody);
    return false;
  } catch {
    return true;
  }
}

/** Callback query findings of callbacks that arrived without fulfillmentStatus become warnings of the mock. */
export function callbackQueryLimitation(diagnostics: Diagnostic[], exchange: Exchange): Diagnostic[] {
  const bare = new Set(
    (exchange.callbacks ?? []).flatMap((c, i) =>
      new URLSearchParams(c.query).has(CALLBACK_STATUS_PARAM.name) ? [] : [`callback[${i}].query`],
    ),
  );
  return diagnostics.map((d) =>
    d.severity === 'error' && [...bare].some((at) => d.location === at || d.location.startsWith(`${at}.`))
      ? { ...d, severity: 'warning' as const, title: `${MOCK_LIMITATION}: ${d.title}` }
      : d,
  );
}

/**
 * A Prism that left an unparsable body unanswered: that transport finding (no
 * answer in time) becomes a warning of the mock. Any other failure (a refused
 * connection, a reset) stays what it is.
 */
export function stallLimitation<D extends Diagnostic>(diagnostics: readonly D[], transport: string): D[] {
  return diagnostics.map((d) =>
    d.check === transport && d.severity === 'error' && d.message.startsWith(NO_ANSWER)
      ? { ...d, severity: 'warning' as const, title: `${MOCK_STALL}: ${d.title}` }
      : d,
  );
}
