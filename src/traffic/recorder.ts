/**
 * A run over real traffic (a HAR file, or what passes through the proxy):
 * every exchange classified and checked, findings counted once per
 * fingerprint with the first exchange that showed them kept as evidence,
 * coverage tracked, and every credential the traffic carried learned so that
 * no report, log line or evidence file ever shows it.
 */
import { type BaselineEntry, countFindings, type Finding, toFinding } from '../evidence/baseline.js';
import { type Coverage, CoverageTracker } from '../evidence/coverage.js';
import type { TrafficEndpoints, TrafficExchange } from '../evidence/recorded.js';
import { TrafficSecrets } from '../evidence/secrets.js';
import { checkTraffic, classify, type TrafficKind } from './checks.js';

/** Distinct findings kept per run; beyond, only counted. */
const MAX_FINDINGS = 10_000;
/** Exchanges kept as evidence: the first for each fingerprint, up to this many. */
const MAX_EVIDENCE = 500;
/** Origins of other traffic counted by name; beyond, counted in the total only. */
const MAX_OTHER_ORIGINS = 20;

export { TrafficSecrets };

export interface TrafficEvidence {
  readonly index: number;
  readonly exchange: TrafficExchange;
  readonly fingerprints: readonly string[];
}

export interface TrafficReport {
  readonly command: 'validate' | 'proxy';
  /** The HAR file, or the upstreams the proxy fronted. */
  readonly source: string;
  readonly endpoints: TrafficEndpoints;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly entries: {
    readonly total: number;
    readonly checked: Readonly<Record<TrafficKind, number>>;
    /** Entries of no operation of this contract, unreadable ones, and requests that got no response. */
    readonly skipped: { readonly otherTraffic: number; readonly unreadable: number; readonly noResponse: number };
    /** The origins of the other traffic, with how many entries went to each (the first `MAX_OTHER_ORIGINS`). */
    readonly otherOrigins: Readonly<Record<string, number>>;
  };
  readonly findings: readonly Finding[];
  /** Known findings (in the baseline) that this run did not see. */
  readonly disappeared: readonly BaselineEntry[];
  /** Findings beyond the kept maximum, counted only. */
  readonly droppedFindings: number;
  readonly coverage: Coverage;
  readonly evidence: readonly TrafficEvidence[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly known: number };
  /** Why the run could not do its job (the file is not a HAR); exit 2. */
  readonly fatal?: string;
}

/**
 * A run that checked no exchange is no pass: why, with the origins it saw and
 * how to point it at them. Undefined when anything was checked.
 */
export function checkedNothing(report: TrafficReport): string | undefined {
  const { total, checked, otherOrigins } = report.entries;
  if (checked.token + checked.fulfillment + checked.callback > 0) return undefined;
  if (total === 0)
    return report.command === 'proxy'
      ? 'checked nothing: no request went through the proxy'
      : 'checked nothing: the file has no entries';
  const seen = Object.entries(otherOrigins)
    .sort((a, b) => b[1] - a[1])
    .map(([origin, count]) => `${origin} (${count})`);
  const what = report.command === 'proxy' ? 'requests' : 'entries';
  return `checked nothing: none of the ${total} ${what} went to the API at ${report.endpoints.baseUrl} or the token endpoint ${report.endpoints.tokenUrl}${
    seen.length > 0 ? `; the ${what} went to ${seen.join(', ')}` : ''
  }: name where the traffic went with --base-url and --token-url`;
}

export class TrafficRecorder {
  readonly #endpoints: TrafficEndpoints;
  readonly #secrets: TrafficSecrets;
  readonly #coverage = new CoverageTracker();
  readonly #findings = new Map<string, Finding>();
  readonly #evidence: TrafficEvidence[] = [];
  readonly #startedAt = new Date();
  readonly #started = performance.now();
  #dropped = 0;
  #total = 0;
  readonly #checked: Record<TrafficKind, number> = { token: 0, fulfillment: 0, callback: 0 };
  readonly #skipped = { otherTraffic: 0, unreadable: 0, noResponse: 0 };
  readonly #otherOrigins = new Map<string, number>();

  constructor(endpoints: TrafficEndpoints, secrets = new TrafficSecrets()) {
    this.#endpoints = endpoints;
    this.#secrets = secrets;
  }

