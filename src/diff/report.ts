/** The breaking-change report in every output format of the command. */
import { relative } from 'node:path';
import { mdCell, mdCode } from '../core/markdown.js';
import { printable, safeJson } from '../core/sanitize.js';
import { renderJUnit } from '../core/junit.js';
import { byOperation, renderHtml } from '../core/html.js';
import type { LoadedSpec } from './load.js';
import type { LineFinder } from './positions.js';
import { type Change, type Level, RULE_IDS } from './rules.js';
import { summarize } from './summary.js';
import type { TypeIncompatibility } from './types-check.js';

import type { DiffFormat } from './formats.js';

export { DIFF_FORMATS, type DiffFormat } from './formats.js';

export interface DiffResult {
  readonly old: string;
  readonly new: string;
  readonly changes: readonly Change[];
  readonly types?: readonly TypeIncompatibility[];
  /** What the comparison did not judge though it differs (`notCompared`): shown in every format. */
  readonly notes?: readonly string[];
  /** The new version as loaded, for the lines of annotations. */
  readonly newSpec?: LoadedSpec;
  /** The level from which the run fails. @default 'breaking' */
  readonly failOn?: Level;
  /**
   * Where an element of the new version stands, for `--format github`'s
   * annotations (`lineFinder` of positions.ts, which reads each file again
   * with js-yaml's listener: only a github run needs it). @default every change at line 1
   */
  readonly findLine?: LineFinder;
}

