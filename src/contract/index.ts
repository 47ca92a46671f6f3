/** The contract suite's checks, probes, runner and drift reports, for tools that build on them (`connect-fulfillment/contract`). */
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
} from '../core/checks/probe-checks.js';
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
export { renderDrift, driftJson, applyStrict, applyDriftBaseline } from './report/drift.js';
export { driftEvidence } from './report/drift-evidence.js';
export * from '../evidence/index.js';
/**
 * The traffic room's names, as this entry exported them before src/traffic was
 * split off: they keep working through 2.x. New code imports them from
 * `connect-fulfillment/traffic`.
 */
export {
  checkTraffic,
  classify,
  requestConformance,
  trafficCallbackConformance,
  type TrafficEndpoints,
  type TrafficExchange,
  type TrafficKind,
  TrafficRecorder,
  TrafficSecrets,
  type TrafficReport,
  startValidatingProxy,
  type ProxyOptions,
  type ValidatingProxy,
  renderTraffic,
  trafficHar,
  applyTrafficStrict,
} from '../traffic/index.js';
export { renderMarkdown } from './report/drift-markdown.js';
export { startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
