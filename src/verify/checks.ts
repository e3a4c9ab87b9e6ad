// The checks on one answer: status, body schema, documented message, rate-limit headers, and the pairs that must
// agree with the request or with earlier answers. Each check is one line of the report: what was expected, what came
// back, and the place in the bundle (plus the DECISIONS id) it tests. Browser-safe.
import {
  matchesRequest,
  nameOf,
  resolvePointer,
  type ContractInfo,
  type ContractValidator,
  type OperationInfo,
  type Pointer,
} from './contract.js';
import { DOCUMENTED_LIMIT, DOCUMENTED_WINDOW_MS } from './pace.js';
import { DOCUMENTED_WORDING, type Auth, type MessageRule, type Step } from './script.js';

export type Outcome = 'pass' | 'fail' | 'warn';

export interface CheckResult {
  /** What is checked, e.g. `status`, `body`, `X-RateLimit-Reset`, `jid`. */
  check: string;
  outcome: Outcome;
  expected: string;
  got: string;
  /** The place in the bundle this check tests (a JSON pointer), with the DECISIONS id when one applies. */
  location: string;
}

/** An answer as the verifier read it. */
export interface Answer {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  /** The parsed body, when it is JSON. */
  json?: unknown;
  /** Why the body was not parsed (too large, too deep). */
  problem?: string;
  /** This machine's clock when the answer came, ms. */
  receivedAt: number;
}

/** What earlier answers said, for the checks that compare. */
export interface RunMemory {
  /** The last window each credential saw (per token: the limits are counted per token). */
  windows: Map<Auth | 'token', { limit: number; remaining: number; reset: number }>;
  blockedCount?: number;
  limitChecked?: boolean;
}

