// The runner: checks the options, sends the script (./script.ts) paced under the documented rate limit (./pace.ts),
// checks each answer (./checks.ts), puts back what it changed, and returns the report. Plain fetch, no client: the
// script sends what a client would refuse (malformed JSON, a missing number, no token). Browser-safe.
import bundle from '../../generated/openapi.json' with { type: 'json' };
import { authHeader } from '../api-client.js';
import { parseContactId } from '../helpers.js';
import { checkAnswer, type Answer, type CheckResult, type RunMemory } from './checks.js';
import {
  ContractValidator,
  loadAjv,
  loadPrecompiled,
  readContract,
  resolvePointer,
  type ContractInfo,
} from './contract.js';
import { MIN_INTERVAL_MS, resetWait, waitBefore, type WindowSeen } from './pace.js';
import { MAX_REQUESTS, WRONG_TOKEN, bodyText, buildScript, type Auth, type Step } from './script.js';
import { nestingDepth } from '../mock/json-depth.js';

/** A fetch: the global one, `sandbox.fetch`, or any wrapper. */
export type VerifyFetch = (input: string, init: RequestInit) => Promise<Response>;

export interface VerifyOptions {
  /** The server: `https://ryzeapi.cloud` for production, `http://127.0.0.1:4010` for the mock. */
  baseUrl: string;
  /** A token that owns `instance`. Sent in the `token` header (and once as `Authorization: Bearer`), never in a URL. */
  token: string;
  /** An instance the token owns, connected to WhatsApp. */
  instance: string;
  /** A test contact you control (phone number or JID of a person): it is blocked, unblocked, muted and unmuted. */
  number: string;
  /** Allow plain http to a host other than this machine (the token would travel unencrypted). Default false. */
  allowHttp?: boolean;
  /** Give up on an answer after this long (ms). Default 15000. */
  timeoutMs?: number;
  /** Default: the global fetch. */
  fetch?: VerifyFetch;
  /** The clock and the wait used for pacing (tests inject a virtual clock). Defaults: Date.now and setTimeout. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each answer is checked (the command prints progress with it). */
  onStep?: (step: StepResult) => void;
  /**
   * The bundled spec to verify against. Default: the one this package ships, checked with the validators precompiled
   * from it (generated/verify-validators.js). Any other document is compiled with ajv at run time, which needs code generation
   * from strings (not on workerd, not under a Content-Security-Policy without 'unsafe-eval': DECISIONS.md T-07).
   */
  spec?: Record<string, unknown>;
  /** How ajv is loaded (tests; and to tell a missing ajv). Default: `import('ajv/dist/2020.js')`. */
  loadAjv?: () => Promise<unknown>;
}

/** One request and what came back. */
export interface StepResult {
  /** 1-based position in the run. */
  index: number;
  id: string;
  title: string;
  request: { method: string; path: string; auth: Auth; body: string };
  /** The answer; absent when none came (`error` says why). */
  response?: { status: number; headers: Record<string, string>; body: unknown };
  error?: string;
  checks: CheckResult[];
}

export type VerifyOutcome = 'conforms' | 'drift' | 'unreachable' | 'setup';

export interface VerifyReport {
  tool: 'ryzeapi-chat-verify';
  /** `info.version` of the spec the answers were checked against. */
  specVersion: string;
  baseUrl: string;
  instance: string;
  number: string;
  jid: string;
  startedAt: string;
  finishedAt: string;
  /** Requests sent (at most MAX_REQUESTS) and the pause kept between them. */
  requests: number;
  maxRequests: number;
  intervalMs: number;
  steps: StepResult[];
  /** Whether the run confirmed the contact unblocked and the chat unmuted after its last change. */
  endState: { contact: string; chat: string };
  summary: { checks: number; passed: number; failed: number; warnings: number; drifted: string[] };
  outcome: VerifyOutcome;
  /** 0 every answer conforms, 1 something drifted, 2 the run could not verify (`problem` says why). */
  exitCode: 0 | 1 | 2;
  problem?: string;
}

