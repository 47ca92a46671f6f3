/**
 * One self-contained HTML page for any report (`--format html`): `diff`,
 * `drift`, the contract suite, `validate` and `proxy` each say what they found
 * in this shape, and this module writes it. The page runs no script at all:
 * its policy (`default-src 'none'`) allows nothing but its own stylesheet, by
 * hash, so a finding that carries `<script>`, an `onerror=` or a `javascript:`
 * URL is text on the page and nothing else. Every text is escaped here, once,
 * whatever its origin (server bodies, header values, spec descriptions).
 *
 * Laid out for people triaging: the verdict and exit code on top; findings
 * grouped by severity, then by operation, each with its evidence folded under
 * it; the coverage as a table. Headings in order, table headers scoped, and
 * colours that keep 4.5:1 contrast, for screen readers and for print.
 */
import { printable } from './sanitize.js';

export interface HtmlFinding {
  /** What the finding says, in a line: a title or a rule id. */
  readonly title: string;
  readonly message: string;
  /** Labelled facts shown beside it: check, location, status, count, fingerprint. */
  readonly facts?: readonly (readonly [string, string])[];
  /** Evidence, folded: a curl line, a response, a list of other places. */
  readonly evidence?: readonly { readonly label: string; readonly text: string }[];
  /** A baseline knows it: shown, marked, never failing. */
  readonly known?: boolean;
}

export interface HtmlGroup {
  /** The severity, as the report names it (`error`, `breaking`, `warning`, `info`). */
  readonly severity: string;
  /** Whether findings of this severity fail the run. */
  readonly failing: boolean;
  /** By operation (or path, or "(document)"), in the order given. */
  readonly operations: readonly { readonly operation: string; readonly findings: readonly HtmlFinding[] }[];
}

