import { describe, expect, it } from 'vitest';
import { mdCell, mdCode } from '../../src/core/markdown.js';

describe('Markdown from untrusted text', () => {
  it('a code span cannot be closed from inside: the fence is longer than any run of backticks', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('``x``')).toBe('``` ``x`` ```');
    expect(mdCode('plain')).toBe('`plain`');
  });

  it('a table cell cannot be split, broken across lines, or carry HTML', () => {
    expect(mdCell('a | b')).toBe('a \\| b');
    expect(mdCell('line\nbreak')).toBe('line\\nbreak');
    expect(mdCell('<img src=x onerror=alert(1)> & co')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(mdCode('x|y')).toBe('`x\\|y`');
  });
});
