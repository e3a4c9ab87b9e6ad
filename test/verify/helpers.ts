// Shared by the verifier's tests: run the command in-process against any fetch (the sandbox's, or a wrapper that
// changes one thing about its answers), with the sandbox's virtual clock standing in for real waits.
import { formatReport, type VerifyFetch, type VerifyReport } from '../../src/verify/index.js';
import { runCommand } from '../../src/verify/command.js';

export const TOKEN = 'verify-test-token-0001';
export const INSTANCE = 'my-instance';
/** The test contact: not the spec's example number, so an answer that is only the example cannot pass. */
export const NUMBER = '5511988887777';
export const JID = `${NUMBER}@s.whatsapp.net`;
/** Any origin reaches an in-process sandbox; a loopback one needs no --allow-http. */
export const IN_PROCESS_URL = 'http://127.0.0.1:4010';

/** A clock the run reads and advances: the sandbox's own, so pacing waits cost no real time. */
export interface TestClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Every wait asked for, in order. */
  waits: number[];
}

export function clockOf(sandbox: { now(): Date; advance(ms: number): Date }): TestClock {
  const waits: number[] = [];
  return {
    waits,
    now: () => sandbox.now().getTime(),
    sleep: async (ms) => {
      waits.push(ms);
      if (ms > 0) sandbox.advance(ms);
    },
  };
}

/** A clock for servers without one (bare Prism): time moves only by the waits. */
export function manualClock(start = Date.now()): TestClock {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += Math.max(0, ms);
    },
  };
}

export interface Run {
  code: number;
  report: VerifyReport;
  /** The report as a person reads it. */
  text: string;
  stdout: string;
  stderr: string;
}

/** `ryzeapi-chat-verify --json` in-process (the bin is this function plus process I/O). */
export async function runVerify(
  fetch: VerifyFetch,
  clock: TestClock,
  { baseUrl = IN_PROCESS_URL, args = [] as string[] } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(
    ['--base-url', baseUrl, '--instance', INSTANCE, '--number', NUMBER, '--json', ...args],
    {
      env: { RYZE_TOKEN: TOKEN },
      stdout: (text) => (stdout += `${text}\n`),
      stderr: (text) => (stderr += `${text}\n`),
      fetch,
      now: clock.now,
      sleep: clock.sleep,
    },
  );
  const report = JSON.parse(stdout) as VerifyReport;
  return { code, report, text: formatReport(report), stdout, stderr };
}

/** The checks with an outcome, as `step-id check` strings. */
export function checksWith(report: VerifyReport, outcome: 'fail' | 'warn'): string[] {
  return report.steps.flatMap((step) =>
    step.checks.filter((c) => c.outcome === outcome).map((c) => `${step.id} ${c.check}`),
  );
}

/** A fetch that hands each answer of `fetch` to `change` first: a server that drifts in one way. */
export function drifting(
  fetch: VerifyFetch,
  change: (request: Request, response: Response) => Promise<Response> | Response,
): VerifyFetch {
  return async (input, init) => {
    const request = new Request(input, init);
    return change(request, await fetch(input, init));
  };
}

/** The same answer with its JSON body changed (and optionally its status); every header kept. */
export async function rewrite(
  response: Response,
  change: (body: any) => unknown,
  status = response.status,
): Promise<Response> {
  const body = change(await response.json());
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status, headers });
}
