/**
 * Findings (drift, the contract suite, validate, proxy) as the HTML report
 * page (core/html.ts): grouped by severity, then operation, each with the
 * exchange that showed it folded under it (a curl line to replay the request,
 * the response as it came, redacted like every text of the report), and the
 * coverage as a table.
 */
import { byOperation, type HtmlFinding, type HtmlGroup, type HtmlTable, renderHtml } from '../core/html.js';
import type { ObservedRequest, ObservedResponse } from '../core/exchange.js';
import type { BaselineEntry, Finding } from './baseline.js';
import type { Coverage } from './coverage.js';
import { curlOf } from './curl.js';
import { runExitCode, runVerdict } from './outcome.js';

export interface FindingsPage {
  readonly title: string;
  /** What a run without errors says: "the contract holds", "the traffic matches the contract". */
  readonly holds: string;
  readonly fatal?: string;
  readonly summary: { readonly errors: number; readonly warnings: number; readonly known: number };
  readonly facts: readonly (readonly [string, string])[];
  readonly findings: readonly Finding[];
  /** The exchange that showed a finding, when the run kept one. */
  readonly exchangeOf: (finding: Finding) => { request?: ObservedRequest; response?: ObservedResponse } | undefined;
  readonly coverage: Coverage;
  readonly disappeared: readonly BaselineEntry[];
  readonly tables?: readonly HtmlTable[];
  readonly notes?: readonly string[];
  /** Redacts what the evidence shows (the run's credentials). */
  readonly clean: (text: string) => string;
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** A response as it came: status line, headers, body. */
export function responseText(response: ObservedResponse): string {
  const headers = Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`);
  return [`HTTP ${response.status}`, ...headers, '', response.bodyText].join('\n');
}

export function findingsHtml(page: FindingsPage): string {
  const exitCode = runExitCode(page);
  const verdict = runVerdict(page, page.holds);
  const finding = (f: Finding): HtmlFinding => {
    const exchange = page.exchangeOf(f);
    return {
      title: `${f.title} (${f.check})`,
      message: f.message,
      ...(f.known ? { known: true } : {}),
      facts: [
        ['location', f.location],
        ['status', f.status === undefined ? '' : String(f.status)],
        ['seen', f.count && f.count > 1 ? `${f.count} times` : ''],
        ['probe', f.probe ?? ''],
        ['fingerprint', f.fingerprint],
      ],
      evidence: [
        ...(exchange?.request
          ? [{ label: 'Reproduce (curl; set CONNECT_TOKEN first)', text: curlOf(exchange.request, page.clean) }]
          : []),
        ...(exchange?.response ? [{ label: 'The response', text: page.clean(responseText(exchange.response)) }] : []),
      ],
    };
  };
  const groups: HtmlGroup[] = SEVERITIES.map((severity) => ({
    severity,
    failing: severity === 'error',
    operations: byOperation(
      page.findings.filter((f) => f.severity === severity),
      (f) => `${f.operation}${f.status === undefined ? '' : ` ${f.status}`}`,
    ).map((g) => ({ operation: g.operation, findings: g.items.map(finding) })),
  }));
  const coverage: HtmlTable = {
    caption: `Coverage: ${page.coverage.observed} of ${page.coverage.documented} documented statuses, headers, callback values and examples observed`,
    headers: ['operation', 'documented', 'observed'],
    rows: page.coverage.items.map((i) => [i.operation, i.item, i.observed > 0 ? `${i.observed} time(s)` : 'never']),
  };
  const gone: HtmlTable[] =
    page.disappeared.length === 0
      ? []
      : [
          {
            caption: `Gone since the baseline (${page.disappeared.length}): known findings this run did not see`,
            headers: ['fingerprint', 'check', 'operation', 'location', 'title'],
            rows: page.disappeared.map((g) => [
              g.fingerprint,
              g.check,
              `${g.operation} ${g.status ?? '-'}`,
              g.location,
              g.title,
            ]),
          },
        ];
  return renderHtml({
    title: page.title,
    verdict: { ok: exitCode === 0, text: verdict, exitCode },
    facts: [
      ...page.facts,
      [
        'findings',
        `${page.summary.errors} errors, ${page.summary.warnings} warnings${page.summary.known > 0 ? `, ${page.summary.known} known` : ''}`,
      ],
    ],
    groups,
    tables: [...(page.tables ?? []), coverage, ...gone],
    ...(page.notes ? { notes: page.notes } : {}),
  });
}
