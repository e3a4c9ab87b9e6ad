#!/usr/bin/env node
// Lint gate: Spectral (spectral:oas all + OWASP + our rules, .spectral.yaml) and Redocly (recommended, invalid
// examples as errors, redocly.yaml) over the source and the bundle. Passes only when both report nothing at
// all: no error, no warning, no info, no hint, and no problem in Redocly's own configuration either
// (scripts/lib/redocly-lint.mjs). Prints every finding and one summary line per linter.
// The two linters run at the same time. `--only redocly` (or `spectral`) runs one half alone, with the same summary
// line and exit code for that half (test/redocly-gate.test.ts runs the Redocly half through this command).
// Usage: node scripts/lint.mjs [--redocly-config FILE] [--only spectral|redocly] [--result FILE]   (default: redocly.yaml)
import { execFile } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { root } from './generate.mjs';
import { parseCommandLine } from '../src/mock/lifecycle.js';
import { clearCheckResult, writeCheckResult } from './lib/check-result.mjs';
import { redoclyFindings } from './lib/redocly-lint.mjs';

const run = promisify(execFile);
const TARGETS = ['openapi/openapi.yaml', 'generated/openapi.yaml'];
const spectralBin = join(root, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');

/** Run a command that reports findings as JSON on stdout and may exit non-zero because of them. */
async function jsonOutput(args, env = process.env) {
  try {
    const { stdout } = await run(process.execPath, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout);
  } catch (error) {
    const out = typeof error.stdout === 'string' ? error.stdout.trim() : '';
    if (out.startsWith('[') || out.startsWith('{')) return JSON.parse(out);
    throw new Error(`${args.slice(0, 3).join(' ')} failed: ${error.stderr || error.message}`);
  }
}

const USAGE =
  'Usage: node scripts/lint.mjs [--redocly-config FILE] [--only spectral|redocly] [--result FILE]\n' +
  "  --redocly-config FILE  Redocly's configuration (default: redocly.yaml)\n" +
  '  --only LINTER          run one linter alone: spectral or redocly (default: both)\n' +
  '  --result FILE          also write the verdict and the counts as JSON (npm test: .tmp/checks/lint.json)';
const args = parseCommandLine({
  usage: USAGE,
  options: { 'redocly-config': { type: 'string' }, only: { type: 'string' }, result: { type: 'string' } },
});
if (args.only !== undefined && !['spectral', 'redocly'].includes(args.only)) {
  console.error(`--only must be spectral or redocly, not "${args.only}"\n\n${USAGE}`);
  process.exit(2);
}
await clearCheckResult(args.result);
const SEVERITY = ['error', 'warning', 'info', 'hint'];
const resolver = join(root, 'scripts', 'lint', 'text-refs-resolver.cjs');

/** Spectral's findings as printable lines, and its counts by severity. */
async function spectralFindings() {
  const spectral = await jsonOutput([
    spectralBin,
    'lint',
    ...TARGETS,
    '--resolver',
    resolver,
    '--format',
    'json',
    '--quiet',
    '--fail-severity',
    'hint',
  ]);
  const counts = [0, 0, 0, 0];
  const lines = [];
  for (const finding of spectral) {
    counts[finding.severity] += 1;
    const where = `${relative(root, finding.source)}:${finding.range.start.line + 1}`;
    lines.push(
      `spectral ${SEVERITY[finding.severity]} ${finding.code} ${where} ${finding.path.join('.')}: ${finding.message}`,
    );
  }
  return { counts, lines, total: counts.reduce((a, b) => a + b, 0) };
}

// Both at once (each is mostly its own child process); the findings are printed in the same order as before.
const [spectral, redocly] = await Promise.all([
  args.only === 'redocly' ? undefined : spectralFindings(),
  args.only === 'spectral'
    ? undefined
    : redoclyFindings({ targets: TARGETS, config: args['redocly-config'] && resolve(args['redocly-config']) }),
]);
for (const line of [...(spectral?.lines ?? []), ...(redocly?.lines ?? [])]) console.log(line);

const summaries = [];
if (spectral) {
  const [errors, warnings, infos, hints] = spectral.counts;
  summaries.push(
    `Spectral (${TARGETS.length} documents): ${errors} errors, ${warnings} warnings, ${infos} infos, ${hints} hints`,
  );
}
if (redocly) {
  summaries.push(
    `Redocly (${TARGETS.length} documents): ${redocly.errors} errors, ${redocly.warnings} warnings; ` +
      `configuration: ${redocly.config} problems`,
  );
}
for (const line of summaries) console.log(line);
const total = (spectral?.total ?? 0) + (redocly?.total ?? 0);
await writeCheckResult(args.result, {
  check: 'lint',
  ok: total === 0,
  summary: summaries.join('; '),
  figures: {
    documents: TARGETS,
    ...(spectral && {
      spectral: Object.fromEntries(
        ['errors', 'warnings', 'infos', 'hints'].map((name, i) => [name, spectral.counts[i]]),
      ),
    }),
    ...(redocly && {
      redocly: { errors: redocly.errors, warnings: redocly.warnings, configuration: redocly.config },
    }),
    findings: total,
  },
});
if (total > 0) {
  console.error(`Lint failed: ${total} findings.`);
  process.exit(1);
}
