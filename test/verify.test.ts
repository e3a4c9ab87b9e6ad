// The verifier's parts and its edges: pacing as pure functions, the closed-object guard, how schema errors are
// reported, the command's options and exit codes, unreachable and redirecting servers, the request budget, the
// token's safety, and the bin itself (help, dry run, the install line when ajv is missing).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../src/mock/sandbox.js';
import { runCommand } from '../src/verify/command.js';
import {
  AjvMissingError,
  ContractValidator,
  closeObjects,
  loadAjv,
  readContract,
  type AjvConstructor,
} from '../src/verify/contract.js';
import { MAX_REQUESTS, MIN_INTERVAL_MS, planFor, type VerifyFetch } from '../src/verify/index.js';
import { intervalWait, resetWait, waitBefore } from '../src/verify/pace.js';
import { bundle } from './helpers/spec.js';
import {
  INSTANCE,
  NUMBER,
  TOKEN,
  checksWith,
  clockOf,
  drifting,
  manualClock,
  rewrite,
  runVerify,
} from './verify/helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const contract = readContract(bundle as unknown as Record<string, unknown>);
const validator = new ContractValidator(Ajv2020 as unknown as AjvConstructor, contract);
const SEED = { accounts: { acme: { tokens: [TOKEN] } }, instances: { [INSTANCE]: { account: 'acme' } } };

/** The command in-process with plain arguments (no --json), capturing its output. */
async function command(args: string[], fetch?: VerifyFetch, env: Record<string, string> = { RYZE_TOKEN: TOKEN }) {
  let stdout = '';
  let stderr = '';
  const clock = manualClock();
  const code = await runCommand(args, {
    env,
    stdout: (t) => (stdout += `${t}\n`),
    stderr: (t) => (stderr += `${t}\n`),
    ...(fetch ? { fetch } : {}),
    now: clock.now,
    sleep: clock.sleep,
  });
  return { code, stdout, stderr };
}

describe('pacing (pure)', () => {
  it('keeps requests 600 ms apart: 100 per minute, the documented limit', () => {
    expect(MIN_INTERVAL_MS).toBe(600);
    expect(intervalWait(undefined, 5_000)).toBe(0);
    expect(intervalWait(5_000, 5_100)).toBe(500);
    expect(intervalWait(5_000, 5_600)).toBe(0);
  });

  it('waits for Reset (by the server clock) when no request is left, and one window when Reset is not sane', () => {
    const seen = { remaining: 0, reset: 1_000_030, serverNow: 1_000_000_000, receivedAt: 50_000 };
    expect(resetWait(seen, 50_000)).toBe(31_000);
    expect(resetWait(seen, 60_000)).toBe(21_000);
    expect(resetWait({ ...seen, reset: 999_990 }, 50_000)).toBe(60_000); // in the past
    expect(resetWait({ ...seen, reset: 1_003_600 }, 50_000)).toBe(60_000); // an hour ahead
    expect(waitBefore(49_900, seen, 50_000)).toBe(31_000);
    expect(waitBefore(49_900, { ...seen, remaining: 3 }, 50_000)).toBe(500);
  });
});

