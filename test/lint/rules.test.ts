// Our custom Spectral rules (scripts/lint/ryze.spectral.yaml) against their fixtures: for every rule,
// fixtures/<rule>/pass.yaml must draw no result at all and fixtures/<rule>/fail.yaml must draw results of that
// rule only. The rule names come from the ruleset itself, so a new rule without fixtures fails here. The real
// bundle must also pass the custom rules. Spectral runs once, over every file, with custom-rules.spectral.yaml
// (our rules alone: no spectral:oas or OWASP findings to filter out).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);

const root = fileURLToPath(new URL('../..', import.meta.url));
const rulesetPath = join(root, 'scripts', 'lint', 'ryze.spectral.yaml');
const customOnlyRuleset = join(root, 'test', 'lint', 'custom-rules.spectral.yaml');
const fixturesDir = join(root, 'test', 'lint', 'fixtures');
const bundlePath = join(root, 'generated', 'openapi.yaml');
const spectralBin = join(root, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');

/** The fields of a Spectral JSON result this test reads. */
interface SpectralResult {
  code: string;
  message: string;
  path: (string | number)[];
  severity: number;
  source: string;
  range: { start: { line: number; character: number } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readRuleNames(): string[] {
  const ruleset: unknown = parse(readFileSync(rulesetPath, 'utf8'));
  if (!isRecord(ruleset) || !isRecord(ruleset.rules)) {
    throw new Error(`${relative(root, rulesetPath)} has no rules map`);
  }
  return Object.keys(ruleset.rules).sort();
}

const rules = readRuleNames();
const fixture = (rule: string, kind: 'pass' | 'fail'): string => join(fixturesDir, rule, `${kind}.yaml`);

function isSpectralResult(value: unknown): value is SpectralResult {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    typeof value.source === 'string' &&
    Array.isArray(value.path)
  );
}

/** Spectral's JSON report; it prints nothing (or `[]`) when there are no results. */
function parseReport(stdout: string): SpectralResult[] {
  const text = stdout.trim();
  if (text === '') return [];
  const report: unknown = JSON.parse(text);
  if (!Array.isArray(report) || !report.every(isSpectralResult)) {
    throw new Error(`Unexpected Spectral output: ${text.slice(0, 500)}`);
  }
  return report;
}

/** Run Spectral once over `files`; it exits non-zero when it finds errors, with the report still on stdout. */
async function lint(files: string[]): Promise<SpectralResult[]> {
  const args = [spectralBin, 'lint', ...files, '--ruleset', customOnlyRuleset, '--format', 'json', '--quiet'];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return parseReport(stdout);
  } catch (error: unknown) {
    const stdout = isRecord(error) && typeof error.stdout === 'string' ? error.stdout.trim() : '';
    if (stdout.startsWith('[')) return parseReport(stdout);
    const stderr = isRecord(error) && typeof error.stderr === 'string' ? error.stderr : '';
    throw new Error(`Spectral failed: ${stderr || String(error)}`);
  }
}

/** Results of one file, one line each, for failure messages. */
function describeResults(results: SpectralResult[]): string {
  return results
    .map((r) => `${r.code} at line ${r.range.start.line + 1} (${r.path.join('.')}): ${r.message}`)
    .join('\n');
}

/** Results grouped by absolute source path, then by rule code. */
const bySource = new Map<string, Map<string, SpectralResult[]>>();
let total = 0;

function resultsOf(file: string): SpectralResult[] {
  return [...(bySource.get(file)?.values() ?? [])].flat();
}

beforeAll(async () => {
  const files = [...rules.flatMap((rule) => [fixture(rule, 'pass'), fixture(rule, 'fail')]), bundlePath].filter(
    (file) => existsSync(file),
  );
  const results = await lint(files);
  total = results.length;
  for (const result of results) {
    const byCode = bySource.get(result.source) ?? new Map<string, SpectralResult[]>();
    byCode.set(result.code, [...(byCode.get(result.code) ?? []), result]);
    bySource.set(result.source, byCode);
  }
}, 60_000);

describe('custom Spectral rules', () => {
  it('reads the rules from the ruleset (guards the loops below against an empty list)', () => {
    expect(rules.length).toBeGreaterThanOrEqual(7);
    for (const rule of rules) expect(rule).toMatch(/^ryze-[a-z0-9-]+$/);
  });

  it('has a pass and a fail fixture for every rule, and no fixtures for a rule that does not exist', () => {
    const missing = rules.flatMap((rule) =>
      (['pass', 'fail'] as const).map((kind) => fixture(rule, kind)).filter((file) => !existsSync(file)),
    );
    expect(missing.map((file) => relative(root, file))).toEqual([]);
    const folders = readdirSync(fixturesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(rules);
  });

  it('attributes every result to a file it was asked to lint, and found something in the fail fixtures', () => {
    const linted = new Set([...rules.flatMap((rule) => [fixture(rule, 'pass'), fixture(rule, 'fail')]), bundlePath]);
    expect([...bySource.keys()].filter((source) => !linted.has(source))).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(rules.length);
  });

  it('finds nothing in the real bundle, generated/openapi.yaml', () => {
    expect(describeResults(resultsOf(bundlePath))).toBe('');
  });

  for (const rule of rules) {
    it(`${rule} passes its pass fixture`, () => {
      // Any result at all (from any custom rule, or an invalid $ref or parse error) breaks a pass fixture.
      expect(describeResults(resultsOf(fixture(rule, 'pass')))).toBe('');
    });

    it(`${rule} fails its fail fixture`, () => {
      const file = fixture(rule, 'fail');
      const results = resultsOf(file);
      expect(bySource.get(file)?.get(rule)?.length ?? 0, `no ${rule} result on ${relative(root, file)}`).toBeGreaterThan(0);
      const others = results.filter((r) => r.code !== rule);
      expect(describeResults(others), `results of other rules on ${relative(root, file)}`).toBe('');
    });
  }
});
