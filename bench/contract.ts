/**
 * 4. The contract run: the wall time of `npm run contract`, and its parts
 * measured in this process (Prism start-up, the checks, the property-based
 * run), with the property-based rate against Prism answering the same bodies
 * with nothing else to do, the physical limit of any run against Prism.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { mockProbes, runContract, startCallbackReceiver, startPrism } from 'connect-fulfillment/contract';
import { confineCallbacks, invalidBody, runDifferential, validBody } from '../contract-tests/differential.js';
import { median, throughput } from './measure.js';

const RUNS = 300;

export async function contractRun(options: { rounds: number; wallRounds: number }) {
  const wall: number[] = [];
  for (let r = 0; r < options.wallRounds; r++) {
    const t = performance.now();
    await promisify(execFile)('npm', ['run', 'contract', '--', '--reporter=dot'], {
      env: { ...process.env, CONTRACT_REPORT_DIR: 'dist/bench/reports' },
    });
    wall.push(performance.now() - t);
  }
  const started = performance.now();
  const [connect, token] = await Promise.all([
    startPrism('spec/connect-fulfillment.openapi.yaml'),
    startPrism('spec/connectid-token.openapi.yaml'),
  ]);
  const prismStartupMs = performance.now() - started;
  const receiver = await startCallbackReceiver();
  try {
    const target = {
      kind: 'mock' as const,
      baseUrl: connect.url,
      tokenUrl: `${token.url}/token`,
      clientId: 'bench',
      clientSecret: 'bench',
    };
    const checks: number[] = [];
    const differential: number[] = [];
    const prismAlone: number[] = [];
    const bodies = fc.sample(
      fc.oneof(validBody(receiver.url), invalidBody(receiver.url)).map((b) => confineCallbacks(b, receiver.url)),
      { numRuns: RUNS, seed: 42 },
    );
    const send = (i: number) =>
      fetch(`${connect.url}/v1/client/order/fulfillment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
        body: JSON.stringify(bodies[i]),
      }).then((r) => r.arrayBuffer());
    for (let r = 0; r < options.rounds; r++) {
      checks.push((await runContract(target, { probes: mockProbes(target) })).durationMs);
      const result = await runDifferential({
        baseUrl: connect.url,
        accessToken: 'bench',
        callbackBase: receiver.url,
        runs: RUNS,
        seed: 42,
      });
      differential.push(result.cases / (result.durationMs / 1000));
      prismAlone.push(await throughput(send, RUNS, 4));
    }
    return {
      npmRunContractMs: median(wall),
      prismStartupMs,
      checksMs: median(checks),
      differential: { cases: RUNS, casesPerSecond: median(differential), prismAlonePerSecond: median(prismAlone) },
    };
  } finally {
    await Promise.all([connect.close(), token.close(), receiver.close()]);
  }
}
