/** The breaking-change report in every output format of the command. */
import { renderJUnit } from '../contract/report/junit.js';
import type { Format } from '../contract/report/formats.js';
import { RULES, type Change } from './rules.js';
import type { TypeIncompatibility } from './types-check.js';
import { summarize } from './index.js';

export interface DiffResult {
  readonly old: string;
  readonly new: string;
  readonly changes: readonly Change[];
  readonly types?: readonly TypeIncompatibility[];
}

const ICON = { breaking: '✗', warning: '!', info: '·' } as const;
const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');

export function diffJson(result: DiffResult) {
  return {
    schemaVersion: 1,
    command: 'diff',
    old: result.old,
    new: result.new,
    summary: { ...summarize(result.changes), ...(result.types ? { typeIncompatibilities: result.types.length } : {}) },
    changes: result.changes,
    ...(result.types ? { types: result.types } : {}),
  };
}

export function renderDiff(result: DiffResult, format: Format): string {
  const s = summarize(result.changes);
  const verdict = `${s.breaking} breaking, ${s.warning} warnings, ${s.info} info${result.types ? `, ${result.types.length} type incompatibilities` : ''}`;
  switch (format) {
    case 'json':
      return `${JSON.stringify(diffJson(result), null, 2)}\n`;
    case 'markdown':
      return [
        `## Spec diff: ${s.breaking > 0 || (result.types?.length ?? 0) > 0 ? '❌' : '✅'} ${verdict}`,
        '',
        `\`${result.old}\` → \`${result.new}\``,
        '',
        ...(result.changes.length
          ? [
              '| level | rule | location | change |',
              '| --- | --- | --- | --- |',
              ...result.changes.map(
                (c) => `| ${c.level} | \`${c.id}\` | \`${escapeCell(c.location)}\` | ${escapeCell(c.message)} |`,
              ),
              '',
            ]
          : []),
        ...(result.types?.length
          ? [
              '### TypeScript incompatibilities',
              '',
              ...result.types.map(
                (t) =>
                  `- **${t.direction}** \`${t.location}\`\n\n  \`\`\`\n  ${t.message.replace(/\n/g, '\n  ')}\n  \`\`\``,
              ),
              '',
            ]
          : []),
      ].join('\n');
    case 'junit':
      return renderJUnit('connect-fulfillment diff', [
        {
          name: 'rules',
          cases: Object.keys(RULES).map((id) => {
            const hits = result.changes.filter((c) => c.id === id && c.level === 'breaking');
            return {
              name: id,
              classname: 'diff',
              ...(hits.length
                ? {
                    failure: {
                      message: `${hits.length} breaking change(s)`,
                      body: hits.map((c) => `${c.location}: ${c.message}`).join('\n'),
                    },
                  }
                : {}),
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
      ]);
    case 'text':
      return [
        `${result.old} → ${result.new}`,
        '',
        ...result.changes.map(
          (c) => `  ${ICON[c.level]} ${c.level.padEnd(8)} ${c.id}\n      ${c.location}: ${c.message}`,
        ),
        ...(result.types ?? []).map(
          (t) => `  ✗ types    ${t.direction} ${t.location}\n      ${t.message.replace(/\n/g, '\n      ')}`,
        ),
        '',
        verdict,
        '',
      ].join('\n');
  }
}