/** Whether the result fails the run: a change at or above `failOn`, or a type incompatibility. */
export function fails(result: DiffResult): boolean {
  const summary = summarize(result.changes);
  const failOn = result.failOn ?? 'breaking';
  return summary.breaking > 0 || (failOn === 'warning' && summary.warning > 0) || (result.types?.length ?? 0) > 0;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const ICON = { breaking: '✗', warning: '!', info: '·' } as const;

function verdict(result: DiffResult): string {
  const summary = summarize(result.changes);
  const types = result.types ? `, ${count(result.types.length, 'type incompatibility', 'type incompatibilities')}` : '';
  return `${summary.breaking} breaking, ${count(summary.warning, 'warning', 'warnings')}, ${summary.info} info${types}`;
}

/** `, and 4 more` when a shared change is met at more places than are listed. */
const more = (also: NonNullable<Change['alsoAt']>) =>
  also.total > also.places.length ? `, and ${also.total - also.places.length} more` : '';

/** One line's worth: how many other places a shared change affects. */
const alsoAtNote = (c: Change) =>
  c.alsoAt ? ` (also at ${c.alsoAt.total} other place${c.alsoAt.total === 1 ? '' : 's'})` : '';

function diffJson(result: DiffResult) {
  return {
    schemaVersion: 1,
    command: 'diff',
    old: result.old,
    new: result.new,
    failOn: result.failOn ?? 'breaking',
    summary: { ...summarize(result.changes), ...(result.types ? { typeIncompatibilities: result.types.length } : {}) },
    changes: result.changes.map(({ id, level, location, message, alsoAt }) => ({
      id,
      level,
      location,
      message,
      ...(alsoAt ? { alsoAt } : {}),
    })),
    ...(result.types ? { types: result.types } : {}),
    notCompared: result.notes ?? [],
  };
}

function text(result: DiffResult): string {
  return [
    `${printable(result.old)} → ${printable(result.new)}`,
    '',
    ...result.changes.map(
      (c) =>
        `  ${ICON[c.level]} ${c.level.padEnd(8)} ${c.id}\n      ${printable(c.location)}: ${printable(c.message)}` +
        (c.alsoAt ? `\n      also at ${c.alsoAt.places.map((p) => printable(p)).join('; ')}${more(c.alsoAt)}` : ''),
    ),
    ...(result.types ?? []).map(
      (t) =>
        `  ✗ types    ${t.direction} ${printable(t.location)}\n      ${t.message
          .split('\n')
          .map((l) => printable(l))
          .join('\n      ')}`,
    ),
    ...(result.notes ?? []).map((note) => `  ? not compared: ${printable(note)}`),
    '',
    verdict(result),
    '',
  ].join('\n');
}

function markdown(result: DiffResult): string {
  return [
    `## Spec diff: ${fails(result) ? '❌' : '✅'} ${verdict(result)}`,
    '',
    `${mdCode(result.old)} → ${mdCode(result.new)}`,
    '',
    ...(result.changes.length
      ? [
          '| level | rule | location | change |',
          '| --- | --- | --- | --- |',
          ...result.changes.map(
            (c) =>
              `| ${c.level} | ${mdCode(c.id)} | ${mdCode(c.location)} | ${mdCell(`${c.message}${alsoAtNote(c)}`)} |`,
          ),
          '',
        ]
      : []),
    ...(result.types?.length
      ? [
          '### TypeScript incompatibilities',
          '',
          ...result.types.map((t) => `- **${t.direction}** ${mdCode(t.location)}: ${mdCell(t.message)}`),
          '',
        ]
      : []),
    ...(result.notes?.length ? ['### Not compared', '', ...result.notes.map((note) => `- ${mdCell(note)}`), ''] : []),
  ].join('\n');
}

function junit(result: DiffResult): string {
  return renderJUnit('connect-fulfillment diff', [
    {
      name: 'rules',
      cases: RULE_IDS.map((id) => {
        const hits = result.changes.filter((c) => c.id === id && c.level === 'breaking');
        const body = hits.map((c) => `${c.location}: ${c.message}${alsoAtNote(c)}`).join('\n');
        return {
          name: id,
          classname: 'diff',
          ...(hits.length ? { failure: { message: `${hits.length} breaking change(s)`, body } } : {}),
        };
      }),
    },
    ...(result.types
      ? [
          {
            name: 'types',
            cases:
              result.types.length === 0
                ? [{ name: 'old code compiles against new types', classname: 'types' }]
                : result.types.map((t) => ({
                    name: t.location,
                    classname: 'types',
                    failure: { message: `${t.direction} type incompatibility`, body: t.message },
                  })),
          },
        ]
      : []),
    ...(result.notes?.length
      ? [
          {
            name: 'not compared',
            cases: result.notes.map((note) => ({ name: 'webhooks', classname: 'diff', skipped: note })),
          },
        ]
      : []),
  ]);
}

/** GitHub workflow commands escape their data and, more strictly, their properties. */
const ghData = (s: string) => printable(s, 1_000).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProperty = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: an error per breaking change and a warning per warning, at the changed line of the new file. */
function github(result: DiffResult): string {
  const findLine = result.findLine ?? (() => 1);
  const lines = result.changes
    .filter((c) => c.level !== 'info')
    .map((c) => {
      const file = c.anchor && result.newSpec?.files.get(c.anchor.file);
      const local = file && !/^https?:|^[^/:]+:/.test(file.key) ? relative(process.cwd(), file.key) : undefined;
      const where =
        local !== undefined && c.anchor ? `file=${ghProperty(local)},line=${findLine(file!.text, c.anchor.path)},` : '';
      return `::${c.level === 'breaking' ? 'error' : 'warning'} ${where}title=${ghProperty(c.id)}::${ghData(`${c.location}: ${c.message}${alsoAtNote(c)}`)}`;
    });
  const types = (result.types ?? []).map(
    (t) => `::error title=${ghProperty(`types ${t.direction}`)}::${ghData(`${t.location}: ${t.message}`)}`,
  );
  const notes = (result.notes ?? []).map((note) => `::notice title=not compared::${ghData(note)}`);
  return [...lines, ...types, ...notes, verdict(result), ''].join('\n');
}

export function renderDiff(result: DiffResult, format: DiffFormat): string {
  switch (format) {
    case 'json':
      return `${safeJson(diffJson(result), 2)}\n`;
    case 'markdown':
      return markdown(result);
    case 'junit':
      return junit(result);
    case 'github':
      return github(result);
    case 'text':
      return text(result);
    case 'html':
      return html(result);
  }
}

/**
 * One self-contained page (core/html.ts): the verdict and exit code on top,
 * the changes grouped by level and by operation (the start of each location),
 * the places a shared change also affects folded under it.
 */
function html(result: DiffResult): string {
  const failing = fails(result);
  const failOn = result.failOn ?? 'breaking';
  const operationOf = (c: { location: string }) => c.location.split(' › ')[0] ?? c.location;
  const groups = (['breaking', 'warning', 'info'] as const).map((level) => ({
    severity: level,
    failing: level === 'breaking' || (level === 'warning' && failOn === 'warning'),
    operations: byOperation(
      result.changes.filter((c) => c.level === level),
      operationOf,
    ).map((g) => ({
      operation: g.operation,
      findings: g.items.map((c) => ({
        title: c.id,
        message: c.message,
        facts: [['location', c.location] as const],
        evidence: c.alsoAt
          ? [
              {
                label: `Also at ${count(c.alsoAt.total, 'other place', 'other places')}`,
                text: `${c.alsoAt.places.join('\n')}${more(c.alsoAt)}`,
              },
            ]
          : [],
      })),
    })),
  }));
  const types = (result.types ?? []).map((t) => ({
    title: `types ${t.direction}`,
    message: t.message,
    facts: [['location', t.location] as const],
  }));
  return renderHtml({
    title: 'Breaking changes',
    verdict: { ok: !failing, text: verdict(result), exitCode: failing ? 1 : 0 },
    facts: [
      ['old', result.old],
      ['new', result.new],
      ['fails on', failOn],
    ],
    groups: [
      ...groups,
      ...(types.length > 0
        ? [
            {
              severity: 'type incompatibility',
              failing: true,
              operations: [{ operation: 'generated types', findings: types }],
            },
          ]
        : []),
    ],
    ...(result.notes ? { notes: result.notes } : {}),
  });
}
