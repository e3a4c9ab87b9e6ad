#!/usr/bin/env node
// Lint gate: Spectral (spectral:oas all + OWASP + our rules, .spectral.yaml) and Redocly (recommended, invalid
// examples as errors, redocly.yaml) over the source and the bundle. Passes only when both report nothing at
// all: no error, no warning, no info, no hint, and no problem in Redocly's own configuration either
// (scripts/lib/redocly-lint.mjs). Prints every finding and one summary line per linter.
// Usage: node scripts/lint.mjs [--redocly-config FILE] [--result FILE]   (default: redocly.yaml)
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

const args = parseCommandLine({
  usage:
    'Usage: node scripts/lint.mjs [--redocly-config FILE] [--result FILE]\n' +
    "  --redocly-config FILE  Redocly's configuration (default: redocly.yaml)\n" +
    '  --result FILE          also write the verdict and the counts as JSON (npm test: .tmp/checks/lint.json)',
  options: { 'redocly-config': { type: 'string' }, result: { type: 'string' } },
});
await clearCheckResult(args.result);
const SEVERITY = ['error', 'warning', 'info', 'hint'];
const resolver = join(root, 'scripts', 'lint', 'text-refs-resolver.cjs');
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
const spectralCounts = [0, 0, 0, 0];
for (const finding of spectral) {
  spectralCounts[finding.severity] += 1;
  const where = `${relative(root, finding.source)}:${finding.range.start.line + 1}`;
  console.log(
    `spectral ${SEVERITY[finding.severity]} ${finding.code} ${where} ${finding.path.join('.')}: ${finding.message}`,
  );
}

const redocly = await redoclyFindings({
  targets: TARGETS,
  config: args['redocly-config'] && resolve(args['redocly-config']),
});
for (const line of redocly.lines) console.log(line);

const spectralLine =
  `Spectral (${TARGETS.length} documents): ${spectralCounts[0]} errors, ${spectralCounts[1]} warnings, ` +
  `${spectralCounts[2]} infos, ${spectralCounts[3]} hints`;
const redoclyLine =
  `Redocly (${TARGETS.length} documents): ${redocly.errors} errors, ${redocly.warnings} warnings; ` +
  `configuration: ${redocly.config} problems`;
console.log(spectralLine);
console.log(redoclyLine);
const total = spectralCounts.reduce((a, b) => a + b, 0) + redocly.total;
await writeCheckResult(args.result, {
  check: 'lint',
  ok: total === 0,
  summary: `${spectralLine}; ${redoclyLine}`,
  figures: {
    documents: TARGETS,
    spectral: Object.fromEntries(['errors', 'warnings', 'infos', 'hints'].map((name, i) => [name, spectralCounts[i]])),
    redocly: { errors: redocly.errors, warnings: redocly.warnings, configuration: redocly.config },
    findings: total,
  },
});
if (total > 0) {
  console.error(`Lint failed: ${total} findings.`);
  process.exit(1);
}
