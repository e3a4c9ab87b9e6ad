// The sandbox pipeline: one request in, one answer out. Every transport (the node:http server, the MSW handlers,
// the in-process `sandbox.fetch`) is a thin adapter around it, so they all answer alike. The clock, the state and
// the request validator are injected: Prism's engine on the HTTP server, ajv (JSON Schema 2020-12 on the bundle's
// own schemas) in the in-process transports. Browser-safe: no `node:` imports.
//
// Order of checks for an API route (DECISIONS.md D-23): count the request in its token's rate-limit window (429
// once it is spent) -> credentials present (401 `Missing token`) -> the Prefer and Sandbox-Fault headers (400) ->
// a declared token (401 `Invalid token`) -> the instance name (400 / 404) -> the instance exists (404) and the token
// owns it (403) -> the body (400) -> the instance is connected (503) -> a Prefer-selected answer or a fault, which
// change nothing (D-25) -> the operation, applied to the state, answered with the matching example, echoed.
import {
  INSTANCE_NOT_FOUND_EXAMPLE,
  MISSING_TOKEN_EXAMPLE,
  RATE_LIMIT_HEADERS,
  asciiOnly,
  badRequestMessage,
  classifyViolations,
  clip,
  errorEnvelope,
  findOperation,
  selectExample,
  type MockContract,
  type MockExample,
  type MockOperation,
  type RequestProblem,
  type Violation,
} from './contract.js';
import {
  SandboxSeedError,
  faultRuleError,
  seedError,
  seedRuleError,
  type FaultRule,
  type SandboxSeed,
  type SchemaError,
} from './seed.js';
import {
  Memory,
  RateLimiter,
  VirtualClock,
  World,
  matchingFaults,
  seededRandom,
  type RateLimitState,
} from './state.js';
import { nestingDepth } from './json-depth.js';

/** Paths under this prefix control the sandbox; no API path starts with it. */
export const CONTROL_PREFIX = '/__sandbox';
/** The request header that asks for a fault on one request: `Sandbox-Fault: latency=200, status=503, rate=0.5`. */
export const FAULT_HEADER = 'sandbox-fault';
/** Bodies over this size get the documented 400 (upstream documents no limit; this one is ours, M-11). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Bodies nested deeper than this get the documented 400 before they are parsed. */
export const MAX_BODY_DEPTH = 32;
/** The documented 401 example for a token the sandbox does not know. */
export const INVALID_TOKEN_EXAMPLE = 'invalidToken';

/** A request as an adapter hands it over. */
export interface SandboxRequest {
  method: string;
  /** The request target (`/api/chat/mute/x?y=1`) or a full URL. */
  url: string;
  /** A request header by lower-case name; `undefined` when absent. */
  header: (name: string) => string | undefined;
  /** The body as text; `undefined` or `''` when there is none. */
  body?: string | undefined;
  /** The body went over MAX_BODY_BYTES and was not read to the end. */
  bodyTooLarge?: boolean;
}

/** The answer an adapter sends: a JSON body (none for `undefined`), after `delayMs` of real time. */
export interface SandboxAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  delayMs: number;
  /** For the log line: the example name or the reason. Never a token, a header or the body. */
  detail: string;
}

/** What the pipeline asks of a validator. */
export interface MockValidator {
  /** Violations of the path and, when `body` is given, of the body (Prism's shape: `path` starts with `path` or `body`). */
  request(input: { operation: MockOperation; path: string; instance: string; body?: unknown }): readonly Violation[];
  /** Whether the credentials satisfy the operation's security requirement (presence only). Default: yes. */
  security?(operation: MockOperation, header: (name: string) => string | undefined): boolean;
  /** Schema errors of a seed against seed.schema.json (none when valid). */
  seed(value: unknown): readonly SchemaError[];
  /** Schema errors of a list of fault rules. */
  faults(value: unknown): readonly SchemaError[];
}

/** A chat muted in the state snapshot. */
export interface MutedChat {
  chat: string;
  /** When the mute ends (RFC 3339); `null` for no end. */
  until: string | null;
}