describe('judging bodies', () => {
  it('closes objects that say nothing about extra properties; the spec already closes all of its own', () => {
    const open = { type: 'object', properties: { a: { type: 'object', properties: {} } }, examples: [{ a: {}, b: 1 }] };
    expect(closeObjects(open)).toEqual({
      type: 'object',
      properties: { a: { type: 'object', properties: {}, unevaluatedProperties: false } },
      examples: [{ a: {}, b: 1 }],
      unevaluatedProperties: false,
    });
    expect(closeObjects({ type: 'object', additionalProperties: true })).toEqual({
      type: 'object',
      additionalProperties: true,
    });
    expect(closeObjects(bundle)).toEqual(bundle);
  });

  it('an open object in a spec is judged closed: an extra property is drift', () => {
    const tiny = {
      openapi: '3.1.0',
      components: { schemas: { Open: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } } },
    };
    const check = new ContractValidator(Ajv2020 as unknown as AjvConstructor, readContract(tiny)).check(
      '#/components/schemas/Open',
      { ok: true, extra: 1 },
    );
    expect(check).toMatchObject({ valid: false, errors: ['/: has a property the schema does not allow: "extra"'] });
  });

  it('reports the errors of the closest variant of a union, with the value that is wrong', () => {
    const answer = {
      success: true,
      message: 'Chat muted for 8 hours',
      chat_jid: '5511988887777@s.whatsapp.net',
      muted: true,
      duration: 28801,
    };
    expect(validator.check('#/components/schemas/MuteChatResponse', answer)).toEqual({
      valid: false,
      variant: '#/components/schemas/ChatMuted8HoursResponse',
      errors: ['/duration = 28801: must be 28800; must be <= 28800'],
      location: '#/components/schemas/ChatMuted8HoursResponse/properties/duration',
    });
    expect(validator.check('#/components/schemas/MuteChatResponse', { ...answer, duration: 28800 })).toEqual({
      valid: true,
      variant: '#/components/schemas/ChatMuted8HoursResponse',
    });
  });

  it('gives the install line when ajv, an optional peer, is missing', async () => {
    const error = await loadAjv(() => Promise.reject(new Error("Cannot find package 'ajv'"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AjvMissingError);
    expect((error as Error).message).toContain('npm install --save-dev ajv@^8.12.0');
    const Ajv = await loadAjv();
    expect(new Ajv({}).compile({ type: 'string', minLength: 2 })('x')).toBe(false);
  });
});

describe('the plan', () => {
  it('is 21 requests: the precondition, the refusals, then the changes, ending unblocked and unmuted', () => {
    const plan = planFor({ number: '+55 (11) 98888-7777' });
    expect(plan.map((s) => s.id)).toEqual([
      'precondition',
      'no-token',
      'wrong-token',
      'foreign-instance',
      'no-instance',
      'block-malformed-json',
      'block-no-number',
      'block-group',
      'mute-malformed-json',
      'mute-no-number',
      'mute-invalid-duration',
      'block',
      'block-again',
      'unblock',
      'unblock-again',
      'mute-8h',
      'mute-1-week',
      'mute-no-end',
      'mute-no-duration',
      'unmute',
      'unmute-bearer',
    ]);
    expect(plan.length).toBeLessThanOrEqual(MAX_REQUESTS);
    // Every request before the changes would change nothing even if a server accepted it, but the invalid
    // duration, which the later unmute undoes.
    const refusals = plan.slice(
      0,
      plan.findIndex((s) => s.id === 'block'),
    );
    for (const step of refusals.filter((s) => s.id !== 'mute-invalid-duration')) {
      expect(
        'raw' in step.body || step.body.block === false || step.body.mute === false || step.body.number === undefined,
        step.id,
      ).toBe(true);
    }
    expect(plan.at(-1)?.body).toEqual({ number: NUMBER, mute: false });
    expect(plan.filter((s) => s.operationId === 'blockContact').at(-1)?.body).toEqual({ number: NUMBER, block: false });
  });
});

describe('the command: usage and setup (exit 2)', () => {
  it.each([
    [[], /--base-url is required/],
    [['--base-url', 'http://127.0.0.1:4010', '--instance', 'i'], /--number is required/],
    [['--base-url', 'http://api.example.com', '--instance', 'i', '--number', NUMBER], /plain http to another machine/],
    [
      ['--base-url', 'https://user:pw@ryzeapi.cloud', '--instance', 'i', '--number', NUMBER],
      /must not carry credentials/,
    ],
    [
      ['--base-url', 'https://ryzeapi.cloud', '--instance', 'a/b', '--number', NUMBER],
      /--instance must be one path segment/,
    ],
    [
      ['--base-url', 'https://ryzeapi.cloud', '--instance', 'i', '--number', '120363025246125486@g.us'],
      /--number: a group cannot be blocked/,
    ],
    [
      ['--base-url', 'https://ryzeapi.cloud', '--instance', 'i', '--number', NUMBER, '--timeout', '5'],
      /--timeout takes whole milliseconds/,
    ],
    [['--base-url', 'https://ryzeapi.cloud', '--nope'], /Unknown option '--nope'/],
  ])('%j', async (args, message) => {
    const result = await command(args, () => Promise.reject(new Error('nothing may be sent')));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses a token that cannot travel in a header without repeating it', async () => {
    const secret = 'secret with spaces';
    const result = await command(
      ['--base-url', 'https://ryzeapi.cloud', '--instance', 'i', '--number', NUMBER],
      undefined,
      { RYZE_TOKEN: secret },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--token: token cannot be sent in an HTTP header/);
    expect(result.stderr).not.toContain(secret);
  });

  it('an unreachable server: one request, exit 2, says why', async () => {
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => done(port));
      });
    });
    const result = await command(
      ['--base-url', `http://127.0.0.1:${port}`, '--instance', INSTANCE, '--number', NUMBER],
      (input, init) => fetch(input, init),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `COULD NOT VERIFY: the server cannot be reached at http://127.0.0.1:${port}: ECONNREFUSED`,
    );
    expect(result.stdout).toContain('1 requests, ');
  });

  it('a server that does not answer in time counts as unreachable', async () => {
    const hang: VerifyFetch = (_, init) =>
      new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const result = await command(
      ['--base-url', 'https://ryzeapi.cloud', '--instance', INSTANCE, '--number', NUMBER, '--timeout', '100'],
      hang,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('no answer within 100 ms');
  });

  it('a redirect is reported, never followed: the token would go wherever it points', async () => {
    const calls: RequestInit[] = [];
    const redirect: VerifyFetch = async (_, init) => {
      calls.push(init);
      return new Response(null, { status: 301, headers: { Location: 'https://elsewhere.example/api/chat/mute/x' } });
    };
    const result = await command(
      ['--base-url', 'https://ryzeapi.cloud', '--instance', INSTANCE, '--number', NUMBER],
      redirect,
    );
    expect(result.code).toBe(2);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.redirect).toBe('manual');
    expect(result.stdout).toContain(
      'the server redirects to https://elsewhere.example/api/chat/mute/x: use that address as --base-url',
    );
  });

  it('--dry-run prints the plan and sends nothing, even with a server given', async () => {
    let sent = 0;
    const result = await command(
      ['--dry-run', '--base-url', 'https://ryzeapi.cloud', '--instance', INSTANCE, '--number', NUMBER],
      async () => {
        sent += 1;
        return new Response(null, { status: 500 });
      },
    );
    expect(result.code).toBe(0);
    expect(sent).toBe(0);
    expect(result.stdout).toContain(
      'ryzeapi-chat-verify: https://ryzeapi.cloud, instance my-instance, test contact 5511988887777',
    );
  });

  it('a server that stops answering mid-run: exit 2 after three requests in a row get nothing', async () => {
    const sandbox = createSandbox(SEED);
    let calls = 0;
    const dying: VerifyFetch = async (input, init) => {
      calls += 1;
      if (calls > 12) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return sandbox.fetch(input, init);
    };
    const run = await runVerify(dying, clockOf(sandbox));
    expect(run.code).toBe(2);
    expect(run.report).toMatchObject({
      outcome: 'unreachable',
      requests: 15,
      problem: 'the server stopped answering (3 requests in a row got no answer)',
    });
    // The block (request 12) was answered, but nothing can undo it now: the report says so.
    expect(run.report.endState.contact).toMatch(/^NOT confirmed unblocked/);
    expect(run.report.steps.at(-1)).toMatchObject({ error: 'ECONNRESET' });
  });

  it('a refused token stops the run after the first request, before anything changed', async () => {
    const sandbox = createSandbox({ accounts: { acme: { tokens: ['another-token'] } } });
    const run = await runVerify(sandbox.fetch, clockOf(sandbox));
    expect(run.code).toBe(2);
    expect(run.report).toMatchObject({
      outcome: 'setup',
      requests: 1,
      problem: 'cannot verify: the token was refused: check --token (or RYZE_TOKEN)',
    });
    expect(run.report.endState).toEqual({
      contact: 'unchanged (no block was sent)',
      chat: 'unchanged (no mute was sent)',
    });
  });
});

