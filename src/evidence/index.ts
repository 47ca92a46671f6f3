/**
 * What the contract suite's and traffic validation's reports both rest on, as
 * both entries (`connect-fulfillment/contract`, `connect-fulfillment/traffic`)
 * export it: findings and baselines, coverage, HAR files, curl lines, the
 * output formats.
 */
export {
  applyBaseline,
  fingerprintOf,
  readBaseline,
  writeBaseline,
  BaselineError,
  type Baseline,
  type BaselineEntry,
  type Finding,
} from './baseline.js';
export { CoverageTracker, type Coverage, type CoverageItem } from './coverage.js';
export { readHar, writeHar, HarError, type HarItem } from './har.js';
export { curlOf } from './curl.js';
export { FORMATS, type Format } from './formats.js';
