#!/usr/bin/env node
// Lint gate: Spectral (spectral:oas all + OWASP + our rules, .spectral.yaml) and Redocly (recommended, invalid
// examples as errors, redocly.yaml) over the source and the bundle. Passes only when both report nothing at
// all: no error, no warning, no info, no hint. Prints every finding and one summary line per linter.
import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { redoclyBin, redoclyEnv, root } from './generate.mjs';

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

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const resolver = join(root, 'scripts', 'lint', 'text-refs-resolver.cjs');
const spectral = await jsonOutput([
  spectralBin, 'lint', ...TARGETS, '--resolver', resolver, '--format', 'json', '--quiet', '--fail-severity', 'hint',
]);
const spectralCounts = [0, 0, 0, 0];
for (const finding of spectral) {
  spectralCounts[finding.severity] += 1;
  const where = `${relative(root, finding.source)}:${finding.range.start.line + 1}`;
  console.log(`spectral ${SEVERITY[finding.severity]} ${finding.code} ${where} ${finding.path.join('.')}: ${finding.message}`);
}

let redoclyErrors = 0;
let redoclyWarnings = 0;
for (const target of TARGETS) {
  const report = await jsonOutput([redoclyBin, 'lint', target, '--format', 'json'], redoclyEnv);
  redoclyErrors += report.totals.errors;
  redoclyWarnings += report.totals.warnings;
  for (const problem of report.problems) {
    const location = problem.location?.[0];
    const file = location?.source?.ref ? relative(root, location.source.ref) : target;
    console.log(`redocly ${problem.severity} ${problem.ruleId} ${file}#${location?.pointer ?? ''}: ${problem.message}`);
  }
}

console.log(
  `Spectral (${TARGETS.length} documents): ${spectralCounts[0]} errors, ${spectralCounts[1]} warnings, ` +
    `${spectralCounts[2]} infos, ${spectralCounts[3]} hints`,
);
console.log(`Redocly (${TARGETS.length} documents): ${redoclyErrors} errors, ${redoclyWarnings} warnings`);
const total = spectralCounts.reduce((a, b) => a + b, 0) + redoclyErrors + redoclyWarnings;
if (total > 0) {
  console.error(`Lint failed: ${total} findings.`);
  process.exit(1);
}
