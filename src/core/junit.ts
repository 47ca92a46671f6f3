/** JUnit XML, the format every CI system reads: one test suite per group, one test case per check. */
export interface JUnitCase {
  readonly name: string;
  readonly classname: string;
  readonly failure?: { readonly message: string; readonly body: string };
  readonly skipped?: string;
  /** What passed with a remark (warnings), as the case's system-out. */
  readonly output?: string;
  readonly timeMs?: number;
}
export interface JUnitSuite {
  readonly name: string;
  readonly cases: readonly JUnitCase[];
}

const xml = (text: string): string =>
  text
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Control characters are not allowed in XML 1.0.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function renderJUnit(name: string, suites: readonly JUnitSuite[]): string {
  const count = (pick: (c: JUnitCase) => boolean) => suites.reduce((n, s) => n + s.cases.filter(pick).length, 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(name)}" tests="${count(() => true)}" failures="${count((c) => !!c.failure)}" skipped="${count((c) => !!c.skipped)}">`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${xml(suite.name)}" tests="${suite.cases.length}" failures="${suite.cases.filter((c) => c.failure).length}" skipped="${suite.cases.filter((c) => c.skipped).length}">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" time="${((c.timeMs ?? 0) / 1000).toFixed(3)}"`;
      if (c.failure)
        lines.push(
          `${open}>`,
          `      <failure message="${xml(c.failure.message)}">${xml(c.failure.body)}</failure>`,
          '    </testcase>',
        );
      else if (c.skipped) lines.push(`${open}>`, `      <skipped message="${xml(c.skipped)}"/>`, '    </testcase>');
      else if (c.output) lines.push(`${open}>`, `      <system-out>${xml(c.output)}</system-out>`, '    </testcase>');
      else lines.push(`${open}/>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
