import { defineConfig } from 'vitest/config';

/**
 * The pages, opened in headless Chromium with the network off (browser-tests/): `npm run test:browser`, run
 * by .ci/run, which installs Debian's chromium when it is missing. Without a Chromium the suite fails.
 */
export default defineConfig({
  test: {
    include: ['browser-tests/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest-browser.json' }]],
    // One browser at a time: each is a few hundred MiB, and the machine has two cores.
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
