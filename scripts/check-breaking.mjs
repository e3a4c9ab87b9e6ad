#!/usr/bin/env node
// Breaking-change gate. Compares the bundle (generated/openapi.yaml) with the last released one
// (openapi/baseline/openapi.yaml) using `redocly diff`, which rates every change by the semver bump it needs
// (request and response sides apart: narrowing what a request accepts or widening what a response may return is
// major, the reverse is minor or patch). Then it checks the versions:
//   - the spec's info.version and package.json's version are the same (one version);
//   - that version is above the baseline's by at least the bump the changes need
//     (major -> next major, minor -> next minor or more, patch -> any higher version, none -> unchanged is fine).
//   - CHANGELOG.md (kept by changesets) has an entry for that version.
// Exit 0 when the versions fit, 1 when they do not (saying which version would), 2 on a usage error.
// Usage: node scripts/check-breaking.mjs [--base FILE] [--revision FILE] [--package FILE] [--changelog FILE] [--report FILE] [--json] [--result FILE]
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { parseCommandLine } from '../src/mock/lifecycle.js';
import { redoclyBin, redoclyEnv, root } from './generate.mjs';
import { clearCheckResult, writeCheckResult } from './lib/check-result.mjs';

const run = promisify(execFile);
export const BASELINE = join(root, 'openapi', 'baseline', 'openapi.yaml');
const IMPACT = ['none', 'patch', 'minor', 'major'];

function parseVersion(text, where) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(text ?? ''));
  if (!match) throw new Error(`${where}: "${text}" is not a plain semver version (MAJOR.MINOR.PATCH)`);
  return match.slice(1).map(Number);
}

const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** info.version of each document text already parsed (by its text: a bundle takes ~80 ms to parse). */
const versions = new Map();
/** A YAML (or JSON) document's info.version; the same text is parsed once per process. */
async function infoVersion(file) {
  const text = await readFile(file, 'utf8');
  if (!versions.has(text)) {
    if (versions.size >= 16) versions.delete(versions.keys().next().value);
    versions.set(text, parse(text)?.info?.version);
  }
  return versions.get(text);
}

/** The smallest version above `base` that a change of `impact` needs. */
export function requiredVersion(base, impact) {
  const [major, minor, patch] = base;
  if (impact === 'major') return [major + 1, 0, 0];
  if (impact === 'minor') return [major, minor + 1, 0];
  if (impact === 'patch') return [major, minor, patch + 1];
  return base;
}

/**
 * `redocly diff` of `base` and `revision`: its JSON report, which rates each change by the semver bump it needs.
 * Redocly CLI 2.77 rates changes differently when it finds any redocly.yaml (even an empty one): removing an
 * accepted request value then counts as a patch instead of a major change. So diff runs from an empty folder,
 * with no configuration; telemetry stays off through the environment.
 */
