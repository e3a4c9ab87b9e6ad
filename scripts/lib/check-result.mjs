// A check's result as a small JSON file, for CI's summary (scripts/ci-summary.mjs) to read instead of grepping logs.
// The gates (lint, drift, breaking-change, size) write one when given `--result FILE`: `npm test` runs lint and size
// with .tmp/checks/<name>.json, and runs drift and breaking-change from their tests (test/drift.test.ts,
// test/breaking-gate.test.ts), which give the same; the fuzz sample and the docs' link test write theirs there too.
// A check clears its file when it starts, so a check that crashed leaves no result rather than an old one.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm test` and the tests put the results: .tmp/checks/ in the repository. */
export const CHECKS_DIR = join(fileURLToPath(new URL('../..', import.meta.url)), '.tmp', 'checks');

/**
 * @typedef {object} CheckResult
 * @property {string} check    its short name (lint, drift, breaking, size, fuzz, links)
 * @property {boolean} ok      the verdict
 * @property {string} summary  one line for people
 * @property {Record<string, unknown>} figures the numbers behind it
 * @property {string} node     the Node version it ran on
 */

/** Remove an old result (nothing to do when there is none). */
export async function clearCheckResult(file) {
  if (file !== undefined) await rm(resolve(file), { force: true });
}

/**
 * Write a result to `file` (its folder is made if needed).
 * @param {string | undefined} file nothing is written when undefined
 * @param {{ check: string, ok: boolean, summary: string, figures?: Record<string, unknown> }} result
 */
export async function writeCheckResult(file, { check, ok, summary, figures = {} }) {
  if (file === undefined) return;
  /** @type {CheckResult} */
  const result = { check, ok, summary, figures, node: process.version };
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFile(resolve(file), `${JSON.stringify(result, null, 2)}\n`);
}
