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
import { FORMATS, type Format } from '../evidence/formats.js';
import { judgeSunset } from '../core/checks/lifecycle.js';
import { driftEvidence } from '../contract/report/drift-evidence.js';
import { applyDriftBaseline, judgeDrift, renderDrift } from '../contract/report/drift.js';
import type { ContractReport } from '../contract/runner.js';
import { printable } from '../core/sanitize.js';
import { checkedNothing, type TrafficReport } from '../traffic/recorder.js';
import { applyTrafficBaseline, judgeTraffic, renderTraffic, trafficHar } from '../traffic/report/render.js';
import { choiceArg, integerArg, outArg } from './args.js';
import { DEFAULT_SUNSET_WITHIN_DAYS } from '../core/lifecycle.js';
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
  const format = choiceArg('format', values.format, FORMATS);
  const sunsetWithinDays =
    integerArg('sunset-within', values['sunset-within'], 0, 36_500) ?? DEFAULT_SUNSET_WITHIN_DAYS;
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
 * A drift run's end: every finding judged (--sunset-within, --strict), the
 * baseline applied, the baseline and evidence written, the report emitted. It
 * was redacted once, as the run ended (runContract): it is written as it is.
 * Returns the final report, for the exit code.
 */
export async function finishDrift(report: ContractReport, options: ReportOptions): Promise<ContractReport> {
  const final = applyDriftBaseline(judgeDrift(report, judgement(options)), options.baseline);
  await writeExtras(options, {
    ...(final.fatal ? {} : { findings: final.findings }),
    evidence: () => driftEvidence(final, {}, packageVersion()),
  });
  await emit(renderDrift(final, options.format, options.strict), options.out);
  return final;
}

/**
 * The end of every run that checks traffic (validate, proxy): a run that
 * checked nothing cannot vouch for anything and exits 2 saying why; otherwise
 * the judged report is written and any error exits 1.
 */
export async function endTraffic(
  command: TrafficReport['command'],
  report: TrafficReport,
  options: ReportOptions,
): Promise<number> {
  const nothing = checkedNothing(report);
  const finished = await finishTraffic(nothing ? { ...report, fatal: nothing } : report, options);
  if (finished.fatal) process.stderr.write(`${command}: could not run: ${finished.fatal}\n`);
  return runExitCode(finished);
}

/**
 * A traffic run's end, for validate and proxy alike, in drift's order: every
 * finding judged (--sunset-within, --strict), the baseline applied, the
 * baseline and evidence written, the report emitted. It was redacted once, as
 * the recorder made it: it is written as it is. Returns the judged report,
 * for the exit code.
 */
export async function finishTraffic(report: TrafficReport, options: ReportOptions): Promise<TrafficReport> {
  const judged = applyTrafficBaseline(judgeTraffic(report, judgement(options)), options.baseline);
  await writeExtras(options, {
    findings: judged.findings,
    evidence: () => trafficHar(judged, undefined, packageVersion()),
  });
  await emit(renderTraffic(judged, options.format, options.strict), options.out);
  return judged;
}