export async function diffReport({ base = BASELINE, revision = join(root, 'generated', 'openapi.yaml') } = {}) {
  const isolated = await mkdtemp(join(tmpdir(), 'ryze-diff-'));
  try {
    const { stdout } = await run(
      process.execPath,
      [redoclyBin, 'diff', resolve(base), resolve(revision), '--format', 'json', '--fail-on', 'none'],
      { cwd: isolated, env: redoclyEnv, maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(stdout);
  } catch (error) {
    throw new Error(`redocly diff failed: ${error.stderr || error.message}`);
  } finally {
    await rm(isolated, { recursive: true, force: true });
  }
}

/**
 * Run the gate; returns the verdict (and never exits). `report`: a `diffReport` of the same change already made
 * (the tests rate one change once and check each version against that verdict); by default the diff is run here.
 */
export async function checkBreaking({
  base = BASELINE,
  revision = join(root, 'generated', 'openapi.yaml'),
  packageJson = join(root, 'package.json'),
  changelogFile = join(root, 'CHANGELOG.md'),
  report = undefined,
} = {}) {
  report ??= await diffReport({ base, revision });
  const pkg = JSON.parse(await readFile(packageJson, 'utf8'));

  const baseVersion = parseVersion(await infoVersion(base), relative(root, base));
  const specVersion = parseVersion(await infoVersion(revision), `${relative(root, revision)} info.version`);
  const packageVersion = parseVersion(pkg.version, `${relative(root, packageJson)} version`);
  // `bump` is absent when nothing changed; then the summary decides. Anything unrecognised counts as major.
  const summary = report.summary ?? {};
  const fromSummary = summary.major > 0 ? 'major' : summary.minor > 0 ? 'minor' : summary.patch > 0 ? 'patch' : 'none';
  const impact = report.bump === undefined ? fromSummary : IMPACT.includes(report.bump) ? report.bump : 'major';
  const needed = requiredVersion(baseVersion, impact);
  const changes = (report.changes ?? []).map((c) => ({ impact: c.impact, kind: c.kind, path: c.path }));

  const problems = [];
  if (compare(specVersion, packageVersion) !== 0) {
    problems.push(
      `info.version (${specVersion.join('.')}) and package.json (${packageVersion.join('.')}) must be the same version`,
    );
  }
  if (compare(specVersion, needed) < 0) {
    problems.push(
      `the changes since ${baseVersion.join('.')} need a ${impact} release: set info.version and package.json to ` +
        `${needed.join('.')} or higher (now ${specVersion.join('.')})`,
    );
  }
  if (compare(specVersion, baseVersion) < 0) problems.push(`the version went down from ${baseVersion.join('.')}`);
  const changelog = await readFile(changelogFile, 'utf8').catch(() => '');
  if (!new RegExp(`^## ${specVersion.join('\\.')}\\s*$`, 'm').test(changelog)) {
    problems.push(
      `${relative(root, changelogFile)} has no "## ${specVersion.join('.')}" entry: add a changeset (npm run changeset) and run npm run version-packages`,
    );
  }
  return {
    ok: problems.length === 0,
    impact,
    base: baseVersion.join('.'),
    version: specVersion.join('.'),
    needed: needed.join('.'),
    summary: report.summary,
    changes,
    problems,
  };
}

const USAGE = `Usage: node scripts/check-breaking.mjs [--base FILE] [--revision FILE] [--package FILE] [--changelog FILE] [--report FILE] [--json] [--result FILE]
  Rates the changes from --base (default openapi/baseline/openapi.yaml) to --revision (default
  generated/openapi.yaml) with redocly diff, and checks the version in --package (default package.json) and its
  entry in --changelog (default CHANGELOG.md). Exit 0 when the versions fit, 1 when they do not, 2 on a usage error.
  --report FILE  rate with this report of the same two files (redocly diff --format json, saved) instead of
                 running redocly diff again
  --json         print the verdict as JSON
  --result FILE  also write the verdict as JSON for CI's summary (test/breaking-gate.test.ts, run by npm test:
                 .tmp/checks/breaking.json)`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseCommandLine({
    usage: USAGE,
    options: {
      base: { type: 'string' },
      revision: { type: 'string' },
      package: { type: 'string' },
      changelog: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean' },
      result: { type: 'string' },
    },
  });
  await clearCheckResult(args.result);
  const file = (value) => (value === undefined ? undefined : resolve(value));
  let verdict;
  try {
    verdict = await checkBreaking({
      ...(args.base !== undefined ? { base: file(args.base) } : {}),
      ...(args.revision !== undefined ? { revision: file(args.revision) } : {}),
      ...(args.package !== undefined ? { packageJson: file(args.package) } : {}),
      ...(args.changelog !== undefined ? { changelogFile: file(args.changelog) } : {}),
      ...(args.report !== undefined ? { report: JSON.parse(await readFile(file(args.report), 'utf8')) } : {}),
    });
  } catch (error) {
    console.error(`Breaking-change gate: ${error.message}`);
    process.exit(2);
  }
  const counts = verdict.summary
    ? `${verdict.summary.major} major, ${verdict.summary.minor} minor, ${verdict.summary.patch} patch`
    : '';
  const line =
    `${verdict.changes.length} changes since ${verdict.base} (${counts}); ${verdict.impact === 'none' ? 'needs no new version' : `needs a ${verdict.impact} release`} ` +
    `(>= ${verdict.needed}); version is ${verdict.version}.`;
  const { changes, ok, ...figures } = verdict;
  await writeCheckResult(args.result, {
    check: 'breaking',
    ok: verdict.ok,
    summary: verdict.ok ? line : `${line} ${verdict.problems.join('; ')}`,
    figures: { ...figures, changes: changes.length },
  });
  if (args.json) console.log(JSON.stringify(verdict, null, 2));
  else {
    console.log(`Breaking-change gate: ${line}`);
    for (const change of verdict.changes.filter((c) => c.impact !== 'patch').slice(0, 30)) {
      console.log(`  ${change.impact.padEnd(5)} ${change.kind.padEnd(8)} ${change.path}`);
    }
    for (const problem of verdict.problems) console.error(`  FAIL: ${problem}`);
  }
  process.exit(verdict.ok ? 0 : 1);
}
