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
