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
export * from '../evidence/index.js';
