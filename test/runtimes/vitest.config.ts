// `npm run test:runtimes`: the packed package on every runtime of runtimes.json (Node 18-26, Bun, Deno, workerd)
// and in Debian chromium. Not part of `npm test` (it needs the runtimes, which install.mjs caches outside the
// repository); .ci/run runs it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/runtimes/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-runtimes-report.json' }]],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