describe('safety', () => {
  it('the token goes only in a header, only to the base URL, and never into the report', async () => {
    const sandbox = createSandbox(SEED);
    const seen: { url: string; headers: Headers }[] = [];
    const run = await runVerify(async (input, init) => {
      seen.push({ url: input, headers: new Headers(init.headers) });
      return sandbox.fetch(input, init);
    }, clockOf(sandbox));
    expect(run.code).toBe(0);
    expect(seen.every(({ url }) => url.startsWith('http://127.0.0.1:4010/api/chat/') && !url.includes(TOKEN))).toBe(
      true,
    );
    expect(seen.filter(({ headers }) => headers.get('token') === TOKEN)).toHaveLength(18);
    expect(seen.filter(({ headers }) => headers.get('authorization') === `Bearer ${TOKEN}`)).toHaveLength(1);
    expect(run.stdout + run.stderr + run.text).not.toContain(TOKEN);
  });

  it('a hostile server cannot make it hold an endless body or choke on deep JSON', async () => {
    const sandbox = createSandbox(SEED);
    let calls = 0;
    const hostile = drifting(sandbox.fetch, (_, response) => {
      calls += 1;
      const headers = new Headers(response.headers);
      if (calls === 2) {
        // An endless body: chunks for as long as anyone reads.
        const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
        return new Response(new ReadableStream({ pull: (controller) => controller.enqueue(chunk) }), {
          status: 401,
          headers,
        });
      }
      if (calls === 3) return new Response('['.repeat(100_000) + ']'.repeat(100_000), { status: 401, headers });
      return response;
    });
    const run = await runVerify(hostile, clockOf(sandbox));
    expect(run.code).toBe(1);
    const body = (id: string) => run.report.steps.find((s) => s.id === id)?.checks.find((c) => c.check === 'body');
    expect(body('no-token')).toMatchObject({
      outcome: 'fail',
      got: 'a body over 1048576 characters, not read further',
    });
    expect(body('wrong-token')).toMatchObject({ outcome: 'fail', got: 'JSON nested deeper than 64 levels' });
    expect(checksWith(run.report, 'fail')).toEqual([
      'no-token body',
      'no-token message',
      'wrong-token body',
      'wrong-token message',
    ]);
  });

  it('never sends more than 30 requests, even when every answer is a 429 worth retrying', async () => {
    const sandbox = createSandbox(SEED);
    let calls = 0;
    const limited = drifting(sandbox.fetch, (_request, response) => {
      calls += 1;
      // After the precondition, every request is refused as over the limit, with a window that resets in 60 s.
      if (calls === 1) return response;
      const headers = new Headers(response.headers);
      headers.set('x-ratelimit-remaining', '0');
      headers.set('x-ratelimit-reset', String(Math.floor(sandbox.now().getTime() / 1000) + 60));
      return rewrite(
        new Response(response.body, { status: response.status, headers }),
        () => ({ success: false, error: { message: 'Rate limit exceeded. Try again later.' } }),
        429,
      );
    });
    const run = await runVerify(limited, clockOf(sandbox));
    expect(calls).toBe(MAX_REQUESTS);
    expect(run.report.requests).toBe(MAX_REQUESTS);
    expect(run.code).toBe(1);
    // Blocks and mutes were sent but never confirmed undone: the report says so instead of claiming success.
    expect(run.report.endState.contact).toMatch(/^NOT confirmed/);
  });
});

