import type { Change, Level } from './rules.js';

export type Summary = Readonly<Record<Level, number>>;

/** Counts by level, in one place: the verdict, the exit code and every format read it. */
export const summarize = (changes: readonly Change[]): Summary => ({
  breaking: changes.filter((c) => c.level === 'breaking').length,
  warning: changes.filter((c) => c.level === 'warning').length,
  info: changes.filter((c) => c.level === 'info').length,
});
