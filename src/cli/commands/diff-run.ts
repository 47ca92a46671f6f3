/**
 * One diff, from two sources to a rendered report: what the `diff` command's
 * worker runs (diff-worker.ts), apart from the command's own thread so that
 * its memory can be bounded.
 */
import { printable } from '../../core/sanitize.js';
import { diffSpecs, loadSpec } from '../../diff/index.js';
import { ParseCache } from '../../diff/load.js';
import type { StabilityLevel } from '../../diff/lifecycle.js';
import { MAX_POSITIONED_TEXT } from '../../diff/positions.js';
import { type DiffFormat, fails, renderDiff } from '../../diff/report.js';
import { progressAfter } from '../output.js';

export interface DiffJob {
  readonly oldSource: string;
  readonly newSource: string;
  readonly format: DiffFormat;
  readonly failOn: 'breaking' | 'warning';
  readonly types: boolean;
  readonly allowExternalRefs: boolean;
  readonly maxBytes?: number;
  /** The deprecation policy (`--deprecation-days-beta`, `--deprecation-days-stable`): 0 and 0 by default, as oasdiff. */
  readonly deprecationDaysBeta?: number;
  readonly deprecationDaysStable?: number;
  /** The least stability judged (`--stability-level`): beta by default, as oasdiff. */
  readonly stabilityLevel?: StabilityLevel;
}

export interface DiffOutcome {
  readonly text: string;
  readonly failing: boolean;
}

/** Told when the comparison starts (with the characters of input read) and when it has ended, thrown or not. */
export interface DiffPhases {
  readonly comparing?: (characters: number) => void;
  readonly compared?: () => void;
}

export async function runDiff(job: DiffJob, phases: DiffPhases = {}): Promise<DiffOutcome> {
  // A file both versions name is read once, and a text both share (an unchanged spec, an unchanged file it refers
  // to) is parsed once.
  const parsed = new ParseCache();
  const options = {
    allowExternalRefs: job.allowExternalRefs,
    parsed,
    ...(job.maxBytes === undefined ? {} : { maxBytes: job.maxBytes }),
    onSlowRead: (key: string) => process.stderr.write(`diff: still reading ${printable(key, 200)}...\n`),
  };
  // One after the other, in one thread: on two cores, parsing both at once in two threads was slower still
  // (V8's compiler and collector threads already use the second core; docs/performance.md, section 7).
  // Only the new version's lines are ever shown (as annotations), so only its text is kept.
  const oldSpec = await loadSpec(job.oldSource, { ...options, keepText: false });
  const newSpec = await loadSpec(job.newSource, {
    ...options,
    keepText: job.format === 'github',
    maxKeptText: MAX_POSITIONED_TEXT,
  });
  const characters = parsed.characters;
  parsed.clear();
  phases.comparing?.(characters);
  let changes: ReturnType<typeof diffSpecs>;
  try {
    changes = diffSpecs(oldSpec, newSpec, {
      ...(job.deprecationDaysBeta === undefined ? {} : { deprecationDaysBeta: job.deprecationDaysBeta }),
      ...(job.deprecationDaysStable === undefined ? {} : { deprecationDaysStable: job.deprecationDaysStable }),
      ...(job.stabilityLevel === undefined ? {} : { stabilityLevel: job.stabilityLevel }),
    });
  } finally {
    phases.compared?.();
  }
  let types: Awaited<ReturnType<typeof import('../../diff/types-check.js').diffTypes>> | undefined;
  if (job.types) {
    const done = progressAfter('diff: generating types for both versions and compiling...', 0);
    const { diffTypes } = await import('../../diff/types-check.js');
    types = await diffTypes(oldSpec, newSpec).finally(done);
  }
  // Only GitHub annotations show lines, so only a github run reads the files again for them.
  const findLine = job.format === 'github' ? (await import('../../diff/positions.js')).lineFinder() : undefined;
  const result = {
    ...(findLine ? { findLine } : {}),
    old: job.oldSource,
    new: job.newSource,
    changes,
    newSpec,
    failOn: job.failOn,
    ...(types ? { types } : {}),
  };
  return { text: renderDiff(result, job.format), failing: fails(result) };
}
