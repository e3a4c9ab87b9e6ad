// CI's summary (scripts/ci-summary.mjs) on tiny fixtures: the checks' JSON results (written with the writer the
// gates use, scripts/lib/check-result.mjs) and vitest-style JSON reports. It prints one line per check and the test
// counts, and its exit code fails CI when a check failed, a check left no result, or a report counts a failure.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NPM_TEST_CHECKS, summarize } from '../scripts/ci-summary.mjs';
import { clearCheckResult, writeCheckResult } from '../scripts/lib/check-result.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;

const report = (passed: number, failed: number, suites: number) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numTotalTestSuites: suites,
  success: failed === 0,
});

/** A folder of results for every check `npm test` produces; `change` adjusts one of them. */
async function fixture(name: string, change: (check: string) => { ok?: boolean; skip?: boolean } = () => ({})) {
  const checks = join(dir, name);
  for (const check of NPM_TEST_CHECKS) {
    const { ok = true, skip = false } = change(check);
    if (!skip)
      await writeCheckResult(join(checks, `${check}.json`), {
        check,
        ok,
        summary: `${check} figures`,
        figures: { n: 1 },
      });
  }
  return checks;
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/ci-summary.mjs', ...args], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ci-summary-'));
  await writeFile(join(dir, 'green.json'), JSON.stringify(report(120, 0, 9)));
  await writeFile(join(dir, 'red.json'), JSON.stringify(report(118, 2, 9)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the CI summary', () => {
  it('prints each check in order with its verdict, summary and Node version, then the counts of each report and their total', async () => {
    const checksDir = await fixture('all-pass');
    const { ok, lines } = await summarize({
      checksDir,
      expect: NPM_TEST_CHECKS,
      reports: [
        ['machine', join(dir, 'green.json')],
        ['node24', join(dir, 'green.json')],
      ],
    });
    expect(ok).toBe(true);
    expect(lines).toEqual([
      'Checks:',
      ...NPM_TEST_CHECKS.map((check) => `  ${check}: pass: ${check} figures (Node ${process.version.slice(1)})`),
      'Tests:',
      '  machine: 120 passed, 0 failed in 9 suites',
      '  node24: 120 passed, 0 failed in 9 suites',
      '  all: 240 passed, 0 failed',
    ]);
  });

  it('fails on a failed check, and says so on its line', async () => {
    const checksDir = await fixture('drift-fails', (check) => ({ ok: check !== 'drift' }));
    const { ok, lines } = await summarize({ checksDir, expect: NPM_TEST_CHECKS, reports: [] });
    expect(ok).toBe(false);
    expect(lines).toContain(`  drift: FAIL: drift figures (Node ${process.version.slice(1)})`);
    expect(lines.filter((line) => line.includes(': pass: '))).toHaveLength(NPM_TEST_CHECKS.length - 1);
  });

  it('fails when an expected check left no result (or a cleared one), and lists an unexpected one after the others', async () => {
    const checksDir = await fixture('size-missing', (check) => ({ skip: check === 'size' }));
    await writeCheckResult(join(checksDir, 'links.json'), {
      check: 'links',
      ok: true,
      summary: '12 in-page (all resolve)',
    });
    await writeCheckResult(join(checksDir, 'lint.json'), { check: 'lint', ok: true, summary: 'old result' });
    await clearCheckResult(join(checksDir, 'lint.json'));
    const { ok, lines } = await summarize({ checksDir, expect: NPM_TEST_CHECKS, reports: [] });
    expect(ok).toBe(false);
    expect(lines[1]).toMatch(/^ {2}lint: FAIL: no result/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}size: FAIL: no result/));
    expect(lines[NPM_TEST_CHECKS.length + 1]).toMatch(/^ {2}links: pass: 12 in-page \(all resolve\)/);
  });

  it('fails when a report counts a failed test; lists a missing report as not run', async () => {
    const checksDir = await fixture('reports');
    const { ok, lines } = await summarize({
      checksDir,
      expect: NPM_TEST_CHECKS,
      reports: [
        ['machine', join(dir, 'red.json')],
        ['browser', join(dir, 'absent.json')],
      ],
    });
    expect(ok).toBe(false);
    expect(lines.slice(-3)).toEqual([
      '  machine: 118 passed, 2 failed in 9 suites',
      '  browser: not run',
      '  all: 118 passed, 2 failed',
    ]);
  });

  it('as a command: exit 0 when all is well, 1 when something failed, 2 on a bad --report', async () => {
    const green = await cli(['--checks', await fixture('cli-pass'), '--report', `npm test=${join(dir, 'green.json')}`]);
    expect(green.code, green.stderr).toBe(0);
    expect(green.stdout).toContain('  size: pass: size figures');
    expect(green.stdout).toContain('  npm test: 120 passed, 0 failed in 9 suites');
    const red = await cli([
      '--checks',
      await fixture('cli-pass'),
      '--expect',
      'lint,links',
      '--report',
      `npm test=${join(dir, 'green.json')}`,
    ]);
    expect(red.code).toBe(1);
    expect(red.stdout).toMatch(/^ {2}links: FAIL: no result/m);
    const bad = await cli(['--report', 'no-label']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--report takes LABEL=FILE, not "no-label"\n\nUsage: node scripts\/ci-summary.mjs/);
  });
});