/** A snapshot of the sandbox (also `GET /__sandbox/state`). */
export interface SandboxState {
  /** The sandbox clock (RFC 3339). */
  now: string;
  /** Declared instances and every instance a request has changed. */
  instances: Record<string, { connected: boolean; account?: string; blocked: string[]; muted: MutedChat[] }>;
  /** The current window of each token seen; tokens are masked (their first 4 characters). */
  rateLimits: ({ token: string } & RateLimitState)[];
  faults: FaultRule[];
}

/** The controls every transport exposes: in code, and over HTTP under CONTROL_PREFIX. */
export interface SandboxControls {
  /** A snapshot of the state. */
  state(): SandboxState;
  /** Back to the start: the seed's state and clock, empty rate-limit windows, the seed's faults. A new seed replaces it (validated first). */
  reset(seed?: SandboxSeed): void;
  /** Move the clock forward; returns the new time. Mutes and rate-limit windows end by themselves. */
  advance(ms: number): Date;
  /** The sandbox clock. */
  now(): Date;
  /** Replace the fault rules (validated). `[]` turns faults off. */
  setFaults(faults: readonly FaultRule[]): void;
  /** Connect or disconnect an instance (a disconnected one answers 503). False when instances are declared and this is not one. */
  setConnected(instance: string, connected: boolean): boolean;
  /** A token's current rate-limit window, without counting a request. */
  rateLimit(token: string): RateLimitState;
}

export interface MockCore extends SandboxControls {
  handle(request: SandboxRequest): SandboxAnswer;
  /** Rate-limit and Date headers for an answer outside the pipeline (malformed HTTP), counting nothing. */
  idleHeaders(): Record<string, string>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const ANONYMOUS = '';
const NO_FAULTS: readonly FaultRule[] = [];

/** The token a request carries: the `token` header, else `Authorization: Bearer <token>`. */
export function tokenOf(header: (name: string) => string | undefined): string | undefined {
  const token = header('token')?.trim();
  if (token) return token;
  return /^Bearer\s+(\S+)/i.exec(header('authorization') ?? '')?.[1];
}

/** `5511999999999` -> `5511999999999@s.whatsapp.net`; a JID comes back as sent (D-12). */
export function jidOf(number: string): string {
  return number.includes('@') ? number : `${number}@s.whatsapp.net`;
}

/** Whether a Content-Type names JSON (`application/json`, `application/vnd.x+json`, with parameters or not). */
export function isJsonType(contentType: string | undefined): boolean {
  return /^\s*application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');
}

/** A parsed `Prefer` header: `code=404`, `example=chatUnmuted`, or both. */
export interface Preference {
  code?: number;
  example?: string;
}

/** Parse `Prefer` strictly: anything but `code=<status>` and `example=<name>` is refused with the reason (M-14). */
export function parsePrefer(header: string | undefined): Preference | { error: string } {
  const result: Preference = {};
  if (header === undefined) return result;
  for (const raw of header.split(/[,;]/)) {
    const part = raw.trim();
    if (part === '') continue;
    const match = /^([A-Za-z-]+)\s*=\s*"?([^"]*)"?$/.exec(part);
    const key = match?.[1]?.toLowerCase();
    const value = match?.[2]?.trim() ?? '';
    if (key === 'code' && result.code === undefined && /^[1-5]\d\d$/.test(value)) result.code = Number(value);
    else if (key === 'example' && result.example === undefined && /^[\w.-]{1,100}$/.test(value)) result.example = value;
    else return { error: `"${clip(part, 60)}" is not code=<status> or example=<name>` };
  }
  return result;
}

/** Parse `Sandbox-Fault: latency=200, status=503, rate=0.5` into a fault rule for one request. */
export function parseFaultHeader(header: string | undefined): FaultRule | undefined | { error: string } {
  if (header === undefined || header.trim() === '') return undefined;
  const rule: FaultRule = {};
  for (const raw of header.split(/[,;]/)) {
    const part = raw.trim();
    if (part === '') continue;
    const [key, value = ''] = part.split('=').map((s) => s.trim());
    const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (key === 'latency' && Number.isInteger(number) && number <= 60_000) rule.latencyMs = number;
    else if (key === 'status' && /^[45]\d\d$/.test(value)) rule.status = number;
    else if (key === 'rate' && number >= 0 && number <= 1) rule.rate = number;
    else
      return { error: `"${clip(part, 60)}" is not latency=<ms up to 60000>, status=<error status> or rate=<0 to 1>` };
  }
  return rule.latencyMs === undefined && rule.status === undefined
    ? { error: 'give latency=<ms> and/or status=<error status>' }
    : rule;
}

