/**
 * The end of every run that checks (drift, validate, proxy), in one order:
 * every finding judged (`--sunset-within`, then `--strict`), the baseline
 * applied, then written and rendered. A run kind says only how its report
 * holds findings and how it is written (`RunKind`); the steps and their order
 * are here, once. The report arrives redacted (the run that made it held the
 * secrets, and redacts each finding with `TrafficSecrets.finding`): nothing
 * here sees a secret.
 */
import { type Baseline, type BaselineEntry, baselineMarker, type Finding } from './baseline.js';
import type { Format } from './formats.js';

/** What the end of a run needs of a report: its findings, its counts, and why it could not run. */
export interface RunReport {
  readonly findings: readonly Finding[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly known: number };
  readonly disappeared?: readonly BaselineEntry[];
  readonly fatal?: string;
}

/** One kind of run's report: how its findings are replaced, how it is written. */
export interface RunKind<R extends RunReport> {
  /** The report with every finding passed through `change` (a finding's place in the report kept), counted anew. */
  readonly mapFindings: (report: R, change: (finding: Finding) => Finding) => R;
  /** The report in a format; `strict` is said in the formats that say it. */
  readonly render: (report: R, format: Format, strict: boolean) => string;
  /** The exchanges behind the findings, as a HAR file. */
  readonly evidence: (report: R, version: string) => string;
}

/** The judged and baselined report: the same steps, in the same order, for every kind. */
export function endOfRun<R extends RunReport>(
  kind: RunKind<R>,
  report: R,
  judge: (finding: Finding) => Finding,
  baseline: Baseline | undefined,
): R {
  const judged = kind.mapFindings(report, judge);
  if (!baseline) return judged;
  const { mark, disappeared } = baselineMarker(judged.findings, baseline);
  return { ...kind.mapFindings(judged, mark), disappeared: [...(judged.disappeared ?? []), ...disappeared] };
}