/** Options the verifier cannot run with (the command exits 2). */
export class VerifyUsageError extends Error {
  override name = 'VerifyUsageError';
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
const DEFAULT_TIMEOUT_MS = 15_000;
/** After this many requests in a row with no answer, the server is taken as gone. */
const MAX_SILENT = 3;

/** The checked, normalised options; throws VerifyUsageError naming the option. Never repeats the token. */
export function readOptions(
  options: VerifyOptions,
  contract: ContractInfo,
): { base: string; jid: string; number: string } {
  const text = (name: string, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') throw new VerifyUsageError(`--${name} is required`);
    return value.trim();
  };
  const raw = text('base-url', options.baseUrl);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VerifyUsageError(
      `--base-url "${raw}" is not a URL: give the server's origin, e.g. https://ryzeapi.cloud or http://127.0.0.1:4010`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new VerifyUsageError(`--base-url must be http or https, not ${url.protocol}`);
  if (url.username || url.password || url.search || url.hash)
    throw new VerifyUsageError('--base-url must not carry credentials, a query or a fragment');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !options.allowHttp) {
    throw new VerifyUsageError(
      `--base-url ${url.origin} is plain http to another machine: the token would travel unencrypted. Use https, or pass --allow-http for a trusted network`,
    );
  }
  try {
    authHeader(text('token', options.token));
  } catch (error) {
    throw new VerifyUsageError(`--token: ${(error as Error).message}`);
  }
  const instance = text('instance', options.instance);
  const pointer = contract.instanceSchemaPointer;
  const schema = pointer ? resolvePointer(contract.bundle, pointer) : undefined;
  const max =
    typeof (schema as { maxLength?: unknown } | undefined)?.maxLength === 'number'
      ? (schema as { maxLength: number }).maxLength
      : 128;
  if (instance.includes('/') || instance.length > max)
    throw new VerifyUsageError(`--instance must be one path segment of at most ${max} characters`);
  const contact = contactOf(options.number);
  return { base: url.href.replace(/\/+$/, ''), jid: contact.jid, number: contact.number };
}

/** Why the precondition's answer means the setup is wrong, not the server: a documented refusal, or a redirect. */
function setupProblem(result: StepResult): string | undefined {
  const status = result.response?.status;
  if (status === undefined) return undefined;
  if (status >= 300 && status < 400) {
    const location = result.response?.headers.location;
    return `cannot verify: the server redirects${location ? ` to ${location}` : ''}: use that address as --base-url`;
  }
  const reasons: Record<number, string> = {
    401: 'the token was refused: check --token (or RYZE_TOKEN)',
    403: 'the token does not own this instance: check --instance and --token',
    404: 'no instance by this name: check --instance',
    429: 'the token has no requests left in this window: wait for X-RateLimit-Reset, then run again',
    503: 'the instance is not connected to WhatsApp: connect it, then run again',
  };
  return reasons[status] ? `cannot verify: ${reasons[status]}` : undefined;
}

/** A group JID to send to block: the spec's own example of one. */
function groupJidOf(contract: ContractInfo): string {
  const schema = resolvePointer(contract.bundle, '#/components/schemas/GroupJid');
  const example = (schema as { examples?: unknown[] } | undefined)?.examples?.[0];
  return typeof example === 'string' ? example : '120363025246125486@g.us';
}

/** An instance name no account can have: one character longer than the contract allows (M-06). */
function impossibleInstance(contract: ContractInfo): string {
  const schema = contract.instanceSchemaPointer
    ? resolvePointer(contract.bundle, contract.instanceSchemaPointer)
    : undefined;
  const max =
    typeof (schema as { maxLength?: unknown } | undefined)?.maxLength === 'number'
      ? (schema as { maxLength: number }).maxLength
      : 128;
  return 'ryzeapi-chat-verify-no-such-instance-'.padEnd(max + 1, 'x');
}

/** The script as it will be sent to these options: what `--dry-run` prints and the report's plan. */
export function planFor(options: Pick<VerifyOptions, 'number' | 'spec'>): Step[] {
  const contract = readContract((options.spec ?? bundle) as Record<string, unknown>);
  return buildScript(contactOf(options.number).number, groupJidOf(contract));
}

/** Check the options without sending anything: the normalised base URL, number and JID, or a VerifyUsageError. */
export function checkOptions(options: VerifyOptions): { base: string; jid: string; number: string } {
  return readOptions(options, readContract((options.spec ?? bundle) as Record<string, unknown>));
}

function contactOf(number: unknown) {
  if (typeof number !== 'string' || number.trim() === '') throw new VerifyUsageError('--number is required');
  try {
    return parseContactId(number);
  } catch (error) {
    throw new VerifyUsageError(
      `--number: ${(error as Error).message.replace(/^.*?number: /, '')} (a person you control: the run blocks and mutes them)`,
    );
  }
}

function summarize(steps: readonly StepResult[]): VerifyReport['summary'] {
  const checks = steps.flatMap((s) => s.checks);
  const failed = checks.filter((c) => c.outcome === 'fail');
  return {
    checks: checks.length,
    passed: checks.filter((c) => c.outcome === 'pass').length,
    failed: failed.length,
    warnings: checks.filter((c) => c.outcome === 'warn').length,
    drifted: [...new Set(failed.map((c) => `${c.check} at ${c.location}`))],
  };
}

let bundleText: string | undefined;
/** Whether a spec is the package's own bundle (the same object, or the same JSON): its validators are precompiled. */
function isOwnBundle(spec: Record<string, unknown>): boolean {
  if (spec === bundle) return true;
  bundleText ??= JSON.stringify(bundle);
  return JSON.stringify(spec) === bundleText;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Verify a live server against the contract: at most 30 requests, one every 600 ms or slower, each answer checked
 * against the bundle. Resolves to the report (exit code included); throws VerifyUsageError for unusable options and
 * an error naming the install line when ajv is missing.
 */
export async function verifyProvider(options: VerifyOptions): Promise<VerifyReport> {
  const spec = (options.spec ?? bundle) as Record<string, unknown>;
  const contract = readContract(spec);
  const { base, jid, number } = readOptions(options, contract);
  const validator = new ContractValidator(
    isOwnBundle(spec) ? await loadPrecompiled(options.loadAjv) : await loadAjv(options.loadAjv),
    contract,
  );
  const fetcher: VerifyFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const script = buildScript(number, groupJidOf(contract));
  const instances: Record<Step['instance'], string> = {
    own: options.instance.trim(),
    impossible: impossibleInstance(contract),
    empty: '',
  };
  const startedAt = now();

  const steps: StepResult[] = [];
  const memory: RunMemory = { windows: new Map() };
  const seen = new Map<string, WindowSeen>();
  let sent = 0;
  let lastStart: number | undefined;
  let silent = 0;
  let stop: { outcome: 'unreachable' | 'setup'; problem: string } | undefined;
  // What this run changed and has not yet seen undone.
  let blockPending = false;
  let mutePending = false;
  let unblockedAt: number | undefined;
  let unmutedAt: number | undefined;

  const credentials = (auth: Auth): Record<string, string> => {
    if (auth === 'none') return {};
    if (auth === 'wrong') return { token: WRONG_TOKEN };
    const [name, value] = authHeader(options.token.trim(), auth === 'bearer' ? 'bearer' : 'token');
    return { [name]: value };
  };

  /** Send one request of the script (paced), check its answer, record it. */
  const send = async (step: Step, title = step.title): Promise<StepResult> => {
    if (sent >= MAX_REQUESTS) throw new Error(`the verifier never sends more than ${MAX_REQUESTS} requests`);
    const bucket = step.auth === 'bearer' ? 'token' : step.auth;
    await sleep(waitBefore(lastStart, seen.get(bucket), now()));
    const operation = contract.operations.get(step.operationId);
    if (!operation) throw new Error(`the spec has no operation ${step.operationId}`);
    const path = operation.path.replace('{instance}', encodeURIComponent(instances[step.instance]));
    const body = bodyText(step.body);
    const sentJson = 'raw' in step.body ? undefined : step.body;
    if (sentJson?.block === true) blockPending = true;
    if (sentJson?.mute === true) mutePending = true;
    lastStart = now();
    sent += 1;
    const result: StepResult = {
      index: steps.length + 1,
      id: step.id,
      title,
      request: { method: operation.method, path, auth: step.auth, body },
      checks: [],
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetcher(`${base}${path}`, {
        method: operation.method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...credentials(step.auth) },
        body,
        // A redirect is reported, never followed: following one would send the token to wherever it points.
        redirect: 'manual',
        signal: controller.signal,
      });
      text = await readCapped(response);
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
      result.error = reason;
      result.checks.push({
        check: 'answer',
        outcome: 'fail',
        expected: 'an HTTP answer',
        got: reason,
        location: operation.pointer,
      });
      silent += 1;
      steps.push(result);
      options.onStep?.(result);
      return result;
    } finally {
      clearTimeout(timer);
    }
    silent = 0;
    const receivedAt = now();
    let json: unknown;
    let problem: string | undefined;
    if (text.length > MAX_BODY_CHARS) problem = `a body over ${MAX_BODY_CHARS} characters, not read further`;
    else if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) problem = `JSON nested deeper than ${MAX_DEPTH} levels`;
    else {
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (problem) text = `${text.slice(0, 200)}...`;
    const answer: Answer = {
      status: response.status,
      headers: response.headers,
      text,
      ...(json !== undefined ? { json } : {}),
      ...(problem ? { problem } : {}),
      receivedAt,
    };
    result.response = { status: response.status, headers: pickHeaders(response.headers), body: json ?? text };
    result.checks = checkAnswer({ contract, validator, operation, step, sent: sentJson, jid, answer, memory });
    const window = memory.windows.get(bucket);
    const date = response.headers.get('date');
    if (window)
      seen.set(bucket, {
        remaining: window.remaining,
        reset: window.reset,
        serverNow: date && !Number.isNaN(Date.parse(date)) ? Date.parse(date) : receivedAt,
        receivedAt,
      });
    const state = json as { blocked?: unknown; muted?: unknown } | undefined;
    if (response.status === 200 && sentJson?.block === false && state?.blocked === false) {
      blockPending = false;
      unblockedAt = result.index;
    }
    if (response.status === 200 && sentJson?.mute === false && state?.muted === false) {
      mutePending = false;
      unmutedAt = result.index;
    }
    steps.push(result);
    options.onStep?.(result);
    return result;
  };

  for (const step of script) {
    if (sent >= MAX_REQUESTS) break;
    let result = await send(step);
    // Rate limited by other traffic on the same token: wait for the reset, then try once more (both operations
    // are idempotent). The 429 itself is checked like any answer.
    if (result.response?.status === 429 && !step.expect.statuses.includes(429) && sent < MAX_REQUESTS) {
      const status = result.checks.find((c) => c.check === 'status');
      if (status) {
        status.outcome = 'warn';
        status.got = '429: rate limited (other traffic on this token?); retried once after X-RateLimit-Reset';
      }
      const window = seen.get(step.auth === 'bearer' ? 'token' : step.auth);
      await sleep(window ? resetWait(window, now()) : 60_000);
      result = await send(step, `${step.title} (retry after 429)`);
    }
    if (result.error && steps.length === 1) {
      stop = { outcome: 'unreachable', problem: `the server cannot be reached at ${base}: ${result.error}` };
      break;
    }
    if (silent >= MAX_SILENT) {
      stop = {
        outcome: 'unreachable',
        problem: `the server stopped answering (${MAX_SILENT} requests in a row got no answer)`,
      };
      break;
    }
    const problem = step.precondition ? setupProblem(result) : undefined;
    if (problem) {
      stop = { outcome: 'setup', problem };
      break;
    }
  }

  // Put back what the run changed and did not see undone (a stop, or an answer that did not confirm it).
  const restore = async (step: Step, pending: () => boolean) => {
    if (pending() && sent < MAX_REQUESTS && !(stop?.outcome === 'unreachable'))
      await send(step, `${step.title} (restore)`);
  };
  const unblock = script.find((s) => s.id === 'unblock');
  const unmute = script.find((s) => s.id === 'unmute');
  if (unblock) await restore(unblock, () => blockPending);
  if (unmute) await restore(unmute, () => mutePending);

  const summary = summarize(steps);
  const outcome: VerifyOutcome = stop?.outcome ?? (summary.failed > 0 ? 'drift' : 'conforms');
  const report: VerifyReport = {
    tool: 'ryzeapi-chat-verify',
    specVersion: String((spec.info as { version?: unknown } | undefined)?.version ?? ''),
    baseUrl: base,
    instance: instances.own,
    number,
    jid,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(now()).toISOString(),
    requests: sent,
    maxRequests: MAX_REQUESTS,
    intervalMs: MIN_INTERVAL_MS,
    steps,
    endState: {
      contact: blockPending
        ? 'NOT confirmed unblocked: unblock it yourself'
        : unblockedAt
          ? `unblocked (request ${unblockedAt})`
          : 'unchanged (no block was sent)',
      chat: mutePending
        ? 'NOT confirmed unmuted: unmute it yourself'
        : unmutedAt
          ? `unmuted (request ${unmutedAt})`
          : 'unchanged (no mute was sent)',
    },
    summary,
    outcome,
    exitCode: outcome === 'conforms' ? 0 : outcome === 'drift' ? 1 : 2,
    ...(stop ? { problem: stop.problem } : {}),
  };
  return report;
}

/** Answers are read up to this many characters: a hostile server cannot make the verifier hold a huge body. */
const MAX_BODY_CHARS = 1024 * 1024;
/** JSON nested deeper than this is not parsed (the documented bodies are two levels deep). */
const MAX_DEPTH = 64;

/** The body as text, up to MAX_BODY_CHARS (plus one, so that going over shows). */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
    if (text.length > MAX_BODY_CHARS) {
      await reader.cancel().catch(() => undefined);
      return text.slice(0, MAX_BODY_CHARS + 1);
    }
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const message = (error as Error | undefined)?.message ?? String(error);
  return cause?.code ? `${cause.code}${cause.message ? ` (${cause.message})` : ''}` : message;
}

/** The headers the report keeps: the rate-limit ones, Date, Content-Type and Location. Never anything else. */
function pickHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [
    'content-type',
    'date',
    'location',
    'x-ratelimit-limit',
    'x-ratelimit-remaining',
    'x-ratelimit-reset',
  ]) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}
