export { diffSpecs, notCompared, type DiffOptions } from './compare.js';
export { STABILITY_LEVELS, type StabilityLevel } from './lifecycle.js';
export {
  loadSpec,
  specFromDocument,
  SpecLoadError,
  DEFAULT_MAX_SPEC_BYTES,
  type Doc,
  type LoadedSpec,
  type LoadOptions,
} from './load.js';
export { RULES, RULE_IDS, type Change, type Level, type RuleId, type Anchor } from './rules.js';
export { summarize, type Summary } from './summary.js';