export interface CheckInput {
  contract: ContractInfo;
  validator: ContractValidator;
  operation: OperationInfo;
  step: Step;
  /** The JSON body sent (undefined for raw text). */
  sent: Record<string, unknown> | undefined;
  /** The JID of the test number. */
  jid: string;
  answer: Answer;
  memory: RunMemory;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function clip(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 3)}...`;
}

const isJsonType = (type: string | null) => /^application\/json\s*(;|$)/i.test(type ?? '');
const bucketOf = (auth: Auth): Auth | 'token' => (auth === 'bearer' ? 'token' : auth);
const iso = (seconds: number) =>
  Number.isFinite(seconds * 1000) && Math.abs(seconds) < 8.64e12
    ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
    : String(seconds);

function duration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** The documented message an answer's `error.message` must match, if the pages give one for this case. */
function messageRule(
  input: CheckInput,
): { expected: string; test: (message: string) => boolean; location: Pointer } | undefined {
  const { step, answer, operation } = input;
  const examples = operation.responses.get(answer.status)?.examples ?? [];
  const rule: MessageRule | undefined = answer.status === 400 ? step.expect.message : undefined;
  if (rule) {
    const example = examples.find((e) => e.name === rule.example);
    if (!example?.message) return undefined;
    const documented = example.message;
    const colon = documented.indexOf(': ');
    const head = colon < 0 ? documented : documented.slice(0, colon);
    if (rule.match === 'equals')
      return { expected: JSON.stringify(documented), test: (m) => m === documented, location: example.pointer };
    if (rule.match === 'prefix')
      return {
        expected: `text starting ${JSON.stringify(head)} (D-07)`,
        test: (m) => m.startsWith(head),
        location: example.pointer,
      };
    const echoed = `${head}: ${rule.value}`;
    return { expected: JSON.stringify(echoed), test: (m) => m === echoed, location: example.pointer };
  }
  const wording = DOCUMENTED_WORDING[answer.status];
  if (!wording) return undefined;
  const chosen = wording === 'all' ? examples : examples.filter((e) => wording.includes(e.name));
  const messages = chosen.map((e) => e.message).filter((m): m is string => typeof m === 'string');
  if (messages.length === 0) return undefined;
  const location =
    chosen.length === 1 ? chosen[0]!.pointer : (operation.responses.get(answer.status)?.pointer ?? operation.pointer);
  return {
    expected:
      messages.length === 1
        ? JSON.stringify(messages[0])
        : `one of the documented wordings (${messages.map((m) => JSON.stringify(m)).join(', ')})`,
    test: (m) => messages.includes(m),
    location,
  };
}

function schemaRange(contract: ContractInfo, pointer: Pointer): string {
  const schema = resolvePointer(contract.bundle, pointer);
  if (!isObject(schema)) return 'a value';
  const kind = schema.type === 'integer' ? 'a whole number' : `a ${String(schema.type ?? 'value')}`;
  if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number')
    return `${kind} from ${schema.minimum} to ${schema.maximum}`;
  return kind;
}

/** Every check of one answer. Updates `memory` for the checks of later answers. */
export function checkAnswer(input: CheckInput): CheckResult[] {
  const { contract, validator, operation, step, answer, memory } = input;
  const results: CheckResult[] = [];
  const add = (check: string, outcome: Outcome, expected: string, got: string, location: string) =>
    results.push({ check, outcome, expected, got, location });
  const response = operation.responses.get(answer.status);
  const documentedStatuses = [...operation.responses.keys()];

  // Status: the one this request must get, and one the operation documents at all.
  const { statuses, tolerated = {} } = step.expect;
  const expectedStatus = statuses.join(' or ');
  const statusLocation =
    statuses.length === 1 ? `${operation.pointer}/responses/${statuses[0]}` : `${operation.pointer}/responses`;
  const preview = answer.text ? ` ${clip(answer.text, 80)}` : '';
  if (statuses.includes(answer.status)) {
    const others = statuses.filter((s) => s !== answer.status);
    add(
      'status',
      'pass',
      expectedStatus,
      `${answer.status}${others.length ? ` (the account decides: ${others.join(', ')} would conform too)` : ''}`,
      statusLocation,
    );
  } else if (tolerated[answer.status]) {
    add('status', 'warn', expectedStatus, `${answer.status}: ${tolerated[answer.status]}`, statusLocation);
  } else {
    add('status', 'fail', expectedStatus, `${answer.status}${preview}`, statusLocation);
  }
  add(
    'status documented',
    response ? 'pass' : 'fail',
    `a status ${operation.operationId} documents (${documentedStatuses.join(', ')})`,
    String(answer.status),
    response ? response.pointer : `${operation.pointer}/responses`,
  );

  // Body: JSON, valid against the status's schema (closed objects).
  if (response?.schemaPointer) {
    const type = answer.headers.get('content-type');
    const expected = `application/json valid against ${nameOf(response.schemaPointer)} (JSON Schema 2020-12, closed objects)`;
    if (!isJsonType(type))
      add('body', 'fail', expected, `Content-Type ${type ?? '(none)'}${preview}`, response.pointer);
    else if (answer.problem) add('body', 'fail', expected, answer.problem, response.pointer);
    else if (answer.json === undefined)
      add('body', 'fail', expected, `not JSON:${preview || ' (empty)'}`, response.pointer);
    else {
      const verdict = validator.check(response.schemaPointer, answer.json);
      if (verdict.valid) add('body', 'pass', expected, `valid (${nameOf(verdict.variant)})`, verdict.variant);
      else
        add(
          'body',
          'fail',
          expected,
          `closest ${nameOf(verdict.variant)}: ${verdict.errors.join(' | ')}`,
          verdict.location,
        );
    }
  }

  // The documented wording, where the pages give one.
  const rule = response ? messageRule(input) : undefined;
  if (rule) {
    const error = isObject(answer.json) && isObject(answer.json.error) ? answer.json.error : undefined;
    const message = typeof error?.message === 'string' ? error.message : undefined;
    add(
      'message',
      message !== undefined && rule.test(message) ? 'pass' : 'fail',
      rule.expected,
      message === undefined ? 'no error.message' : JSON.stringify(message),
      rule.location,
    );
  }

  // Rate-limit headers: present, valid, and sane together.
  const values = new Map<string, number>();
  for (const header of response?.headers ?? []) {
    const raw = answer.headers.get(header.name);
    const expected = `${header.required ? 'present, ' : ''}${schemaRange(contract, header.schemaPointer)}`;
    if (raw === null) {
      if (header.required) add(header.name, 'fail', expected, 'absent', `${header.pointer} (D-14)`);
      continue;
    }
    const value = /^\d{1,16}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    const errors = Number.isNaN(value)
      ? ['not a whole number']
      : validator.errors(header.schemaPointer, value).map((e) => e.message ?? e.keyword);
    if (errors.length === 0) values.set(header.name.toLowerCase(), value);
    add(
      header.name,
      errors.length === 0 ? 'pass' : 'fail',
      expected,
      errors.length === 0 ? raw : `${JSON.stringify(raw)}: ${errors.join(', ')}`,
      `${header.pointer} (D-14)`,
    );
  }
  const limit = values.get('x-ratelimit-limit');
  const remaining = values.get('x-ratelimit-remaining');
  const reset = values.get('x-ratelimit-reset');
  const where = (name: string) =>
    `${response?.headers.find((h) => h.name === name)?.pointer ?? '#/components/headers'} (D-14)`;
  if (limit !== undefined && remaining !== undefined) {
    add(
      'Remaining <= Limit',
      remaining <= limit ? 'pass' : 'fail',
      `X-RateLimit-Remaining at most X-RateLimit-Limit (${limit})`,
      String(remaining),
      where('X-RateLimit-Remaining'),
    );
  }
  if (reset !== undefined) {
    const date = answer.headers.get('date');
    const serverMs = date !== null && !Number.isNaN(Date.parse(date)) ? Date.parse(date) : undefined;
    const nowSeconds = Math.floor((serverMs ?? answer.receivedAt) / 1000);
    const whose = serverMs !== undefined ? "the response's Date" : "this machine's clock (no Date header)";
    const ahead = reset - nowSeconds;
    const windowSeconds = DOCUMENTED_WINDOW_MS / 1000;
    const ok = ahead > 0 && ahead <= windowSeconds + 1;
    const got = `${reset} (${iso(reset)}): ${ahead > 0 ? `${duration(ahead)} after` : ahead === 0 ? 'the same second as' : `${duration(ahead)} before`} ${whose} (${iso(nowSeconds)})`;
    add(
      'Reset ahead',
      ok ? 'pass' : 'fail',
      `X-RateLimit-Reset after ${whose}, at most one window (${windowSeconds} s) ahead`,
      got,
      where('X-RateLimit-Reset'),
    );
  }
  const bucket = bucketOf(step.auth);
  if (remaining !== undefined && reset !== undefined && limit !== undefined) {
    const previous = memory.windows.get(bucket);
    if (previous && previous.reset === reset) {
      const down = remaining < previous.remaining || (previous.remaining === 0 && remaining === 0);
      add(
        'Remaining counts down',
        down ? 'pass' : 'fail',
        `below ${previous.remaining}, the previous answer's for this token in the same window (Reset ${reset})`,
        String(remaining),
        where('X-RateLimit-Remaining'),
      );
    } else if (previous && reset < previous.reset) {
      add(
        'Remaining counts down',
        'fail',
        `a Reset no earlier than the previous answer's (${previous.reset}): windows do not go back`,
        String(reset),
        where('X-RateLimit-Reset'),
      );
    }
    memory.windows.set(bucket, { limit, remaining, reset });
    if (answer.status === 429) {
      add(
        'Remaining on 429',
        remaining === 0 ? 'pass' : 'fail',
        'X-RateLimit-Remaining 0 on a 429',
        String(remaining),
        where('X-RateLimit-Remaining'),
      );
    }
    if (bucket === 'token' && !memory.limitChecked) {
      memory.limitChecked = true;
      add(
        'documented limit',
        limit === DOCUMENTED_LIMIT ? 'pass' : 'warn',
        `X-RateLimit-Limit ${DOCUMENTED_LIMIT}, the documented global limit per minute`,
        limit === DOCUMENTED_LIMIT
          ? String(limit)
          : `${limit}: the schema allows it, the documentation says ${DOCUMENTED_LIMIT}`,
        where('X-RateLimit-Limit'),
      );
    }
  }

  // Pairs: a success answer must be the variant its request asks for, name the contact, and count sensibly.
  if (answer.status === 200 && step.expect.agrees && response?.schemaPointer && isObject(answer.json) && input.sent) {
    const sent = input.sent;
    const example = response.examples.find((e) => matchesRequest(e, sent));
    const variant =
      example &&
      validator.variants(response.schemaPointer).find((v) => validator.errors(v, example.value).length === 0);
    if (example && variant) {
      const asked = Object.keys(example.match ?? {})
        .map((key) => `${key}=${key in sent ? JSON.stringify(sent[key]) : '(absent)'}`)
        .join(', ');
      const verdict = validator.check(variant, answer.json);
      add(
        'answer fits the request',
        verdict.valid ? 'pass' : 'fail',
        `${nameOf(variant)}, the answer to ${asked} (example ${example.name})`,
        verdict.valid ? nameOf(variant) : verdict.errors.join(' | '),
        verdict.valid
          ? `${variant} (x-match-request of ${example.pointer})`
          : `${verdict.location} (x-match-request of ${example.pointer})`,
      );
    }
    const properties = variant ? resolvePointer(contract.bundle, `${variant}/properties`) : undefined;
    const jidKey = isObject(properties) ? Object.keys(properties).find((key) => key.endsWith('_jid')) : undefined;
    if (variant && jidKey) {
      const got = answer.json[jidKey];
      const ref = (properties as Json)[jidKey];
      const where = isObject(ref) && typeof ref.$ref === 'string' ? ref.$ref : `${variant}/properties/${jidKey}`;
      add(
        jidKey,
        got === input.jid ? 'pass' : 'fail',
        `${JSON.stringify(input.jid)}, the JID of the number sent`,
        got === undefined ? 'absent' : JSON.stringify(got),
        `${where} (D-12)`,
      );
    }
    const direction = step.expect.blockedCount;
    const count = answer.json.blocked_count;
    if (direction && typeof count === 'number') {
      const previous = memory.blockedCount;
      if (previous !== undefined) {
        const allowed = direction === 'block' ? [0, 1] : [0, -1];
        const delta = count - previous;
        add(
          'blocked_count moves by at most one',
          allowed.includes(delta) ? 'pass' : 'fail',
          `${allowed.map((d) => previous + d).join(' or ')} after ${previous} (a ${direction} adds ${direction === 'block' ? 'one or none' : 'none, or takes one away'})`,
          String(count),
          `${variant && isObject(properties) && isObject(properties.blocked_count) && typeof properties.blocked_count.$ref === 'string' ? properties.blocked_count.$ref : operation.pointer} (D-13, V-06)`,
        );
      }
      memory.blockedCount = count;
    }
  }
  return results;
}
