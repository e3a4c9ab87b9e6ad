// The report for people: the plan said before anything is sent, one line per check (outcome, what, expected, got,
// where in the spec), then the drift and warnings gathered, the end state and the verdict. `--json` prints the
// VerifyReport itself. Browser-safe.
import type { CheckResult } from './checks.js';
import { MIN_INTERVAL_MS } from './pace.js';
import type { StepResult, VerifyReport } from './run.js';
import { MAX_REQUESTS, bodyText, type Auth, type Step } from './script.js';

const AUTH: Record<Auth, string> = {
  token: 'token header',
  bearer: 'Authorization: Bearer',
  none: 'no token',
  wrong: 'a wrong token',
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

function line(check: CheckResult): string {
  return `${check.outcome.toUpperCase().padEnd(4)}  ${check.check}: expected ${check.expected}; got ${check.got}  [${check.location}]`;
}

/** What a run will do, said before it starts (and all that `--dry-run` prints). */
export function formatPlan(
  plan: readonly Step[],
  where: { baseUrl: string; instance: string; number: string },
): string {
  const seconds = ((plan.length - 1) * MIN_INTERVAL_MS) / 1000;
  return [
    `ryzeapi-chat-verify: ${where.baseUrl}, instance ${where.instance}, test contact ${where.number}`,
    `Sends ${plan.length} requests (never more than ${MAX_REQUESTS}, retries and restores included), one every ${MIN_INTERVAL_MS / 1000} s or slower: ` +
      `under the documented 100 per minute per token, about ${Math.ceil(seconds)} s in all.`,
    'It blocks and unblocks the test contact and mutes and unmutes its chat; it ends with the contact unblocked and the chat unmuted.',
    'The other requests are refusals (no token, a wrong token, bad bodies): their bodies change nothing even if accepted.',
    ...plan.map(
      (step, i) =>
        `  ${String(i + 1).padStart(2)}. ${step.title}: ${step.operationId} (${AUTH[step.auth]}${step.instance === 'own' ? '' : `, ${step.instance === 'empty' ? 'no' : 'an impossible'} instance name`}) ${clip(bodyText(step.body), 70)}`,
    ),
  ].join('\n');
}

/** One answered request and its checks, as printed while the run goes. */
export function formatStep(step: StepResult): string {
  const got = step.response ? String(step.response.status) : `no answer (${step.error ?? 'unknown'})`;
  return [
    `${String(step.index).padStart(2)}. ${step.title}`,
    `    ${step.request.method} ${clip(step.request.path, 70)} (${AUTH[step.request.auth]}) ${clip(step.request.body, 80)} -> ${got}`,
    ...step.checks.map((check) => `    ${line(check)}`),
  ].join('\n');
}

/** The checks with this outcome, one entry per check and place in the spec: which requests, and the first answer. */
function gather(report: VerifyReport, outcome: CheckResult['outcome']): string[] {
  const groups = new Map<string, { first: CheckResult; requests: number[] }>();
  for (const step of report.steps) {
    for (const check of step.checks.filter((c) => c.outcome === outcome)) {
      const key = `${check.check}\u0000${check.location}`;
      const group = groups.get(key) ?? { first: check, requests: [] };
      group.requests.push(step.index);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ first, requests }) => {
    const which =
      requests.length === 1 ? `request ${requests[0]}` : `${requests.length} requests (${requests.join(', ')})`;
    return `  ${first.check} [${first.location}], ${which}: expected ${first.expected}; got ${first.got}${requests.length > 1 ? ' (first of them)' : ''}`;
  });
}

/** What drifted, the warnings, the end state and the verdict. */
export function formatSummary(report: VerifyReport): string {
  const out: string[] = [];
  const failed = gather(report, 'fail');
  const warnings = gather(report, 'warn');
  if (failed.length)
    out.push(
      `Drift: ${report.summary.failed} failed check(s), ${failed.length === 1 ? 'one kind' : `${failed.length} kinds`}`,
      ...failed,
      '',
    );
  if (warnings.length)
    out.push(`Warnings: allowed by the contract, but not what the check meant to see`, ...warnings, '');
  const { summary } = report;
  out.push(
    `End state: contact ${report.endState.contact}; chat ${report.endState.chat}.`,
    `${report.requests} requests, ${summary.checks} checks: ${summary.passed} passed, ${summary.failed} failed, ${summary.warnings} warnings.`,
  );
  if (report.outcome === 'conforms')
    out.push(`Result: CONFORMS${summary.warnings ? ' (see the warnings)' : ''}. Exit 0.`);
  else if (report.outcome === 'drift') out.push(`Result: DRIFT (${summary.drifted.length} kind(s) above). Exit 1.`);
  else out.push(`Result: COULD NOT VERIFY: ${report.problem ?? report.outcome}. Exit 2.`);
  return out.join('\n');
}

/** The whole report as text: every check, then what drifted, the warnings, the end state and the verdict. */
export function formatReport(report: VerifyReport): string {
  return [
    `Checked against the contract ${report.specVersion}: ${report.baseUrl}, instance ${report.instance}, test contact ${report.number} (${report.jid})`,
    ...report.steps.map(formatStep),
    formatSummary(report),
  ].join('\n\n');
}
