// The Redocly half of the lint gate (scripts/lint.mjs). Redocly prints a problem in its own configuration
// (redocly.yaml: an unknown or misplaced key, say) as a warning on stderr only, and leaves it out of the JSON
// totals of `lint`; so the configuration's problems are read from that stderr, where any problem, a warning
// included, fails. The documents are linted by one `redocly lint` (`--lint-config warn`: the configuration is
// checked by the same run), which prints one JSON report per document, one after the other, in their order.
// With no document to lint, or when `redocly lint` cannot run at all, `redocly check-config` checks the
// configuration on its own and says why.
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
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: root,
      env: redoclyEnv,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { reports: reports(stdout.trim()), stderr };
  } catch (error) {
    const out = typeof error.stdout === 'string' ? error.stdout.trim() : '';
    if (out.startsWith('{')) return { reports: reports(out), stderr: String(error.stderr ?? '') };
    throw new Error(`redocly lint failed${config ? ` (config ${config})` : ''}: ${error.stderr || error.message}`);
  }
}

/** The configuration problems Redocly lists on stderr (`[1] file:line:col at #/pointer`, a blank line, the message). */
const configProblemLines = (stderr) =>
  [...stderr.matchAll(/\[\d+\] (\S+):(\d+):\d+ at (\S+)\s*\n\s*\n(.+)\n/g)].map(
    ([, file, line, pointer, message]) => `redocly config ${file}:${line} ${pointer}: ${message.trim()}`,
  );

/** The findings: the configuration's problem lines (`config` of them), then each document's problems. */
function findings(targets, configLines, config, reports) {
  if (reports.length > 0 && reports.length !== targets.length) {
    throw new Error(`redocly lint printed ${reports.length} reports for ${targets.length} documents`);
  }
  const lines = [...configLines];
  let errors = 0;
  let warnings = 0;
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
  return { config, errors, warnings, lines, total: config + errors + warnings };
}

/**
 * Redocly's findings, each as one printable line: `config` counts the configuration's problems, `errors` and
 * `warnings` the documents'; the gate passes only when `total` is 0.
 * @param {{ targets: string[], config?: string }} options  `config`: a Redocly config file other than redocly.yaml
 */
export async function redoclyFindings({ targets, config }) {
  const configArgs = config ? ['--config', config] : [];
  let lintError;
  if (targets.length > 0) {
    try {
      const { reports, stderr } = await lintReports(
        [redoclyBin, 'lint', ...targets, '--format', 'json', '--lint-config', 'warn', ...configArgs],
        config,
      );
      const configLines = configProblemLines(stderr);
      return findings(targets, configLines, configLines.length, reports);
    } catch (error) {
      lintError = error;
    }
  }
  // No document, or `redocly lint` could not run: check-config alone, which fails on any problem and says why.
  const lines = [];
  let configProblems = 0;
  try {
    await run(process.execPath, [redoclyBin, 'check-config', ...configArgs], { cwd: root, env: redoclyEnv });
  } catch (error) {
    const stderr = String(error.stderr || error.message);
    lines.push(...configProblemLines(stderr));
    configProblems = lines.length;
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
  if (lintError) {
    if (configProblems === 0) throw lintError;
    const said = String(lintError.message)
      .split('\n')
      .filter((l) => l.trim() && !/[║╔╚]/.test(l))
      .slice(1)
      .join(' ');
    lines.push(
      `redocly lint of ${targets.join(', ')} did not run, after the configuration problems above: ${said.trim()}`,
    );
  }
  return findings(targets, lines, configProblems, []);
}