/** The status and example a Prefer header selects on an operation, or why it cannot. */
function resolvePrefer(
  operation: MockOperation,
  preference: Preference,
): { status: number; example?: MockExample } | { error: string } | undefined {
  if (preference.code === undefined && preference.example === undefined) return undefined;
  const id = operation.operationId;
  if (preference.code !== undefined && !operation.responses.has(preference.code)) {
    return {
      error: `code ${preference.code} is not a documented status of ${id} (documented: ${[...operation.responses.keys()].join(', ')})`,
    };
  }
  if (preference.example === undefined) return { status: preference.code! };
  const statuses = preference.code !== undefined ? [preference.code] : [...operation.responses.keys()];
  for (const status of statuses) {
    const example = operation.responses.get(status)?.find((e) => e.name === preference.example);
    if (example) return { status, example };
  }
  const where = preference.code !== undefined ? `a ${preference.code} example` : 'an example';
  const names = statuses.flatMap((status) => (operation.responses.get(status) ?? []).map((e) => e.name));
  return {
    error: `example ${preference.example} is not ${where} of ${id} (${names.length ? `examples: ${names.join(', ')}` : 'it has none'})`,
  };
}

function problemViolation(problem: RequestProblem): Violation {
  return { path: ['body'], code: problem.kind, message: 'detail' in problem ? problem.detail : problem.kind };
}

const invalid = (detail: string) => ({ ok: false as const, problem: { kind: 'invalid-body' as const, detail } });

/** Read the body: the documented 400 problem when it is too large, empty, not JSON, too deep or malformed. */
function parseBody(request: SandboxRequest): { ok: true; body: unknown } | { ok: false; problem: RequestProblem } {
  if (request.bodyTooLarge) return invalid(`body too large: the mock reads at most ${MAX_BODY_BYTES} bytes`);
  const text = request.body ?? '';
  if (text.trim() === '') return invalid('the body is empty: send a JSON object');
  const type = request.header('content-type');
  if (!isJsonType(type)) {
    const got = type === undefined ? 'no Content-Type' : `Content-Type ${clip(type, 60)}`;
    return invalid(`send the body as JSON with Content-Type: application/json (got ${got})`); // D-24
  }
  if (nestingDepth(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH)
    return invalid(`the body is nested deeper than ${MAX_BODY_DEPTH} levels`);
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: { kind: 'invalid-json', detail: (error as Error).message } };
  }
}

