export { diffSpecs } from './compare.js';
export { loadSpec, SpecLoadError, type Doc } from './load.js';
export { RULES, type Change, type Level, type RuleId } from './rules.js';

import type { Change } from './rules.js';

/** Counts by level; `breaking > 0` means exit 1. */
export const summarize = (changes: readonly Change[]) => ({
  breaking: changes.filter((c) => c.level === 'breaking').length,
  warning: changes.filter((c) => c.level === 'warning').length,
  info: changes.filter((c) => c.level === 'info').length,
});
