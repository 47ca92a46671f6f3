/**
 * Runs a probe set against a target and collects every diagnostic of every
 * check; nothing stops at the first failure. The contract suite and the drift
 * command both report from what this returns.
 */
import { type OperationContract, specs } from '../../generated/contract.js';
import { DEFAULT_MAX_BODY_BYTES } from '../core/body.js';
import { startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { type BaselineEntry, countFindings, type Finding, toFinding } from '../evidence/baseline.js';
import { type Coverage, CoverageTracker } from '../evidence/coverage.js';
import { TrafficSecrets } from '../evidence/secrets.js';
import { runChecks } from '../core/checks/response.js';
import { announcementsOnce } from '../core/checks/lifecycle.js';
import type { Exchange, ObservedRequest, ObservedResponse } from '../core/exchange.js';
import {
  answeredByPrism,
  callbackQueryLimitation,
  MOCK_STALL_MS,
  sendsUnparsableJson,
  stallLimitation,
} from './mock-limitations.js';
import { probesFor, type Probe } from './probes.js';
import { sendProbe, type SendContext } from './send.js';
import type { ContractTarget, TargetKind } from './target.js';
import { DEFAULT_TIMEOUT_MS } from '../core/signals.js';

export interface ProbeResult {
  readonly name: string;
  readonly title: string;
  readonly operationId: string;
  readonly sideEffects: boolean;
  readonly status?: number;
  /** Ids of the checks that ran (those without diagnostics passed). */
  readonly checks: readonly string[];
  readonly diagnostics: readonly Finding[];
  /** The exchange, as evidence: redacted like every text of the report (the credentials it was sent with included). */
  readonly exchange?: { readonly request: ObservedRequest; readonly response?: ObservedResponse };
  readonly skipped?: string;
  readonly durationMs: number;
}

export interface ContractReport {
  readonly target: TargetKind;
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly probes: readonly ProbeResult[];
  /** Every finding of every probe, with its operation and fingerprint. */
  readonly findings: readonly Finding[];
  /** What of the documented statuses, headers, callback values and examples the run observed. */
  readonly coverage: Coverage;
  readonly summary: {
    readonly probes: number;
    readonly skipped: number;
    readonly errors: number;
    readonly warnings: number;
    /** Findings a baseline knows: reported, never failing the run. */
    readonly known: number;
  };
  /** Known findings (in the baseline) that this run did not see. */
  readonly disappeared?: readonly BaselineEntry[];
  /** Why the run could not do its job (upstream unreachable, credentials refused); the CLI exits 2 on it. */
  readonly fatal?: string;
}

export interface RunOptions {
  readonly probes?: readonly Probe[];
  readonly fetch?: typeof globalThis.fetch;
  /** @default 10000 */
  readonly timeoutMs?: number;
  /** The cap on each response body, after decompression. @default 1048576 (1 MiB) */
  readonly maxBytes?: number;
  /** How long to wait for a callback after a 200. @default 2000 */
  readonly callbackWaitMs?: number;
  /** Called as each probe finishes, for progress output. */
  readonly onProbe?: (result: ProbeResult) => void;
}

const operations: readonly OperationContract[] = Object.values(specs).flatMap(
  (s): readonly OperationContract[] => s.operations,
);
const operationOf = (probe: Probe) => operations.find((o) => o.operationId === probe.operationId)!;

/** The check id of a probe whose request got no response at all. */
export const TRANSPORT = 'transport';
export { MOCK_LIMITATION, MOCK_STALL } from './mock-limitations.js';

/** The result for reports, and (kept out of them) the observed response, which may hold a token. */
interface Ran {
  readonly result: ProbeResult;
  readonly observed?: ObservedResponse;
  readonly callbacks?: readonly { readonly query: string }[] | undefined;
}

async function runProbe(
  probe: Probe,
  context: SendContext,
  receiver: CallbackReceiver | undefined,
  options: RunOptions,
  prism = context.target.kind === 'mock',
): Promise<Ran> {
  const started = performance.now();
  const base = { name: probe.name, title: probe.title, operationId: probe.operationId, sideEffects: probe.sideEffects };
  if (probe.skip) return { result: { ...base, checks: [], diagnostics: [], skipped: probe.skip, durationMs: 0 } };
  if (probe.auth === 'bearer' && !context.accessToken)
    return {
      result: { ...base, checks: [], diagnostics: [], skipped: 'no access token could be obtained', durationMs: 0 },
    };
  const callbackUrl = probe.callback ? receiver?.urlFor(probe.name) : undefined;
  const sent = await sendProbe(probe, { ...context, callbackUrl });
  if ('error' in sent) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      check: TRANSPORT,
      title: 'Request failed',
      location: 'request',
      message: sent.error,
      probe: probe.name,
    };
    return {
      result: {
        ...base,
        checks: [TRANSPORT],
        diagnostics: [toFinding(diagnostic, probe.operationId)],
        exchange: { request: sent.request },
        durationMs: performance.now() - started,
      },
    };
  }
  const callbacks =
    callbackUrl && receiver && sent.observed.status === 200
      ? await receiver.waitFor(probe.name, options.callbackWaitMs ?? 2_000)
      : undefined;
  const exchange: Exchange = {
    operation: operationOf(probe),
    request: sent.request,
    response: sent.observed,
    probe: probe.name,
    ...(callbacks ? { callbacks } : {}),
  };
  let diagnostics = runChecks(probe.checks, exchange);
  if (prism) diagnostics = callbackQueryLimitation(diagnostics, exchange);
  return {
    observed: sent.observed,
    callbacks,
    result: {
      ...base,
      status: sent.observed.status,
      checks: probe.checks.map((c) => c.id),
      diagnostics: diagnostics.map((d) => toFinding(d, probe.operationId)),
      exchange: { request: sent.request, response: sent.observed },
      durationMs: performance.now() - started,
    },
  };
}