export interface HtmlTable {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface HtmlReport {
  /** The page's title and first heading: `Drift report`, `Breaking changes`. */
  readonly title: string;
  readonly verdict: { readonly ok: boolean; readonly text: string; readonly exitCode: number };
  /** What was checked: source, target, counts, when. */
  readonly facts: readonly (readonly [string, string])[];
  readonly groups: readonly HtmlGroup[];
  readonly tables?: readonly HtmlTable[];
  /** Lines below everything: what the run could not do, what disappeared since the baseline. */
  readonly notes?: readonly string[];
}

/** Text for an HTML text node or a quoted attribute: every character that could open markup, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'`]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!,
  );
}

/** One line of untrusted text: control characters gone, bounded, escaped. */
const line = (text: string, max = 2_000) => escapeHtml(printable(text, max));
/** A block of untrusted text (evidence): newlines kept, other control characters gone, bounded, escaped. */
const block = (text: string, max = 20_000) =>
  escapeHtml(
    text
      .slice(0, max)
      .split('\n')
      .map((l) => printable(l, max))
      .join('\n'),
  ) + (text.length > max ? `\n… (${text.length - max} more characters)` : '');

/** Colours with at least 4.5:1 contrast on white (WCAG AA) and on their own backgrounds. */
const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #fff; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.verdict { padding: .75rem 1rem; border-radius: 6px; font-weight: 600; border: 2px solid; }
.verdict.ok { background: #dafbe1; color: #0f5323; border-color: #1a7f37; }
.verdict.fail { background: #ffebe9; color: #82071e; border-color: #cf222e; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; color: #424a53; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.finding { border: 1px solid #d0d7de; border-left: 4px solid #57606a; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; }
.finding.failing { border-left-color: #cf222e; }
.finding .title { font-weight: 600; }
.finding .known { font-weight: 400; color: #57606a; }
.finding p { margin: .25rem 0; overflow-wrap: anywhere; }
.finding dl { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .25rem 0; font-size: .9rem; color: #424a53; }
.finding dl div { display: flex; gap: .35rem; }
.finding dt { font-weight: 600; }
.finding dd { margin: 0; overflow-wrap: anywhere; }
details { margin: .35rem 0; }
summary { cursor: pointer; color: #0a3069; }
pre { background: #f6f8fa; color: #1b1f24; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .75rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; margin-bottom: .25rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
.none { color: #57606a; }
@media print { body { max-width: none; padding: 0; } details > pre { display: block; } .finding { break-inside: avoid; } }
`;

/**
 * SHA-256 of STYLE, written out: hashing it as the module loads took
 * node:crypto (7–11 ms) into every process that can write a report, the diff
 * worker's start among them. test/core/html.test.ts holds it to the stylesheet.
 */
const STYLE_HASH = "'sha256-AitNO9PPPfsf3uVXSnbeJViMepKF9IgPC45HPALyj4Q='";
/** Nothing runs, nothing loads: only this page's own stylesheet, named by its hash. */
export const REPORT_POLICY = `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'`;

function renderFinding(finding: HtmlFinding, failing: boolean): string {
  const facts = (finding.facts ?? [])
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `<div><dt>${line(label)}</dt><dd>${line(value)}</dd></div>`)
    .join('');
  const evidence = (finding.evidence ?? [])
    .filter((e) => e.text !== '')
    .map((e) => `<details><summary>${line(e.label)}</summary><pre>${block(e.text)}</pre></details>`)
    .join('\n');
  const known = finding.known ? ' <span class="known">(known: in the baseline, not failing)</span>' : '';
  return `<article class="finding${failing && !finding.known ? ' failing' : ''}">
<p class="title">${line(finding.title, 500)}${known}</p>
<p>${line(finding.message, 4_000)}</p>
${facts ? `<dl>${facts}</dl>` : ''}
${evidence}
</article>`;
}

function renderTable(table: HtmlTable): string {
  const head = table.headers.map((h) => `<th scope="col">${line(h)}</th>`).join('');
  const rows = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${line(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table>
<caption>${line(table.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows || `<tr><td colspan="${table.headers.length}" class="none">none</td></tr>`}
</tbody>
</table>`;
}

/** The page, whole: `<!DOCTYPE html>` to `</html>`, with nothing that runs or loads. */
export function renderHtml(report: HtmlReport): string {
  const total = report.groups.reduce((n, g) => n + g.operations.reduce((m, o) => m + o.findings.length, 0), 0);
  const facts = report.facts.map(([label, value]) => `<dt>${line(label)}</dt><dd>${line(value)}</dd>`).join('\n');
  const groups = report.groups
    .filter((g) => g.operations.some((o) => o.findings.length > 0))
    .map((g) => {
      const count = g.operations.reduce((n, o) => n + o.findings.length, 0);
      const operations = g.operations
        .filter((o) => o.findings.length > 0)
        .map(
          (o) =>
            `<section>\n<h3>${line(o.operation)}</h3>\n${o.findings.map((f) => renderFinding(f, g.failing)).join('\n')}\n</section>`,
        )
        .join('\n');
      return `<section>\n<h2>${line(g.severity)} (${count})</h2>\n${operations}\n</section>`;
    })
    .join('\n');
  const notes = (report.notes ?? []).map((n) => `<p>${line(n, 4_000)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${line(report.title)}: ${line(report.verdict.text)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${line(report.title)}</h1>
<p class="verdict ${report.verdict.ok ? 'ok' : 'fail'}" role="status">${line(report.verdict.text)} · exit code ${report.verdict.exitCode}</p>
<dl class="facts">
${facts}
</dl>
${total === 0 ? '<h2>Findings (0)</h2>\n<p class="none">No findings.</p>' : `<h2>Findings (${total})</h2>\n${groups}`}
${(report.tables ?? []).map(renderTable).join('\n')}
${notes}
</main>
</body>
</html>
`;
}

/** Findings grouped by operation, first seen first. */
export function byOperation<T>(
  items: readonly T[],
  operationOf: (item: T) => string,
): { operation: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = operationOf(item);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups].map(([operation, list]) => ({ operation, items: list }));
}
