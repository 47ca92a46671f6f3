/**
 * docs/diff-rules.md and the README say what `diff` checks; RULES decides it.
 * These keep the three in step: the table is regenerated from RULES and
 * compared, and the README's count is the table's.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, renderRulesDoc, renderRulesTable } from '../../scripts/diff-rules-doc.js';
import { RULE_IDS, RULES } from '../../src/diff/rules.js';

describe('the rules documentation', () => {
  it('docs/diff-rules.md lists every rule of RULES with its level, and nothing else (npm run docs:rules)', async () => {
    const { current, expected } = await renderRulesDoc();
    expect(current).toBe(expected);
  });

  it('a table missing one rule or with a changed level is caught', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rules-doc-'));
    const table = renderRulesTable();
    const [id, [level]] = Object.entries(RULES)[0]!;
    for (const stale of [
      table.replace(new RegExp(`\\n\\| \`${id}\` [^\\n]*`), ''),
      table.replace(`| \`${id}\` | ${level} |`, `| \`${id}\` | ${level === 'info' ? 'breaking' : 'info'} |`),
    ]) {
      expect(stale).not.toBe(table);
      const file = join(dir, 'rules.md');
      await writeFile(file, `# prose\n\n${stale}\n\nmore prose\n`);
      const { current, expected } = await renderRulesDoc(file);
      expect(current).not.toBe(expected);
      expect(expected).toBe(`# prose\n\n${table}\n\nmore prose\n`);
    }
  });

  it("the README's rule count is the number of rules", async () => {
    const readme = await readFile('README.md', 'utf8');
    expect(readme).toContain(`There are ${RULE_IDS.length} of them`);
    expect(renderRulesTable()).toContain(`${RULE_IDS.length} rules.`);
  });

  it('every level in the table is one of breaking, warning, info, and every reason is a sentence', () => {
    for (const [id, [level, reason]] of Object.entries(RULES)) {
      expect(['breaking', 'warning', 'info'], id).toContain(level);
      expect(reason, id).toMatch(/^[A-Z`].*\.$/);
    }
    expect(renderRulesTable().startsWith(BEGIN) && renderRulesTable().endsWith(END)).toBe(true);
  });
});