/**
 * Runs every probe and reports: the probes run in order (`runProbes`), each
 * result collected with what it covered (`Collector`), the whole redacted once
 * (`redacted`), then reported (`report`). Findings are neither judged nor
 * baselined here: the end every run shares does that (`endOfRun`).
 */
export async function runContract(target: ContractTarget, options: RunOptions = {}): Promise<ContractReport> {
  const startedAt = new Date();
  const started = performance.now();
  const probes = options.probes ?? probesFor(target);
  const receiver = probes.some((p) => p.callback && !p.skip) ? await startCallbackReceiver() : undefined;
  const context: SendContext = {
    target,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BODY_BYTES,
    accessToken: undefined,
    callbackUrl: undefined,
  };
  const collector = new Collector(probes, options.onProbe);
  try {
    const { accessToken, refused } = await runProbes(probes, context, receiver, options, collector);
    const results = redacted(target, accessToken, collector.results);
    return report(target, startedAt, performance.now() - started, probes, results, refused, collector.coverage());
  } finally {
    await receiver?.close();
  }
}

/** Each probe's result as it finishes, with what its response and callbacks covered; told to `onProbe`. */
class Collector {
  readonly results: ProbeResult[] = [];
  readonly #coverage = new CoverageTracker();
  constructor(
    private readonly probes: readonly Probe[],
    private readonly onProbe: ((result: ProbeResult) => void) | undefined,
  ) {}

  readonly finish = (ran: Ran): ProbeResult => {
    const { result } = ran;
    this.results.push(result);
    if (ran.observed)
      this.#coverage.response(operationOf(this.probes.find((p) => p.name === result.name)!), ran.observed);
    for (const callback of ran.callbacks ?? []) this.#coverage.callback(callback.query);
    this.onProbe?.(result);
    return result;
  };

  coverage(): Coverage {
    return this.#coverage.result();
  }
}

/**
 * The order probes run in: the token probe first (its token authenticates
 * the rest), then a few at a time (quick against the mock, gentle with a live
 * API), and bodies that do not parse last (by then an answer has shown
 * whether the upstream is a Prism, which may leave them unanswered).
 */
async function runProbes(
  probes: readonly Probe[],
  context: SendContext,
  receiver: CallbackReceiver | undefined,
  options: RunOptions,
  collector: Collector,
): Promise<{ readonly accessToken: string | undefined; readonly refused: string | undefined }> {
  const issuing = probes.find((p) => p.name === 'token-issued');
  const { accessToken, refused } = issuing
    ? await issueToken(issuing, context, receiver, options, collector.finish)
    : { accessToken: undefined, refused: undefined };
  const withToken = { ...context, accessToken };
  const rest = probes.filter((p) => p !== issuing);
  const stalling = rest.filter(sendsUnparsableJson);
  const first = rest.filter((p) => !stalling.includes(p));
  for (let i = 0; i < first.length; i += 4) {
    await Promise.all(
      first.slice(i, i + 4).map(async (p) => collector.finish(await runProbe(p, withToken, receiver, options))),
    );
  }
  const prism = context.target.kind === 'mock' || collector.results.some((r) => answeredByPrism(r.exchange?.response));
  for (const p of stalling)
    collector.finish(
      prism ? await runStalling(p, withToken, receiver, options) : await runProbe(p, withToken, receiver, options),
    );
  return { accessToken, refused };
}

