/**
 * Traffic validation, for tools that build on it (`connect-fulfillment/traffic`):
 * real exchanges (a HAR file, or what passes through the validating proxy)
 * checked in both directions, with the baselines, coverage and HAR evidence
 * the reports rest on.
 */
export type { Diagnostic, Severity } from '../core/diagnostic.js';
export { requestConformance, trafficCallbackConformance, checkTraffic, classify, type TrafficKind } from './checks.js';
export type { TrafficEndpoints, TrafficExchange } from '../evidence/recorded.js';
export {
  TrafficRecorder,
  TrafficSecrets,
  checkedNothing,
  type TrafficReport,
  type TrafficEvidence,
} from './recorder.js';
export { startValidatingProxy, type ProxyOptions, type ValidatingProxy } from './proxy.js';
export { renderTraffic, trafficHar, applyTrafficStrict, judgeTraffic } from './report/render.js';
export { readHar, writeHar, HarError, type HarItem } from '../evidence/har.js';
export { FORMATS, type Format } from '../evidence/formats.js';
export {
  applyBaseline,
  fingerprintOf,
  readBaseline,
  writeBaseline,
  BaselineError,
  type Baseline,
  type BaselineEntry,
  type Finding,
} from '../evidence/baseline.js';
export { CoverageTracker, type Coverage, type CoverageItem } from '../evidence/coverage.js';
export { curlOf } from '../evidence/curl.js';
