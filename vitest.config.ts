import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The docs' TypeScript code samples import this package by name; in tests that is the source.
    alias: { 'ryzeapi-chat-contract': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The real-browser tests need chromium: `npm run test:browser` (vitest.browser.config.ts); the runtime tests
    // need the runtimes: `npm run test:runtimes` (test/runtimes/vitest.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/runtimes/**'],
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