/**
 * The one redaction of the run: no secret it was given, issued or shown (the
 * token, the secret, a credential a server echoed) reaches the report, in a
 * finding or in the evidence.
 */
function redacted(
  target: ContractTarget,
  accessToken: string | undefined,
  results: readonly ProbeResult[],
): ProbeResult[] {
  const secrets = new TrafficSecrets({ ...target, tokens: accessToken ? [accessToken] : [] });
  for (const r of results) if (r.exchange) secrets.learn(r.exchange.request, r.exchange.response);
  return results.map((r) => ({
    ...r,
    diagnostics: r.diagnostics.map((d) => secrets.finding(d)),
    ...(r.exchange ? { exchange: secrets.exchange(r.exchange) } : {}),
  }));
}

/** A probe a Prism may leave unanswered: a short time limit, and no answer is a finding of the mock. */
async function runStalling(
  probe: Probe,
  context: SendContext,
  receiver: CallbackReceiver | undefined,
  options: RunOptions,
): Promise<Ran> {
  const ran = await runProbe(probe, { ...context, timeoutMs: MOCK_STALL_MS }, receiver, options, true);
  return { ...ran, result: { ...ran.result, diagnostics: stallLimitation(ran.result.diagnostics, TRANSPORT) } };
}

/**
 * Runs the token probe and keeps its token for the other probes. A refusal of
 * the credentials (400/401) means the run cannot do its job; a token response
 * that breaks its spec is drift, reported like any other.
 */
async function issueToken(
  probe: Probe,
  context: SendContext,
  receiver: CallbackReceiver | undefined,
  options: RunOptions,
  finish: (r: Ran) => ProbeResult,
) {
  const ran = await runProbe(probe, context, receiver, options);
  const { result, observed } = ran;
  finish(ran);
  const refused =
    result.status === 400 || result.status === 401
      ? `the token endpoint refused the credentials (HTTP ${result.status})`
      : undefined;
  if (result.status !== 200 || result.diagnostics.some((d) => d.severity === 'error'))
    return { accessToken: undefined, refused };
  const token = (observed?.json?.value as { access_token?: unknown } | undefined)?.access_token;
  return { accessToken: typeof token === 'string' ? token : undefined, refused };
}

/**
 * A token the API refuses on every probe that carried it means the run tested
 * nothing behind authentication: it could not do its job. (On the mock, 401 is
 * asked for on purpose.)
 */
function tokenRefused(probes: readonly Probe[], ordered: readonly ProbeResult[]): string | undefined {
  const carried = ordered.filter((r, i) => probes[i]!.auth === 'bearer' && r.status !== undefined);
  if (carried.length === 0 || !carried.every((r) => r.status === 401 || r.status === 403)) return undefined;
  return carried.some((r) => r.status === 403)
    ? 'the API refused the issued token for lacking a scope (HTTP 403) on every authenticated probe: ask for the scope it needs with --scope or CONNECT_SCOPE'
    : 'the API refused the freshly issued token (HTTP 401) on every authenticated probe';
}

/** An announcement of deprecation or sunset is one fact of a run: reported at the first probe that showed it. */
function onceEachAnnouncement(results: ProbeResult[]): ProbeResult[] {
  const fresh = announcementsOnce();
  return results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => fresh(d, d.fingerprint)) }));
}

function report(
  target: ContractTarget,
  startedAt: Date,
  durationMs: number,
  probes: readonly Probe[],
  results: ProbeResult[],
  refused: string | undefined,
  coverage: Coverage,
): ContractReport {
  const ordered = onceEachAnnouncement(probes.map((p) => results.find((r) => r.name === p.name)!));
  const findings = ordered.flatMap((r) => r.diagnostics);
  const ran = ordered.filter((r) => !r.skipped);
  const unreachable = ran.length > 0 && ran.every((r) => r.diagnostics.some((d) => d.check === TRANSPORT));
  const fatal = unreachable
    ? `the upstream could not be reached (${ran[0]!.diagnostics[0]!.message})`
    : (refused ?? (target.kind === 'live' ? tokenRefused(probes, ordered) : undefined));
  return {
    target: target.kind,
    baseUrl: target.baseUrl,
    tokenUrl: target.tokenUrl,
    startedAt: startedAt.toISOString(),
    durationMs,
    probes: ordered,
    findings,
    coverage,
    summary: { probes: ordered.length, skipped: ordered.length - ran.length, ...countFindings(findings) },
    ...(fatal ? { fatal } : {}),
  };
}