/** The request target as a path and query, whatever form it came in (`/a`, `//a:b`, `http://host/a`, `*`). */
function pathOf(url: string): string {
  try {
    if (/^[a-z][\w+.-]*:\/\//i.test(url)) return new URL(url).pathname;
  } catch {
    // fall through: read it as a path
  }
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

function decode(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function mask(token: string): string {
  if (token === ANONYMOUS) return '(no token)';
  return token.length > 8 ? `${token.slice(0, 4)}...` : '...';
}

/** Build the pipeline around a contract, a validator and a (validated) seed. */
export function createMockCore(
  contract: MockContract,
  validator: MockValidator,
  initialSeed: SandboxSeed = {},
): MockCore {
  let seed: SandboxSeed;
  let clock: VirtualClock;
  let limiter: RateLimiter;
  let world: World;
  let memory: Memory;
  let faults: FaultRule[];
  let random: () => number;

  const check = (candidate: unknown): SandboxSeed => {
    const errors = validator.seed(candidate);
    if (errors.length > 0) throw seedError(errors, candidate);
    const ruleError = seedRuleError(candidate as SandboxSeed, contract);
    if (ruleError) throw ruleError;
    return candidate as SandboxSeed;
  };

  const muteSeconds = (duration: string | undefined): number => {
    const muteOperation = contract.operations.find((op) =>
      op.responses.get(200)?.some((e) => e.match && 'mute' in e.match),
    );
    const example =
      muteOperation &&
      selectExample(muteOperation.responses.get(200) ?? [], {
        mute: true,
        ...(duration !== undefined ? { duration } : {}),
      });
    const seconds = isObject(example?.value) ? example.value.duration : 0;
    return typeof seconds === 'number' ? seconds : 0;
  };

  const start = (next: SandboxSeed) => {
    // A copy: changing the object given later does not change what reset() goes back to.
    seed = structuredClone(next);
    clock = new VirtualClock(seed.clock);
    limiter = new RateLimiter(seed.rateLimit);
    world = new World(seed);
    memory = new Memory();
    faults = [...(seed.faults ?? [])];
    random = seededRandom(seed.randomSeed ?? 1);
    const now = clock.now();
    for (const [name, instance] of Object.entries(seed.instances ?? {})) {
      const state = memory.of(name);
      for (const number of instance.blocked ?? []) state.blocked.add(jidOf(number));
      for (const mute of instance.muted ?? []) {
        const seconds = mute.until === undefined ? muteSeconds(mute.duration) : 0;
        const until =
          typeof mute.until === 'string' ? Date.parse(mute.until) : seconds > 0 ? now + seconds * 1000 : null;
        state.mutes.set(jidOf(mute.number), until);
      }
    }
  };
  start(check(initialSeed));

  // The Date header has a resolution of one second: made once per second of the sandbox clock.
  let dateSecond = Number.NaN;
  let dateHeader = '';
  const httpDate = (now: number): string => {
    const second = Math.floor(now / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateHeader = new Date(now).toUTCString();
    }
    return dateHeader;
  };
  const rateHeaders = (rate: RateLimitState, now: number): Record<string, string> => ({
    [RATE_LIMIT_HEADERS[0]]: String(rate.limit),
    [RATE_LIMIT_HEADERS[1]]: String(rate.remaining),
    [RATE_LIMIT_HEADERS[2]]: String(rate.reset),
    Date: httpDate(now),
  });

  /** The documented example for a status: by name when given, else `invalidToken` for 401 (a token was sent), else the first. */
  const documented = (operation: MockOperation, status: number, name?: string): MockExample | undefined => {
    const examples = operation.responses.get(status) ?? [];
    const wanted = name ?? (status === 401 ? INVALID_TOKEN_EXAMPLE : undefined);
    return examples.find((e) => e.name === wanted) ?? examples[0];
  };
  const documentedBody = (operation: MockOperation, status: number, name: string | undefined, fallback: string) =>
    documented(operation, status, name)?.value ?? errorEnvelope(fallback);

  const latencyOf = (rules: readonly FaultRule[]) => rules.reduce((ms, rule) => Math.max(ms, rule.latencyMs ?? 0), 0);

  const effects: Record<string, (instance: string, body: Json, example: MockExample, now: number) => unknown> = {
    blockContact(instance, body, example) {
      const jid = jidOf(String(body.number));
      const state = memory.of(instance);
      if (body.block === true) state.blocked.add(jid);
      else state.blocked.delete(jid);
      return { ...(example.value as Json), contact_jid: jid, blocked_count: state.blocked.size };
    },
    muteChat(instance, body, example, now) {
      const jid = jidOf(String(body.number));
      const state = memory.of(instance);
      memory.expire(instance, now);
      const seconds =
        isObject(example.value) && typeof example.value.duration === 'number' ? example.value.duration : 0;
      if (body.mute === true) state.mutes.set(jid, seconds > 0 ? now + seconds * 1000 : null);
      else state.mutes.delete(jid);
      return { ...(example.value as Json), chat_jid: jid };
    },
  };

  const handleApi = (request: SandboxRequest, operation: MockOperation, path: string): SandboxAnswer => {
    const now = clock.now();
    const token = tokenOf(request.header);
    const rate = limiter.take(token ?? ANONYMOUS, now);
    let headers = rateHeaders(rate, now);
    // Until the instance is known, only the rules that name none apply.
    let rules: readonly FaultRule[] =
      faults.length === 0
        ? NO_FAULTS
        : matchingFaults(faults, operation.operationId, '').filter((rule) => rule.instance === undefined);
    const reply = (status: number, body: unknown, detail: string): SandboxAnswer => ({
      status,
      headers,
      body,
      delayMs: latencyOf(rules),
      detail,
    });
    const bad = (problem: RequestProblem, detail: string = problem.kind) => {
      headers = { ...headers, 'sl-violations': violationHeader([problemViolation(problem)]) };
      return reply(400, errorEnvelope(badRequestMessage(operation, problem)), detail);
    };

    if (rate.exceeded)
      return reply(
        429,
        documentedBody(operation, 429, undefined, 'Rate limit exceeded. Try again later.'),
        'rate limit exceeded',
      );
    if (token === undefined || validator.security?.(operation, request.header) === false) {
      return reply(401, documentedBody(operation, 401, MISSING_TOKEN_EXAMPLE, 'Missing token'), 'no credentials');
    }
    const preference = parsePrefer(request.header('prefer'));
    const preferred = 'error' in preference ? preference : resolvePrefer(operation, preference);
    if (preferred && 'error' in preferred)
      return reply(
        400,
        errorEnvelope(`Invalid Prefer header for the mock: ${preferred.error}`),
        'invalid Prefer header',
      );
    const requestFault = parseFaultHeader(request.header(FAULT_HEADER));
    if (requestFault && 'error' in requestFault)
      return reply(
        400,
        errorEnvelope(`Invalid Sandbox-Fault header: ${requestFault.error}`),
        'invalid Sandbox-Fault header',
      );
    if (requestFault) {
      const problem = faultRuleError([requestFault], { ...contract, operations: [operation] }, 'Sandbox-Fault');
      if (problem)
        return reply(
          400,
          errorEnvelope(
            `Invalid Sandbox-Fault header: status ${requestFault.status} is not an error status ${operation.operationId} documents`,
          ),
          'invalid Sandbox-Fault header',
        );
    }
    if (!world.knowsToken(token))
      return reply(401, documentedBody(operation, 401, INVALID_TOKEN_EXAMPLE, 'Invalid token'), 'unknown token');

    const raw = operation.pattern.exec(path)?.[1] ?? '';
    if (raw === '') return bad({ kind: 'instance-missing' }, 'instance-missing');
    const instance = decode(raw);
    const notFound = (detail: string) =>
      reply(404, documentedBody(operation, 404, INSTANCE_NOT_FOUND_EXAMPLE, 'Instance not found'), detail);
    if (instance === undefined) return notFound('instance name is not valid UTF-8');
    rules = requestFault
      ? [requestFault]
      : faults.length === 0
        ? NO_FAULTS
        : matchingFaults(faults, operation.operationId, instance);

    const parsed = parseBody(request);
    const violations = parsed.ok
      ? validator.request({ operation, path, instance, body: parsed.body })
      : validator.request({ operation, path, instance });
    if (violations.some((v) => v.path?.[0] === 'path')) return notFound('instance name the contract refuses');
    const access = world.access(token, instance);
    if (access === 'unknown-instance') return notFound('unknown instance');
    if (access === 'forbidden')
      return reply(403, documentedBody(operation, 403, undefined, 'Forbidden'), 'token does not own the instance');
    if (!parsed.ok) return bad(parsed.problem);
    const bodyViolations = violations.length === 0 ? violations : violations.filter((v) => v.path?.[0] !== 'path');
    if (bodyViolations.length > 0) {
      const problem = classifyViolations(bodyViolations, parsed.body);
      headers = { ...headers, 'sl-violations': violationHeader(bodyViolations) };
      return reply(400, errorEnvelope(badRequestMessage(operation, problem)), problem.kind);
    }
    if (access === 'disconnected')
      return reply(
        503,
        documentedBody(operation, 503, undefined, 'Instance is not connected to WhatsApp'),
        'instance not connected',
      );

    if (preferred) {
      const example =
        preferred.example ??
        (preferred.status === 200
          ? selectExample(operation.responses.get(200) ?? [], parsed.body)
          : documented(operation, preferred.status));
      if (preferred.status === 429) headers = { ...headers, [RATE_LIMIT_HEADERS[1]]: '0' };
      return reply(preferred.status, example?.value ?? null, `${example?.name ?? preferred.status} (Prefer)`);
    }
    const failing = rules.find((rule) => rule.status !== undefined && random() < (rule.rate ?? 1));
    if (failing?.status !== undefined) {
      if (failing.status === 429) headers = { ...headers, [RATE_LIMIT_HEADERS[1]]: '0' };
      const example = documented(operation, failing.status);
      return reply(
        failing.status,
        example?.value ?? errorEnvelope('Fault'),
        `${example?.name ?? failing.status} (fault)`,
      );
    }
    const example = selectExample(operation.responses.get(200) ?? [], parsed.body);
    if (!example) return reply(200, null, 'no success example');
    const effect = effects[operation.operationId];
    return reply(
      200,
      effect && isObject(parsed.body) ? effect(instance, parsed.body, example, now) : example.value,
      example.name,
    );
  };

  const controls: SandboxControls = {
    state() {
      const now = clock.now();
      const instances: SandboxState['instances'] = {};
      const names = new Set([...world.declared().map(([name]) => name), ...memory.names()]);
      const declared = new Map(world.declared());
      for (const name of names) {
        memory.expire(name, now);
        const state = memory.has(name) ? memory.of(name) : undefined;
        const account = declared.get(name)?.account;
        instances[name] = {
          connected: world.connected(name),
          ...(account !== undefined ? { account } : {}),
          blocked: [...(state?.blocked ?? [])],
          muted: [...(state?.mutes ?? [])].map(([chat, until]) => ({
            chat,
            until: until === null ? null : new Date(until).toISOString(),
          })),
        };
      }
      return {
        now: new Date(now).toISOString(),
        instances,
        rateLimits: limiter.entries(now).map(([token, rate]) => ({ token: mask(token), ...rate })),
        faults: faults.map((rule) => ({ ...rule })),
      };
    },
    reset(next) {
      start(next === undefined ? seed : check(next));
    },
    advance(ms) {
      return new Date(clock.advance(ms));
    },
    now() {
      return new Date(clock.now());
    },
    setFaults(next) {
      const errors = validator.faults(next);
      if (errors.length > 0)
        throw seedError(
          errors.map((e) => ({ ...e, instancePath: `/faults${e.instancePath}` })),
          { faults: next },
        );
      const problem = faultRuleError(next, contract, 'faults');
      if (problem) throw problem;
      faults = next.map((rule) => ({ ...rule }));
    },
    setConnected(instance, connected) {
      return world.setConnected(instance, connected);
    },
    rateLimit(token) {
      return limiter.peek(token, clock.now());
    },
  };

  const control = createControlApi(controls);

  return {
    ...controls,
    handle(request) {
      const path = pathOf(request.url);
      if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return control(request, path, clock.now());
      const operation = findOperation(contract, request.method, path);
      if (operation) return handleApi(request, operation, path);
      const now = clock.now();
      const rate = limiter.take(tokenOf(request.header) ?? ANONYMOUS, now);
      const message = `Not found: ${clip(request.method, 20)} ${clip(path)} is not a route of this API`;
      return {
        status: 404,
        headers: rateHeaders(rate, now),
        body: errorEnvelope(message),
        delayMs: 0,
        detail: 'no such route',
      };
    },
    idleHeaders() {
      const now = clock.now();
      return rateHeaders(limiter.peek(ANONYMOUS, now), now);
    },
  };
}

/** The `sl-violations` header: what failed, as Prism names it, in printable ASCII and at most 8000 characters. */
function violationHeader(violations: readonly Violation[]): string {
  const value = asciiOnly(
    JSON.stringify(
      violations.map((v) => ({ location: ['request', ...(v.path ?? [])], code: v.code, message: v.message })),
    ),
  );
  return value.length > 8000 ? `${value.slice(0, 8000)}...` : value;
}

/** The control API under CONTROL_PREFIX: state, reset, clock, faults, instances. Not part of the contract. */
function createControlApi(controls: SandboxControls) {
  const routes = {
    'GET /state': () => controls.state(),
    'POST /reset': (body: unknown) => {
      controls.reset(body === undefined ? undefined : (body as SandboxSeed));
      return controls.state();
    },
    'GET /clock': () => ({ now: controls.now().toISOString() }),
    'POST /clock': (body: unknown) => {
      const ms = isObject(body) ? body.advanceMs : undefined;
      if (typeof ms !== 'number') throw new RangeError('send {"advanceMs": <milliseconds>}');
      return { now: controls.advance(ms).toISOString() };
    },
    'GET /faults': () => ({ faults: controls.state().faults }),
    'PUT /faults': (body: unknown) => {
      const list = isObject(body) ? body.faults : body;
      if (!Array.isArray(list)) throw new RangeError('send {"faults": [<rule>...]} (see the seed schema)');
      controls.setFaults(list as FaultRule[]);
      return { faults: controls.state().faults };
    },
    'DELETE /faults': () => {
      controls.setFaults([]);
      return { faults: [] };
    },
  } as Record<string, (body: unknown) => unknown>;
  const index = {
    sandbox: 'RyzeAPI chat sandbox controls (not part of the API)',
    routes: [...Object.keys(routes), 'POST /instances/{name} {"connected": false}'].map((route) =>
      route.replace(' /', ` ${CONTROL_PREFIX}/`),
    ),
  };

  return (request: SandboxRequest, path: string, now: number): SandboxAnswer => {
    const headers = { Date: new Date(now).toUTCString(), 'Cache-Control': 'no-store' };
    const answer = (status: number, body: unknown, detail: string): SandboxAnswer => ({
      status,
      headers,
      body,
      delayMs: 0,
      detail,
    });
    const method = request.method.toUpperCase();
    const rest = path.slice(CONTROL_PREFIX.length) || '/';
    let body: unknown;
    if (request.bodyTooLarge)
      return answer(400, errorEnvelope('Sandbox control: the body is too large'), 'control: body too large');
    if ((request.body ?? '').trim() !== '') {
      if (nestingDepth(request.body!, MAX_BODY_DEPTH) > MAX_BODY_DEPTH)
        return answer(400, errorEnvelope('Sandbox control: the body is nested too deep'), 'control: too deep');
      try {
        body = JSON.parse(request.body!);
      } catch (error) {
        return answer(
          400,
          errorEnvelope(`Sandbox control: the body is not JSON (${clip((error as Error).message)})`),
          'control: malformed JSON',
        );
      }
    }
    try {
      if (rest === '/' && method === 'GET') return answer(200, index, 'control: index');
      const instance = /^\/instances\/([^/]+)$/.exec(rest)?.[1];
      if (instance !== undefined && method === 'POST') {
        const name = decode(instance);
        if (name === undefined || !isObject(body) || typeof body.connected !== 'boolean')
          throw new RangeError('send {"connected": true|false} to a valid instance name');
        if (!controls.setConnected(name, body.connected))
          return answer(
            404,
            errorEnvelope(`Sandbox control: no instance ${clip(name)} is declared`),
            'control: unknown instance',
          );
        return answer(200, controls.state().instances[name] ?? { connected: body.connected }, 'control: instance');
      }
      const route = routes[`${method} ${rest}`];
      if (route) return answer(200, route(body), `control: ${method} ${rest}`);
      const known = Object.keys(routes).some((key) => key.endsWith(` ${rest}`)) || instance !== undefined;
      return known
        ? answer(
            405,
            errorEnvelope(`Sandbox control: ${clip(method, 20)} is not allowed on ${CONTROL_PREFIX}${clip(rest)}`),
            'control: method',
          )
        : answer(
            404,
            errorEnvelope(
              `Sandbox control: ${CONTROL_PREFIX}${clip(rest)} does not exist; GET ${CONTROL_PREFIX} lists the controls`,
            ),
            'control: not found',
          );
    } catch (error) {
      const message =
        error instanceof SandboxSeedError || error instanceof RangeError
          ? error.message
          : `failed: ${(error as Error).message}`;
      return answer(400, errorEnvelope(`Sandbox control: ${message}`), 'control: refused');
    }
  };
}
