/**
 * The report options drift, validate and proxy share: --format, --out,
 * --strict, --baseline, --update-baseline, --evidence. Parsed and checked in
 * one place, before any I/O; written in one place, after the run.
 */
import { writeFile } from 'node:fs/promises';
import {
  type Baseline,
  BaselineError,
  type Finding,
  promoteWarnings,
  readBaseline,
  writeBaseline,
} from '../evidence/baseline.js';
import type { Format } from '../evidence/formats.js';
import { judgeSunset } from '../core/checks/lifecycle.js';
import { printable } from '../core/sanitize.js';
import { checkedNothing, type TrafficReport } from '../traffic/recorder.js';
import { TRAFFIC_RUN } from '../traffic/report/render.js';
import { endOfRun, type RunKind, type RunReport } from '../evidence/run-end.js';
import { outArg } from './args.js';
import { OPTION, read } from './options.js';
import { emit } from './output.js';
import { UsageError } from './usage.js';
import { runExitCode } from '../evidence/outcome.js';
import { packageVersion } from './version.js';

export interface ReportOptions {
  readonly format: Format;
  readonly strict: boolean;
  readonly out: string | undefined;
  readonly evidence: string | undefined;
  readonly update: string | undefined;
  readonly baseline: Baseline | undefined;
  /** From how many days before an announced sunset it is an error. @default 90 */
  readonly sunsetWithinDays: number;
}

/** Every file checked writable and the baseline read, so that a mistake costs no probe. */
export async function reportOptions(values: {
  readonly format?: string | undefined;
  readonly out?: string | undefined;
  readonly strict?: boolean | undefined;
  readonly baseline?: string | undefined;
  readonly 'update-baseline'?: string | undefined;
  readonly evidence?: string | undefined;
  readonly 'sunset-within'?: string | undefined;
}): Promise<ReportOptions> {
  const format = read(OPTION.format, values);
  const sunsetWithinDays = read(OPTION.sunsetWithin, values);
  const [out, evidence, update] = await Promise.all([
    outArg(values.out),
    outArg(values.evidence),
    outArg(values['update-baseline']),
  ]);
  const baseline =
    values.baseline === undefined
      ? undefined
      : await readBaseline(values.baseline).catch((error: unknown) => {
          if (error instanceof BaselineError) throw new UsageError(error.message);
          throw error;
        });
  return { format, strict: values.strict === true, out, evidence, update, baseline, sunsetWithinDays };
}

/**
 * Writes the baseline and the evidence the options asked for, saying where on
 * stderr. Without `findings` (a run that could not happen knows no finding to
 * be gone) no baseline is written.
 */
export async function writeExtras(
  options: ReportOptions,
  run: { readonly findings?: readonly Finding[]; readonly evidence: () => string },
): Promise<void> {
  const { findings } = run;
  if (options.update && findings) {
    await writeBaseline(options.update, findings);
    process.stderr.write(`baseline of ${findings.length} finding(s) written to ${printable(options.update, 200)}\n`);
  }
  if (options.evidence) {
    await writeFile(options.evidence, run.evidence());
    process.stderr.write(`evidence written to ${printable(options.evidence, 200)}\n`);
  }
}

/** Each finding judged once by what the options ask: --sunset-within, then --strict. */
function judgement(options: ReportOptions): (finding: Finding) => Finding {
  const sunset = judgeSunset<Finding>(options.sunsetWithinDays);
  return options.strict ? (finding) => promoteWarnings(sunset(finding)) : sunset;
}

/**
 * The end of every run that checks (drift, validate, proxy): every finding
 * judged (--sunset-within, --strict) and the baseline applied (`endOfRun`),
 * the baseline and evidence written, the report emitted. The report was
 * redacted once, as the run ended: it is written as it is. A run that could
 * not happen knows no finding to be gone: no baseline is written for it.
 * Returns the final report, for the exit code.
 */
export async function finishRun<R extends RunReport>(kind: RunKind<R>, report: R, options: ReportOptions): Promise<R> {
  const final = endOfRun(kind, report, judgement(options), options.baseline);
  await writeExtras(options, {
    ...(final.fatal ? {} : { findings: final.findings }),
    evidence: () => kind.evidence(final, packageVersion()),
  });
  await emit(kind.render(final, options.format, options.strict), options.out);
  return final;
}

/**
 * How every checking command ends: its report finished (`finishRun`), the
 * reason on stderr when it could not run, and the exit code of `runExitCode`.
 * A traffic run that checked nothing cannot vouch for anything: it could not
 * run, and says why.
 */
export async function endRun<R extends RunReport>(
  command: string,
  kind: RunKind<R>,
  report: R,
  options: ReportOptions,
): Promise<number> {
  const final = await finishRun(kind, report, options);
  if (final.fatal) process.stderr.write(`${command}: could not run: ${final.fatal}\n`);
  return runExitCode(final);
}

/** The end of validate and proxy: "checked nothing" is why such a run could not run. */
export function endTraffic(report: TrafficReport, options: ReportOptions): Promise<number> {
  const nothing = checkedNothing(report);
  return endRun(report.command, TRAFFIC_RUN, nothing ? { ...report, fatal: nothing } : report, options);
}
