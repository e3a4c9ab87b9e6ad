#!/usr/bin/env node
// CI's summary (.ci/run), read from what the checks wrote rather than grepped from their logs: one line per check
// from the JSON results in .tmp/checks/ (scripts/lib/check-result.mjs: lint, drift, breaking, size from `npm test`'s
// gates; fuzz from the fuzz sample; links from the docs' browser test), then the test counts of each vitest JSON
// report. Exit 1 when a check failed or has no result, or a report counts a failed test; 0 otherwise.
// Usage: node scripts/ci-summary.mjs [--checks DIR] [--expect NAMES] [--report LABEL=FILE]...
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine } from '../src/mock/lifecycle.js';
import { CHECKS_DIR } from './lib/check-result.mjs';

/** The checks `npm test` leaves a result for, in the order they are printed. */
export const NPM_TEST_CHECKS = ['lint', 'drift', 'breaking', 'size', 'fuzz'];

const USAGE = `Usage: node scripts/ci-summary.mjs [--checks DIR] [--expect NAMES] [--report LABEL=FILE]...
  --checks DIR          the checks' JSON results (default .tmp/checks)
  --expect NAMES        the checks that must have a result, comma-separated (default ${NPM_TEST_CHECKS.join(',')})
  --report LABEL=FILE   a vitest JSON report to count (repeatable; default "npm test=.tmp/vitest-report.json");
                        a report that is missing is listed as not run`;

/** Parse a JSON file; undefined when it does not exist. */
async function readJson(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error.message})`);
  }
}

/**
 * The summary's lines and verdict, from the results in `checksDir` and the vitest reports.
 * @param {{ checksDir: string, expect: string[], reports: [string, string][] }} input
 * @returns {Promise<{ ok: boolean, lines: string[] }>}
 */
export async function summarize({ checksDir, expect, reports }) {
  const lines = ['Checks:'];
  let ok = true;
  const names = await readdir(checksDir).catch(() => []);
  const found = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
  const order = [...expect, ...found.filter((n) => !expect.includes(n)).sort()];
  for (const name of order) {
    const result = await readJson(join(checksDir, `${name}.json`));
    if (result === undefined) {
      ok = false;
      lines.push(`  ${name}: FAIL: no result (the check did not run, or stopped before its verdict)`);
      continue;
    }
    if (typeof result.ok !== 'boolean' || typeof result.summary !== 'string') {
      ok = false;
      lines.push(`  ${name}: FAIL: ${name}.json holds no verdict (ok and summary)`);
      continue;
    }
    if (!result.ok) ok = false;
    lines.push(
      `  ${name}: ${result.ok ? 'pass' : 'FAIL'}: ${result.summary}${result.node ? ` (Node ${result.node.replace(/^v/, '')})` : ''}`,
    );
  }
  lines.push('Tests:');
  let passed = 0;
  let failed = 0;
  for (const [label, file] of reports) {
    const report = await readJson(file);
    if (report === undefined) {
      lines.push(`  ${label}: not run`);
      continue;
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numFailedTests > 0 || report.success === false) ok = false;
    lines.push(
      `  ${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed in ${report.numTotalTestSuites} suites`,
    );
  }
  lines.push(`  all: ${passed} passed, ${failed} failed`);
  return { ok, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseCommandLine({
    usage: USAGE,
    options: { checks: { type: 'string' }, expect: { type: 'string' }, report: { type: 'string', multiple: true } },
  });
  const reports = (args.report ?? [`npm test=${join(dirname(CHECKS_DIR), 'vitest-report.json')}`]).map((value) => {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) {
      console.error(`--report takes LABEL=FILE, not "${value}"\n\n${USAGE}`);
      process.exit(2);
    }
    return /** @type {[string, string]} */ ([value.slice(0, at), resolve(value.slice(at + 1))]);
  });
  const expect =
    args.expect === undefined
      ? NPM_TEST_CHECKS
      : args.expect
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
  try {
    const { ok, lines } = await summarize({
      checksDir: args.checks === undefined ? CHECKS_DIR : resolve(args.checks),
      expect,
      reports,
    });
    console.log(lines.join('\n'));
    process.exit(ok ? 0 : 1);
  } catch (error) {
    console.error(`CI summary: ${error.message}`);
    process.exit(2);
  }
}
