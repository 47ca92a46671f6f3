/**
 * The HTML report page (src/core/html.ts): every text escaped once, whatever
 * it carries, and a page that can run nothing. What a browser makes of it is
 * browser-tests/reports.test.ts; this holds the page's source.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, REPORT_POLICY, renderHtml } from '../../src/core/html.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  '</textarea><iframe src=javascript:alert(1)>',
  '\u001b[31mred\u0007',
];

const OWN_TAGS = [
  'body',
  'main',
  'h1',
  'h2',
  'h3',
  'p',
  'dl',
  'dt',
  'dd',
  'div',
  'section',
  'article',
  'span',
  'details',
  'summary',
  'pre',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'html',
];
const OWN_ATTRIBUTES = ['class', 'role', 'scope', 'colspan'];

const page = (text: string) =>
  renderHtml({
    title: `Report ${text}`,
    verdict: { ok: false, text: `1 error ${text}`, exitCode: 1 },
    facts: [[`source ${text}`, text]],
    groups: [
      {
        severity: 'error',
        failing: true,
        operations: [
          {
            operation: `op ${text}`,
            findings: [
              {
                title: text,
                message: text,
                facts: [['location', text]],
                evidence: [{ label: text, text: `${text}\n${text}` }],
              },
            ],
          },
        ],
      },
    ],
    tables: [{ caption: text, headers: ['h', text], rows: [[text, text]] }],
    notes: [text],
  });

describe('the HTML report page', () => {
  it.each(HOSTILE)('shows %j as text: no tag, attribute or URL of it survives', (text) => {
    const html = page(text);
    const body = html.slice(html.indexOf('<body>'));
    // Every tag in the body is one the page writes, with attributes the page writes: none came from the text.
    const tags = [...body.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
    for (const [, name, attributes] of tags) {
      expect(OWN_TAGS).toContain(name!.toLowerCase());
      for (const [, attribute] of attributes!.matchAll(/\s([^\s=]+)=/g)) expect(OWN_ATTRIBUTES).toContain(attribute);
    }
    // No control character (a terminal escape, a bell) reaches the page.
    expect([...body].filter((c) => c.charCodeAt(0) < 0x20 && c !== '\n').length).toBe(0);
    if (text.startsWith('<script')) expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('runs nothing and loads nothing: one policy, its own stylesheet by hash, no script element', () => {
    const html = page('x');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_POLICY}">`);
    expect(REPORT_POLICY).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    // The hash is the page's own stylesheet's: a browser applies no other.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(REPORT_POLICY).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<html lang="en">/);
  });

  it('puts the verdict and exit code first, headings in order, table headers scoped', () => {
    const html = page('x');
    expect(html.indexOf('exit code 1')).toBeLessThan(html.indexOf('<h2>'));
    const headings = [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
    expect(headings[0]).toBe(1);
    for (let i = 1; i < headings.length; i++) expect(headings[i]! - headings[i - 1]!).toBeLessThanOrEqual(1);
    expect(html).toMatch(/<th scope="col">/);
    expect(html).toMatch(/<caption>/);
  });

  it('escapes the five characters that open markup, and backticks', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
  });
});
