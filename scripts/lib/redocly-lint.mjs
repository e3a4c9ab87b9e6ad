// The Redocly half of the lint gate (scripts/lint.mjs). Redocly prints a problem in its own configuration
// (redocly.yaml: an unknown or misplaced key, say) as a warning on stderr only, and leaves it out of the JSON
// totals of `lint`; so the configuration is checked on its own with `redocly check-config`, under which any
// problem, a warning included, fails. Then the documents are linted by one `redocly lint` (`--lint-config off`:
// checked once already), which prints one JSON report per document, one after the other, in their order.
import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { promisify } from 'node:util';
import { redoclyBin, redoclyEnv, root } from '../generate.mjs';

const run = promisify(execFile);

/**
 * The reports of `redocly lint --format json` over several documents: it prints one pretty-printed JSON object per
 * document, back to back (`}{` on a line of its own between two). Also when it exits non-zero because of what it found.
 */
async function lintReports(args, config) {
  const reports = (out) =>
    out
      .replace(/^\}\{$/gm, '}\n\u0000{')
      .split('\n\u0000')
      .map((text) => JSON.parse(text));
  try {
    const { stdout } = await run(process.execPath, args, { cwd: root, env: redoclyEnv, maxBuffer: 64 * 1024 * 1024 });
    return reports(stdout.trim());
  } catch (error) {
    const out = typeof error.stdout === 'string' ? error.stdout.trim() : '';
    if (out.startsWith('{')) return reports(out);
    throw new Error(`redocly lint failed${config ? ` (config ${config})` : ''}: ${error.stderr || error.message}`);
  }
}

/**
 * Redocly's findings, each as one printable line: `config` counts the configuration's problems, `errors` and
 * `warnings` the documents'; the gate passes only when `total` is 0.
 * @param {{ targets: string[], config?: string }} options  `config`: a Redocly config file other than redocly.yaml
 */
export async function redoclyFindings({ targets, config }) {
  const configArgs = config ? ['--config', config] : [];
  const lines = [];
  let configProblems = 0;
  try {
    await run(process.execPath, [redoclyBin, 'check-config', ...configArgs], { cwd: root, env: redoclyEnv });
  } catch (error) {
    const stderr = String(error.stderr || error.message);
    for (const [, file, line, pointer, message] of stderr.matchAll(
      /\[\d+\] (\S+):(\d+):\d+ at (\S+)\s*\n\s*\n(.+)\n/g,
    )) {
      configProblems += 1;
      lines.push(`redocly config ${file}:${line} ${pointer}: ${message.trim()}`);
    }
    if (configProblems === 0) {
      // Not a problem list (an unreadable file, a crash): still a failure, with what Redocly said.
      configProblems = 1;
      const said = stderr
        .split('\n')
        .filter((l) => l.trim() && !/[║╔╚]/.test(l))
        .join(' ');
      lines.push(`redocly config: check-config failed: ${said.trim()}`);
    }
  }
  let errors = 0;
  let warnings = 0;
  let reports = [];
  if (targets.length > 0) {
    try {
      reports = await lintReports(
        [redoclyBin, 'lint', ...targets, '--format', 'json', '--lint-config', 'off', ...configArgs],
        config,
      );
    } catch (error) {
      if (configProblems === 0) throw error;
      const said = String(error.message)
        .split('\n')
        .filter((l) => l.trim() && !/[║╔╚]/.test(l))
        .slice(1)
        .join(' ');
      lines.push(
        `redocly lint of ${targets.join(', ')} did not run, after the configuration problems above: ${said.trim()}`,
      );
    }
    if (reports.length > 0 && reports.length !== targets.length) {
      throw new Error(`redocly lint printed ${reports.length} reports for ${targets.length} documents`);
    }
  }
  for (const [index, report] of reports.entries()) {
    const target = targets[index];
    errors += report.totals.errors;
    warnings += report.totals.warnings;
    for (const problem of report.problems) {
      const location = problem.location?.[0];
      const file = location?.source?.ref ? relative(root, location.source.ref) : target;
      lines.push(
        `redocly ${problem.severity} ${problem.ruleId} ${file}#${location?.pointer ?? ''}: ${problem.message}`,
      );
    }
  }
  return { config: configProblems, errors, warnings, lines, total: configProblems + errors + warnings };
}
