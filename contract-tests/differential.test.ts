/**
 * Our generated request validator and Prism's validation must agree on every
 * generated body. DIFFERENTIAL_RUNS sets the count (300 by default);
 * DIFFERENTIAL_SEED replays a run.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCallbackReceiver, type CallbackReceiver } from '../src/contract/callback-receiver.js';
import { runDifferential, type DifferentialResult } from './differential.js';

const target = inject('contractTarget');
const runs = Number(process.env.DIFFERENTIAL_RUNS ?? 300);
let receiver: CallbackReceiver;
let result: DifferentialResult;

describe.runIf(target.kind === 'mock')(
  'request validation: our validator against Prism (property-based, differential)',
  () => {
    beforeAll(async () => {
      receiver = await startCallbackReceiver();
      result = await runDifferential({
        baseUrl: target.baseUrl,
        accessToken: 'differential',
        callbackBase: receiver.url,
        runs,
        ...(process.env.DIFFERENTIAL_SEED ? { seed: Number(process.env.DIFFERENTIAL_SEED) } : {}),
      });
    }, 120_000);
    afterAll(() => receiver?.close());

    it(`ran ${runs} generated bodies, valid and invalid`, () => {
      expect(result.cases).toBe(runs);
      expect(result.accepted).toBeGreaterThan(runs / 5);
      expect(result.rejected).toBeGreaterThan(runs / 5);
    });

    it('agrees with Prism on every body', () => {
      expect(
        result.disagreements.map((d) => `${JSON.stringify(d.body)}: ours ${d.ours}, Prism ${d.theirs}`),
        `seed ${result.seed}: DIFFERENTIAL_SEED=${result.seed} replays this run`,
      ).toEqual([]);
    });
  },
);
