import { defineConfig } from 'vitest/config';

/**
 * Slow proofs that `npm test` leaves out to stay near three minutes, run by .ci/run after it
 * (`npm run test:slow`): the packaged specs through six generators this project does not use (slow-tests/).
 */
export default defineConfig({
  test: {
    include: ['slow-tests/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest-slow.json' }]],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
