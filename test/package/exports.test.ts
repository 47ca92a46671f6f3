/**
 * The public API, pinned: the names each entry point exports at run time. A
 * name added or removed fails here first, so that a change to what users can
 * import is a decision (and a CHANGELOG line), never an accident.
 */
import { describe, expect, it } from 'vitest';

const PINNED: Record<string, string[]> = {
  'src/index.js': [
    'ApiError',
    'AuthenticationError',
    'CallbackVerificationError',
    'ConnectFulfillmentError',
    'ConnectionError',
    'ContractViolationError',
    'DEFAULT_BASE_URL',
    'DEFAULT_SCOPE',
    'DEFAULT_TOKEN_URL',
    'InsufficientScopeError',
    'OutcomeUnknownError',
    'RateLimitError',
    'RequestValidationError',
    'TokenUnavailableError',
    'createCallbackUrl',
    'createFulfillmentClient',
    'decideRetry',
    'defaultRetryOptions',
    'generateCallbackKey',
    'responseDiagnostics',
    'verifyCallback',
  ],
  'src/contract/index.js': [
    'BaselineError',
    'CoverageTracker',
    'FORMATS',
    'HarError',
    'MOCK_LIMITATION',
    'TRANSPORT',
    'TargetConfigError',
    'TrafficRecorder',
    'TrafficSecrets',
    'allResponseChecks',
    'applyBaseline',
    'applyDriftBaseline',
    'applyStrict',
    'applyTrafficStrict',
    'callbackConformance',
    'checkTraffic',
    'classify',
    'clientResponseChecks',
    'contentTypeConformance',
    'curlOf',
    'documentedResponse',
    'driftEvidence',
    'driftJson',
    'exampleConformance',
    'examples',
    'expectedStatus',
    'fingerprintOf',
    'grantedScopeConformance',
    'liveProbes',
    'liveTargetFromEnv',
    'mockProbes',
    'negativeDataRejection',
    'observe',
    'observeResponse',
    'probesFor',
    'readBaseline',
    'readHar',
    'renderDrift',
    'renderMarkdown',
    'renderTraffic',
    'requestConformance',
    'responseHeaderConformance',
    'responseSchemaConformance',
    'runChecks',
    'runContract',
    'specs',
    'startCallbackReceiver',
    'startPrism',
    'startValidatingProxy',
    'statusCodeConformance',
    'trafficCallbackConformance',
    'trafficHar',
    'unauthenticatedRequestRefused',
    'undocumentedProperties',
    'writeBaseline',
    'writeHar',
    'wrongCredentialsRejected',
  ],
  'src/traffic/index.js': [
    'BaselineError',
    'CoverageTracker',
    'FORMATS',
    'HarError',
    'TrafficRecorder',
    'TrafficSecrets',
    'applyBaseline',
    'applyTrafficStrict',
    'checkTraffic',
    'checkedNothing',
    'classify',
    'curlOf',
    'fingerprintOf',
    'judgeTraffic',
    'readBaseline',
    'readHar',
    'renderTraffic',
    'requestConformance',
    'startValidatingProxy',
    'trafficCallbackConformance',
    'trafficHar',
    'writeBaseline',
    'writeHar',
  ],
  'src/diff/index.js': [
    'DEFAULT_MAX_SPEC_BYTES',
    'RULES',
    'RULE_IDS',
    'STABILITY_LEVELS',
    'SpecLoadError',
    'diffSpecs',
    'loadSpec',
    'notCompared',
    'specFromDocument',
    'summarize',
  ],
  'src/msw/index.js': ['createConnectHandlers'],
  'generated/validators.js': ['validators'],
};

/** Each entry's source, imported statically so that the bundler sees every one. */
const LOAD: Record<string, () => Promise<Record<string, unknown>>> = {
  'src/index.js': () => import('../../src/index.js'),
  'src/contract/index.js': () => import('../../src/contract/index.js'),
  'src/traffic/index.js': () => import('../../src/traffic/index.js'),
  'src/diff/index.js': () => import('../../src/diff/index.js'),
  'src/msw/index.js': () => import('../../src/msw/index.js'),
  'generated/validators.js': () => import('../../generated/validators.js'),
};

describe('the exported names of every entry point', () => {
  it.each(Object.keys(PINNED))('%s', async (entry) => {
    const module = await LOAD[entry]!();
    const names = Object.keys(module).sort();
    if (entry === 'generated/validators.js') {
      expect(names).toContain('validators');
      expect(names.every((n) => n === 'validators' || typeof module[n] === 'function')).toBe(true);
      return;
    }
    expect(names).toEqual(PINNED[entry]);
  });

  it('the package exports map names exactly these entry points (and the specs)', async () => {
    const { exports } = (await import('../../package.json', { with: { type: 'json' } })).default as {
      exports: Record<string, unknown>;
    };
    expect(Object.keys(exports).filter((k) => !k.startsWith('./spec/') && k !== './package.json')).toEqual([
      '.',
      './contract',
      './traffic',
      './diff',
      './msw',
      './types',
      './types/connectid-token',
      './validators',
    ]);
  });
});
