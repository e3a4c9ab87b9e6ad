// The `ryzeapi-chat-verify` command as a function of its arguments, environment and output streams, so tests run
// it in-process. Exit codes: 0 every answer conforms, 1 something drifted, 2 bad usage or the run could not verify
// (server unreachable, token refused, ajv missing). Node only (util.parseArgs).
import { parseArgs } from 'node:util';
import { AjvMissingError, loadAjv } from './contract.js';
import { MIN_INTERVAL_MS } from './pace.js';
import { formatPlan, formatStep, formatSummary } from './report.js';
import {
  VerifyUsageError,
  checkOptions,
  planFor,
  verifyProvider,
  type VerifyFetch,
  type VerifyOptions,
} from './run.js';
import { MAX_REQUESTS } from './script.js';

export const HELP = `Usage: ryzeapi-chat-verify --base-url URL --instance NAME --number NUMBER [--json] [--dry-run]
       (the token from RYZE_TOKEN, or --token TOKEN)

Checks a live RyzeAPI server against this package's contract: sends at most ${MAX_REQUESTS} requests, one every
${MIN_INTERVAL_MS / 1000} s or slower (under the documented 100 per minute per token), and checks every answer against the
bundled OpenAPI spec: documented status, body valid against its schema (JSON Schema 2020-12, closed objects),
X-RateLimit-* headers present and sane, documented messages, and answers that agree with the request.

It blocks and unblocks the test contact and mutes and unmutes its chat, and ends with the contact unblocked and
the chat unmuted. Use a test contact you control and a token your applications do not depend on.

Options:
  --base-url URL   the server (or RYZE_BASE_URL): https://ryzeapi.cloud, or http://127.0.0.1:4010 for the mock
  --token TOKEN    a token that owns the instance (prefer RYZE_TOKEN: arguments show in ps and shell history)
  --instance NAME  an instance the token owns, connected to WhatsApp
  --number NUMBER  a test contact you control (phone number in international digits, or a person's JID)
  --json           print the report as JSON (for CI) instead of text
  --dry-run        print what would be sent, send nothing
  --allow-http     allow plain http to another machine (the token would travel unencrypted)
  --timeout MS     give up on an answer after MS milliseconds (default 15000)
  --help           this text

Exit codes: 0 every answer conforms, 1 the server drifted from the contract, 2 bad usage or the run could not
verify (server unreachable, token or instance refused, ajv missing).`;

export interface CommandIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Test seams, passed on to verifyProvider. */
  fetch?: VerifyFetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Run the command; resolves to its exit code. */
export async function runCommand(args: readonly string[], io: CommandIo): Promise<0 | 1 | 2> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        instance: { type: 'string' },
        number: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'allow-http': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\nRun ryzeapi-chat-verify --help for the options.`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 100 && timeout <= 600_000)) {
    io.stderr('--timeout takes whole milliseconds from 100 to 600000.');
    return 2;
  }
  const options: VerifyOptions = {
    baseUrl: values['base-url'] ?? io.env.RYZE_BASE_URL ?? '',
    token: values.token ?? io.env.RYZE_TOKEN ?? '',
    instance: values.instance ?? '',
    number: values.number ?? '',
    allowHttp: values['allow-http'],
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.now ? { now: io.now } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
  };
  const json = values.json;
  try {
    if (values['dry-run']) {
      // Nothing is sent: the plan needs only the contact, so a dry run works before a token is at hand.
      const plan = planFor({ number: options.number });
      io.stdout(
        json
          ? JSON.stringify({ plan }, null, 2)
          : formatPlan(plan, {
              baseUrl: options.baseUrl || '(no --base-url)',
              instance: options.instance || '(no --instance)',
              number: options.number,
            }),
      );
      return 0;
    }
    const checked = checkOptions(options);
    const plan = planFor({ number: checked.number });
    // Before anything is printed or sent: a missing ajv is the one thing left that stops a run at once.
    await loadAjv();
    if (!json)
      io.stdout(`${formatPlan(plan, { baseUrl: checked.base, instance: options.instance, number: checked.number })}\n`);
    const report = await verifyProvider({
      ...options,
      ...(json ? {} : { onStep: (step) => io.stdout(`${formatStep(step)}\n`) }),
    });
    io.stdout(json ? JSON.stringify(report, null, 2) : formatSummary(report));
    return report.exitCode;
  } catch (error) {
    if (error instanceof VerifyUsageError || error instanceof AjvMissingError) {
      io.stderr(`${(error as Error).message}\nRun ryzeapi-chat-verify --help for the options.`);
      return 2;
    }
    throw error;
  }
}
