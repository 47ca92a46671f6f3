import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: [
      'default',
      ['json', { outputFile: 'reports/vitest.json' }],
      ['junit', { outputFile: 'reports/junit.xml', suiteName: 'connect-fulfillment' }],
    ],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          testTimeout: 20_000,
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
