import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// The tests that install the packed package as a consumer gets it; they share one `npm pack` (test/helpers/packed.ts).
const PACKAGE_TESTS = ['test/package.test.ts', 'test/mcp-package.test.ts'];
// The real-browser tests need chromium: `npm run test:browser` (vitest.browser.config.ts); the runtime tests
// need the runtimes: `npm run test:runtimes` (test/runtimes/vitest.config.ts).
const ELSEWHERE = ['test/browser/**', 'test/runtimes/**'];

export default defineConfig({
  resolve: {
    // The docs' TypeScript code samples import this package by name; in tests that is the source.
    alias: { 'ryzeapi-chat-contract': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    // Most test files wait on child processes (Redocly, Prism, npm, tsc, the bins) much of the time: three workers
    // keep both cores of a 2-core machine busy (vitest's default there is one worker, so one file at a time).
    maxWorkers: 3,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache, keyed by each file's content and
    // the configuration): a run after the first transforms only what changed, ~3 CPU-s less of vitest's own work.
    // `npx vitest --clearCache` empties it.
    experimental: { fsModuleCache: true },
    // Vitest starts the projects' files in the order of the projects' names: 'package' (its two files take longest)
    // before 'repository'.
    projects: [
      {
        extends: true,
        test: {
          name: 'repository',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ELSEWHERE, ...PACKAGE_TESTS],
          // A worker runs its test files one after another in the same module graph, so Prism, ajv, msw and
          // TypeScript load once per worker, not once per file. Every file restores what it changes (servers
          // closed in afterAll, stubbed globals unstubbed, spies restored).
          isolate: false,
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: './test/helpers/tsconfig.typecheck.json',
            // The one type check of `npm test`: tsgo --noEmit on tsconfig.json (TypeScript 7, the same files and
            // errors as `npm run typecheck`; the helper config only runs it in one thread), whose errors in *.test-d.ts files are reported as failed tests and in
            // any other file as source errors; either fails the run.
            checker: 'tsgo',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'package',
          include: PACKAGE_TESTS,
          globalSetup: ['test/helpers/packed.ts'],
        },
      },
    ],
  },
});