describe('the report', () => {
  it('text and --json hold the same checks, one line each: outcome, expected, got, spec location', async () => {
    const sandbox = createSandbox(SEED);
    const run = await runVerify(sandbox.fetch, clockOf(sandbox));
    const checks = run.report.steps.flatMap((s) => s.checks);
    const lines = run.text.split('\n').filter((l) => /^ {4}(PASS|FAIL|WARN) /.test(l));
    expect(lines).toHaveLength(checks.length);
    expect(checks.length).toBeGreaterThan(200);
    for (const [i, check] of checks.entries()) {
      expect(lines[i]).toBe(
        `    ${check.outcome.toUpperCase().padEnd(4)}  ${check.check}: expected ${check.expected}; got ${check.got}  [${check.location}]`,
      );
      expect(check.location).toMatch(/^#\/(paths|components)\//);
    }
    expect(checksWith(run.report, 'fail')).toEqual([]);
    expect(run.report.summary).toMatchObject({ checks: checks.length, failed: 0, warnings: 0 });
  });

  it('a 403 or a 404 for a foreign instance both conform, and the report says which it saw', async () => {
    const sandbox = createSandbox(SEED);
    const run = await runVerify(sandbox.fetch, clockOf(sandbox));
    const status = run.report.steps.find((s) => s.id === 'foreign-instance')?.checks.find((c) => c.check === 'status');
    expect(status).toMatchObject({
      outcome: 'pass',
      expected: '403 or 404',
      got: '404 (the account decides: 403 would conform too)',
    });
  });
});

describe('the bin (dist/verify/cli.js)', () => {
  const cli = join(root, 'dist', 'verify', 'cli.js');
  const run = promisify(execFile);
  async function bin(args: string[], nodeArgs: string[] = []) {
    // npm test builds dist/ first; run `npm run build` before running this file alone.
    if (!existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    try {
      const { stdout, stderr } = await run(process.execPath, [...nodeArgs, cli, ...args], {
        env: { ...process.env, RYZE_TOKEN: TOKEN },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  }

  it('--help explains the options and the exit codes', async () => {
    const result = await bin(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Usage: ryzeapi-chat-verify --base-url URL --instance NAME --number NUMBER [--json] [--dry-run]',
    );
    expect(result.stdout).toContain(
      'Exit codes: 0 every answer conforms, 1 the server drifted from the contract, 2 bad usage',
    );
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    const result = await bin([
      '--dry-run',
      '--number',
      NUMBER,
      '--base-url',
      'https://ryzeapi.cloud',
      '--instance',
      'test',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sends 21 requests (never more than 30');
    expect(result.stdout.split('\n').filter((l) => /^ {2}[ \d]\d\. /.test(l))).toHaveLength(21);
  });

  it('without ajv installed: exit 2 and the install line', async () => {
    const result = await bin(
      ['--base-url', 'http://127.0.0.1:9', '--instance', INSTANCE, '--number', NUMBER, '--json'],
      ['--import', join(root, 'test', 'fixtures', 'no-ajv.mjs')],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('npm install --save-dev ajv@^8.12.0');
  });

  it('bad usage: exit 2 with the reason on stderr', async () => {
    const result = await bin(['--instance', INSTANCE, '--number', NUMBER]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url is required');
  });
});
