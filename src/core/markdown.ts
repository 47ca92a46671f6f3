/**
 * Markdown for pull-request comments, built from text a server or a spec
 * supplied: nothing in it may close a code span, split a table cell, start a
 * new line or smuggle in HTML.
 */
import { printable } from './sanitize.js';

/** Text for a table cell: pipes escaped, HTML's angle brackets and ampersands as entities, one line. */
export function mdCell(text: string): string {
  return printable(text, 1_000)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/**
 * A code span that shows `text` literally: fenced with more backticks than its
 * longest run, padded when it starts or ends with one, pipes escaped (GFM
 * splits table cells on them even inside code).
 */
export function mdCode(text: string): string {
  const safe = printable(text, 1_000).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}
