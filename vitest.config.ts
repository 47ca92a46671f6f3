import { defineConfig } from 'vitest/config';

/**
 * msw's cookie store reads `localStorage` when it is imported, and Node 25+
 * warns on every worker that it has none. No test needs Web Storage, so the
 * workers run without it wherever Node knows the switch.
 */
const noWebStorage = process.allowedNodeEnvironmentFlags.has('--no-experimental-webstorage')
  ? ['--no-experimental-webstorage']
  : [];

export default defineConfig({
  test: {
    reporters: ['default', 'json', ['junit', { suiteName: 'connect-fulfillment' }]],
    // Here rather than in each reporter, so that `--outputFile.json=...` (scripts/ci-matrix.sh) can move one.
    outputFile: { json: 'reports/vitest.json', junit: 'reports/junit.xml' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // Vitest's default leaves one core free (one worker here); most files wait on child processes and
          // local servers, so two workers on two cores halve the wall time.
          maxWorkers: 2,
          testTimeout: 20_000,
          execArgv: noWebStorage,
        },
      },
      {
        test: {
          name: 'contract',
          include: ['contract-tests/**/*.test.ts'],
          globalSetup: ['contract-tests/global-setup.ts'],
          // Measured in docs/performance.md: threads start faster than forks, and two workers on two cores.
          pool: 'threads',
          maxWorkers: 2,
          // Vitest runs projects with different worker limits in separate groups: this one after the unit tests.
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
