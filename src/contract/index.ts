/** The contract checks, probes and runner, for tools that build on them (`connect-fulfillment/contract`). */
export {
  specs,
  examples,
  type SpecContract,
  type OperationContract,
  type ResponseContract,
} from '../../generated/contract.js';
export type { Diagnostic, Severity } from '../core/diagnostic.js';
export {
  observe,
  observeResponse,
  documentedResponse,
  type Exchange,
  type ObservedResponse,
} from '../core/exchange.js';
export {
  allResponseChecks,
  clientResponseChecks,
  runChecks,
  statusCodeConformance,
  contentTypeConformance,
  responseSchemaConformance,
  responseHeaderConformance,
  undocumentedProperties,
  type Check,
} from '../core/checks/response.js';
export {
  unauthenticatedRequestRefused,
  negativeDataRejection,
  expectedStatus,
  callbackConformance,
  wrongCredentialsRejected,
  grantedScopeConformance,
} from './checks/probe-checks.js';
export { exampleConformance } from './checks/examples.js';
export { mockProbes, liveProbes, probesFor, type Probe } from './probes.js';
export {
  runContract,
  TRANSPORT,
  MOCK_LIMITATION,
  type ContractReport,
  type ProbeResult,
  type RunOptions,
} from './runner.js';
export { liveTargetFromEnv, TargetConfigError, type ContractTarget, type TargetKind } from './target.js';
export { startPrism, type PrismServer } from './prism.js';
export { renderDrift, driftJson, applyStrict, applyDriftBaseline, FORMATS, type Format } from './report/formats.js';
export { driftEvidence } from './report/drift-evidence.js';
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
export {
  checkTraffic,
  classify,
  requestConformance,
  trafficCallbackConformance,
  type TrafficEndpoints,
  type TrafficExchange,
  type TrafficKind,
} from './traffic.js';
export { TrafficRecorder, TrafficSecrets, type TrafficReport } from './traffic-run.js';
export { readHar, writeHar, HarError, type HarItem } from './har.js';
export { startValidatingProxy, type ProxyOptions, type ValidatingProxy } from './proxy.js';
export { renderTraffic, trafficHar, applyTrafficStrict } from './report/traffic.js';
export { curlOf } from './evidence.js';
export { renderMarkdown } from './report/markdown.js';
export { startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
