// Our custom Spectral rules (scripts/lint/ryze.spectral.yaml) against their cases (cases.ts): the base document
// (base.yaml) must draw no result at all; each case changes one thing in a copy of it, and a `pass` case must draw
// no result while a `fail` case must draw results of its own rule and of no other. The rule names come from the
// ruleset itself, so a rule without a passing and a failing case fails here. The real bundle must pass too.
// Spectral runs once, over every document, with custom-rules.spectral.yaml (our rules alone: no spectral:oas or
// OWASP findings to filter out).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { cases, REMOVE, type LintCase } from './cases.js';

const run = promisify(execFile);

const root = fileURLToPath(new URL('../..', import.meta.url));
const rulesetPath = join(root, 'scripts', 'lint', 'ryze.spectral.yaml');
const customOnlyRuleset = join(root, 'test', 'lint', 'custom-rules.spectral.yaml');
const basePath = join(root, 'test', 'lint', 'base.yaml');
const bundlePath = join(root, 'generated', 'openapi.yaml');
const spectralBin = join(root, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');

/** The fields of a Spectral JSON result this test reads. */
interface SpectralResult {
  code: string;
  message: string;
  path: (string | number)[];
  source: string;
  range: { start: { line: number } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isSpectralResult(value: unknown): value is SpectralResult {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    typeof value.source === 'string' &&
    Array.isArray(value.path)
  );
}

const ruleset: unknown = parse(await readFile(rulesetPath, 'utf8'));
if (!isRecord(ruleset) || !isRecord(ruleset.rules)) throw new Error(`${relative(root, rulesetPath)} has no rules map`);
const rules = Object.keys(ruleset.rules).sort();
const base: unknown = parse(await readFile(basePath, 'utf8'));

/** Every case, with the name of its rule and of the document it is written to. */
const all = Object.entries(cases).flatMap(([rule, list]) =>
  list.map((lintCase, i) => ({ ...lintCase, rule, file: `${rule}.${lintCase.expect}.${i + 1}.yaml` })),
);

/** A copy of the base document with the case's one change; throws when the change cannot apply or changes nothing. */
function applyCase({ at, set }: LintCase): unknown {
  const document = structuredClone(base);
  const key = at[at.length - 1];
  let parent: unknown = document;
  for (const step of at.slice(0, -1))
    parent = isRecord(parent) || Array.isArray(parent) ? (parent as Record<string | number, unknown>)[step] : undefined;
  if (key === undefined || !(isRecord(parent) || Array.isArray(parent)))
    throw new Error(`nothing at ${at.slice(0, -1).join(' > ')}`);
  const container = parent as Record<string | number, unknown>;
  if (set === REMOVE) {
    if (!(key in container)) throw new Error(`nothing to remove at ${at.join(' > ')}`);
    delete container[key];
  } else {
    if (isDeepStrictEqual(container[key], set)) throw new Error(`the base already has this value at ${at.join(' > ')}`);
    container[key] = set;
  }
  return document;
}

/** Spectral's JSON report; it prints nothing (or `[]`) when there are no results. */
function parseReport(stdout: string): SpectralResult[] {
  const text = stdout.trim();
  if (text === '') return [];
  const report: unknown = JSON.parse(text);
  if (!Array.isArray(report) || !report.every(isSpectralResult))
    throw new Error(`Unexpected Spectral output: ${text.slice(0, 500)}`);
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

/** Results, one line each, for failure messages. */
const describeResults = (results: SpectralResult[]): string =>
  results.map((r) => `${r.code} at line ${r.range.start.line + 1} (${r.path.join('.')}): ${r.message}`).join('\n');

let scratch: string;
let linted: string[];
const bySource = new Map<string, SpectralResult[]>();
const resultsOf = (file: string): SpectralResult[] => bySource.get(file) ?? [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ryze-lint-cases-'));
  for (const lintCase of all) await writeFile(join(scratch, lintCase.file), stringify(applyCase(lintCase)));
  linted = [basePath, bundlePath, ...all.map((lintCase) => join(scratch, lintCase.file))];
  for (const result of await lint(linted)) bySource.set(result.source, [...resultsOf(result.source), result]);
}, 60_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('custom Spectral rules', () => {
  it('reads the rules from the ruleset (guards the loops below against an empty list)', () => {
    expect(rules.length).toBeGreaterThanOrEqual(9);
    for (const rule of rules) expect(rule).toMatch(/^ryze-[a-z0-9-]+$/);
  });

  it('has a passing and a failing case for every rule, and no case for a rule that does not exist', () => {
    expect(Object.keys(cases).sort()).toEqual(rules);
    const kinds = (rule: string) => [...new Set((cases[rule] ?? []).map((c) => c.expect))].sort();
    expect(rules.filter((rule) => kinds(rule).join() !== 'fail,pass')).toEqual([]);
  });

  it('attributes every result to a document it was asked to lint', () => {
    const asked = new Set(linted);
    expect([...bySource.keys()].filter((source) => !asked.has(source))).toEqual([]);
  });

  it('finds nothing in the base document, test/lint/base.yaml', () => {
    expect(describeResults(resultsOf(basePath))).toBe('');
  });

  it('finds nothing in the real bundle, generated/openapi.yaml', () => {
    expect(describeResults(resultsOf(bundlePath))).toBe('');
  });

  for (const { rule, expect: expected, why, file } of all) {
    it(`${rule} ${expected === 'pass' ? 'passes' : 'fails'} when ${why}`, () => {
      const results = resultsOf(join(scratch, file));
      if (expected === 'pass') {
        // Any result at all (from any custom rule, or an invalid $ref or parse error) breaks a passing case.
        expect(describeResults(results)).toBe('');
        return;
      }
      expect(results.filter((r) => r.code === rule).length, `no ${rule} result`).toBeGreaterThan(0);
      expect(describeResults(results.filter((r) => r.code !== rule)), 'results of other rules').toBe('');
    });
  }
});
