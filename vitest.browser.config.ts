// `npm run test:browser`: the docs page in a real browser (Debian chromium + playwright-core). Separate from
// `npm test` because it needs chromium, which .ci/run installs with apt.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-browser-report.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser, one server, tests in file order.
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
