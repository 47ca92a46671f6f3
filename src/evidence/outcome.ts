/**
 * How a run that checks (drift, the contract suite, validate, proxy) ends: 2
 * when it could not do its job (`fatal`, "checked nothing" included), 1 when
 * it found an error, 0 otherwise. The commands exit with it and the HTML
 * report prints it: one rule.
 */
export const RUN_EXIT = { OK: 0, PROBLEM: 1, CANNOT_RUN: 2 } as const;

export function runExitCode(report: { readonly fatal?: string; readonly summary: { readonly errors: number } }) {
  if (report.fatal) return RUN_EXIT.CANNOT_RUN;
  return report.summary.errors > 0 ? RUN_EXIT.PROBLEM : RUN_EXIT.OK;
}

/** What a run came to, in words: why it could not run, how many errors, or what holds (`holds`). */
export function runVerdict(
  report: { readonly fatal?: string; readonly summary: { readonly errors: number } },
  holds: string,
): string {
  if (report.fatal) return `could not run: ${report.fatal}`;
  return report.summary.errors > 0 ? `${report.summary.errors} error(s)` : holds;
}

const MARK = { [RUN_EXIT.OK]: '✅', [RUN_EXIT.PROBLEM]: '❌', [RUN_EXIT.CANNOT_RUN]: '⛔' } as const;

/** The verdict with its mark, for a Markdown heading. */
export function runVerdictMarked(
  report: { readonly fatal?: string; readonly summary: { readonly errors: number } },
  holds: string,
): string {
  return `${MARK[runExitCode(report)]} ${runVerdict(report, holds)}`;
}