  get secrets(): TrafficSecrets {
    return this.#secrets;
  }

  /** An entry that could not be read as an exchange. */
  unreadable(): void {
    this.#total++;
    this.#skipped.unreadable++;
  }

  /**
   * Checks one exchange; returns the findings it showed that no earlier
   * exchange had, redacted with what is known so far (the proxy tells them at
   * once; the report redacts anew). Each step is one job, below.
   */
  add(index: number, exchange: TrafficExchange): Finding[] {
    this.#total++;
    this.#secrets.learn(exchange.request, exchange.response);
    const matched = classify(exchange.request, this.#endpoints);
    if (!matched) {
      this.#otherTraffic(exchange.request.url);
      return [];
    }
    if (!exchange.response && matched.kind !== 'callback') {
      this.#skipped.noResponse++;
      return [];
    }
    this.#cover(matched, exchange);
    const diagnostics = checkTraffic(matched.kind, matched.operation, exchange);
    const fresh = this.#remember(
      index,
      diagnostics.map((d) => toFinding(d, matched.operation.operationId)),
    );
    this.#keepEvidence(index, exchange, fresh);
    return fresh.map((f) => this.#secrets.finding(f));
  }

  /** An exchange of no operation of this contract: counted, its origin named (the first few). */
  #otherTraffic(url: string): void {
    this.#skipped.otherTraffic++;
    const origin = new URL(url).origin;
    const seen = this.#otherOrigins.get(origin);
    if (seen !== undefined || this.#otherOrigins.size < MAX_OTHER_ORIGINS)
      this.#otherOrigins.set(origin, (seen ?? 0) + 1);
  }

  /** What the exchange covered of the documented statuses, headers and callback values. */
  #cover(matched: NonNullable<ReturnType<typeof classify>>, exchange: TrafficExchange): void {
    this.#checked[matched.kind]++;
    if (matched.kind === 'callback') this.#coverage.callback(new URL(exchange.request.url).search.slice(1));
    else if (exchange.response) this.#coverage.response(matched.operation, exchange.response);
  }

  /** Each finding counted once per fingerprint, the first kept (up to `MAX_FINDINGS`); returns the new ones. */
  #remember(index: number, findings: readonly Finding[]): Finding[] {
    const fresh: Finding[] = [];
    for (const finding of findings) {
      const seen = this.#findings.get(finding.fingerprint);
      if (seen) {
        this.#findings.set(finding.fingerprint, { ...seen, count: (seen.count ?? 1) + 1 });
        continue;
      }
      if (this.#findings.size >= MAX_FINDINGS) {
        this.#dropped++;
        continue;
      }
      const first = { ...finding, count: 1, probe: `entry ${index}` };
      this.#findings.set(finding.fingerprint, first);
      fresh.push(first);
    }
    return fresh;
  }

  /** The exchange kept as evidence of the findings it showed first (up to `MAX_EVIDENCE`). */
  #keepEvidence(index: number, exchange: TrafficExchange, fresh: readonly Finding[]): void {
    if (fresh.length > 0 && this.#evidence.length < MAX_EVIDENCE)
      this.#evidence.push({ index, exchange, fingerprints: fresh.map((f) => f.fingerprint) });
  }

  /**
   * The run's report, redacted once with every credential the traffic
   * carried: every finding, every exchange kept as evidence. Its findings are
   * neither judged nor baselined: the end every run shares (`endOfRun`) does
   * that, in one order for drift and traffic alike.
   */
  report(command: TrafficReport['command'], source: string): TrafficReport {
    const findings = [...this.#findings.values()].map((f) => this.#secrets.finding(f));
    return {
      command,
      source,
      endpoints: this.#endpoints,
      startedAt: this.#startedAt.toISOString(),
      durationMs: performance.now() - this.#started,
      entries: {
        total: this.#total,
        checked: { ...this.#checked },
        skipped: { ...this.#skipped },
        otherOrigins: Object.fromEntries(this.#otherOrigins),
      },
      findings,
      disappeared: [],
      droppedFindings: this.#dropped,
      coverage: this.#coverage.result(),
      evidence: this.#evidence.map((e) => ({ ...e, exchange: this.#secrets.exchange(e.exchange) })),
      summary: countFindings(findings),
    };
  }
}
