// The repository's scripts parse their command lines strictly (util.parseArgs through src/mock/lifecycle.js): an
// unknown flag, a flag without its value or a stray argument stops the script at once with a one-line reason, the
// usage and exit code 2, before it does anything; --help prints the usage and exits 0. Each script is started with
// one bad command line (the three kinds of mistake spread over them), the ones that write files also with --help;
// none does its real work.
// (`npm start` and the bins are pinned the same way in docs-server.test.ts, mock-cli.test.ts, verify.test.ts, mcp-cli.test.ts.)
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Run `node script ...args` in the repository; its exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [script, ...args],
      { cwd: root, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

const UNKNOWN = (flag: string) => new RegExp(`^Unknown option '${flag}'`);
const MISSING = (flag: string) => new RegExp(`^Option '${flag} <value>' argument missing`);
const STRAY = (word: string) => new RegExp(`^Unexpected argument '${word}'`);

// [script, a bad command line, the first line of the error, the usage's first words]
const SCRIPTS: [string, string[], RegExp, string][] = [
  ['scripts/check-breaking.mjs', ['--base'], MISSING('--base'), 'Usage: node scripts/check-breaking.mjs'],
  ['scripts/check-drift.mjs', ['--against'], MISSING('--against'), 'Usage: node scripts/check-drift.mjs'],
  ['scripts/check-size.mjs', ['--jsn'], UNKNOWN('--jsn'), 'Usage: node scripts/check-size.mjs'],
  ['scripts/generate.mjs', ['generated'], STRAY('generated'), 'Usage: node scripts/generate.mjs'],
  ['scripts/sync-version.mjs', ['--version', '2.0.0'], UNKNOWN('--version'), 'Usage: node scripts/sync-version.mjs'],
  ['scripts/release-baseline.mjs', ['--force'], UNKNOWN('--force'), 'Usage: node scripts/release-baseline.mjs'],
  ['scripts/lint.mjs', ['--redocly-config'], MISSING('--redocly-config'), 'Usage: node scripts/lint.mjs'],
  ['scripts/docs.mjs', ['--pageonly'], UNKNOWN('--pageonly'), 'Usage: node scripts/docs.mjs'],
  ['scripts/ci-summary.mjs', ['--checks'], MISSING('--checks'), 'Usage: node scripts/ci-summary.mjs'],
  ['bench/bench.mjs', ['--round', '3'], UNKNOWN('--round'), 'Usage: npm run bench'],
  ['bench/docs.mjs', ['--rounds'], MISSING('--rounds'), 'Usage: node bench/docs.mjs'],
  ['bench/mock-bench.mjs', ['quick'], STRAY('quick'), 'Usage: node bench/mock-bench.mjs'],
  ['bench/mock-bench-server.mjs', ['ours'], STRAY('ours'), 'Usage: node bench/mock-bench-server.mjs'],
  ['bench/mock-fuzz.mjs', ['--http'], MISSING('--http'), 'Usage: npm run fuzz'],
  ['test/runtimes/install.mjs', ['--bogus'], UNKNOWN('--bogus'), 'Usage: node test/runtimes/install.mjs'],
  ['test/runtimes/install.mjs', ['nodex'], /^Unknown runtime "nodex"\./, 'Usage: node test/runtimes/install.mjs'],
];

describe.concurrent('script command lines', () => {
  it.each(SCRIPTS)(
    '%s refuses a bad command line with one clear line, the usage and exit code 2',
    async (script, args, problem, usage) => {
      const result = await run(script, args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(problem);
      const [reason, blank, first] = result.stderr.split('\n');
      expect(reason).not.toMatch(/^\s+at /);
      expect(blank).toBe('');
      expect(first).toContain(usage);
      expect(result.stderr).not.toContain('    at '); // no stack trace
      expect(result.stdout).toBe(''); // nothing was done
    },
  );

  // --help goes through the same code in every script; these are the scripts that would change files if it did not.
  const HELP = [
    'test/runtimes/install.mjs',
    'scripts/check-drift.mjs',
    'scripts/generate.mjs',
    'scripts/sync-version.mjs',
    'scripts/release-baseline.mjs',
    'scripts/ci-summary.mjs',
    'bench/mock-bench-server.mjs',
  ];
  it.each(SCRIPTS.filter(([script]) => HELP.includes(script)).map(([script, , , usage]) => [script, usage]))(
    '%s --help prints its usage and exits 0',
    async (script, usage) => {
      const result = await run(script, ['--help']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.startsWith(usage)).toBe(true);
      expect(result.stderr).toBe('');
    },
  );
});
