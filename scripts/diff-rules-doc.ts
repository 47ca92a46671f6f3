/**
 * `npm run docs:rules`: writes the rule table of docs/diff-rules.md from
 * RULES, between its two markers; the prose around it is written by hand.
 * A test fails while the table differs from RULES.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, type RuleId } from '../src/diff/rules.js';
import { ROOT } from './generate.js';

export const BEGIN = '<!-- rules:begin (npm run docs:rules writes this table from src/diff/rules.ts) -->';
export const END = '<!-- rules:end -->';

/** One row per rule: id, level, reason. */
export function renderRulesTable(): string {
  const rows = (Object.entries(RULES) as [RuleId, readonly [string, string]][])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, [level, reason]]) => `| \`${id}\` | ${level} | ${reason} |`);
  return [
    BEGIN,
    '',
    `${rows.length} rules.`,
    '',
    '| rule | level | why |',
    '| --- | --- | --- |',
    ...rows,
    '',
    END,
  ].join('\n');
}

/** The document with its table replaced by the current one. */
export async function renderRulesDoc(
  file = join(ROOT, 'docs/diff-rules.md'),
): Promise<{ current: string; expected: string }> {
  const current = await readFile(file, 'utf8');
  const [before, rest] = current.split(BEGIN) as [string, string | undefined];
  const after = rest?.split(END)[1] ?? '\n';
  return { current, expected: `${before}${renderRulesTable()}${after}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = join(ROOT, 'docs/diff-rules.md');
  const { expected } = await renderRulesDoc(file);
  await writeFile(file, expected);
  process.stderr.write(`wrote the rule table of ${file}\n`);
}
