/**
 * Starts what the contract suite runs against, once per run. `mock` (default):
 * both specs on Prism, on free loopback ports, stopped in teardown (and by the
 * stdin watchdog if this process dies first). `live`: the CONNECT_* variables;
 * missing ones stop the run at once with exit code 2, distinct from a
 * contract failure (1).
 */
import type { TestProject } from 'vitest/node';
import { startPrism, type PrismServer } from '../src/contract/prism.js';
import { liveTargetFromEnv, TargetConfigError, type ContractTarget } from '../src/contract/target.js';

declare module 'vitest' {
  export interface ProvidedContext {
    contractTarget: ContractTarget;
    prismStartupMs: number;
  }
}

export const EXIT_NOT_CONFIGURED = 2;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = process.env.CONTRACT_TARGET ?? 'mock';
  if (kind === 'live') {
    try {
      project.provide('contractTarget', liveTargetFromEnv(process.env));
      project.provide('prismStartupMs', 0);
    } catch (error) {
      if (!(error instanceof TargetConfigError)) throw error;
      process.stderr.write(
        `\n${error.message}\nSet them, or run without CONTRACT_TARGET=live to use the embedded mock.\n`,
      );
      process.exit(EXIT_NOT_CONFIGURED);
    }
    return async () => undefined;
  }
  if (kind !== 'mock') {
    process.stderr.write(`\nCONTRACT_TARGET must be "mock" or "live", got ${JSON.stringify(kind)}\n`);
    process.exit(EXIT_NOT_CONFIGURED);
  }
  const servers: PrismServer[] = await Promise.all([
    startPrism('spec/connect-fulfillment.openapi.yaml'),
    startPrism('spec/connectid-token.openapi.yaml'),
  ]);
  const [connect, token] = servers as [PrismServer, PrismServer];
  // A mock that dies mid-run would otherwise show only as "fetch failed" in whatever test ran next.
  for (const server of servers) server.onUnexpectedExit((why) => process.stderr.write(`\n${why}\n`));
  project.provide('contractTarget', {
    kind: 'mock',
    baseUrl: connect.url,
    tokenUrl: `${token.url}/token`,
    clientId: 'contract-suite',
    clientSecret: 'contract-suite-secret',
  });
  project.provide('prismStartupMs', Math.max(connect.startupMs, token.startupMs));
  return async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
}
