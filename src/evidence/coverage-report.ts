/** The coverage and baseline sections every report shares: what was observed, what was known, what is gone. */
import { mdCell, mdCode } from '../core/markdown.js';
import type { BaselineEntry } from './baseline.js';
import type { Coverage } from './coverage.js';

export function coverageText(coverage: Coverage): string[] {
  const missing = coverage.items.filter((i) => i.observed === 0);
  return [
    `Coverage: ${coverage.observed} of ${coverage.documented} documented statuses, headers, callback values and examples observed`,
    ...(missing.length > 0 ? [`  never observed: ${missing.map((i) => `${i.operation} ${i.item}`).join('; ')}`] : []),
  ];
}

export function coverageMarkdown(coverage: Coverage): string[] {
  return [
    `### Coverage: ${coverage.observed} of ${coverage.documented} observed`,
    '',
    '| operation | documented | observed |',
    '| --- | --- | --- |',
    ...coverage.items.map(
      (i) => `| ${mdCode(i.operation)} | ${mdCell(i.item)} | ${i.observed > 0 ? `✅ ${i.observed}` : '· never'} |`,
    ),
    '',
  ];
}

export const disappearedText = (gone: readonly BaselineEntry[]): string[] =>
  gone.length === 0
    ? []
    : [
        `Gone since the baseline (${gone.length}): these known findings did not occur in this run`,
        ...gone.map(
          (g) => `  - ${g.fingerprint} ${g.check} [${g.operation} ${g.status ?? '-'}] at ${g.location}: ${g.title}`,
        ),
      ];

export const disappearedMarkdown = (gone: readonly BaselineEntry[]): string[] =>
  gone.length === 0
    ? []
    : [
        '### Gone since the baseline',
        '',
        ...gone.map(
          (g) =>
            `- ${mdCode(g.fingerprint)} ${mdCode(g.check)} ${mdCode(`${g.operation} ${g.status ?? '-'}`)} at ${mdCode(g.location)}: ${mdCell(g.title)}`,
        ),
        '',
      ];
