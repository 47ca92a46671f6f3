import { defineConfig } from 'vitest/config';

/** The peer matrix (peer-tests/): installs from the npm registry, so it runs from .ci/run, not npm test. */
export default defineConfig({
  test: {
    include: ['peer-tests/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest-peers.json' }]],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
