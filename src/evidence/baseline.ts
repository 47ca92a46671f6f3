/**
 * Baselines of known drift: each finding gets a stable fingerprint (its check,
 * operation, status, location and kind of violation; never a time, a token, a
 * value or an order id), a baseline file lists the fingerprints a team has
 * accepted, and a run reports those as known, fails only on new ones, and
 * lists the known ones that no longer occur.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Diagnostic } from '../core/diagnostic.js';
import { printable } from '../core/sanitize.js';

/** A finding as reports carry it: the diagnostic, its operation and its fingerprint. */
export interface Finding extends Diagnostic {
  readonly operation: string;
  readonly fingerprint: string;
  /** How many exchanges showed it (traffic); 1 for a probe. */
  readonly count?: number;
  /** Set by a baseline: the finding was there before. */
  readonly known?: boolean;
}

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly severity: Diagnostic['severity'];
  readonly check: string;
  readonly operation: string;
  readonly status: number | null;
  readonly location: string;
  readonly title: string;
}

export interface Baseline {
  readonly schemaVersion: 1;
  readonly findings: readonly BaselineEntry[];
}

/** Digits in a location are indices of arrays whose length varies from run to run: they are not the violation. */
const stableLocation = (location: string) => location.replace(/\[\d+\]/g, '[]');

export function fingerprintOf(d: Diagnostic, operation: string): string {
  const key = [d.check, operation, d.status ?? '-', stableLocation(d.location), d.title].join('\n');
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export const toFinding = (d: Diagnostic, operation: string): Finding => ({
  ...d,
  operation,
  fingerprint: fingerprintOf(d, operation),
});

/** A baseline file that cannot be used: named, with the reason. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError' as const;
}

export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BaselineError(
      `cannot read the baseline ${printable(path, 200)}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  if (text.length > 8 * 1024 * 1024) throw new BaselineError('the baseline is larger than 8 MiB');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BaselineError(`the baseline ${printable(path, 200)} is not JSON`);
  }
  const findings = (parsed as { findings?: unknown })?.findings;
  if ((parsed as { schemaVersion?: unknown })?.schemaVersion !== 1 || !Array.isArray(findings))
    throw new BaselineError(
      `the baseline ${printable(path, 200)} is not a connect-fulfillment baseline (schemaVersion 1)`,
    );
  const valid = findings.filter(
    (f): f is BaselineEntry => typeof f?.fingerprint === 'string' && /^[0-9a-f]{16}$/.test(f.fingerprint),
  );
  return { schemaVersion: 1, findings: valid };
}

export async function writeBaseline(path: string, findings: readonly Finding[]): Promise<void> {
  const seen = new Map<string, BaselineEntry>();
  for (const f of findings)
    seen.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      severity: f.severity,
      check: f.check,
      operation: f.operation,
      status: f.status ?? null,
      location: stableLocation(f.location),
      title: f.title,
    });
  const entries = [...seen.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  await writeFile(path, `${JSON.stringify({ schemaVersion: 1, findings: entries }, null, 2)}\n`);
}

/** What a baseline makes of a run's findings: which are new, which known, and which known ones are gone. */
export interface BaselineResult {
  readonly findings: readonly Finding[];
  readonly disappeared: readonly BaselineEntry[];
}

export function applyBaseline(findings: readonly Finding[], baseline: Baseline | undefined): BaselineResult {
  if (!baseline) return { findings, disappeared: [] };
  const { mark, disappeared } = baselineMarker(findings, baseline);
  return { findings: findings.map(mark), disappeared };
}

/** How a baseline marks a run's findings: those it knows as known; and the known ones the run did not see. */
export function baselineMarker(
  findings: readonly Finding[],
  baseline: Baseline,
): { readonly mark: (finding: Finding) => Finding; readonly disappeared: readonly BaselineEntry[] } {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  const seen = new Set(findings.map((f) => f.fingerprint));
  return {
    mark: (f) => (known.has(f.fingerprint) ? { ...f, known: true } : f),
    disappeared: baseline.findings.filter((f) => !seen.has(f.fingerprint)),
  };
}

/** A run's counts, in one place for every command and format: known findings count apart, and never fail a run. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; known: number } {
  let errors = 0;
  let warnings = 0;
  let known = 0;
  for (const f of findings) {
    if (f.known) known++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, known };
}

/** Under --strict every warning counts as an error. */
export const promoteWarnings = (f: Finding): Finding => (f.severity === 'warning' ? { ...f, severity: 'error' } : f);

/** A finding in the stable JSON of every report (schemaVersion 1): the fields drift and traffic share. */
export function findingJson(f: Finding) {
  return {
    fingerprint: f.fingerprint,
    known: f.known === true,
    severity: f.severity,
    check: f.check,
    operation: f.operation,
    title: f.title,
    location: f.location,
    message: f.message,
    status: f.status ?? null,
    ...(f.lifecycle ? { lifecycle: f.lifecycle } : {}),
  };
}
