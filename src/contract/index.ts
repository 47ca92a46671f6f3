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
} from './checks/probe-checks.js';
export { exampleConformance } from './checks/examples.js';
export { mockProbes, liveProbes, probesFor, type Probe } from './probes.js';
export { runContract, type ContractReport, type ProbeResult, type RunOptions } from './runner.js';
export { liveTargetFromEnv, TargetConfigError, type ContractTarget, type TargetKind } from './target.js';
export { startPrism, type PrismServer } from './prism.js';
export { renderDrift, driftJson, applyStrict, FORMATS, type Format } from './report/formats.js';
export { renderMarkdown } from './report/markdown.js';
export { startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
