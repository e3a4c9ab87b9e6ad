// `ryzeapi-chat-contract/verify`: provider verification. `verifyProvider` sends a bounded, paced script of requests to
// a live server (production, a staging host, the sandbox) and checks every answer against the bundled spec;
// `formatReport` makes the report readable. The `ryzeapi-chat-verify` command is the same thing from a shell.
// No `node:` import: it needs a fetch and, as an optional peer, ajv. The validators for the package's own spec are
// precompiled (generated/verify-validators.js), so it runs on workerd and under a strict Content-Security-Policy; only a
// caller's own `spec` is compiled at run time, with `new Function` (DECISIONS.md T-07).
//
//   import { verifyProvider, formatReport } from 'ryzeapi-chat-contract/verify';
//   const report = await verifyProvider({ baseUrl: 'https://ryzeapi.cloud', token, instance: 'test', number: '5511988887777' });
//   console.log(formatReport(report)); // report.exitCode: 0 conforms, 1 drift, 2 could not verify
export { verifyProvider, planFor, VerifyUsageError } from './run.js';
export type { StepResult, VerifyFetch, VerifyOptions, VerifyOutcome, VerifyReport } from './run.js';
export { formatPlan, formatReport, formatStep, formatSummary } from './report.js';
export type { CheckResult, Outcome } from './checks.js';
export { AjvMissingError } from './contract.js';
export { MAX_REQUESTS, WRONG_TOKEN } from './script.js';
export type { Auth, InstanceKind, Step } from './script.js';
export { DOCUMENTED_LIMIT, MIN_INTERVAL_MS } from './pace.js';
