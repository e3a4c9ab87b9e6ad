// The sandbox fuzzer, shared by `npm run fuzz` (bench/mock-fuzz.mjs: 100,000+ requests, counts committed in
// bench/MOCK-FUZZ.md) and its sample in `npm test` (test/mock-fuzz.test.ts). Two kinds of input:
//   - well-formed HTTP (fetch): random methods, paths (bad %-escapes, unicode, huge names, control paths), tokens,
//     Prefer and Sandbox-Fault values, Content-Type and Accept headers that do not parse, and bodies of every JSON
//     shape, wrong types, unicode, deep nesting, broken JSON;
//   - malformed HTTP (raw sockets): valid requests mutated byte by byte, bad or conflicting Content-Length, broken
//     chunking, truncated bodies, oversized headers, NUL bytes, other versions, CONNECT, random bytes.
// Every answer must come (no hang), be a documented status (no 500 unless asked for), carry the error envelope for
// every error and a valid success body for every 200, with the rate-limit headers on every API answer.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';

const bundle = JSON.parse(readFileSync(new URL('../generated/openapi.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormatsModule.default(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isSafeInteger(n) });
ajv.addSchema(bundle, 'bundle');
const valid = {
  error: ajv.compile({ $ref: 'bundle#/components/schemas/ErrorResponse' }),
  block: ajv.compile({ $ref: 'bundle#/components/schemas/BlockContactResponse' }),
  mute: ajv.compile({ $ref: 'bundle#/components/schemas/MuteChatResponse' }),
};

/** Statuses an API answer may have; 408 only for a request that never finished arriving (raw). */
const DOCUMENTED = new Set([200, 400, 401, 403, 404, 429, 500, 503]);
const CONTROL = new Set([200, 400, 404, 405]);

/** The seed the fuzzed sandbox runs with: declared tokens and instances, so auth paths are reached too. */
export const FUZZ_SEED = {
  accounts: { acme: { tokens: ['fuzz-account-token'] } },
  instances: {
    'my-instance': { account: 'acme', tokens: ['fuzz-token'], blocked: ['5511911111111'] },
    other: { account: 'acme', connected: false },
    lonely: { tokens: ['lonely-token'] },
  },
  rateLimit: { limit: 100, enforce: false },
};

const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const numbers = fc.constantFrom(
  '5511999999999',
  '5511999999999@s.whatsapp.net',
  '123456789012345@lid',
  '120363025246125486@g.us',
  '120363144038483540@newsletter',
  '+55 (11) 99999-9999',
  '',
);
const durations = fc.constantFrom(
  '8h',
  '8 hours',
  '1w',
  '7d',
  '1 week',
  'always',
  'forever',
  'permanent',
  '',
  '5y',
  '8H',
  ' 8h',
);
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const bodyObject = fc.record(
  {
    number: fc.oneof(numbers, anyValue),
    block: fc.oneof(fc.boolean(), anyValue),
    mute: fc.oneof(fc.boolean(), anyValue),
    duration: fc.oneof(durations, anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);
const okNumber = numbers.filter((n) => n !== '' && !n.startsWith('+'));
const validBody = fc.oneof(
  fc.record({ number: okNumber.filter((n) => !/@(g\.us|newsletter)$/.test(n)), block: fc.boolean() }),
  fc.record(
    { number: okNumber, mute: fc.boolean(), duration: durations.filter((d) => !/5y|8H| 8h/.test(d)) },
    { requiredKeys: ['number', 'mute'] },
  ),
);
const deep = fc
  .integer({ min: 30, max: 6000 })
  .map((n) => `{"number":"5511999999999","mute":true,"duration":${'['.repeat(n)}${']'.repeat(n)}}`);
const body = fc.oneof(
  { weight: 6, arbitrary: validBody.map((o) => JSON.stringify(o)) },
  { weight: 4, arbitrary: bodyObject.map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: fc.json() },
  { weight: 2, arbitrary: fc.json({ stringUnit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(bodyObject, fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), anyValue, { maxKeys: 3 }))
      .map(([o, extra]) => JSON.stringify({ ...extra, ...o })),
  },
  { weight: 1, arbitrary: bodyObject.map((o) => JSON.stringify(o).slice(0, -1)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 300_000 })
      .map((n) => JSON.stringify({ number: '1'.repeat(n), mute: true })),
  },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.constant('') },
);
const instance = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('my-instance', 'other', 'lonely', 'nowhere') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.constantFrom('caf%E9', '%', '%zz', '%C3%28', 'a%2Fb', '%00', '..', '%2e%2e') },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 6_000 }).map((n) => 'a'.repeat(n)) },
);
const path = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom('block', 'mute'), instance).map(([op, name]) => `/api/chat/${op}/${name}`),
  },
  { weight: 1, arbitrary: fc.array(fc.webSegment(), { maxLength: 6 }).map((segments) => `/${segments.join('/')}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/__sandbox',
      '/__sandbox/state',
      '/__sandbox/clock',
      '/__sandbox/faults',
      '/__sandbox/nope',
      '/__sandbox/instances/my-instance',
      '/api/chat/block/',
      '//a:b',
    ),
  },
);
const headers = fc
  .record(
    {
      token: fc.oneof(
        { weight: 1, arbitrary: printable },
        { weight: 6, arbitrary: fc.constantFrom('fuzz-token', 'fuzz-account-token', 'lonely-token', 'stranger') },
      ),
      authorization: fc.oneof(
        fc.constant('Bearer fuzz-token'),
        fc.constant('Basic eDp5'),
        fc.constant('Bearer '),
        printable,
      ),
      prefer: fc.oneof(
        fc.constantFrom(
          'code=200',
          'code=400',
          'code=401',
          'code=404',
          'code=429',
          'code=500',
          'code=503',
          'code=418',
          'code=404, example=contactBlocked',
        ),
        fc.constantFrom(
          'example=chatUnmuted',
          'example=contactBlocked',
          'example=nope',
          'code=abc',
          'code=400, example=invalidDuration',
          'nonsense',
          'code="401"',
        ),
        printable,
      ),
      'sandbox-fault': fc.oneof(
        fc.constantFrom('status=503', 'status=500, rate=0.5', 'latency=3', 'status=418', 'rate=2', 'slow'),
        printable,
      ),
      'content-type': fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/vnd.api+json',
        'json',
        ';;',
        'application/json; charset=',
        '\u00e9',
      ),
      accept: fc.constantFrom(',', '*/*;q=abc', 'application/json', 'text/html'),
      'x-random': printable,
    },
    { requiredKeys: [] },
  )
  .map((h) => (JSON.stringify(h).length % 4 === 0 ? h : { ...h, token: h.token ?? 'fuzz-token' }));

/** A well-formed HTTP request: method, path, headers, body. */
export const httpRequest = fc.record({
  method: fc.oneof(
    { weight: 12, arbitrary: fc.constant('POST') },
    { weight: 3, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'HEAD') },
  ),
  path,
  headers,
  body,
});

const CRLF = '\r\n';
const validRaw = fc.tuple(fc.constantFrom('block', 'mute'), validBody).map(([op, b]) => {
  const text = JSON.stringify(b);
  return `POST /api/chat/${op}/my-instance HTTP/1.1${CRLF}Host: 127.0.0.1${CRLF}token: fuzz-token${CRLF}Content-Type: application/json${CRLF}Content-Length: ${Buffer.byteLength(text)}${CRLF}${CRLF}${text}`;
});
const mutation = fc.oneof(
  fc.tuple(fc.constant('insert'), fc.nat(), fc.integer({ min: 0, max: 255 })),
  fc.tuple(fc.constant('delete'), fc.nat(), fc.integer({ min: 1, max: 20 })),
  fc.tuple(fc.constant('replace'), fc.nat(), fc.integer({ min: 0, max: 255 })),
  fc.tuple(fc.constant('lf'), fc.nat(), fc.nat()),
  fc.tuple(fc.constant('duplicate-line'), fc.nat(), fc.nat()),
);
function mutate(text, [kind, at, value]) {
  const i = text.length === 0 ? 0 : at % text.length;
  if (kind === 'insert') return text.slice(0, i) + String.fromCharCode(value) + text.slice(i);
  if (kind === 'delete') return text.slice(0, i) + text.slice(i + value);
  if (kind === 'replace') return text.slice(0, i) + String.fromCharCode(value) + text.slice(i + 1);
  if (kind === 'lf') return text.replaceAll(CRLF, '\n');
  const lines = text.split(CRLF);
  const j = at % Math.max(1, lines.length - 2);
  return [...lines.slice(0, j + 1), lines[j], ...lines.slice(j + 1)].join(CRLF);
}
const head = (lines) =>
  [
    `POST /api/chat/block/my-instance HTTP/1.1`,
    'Host: 127.0.0.1',
    'token: fuzz-token',
    'Content-Type: application/json',
    ...lines,
    '',
    '',
  ].join(CRLF);
const okBody = '{"number":"5511999999999","block":true}';

/** A malformed HTTP request, as the bytes to send (then the client half-closes). */
export const rawRequest = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(validRaw, fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([text, steps]) => steps.reduce(mutate, text)),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('abc', '-1', '1e3', '0x10', '99999999999999999999', ' 5', '')
      .map((cl) => head([`Content-Length: ${cl}`]) + okBody),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(100), fc.nat(100))
      .map(([a, b]) => head([`Content-Length: ${a}`, `Content-Length: ${b + 101}`]) + okBody),
  },
  { weight: 1, arbitrary: fc.constant(head(['Transfer-Encoding: chunked', 'Content-Length: 5']) + `0${CRLF}${CRLF}`) },
  {
    weight: 1,
    arbitrary: fc
      .string({ maxLength: 12 })
      .map((size) => head(['Transfer-Encoding: chunked']) + `${size}${CRLF}abc${CRLF}0${CRLF}${CRLF}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 200 })
      .map((missing) => head([`Content-Length: ${okBody.length + missing}`]) + okBody),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 40 }).map((extra) => head([`Content-Length: ${okBody.length}`]) + okBody + extra),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 17_000, max: 80_000 })
      .map((n) => head([`X-Big: ${'a'.repeat(n)}`, 'Content-Length: 0'])),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 17_000, max: 40_000 })
      .map((n) => `GET /${'a'.repeat(n)} HTTP/1.1${CRLF}Host: a${CRLF}${CRLF}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1', 'HTTPS/1.1', '')
      .map((v) => `POST /api/chat/block/x ${v}${CRLF}token: t${CRLF}Content-Length: 2${CRLF}${CRLF}{}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'CONNECT example.com:443',
        'GET *',
        'OPTIONS *',
        'BREW /api/chat/block/x',
        'POST http://example.com/api/chat/block/x',
        'PRI *',
      )
      .map((line) => `${line} HTTP/1.1${CRLF}Host: a${CRLF}${CRLF}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('foo', '100-continue', '', '200-ok')
      .map((e) => head([`Expect: ${e}`, `Content-Length: ${okBody.length}`]) + okBody),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'token: t\0x',
        'X\0: 1',
        'Bad Header: 1',
        'X-Line: a\rb',
        ': empty-name',
        'Host: a',
        'Upgrade: websocket\r\nConnection: Upgrade',
      )
      .map((line) => head([line, `Content-Length: ${okBody.length}`]) + okBody),
  },
);

const isApi = (p) => p.startsWith('/api/');
const isControl = (p) => p === '/__sandbox' || p.startsWith('/__sandbox/');

/** Check one answer to a well-formed request; returns the problem, if any. */
export function checkHttp(input, status, headerOf, text) {
  const what = `${input.method} ${input.path.slice(0, 60)} -> ${status} ${text.slice(0, 120)}`;
  const allowed = isControl(input.path) ? CONTROL : DOCUMENTED;
  if (!allowed.has(status)) return `undocumented status: ${what}`;
  if (
    status === 500 &&
    !/code=500/.test(input.headers.prefer ?? '') &&
    !/status=500/.test(input.headers['sandbox-fault'] ?? '')
  )
    return `500: ${what}`;
  if (!/^application\/json/.test(headerOf('content-type') ?? '')) return `not JSON: ${what}`;
  if (isApi(input.path) || !isControl(input.path)) {
    for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      if (!/^\d+$/.test(headerOf(name) ?? '')) return `no ${name}: ${what}`;
    }
  }
  if (input.method === 'HEAD') return undefined;
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return `body not JSON: ${what}`;
  }
  if (status >= 400) return valid.error(json) ? undefined : `no envelope: ${what}`;
  if (isControl(input.path)) return undefined;
  return (input.path.startsWith('/api/chat/block/') ? valid.block : valid.mute)(json)
    ? undefined
    : `invalid success body: ${what}`;
}

/** Split raw bytes into HTTP responses (status, headers, body text). */
export function parseResponses(text) {
  const responses = [];
  let rest = text;
  while (/^HTTP\/1\.[01] \d{3}/.test(rest)) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const lines = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(
      lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const status = Number(lines[0].split(' ')[1]);
    const length = Number(headers['content-length'] ?? 0);
    // An interim answer (100 Continue) has no body and is followed by the real one.
    if (status >= 200) responses.push({ status, headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return { responses, trailing: rest };
}

/** Check what the server sent back for one malformed request; returns the problem, if any. */
export function checkRaw(input, reply) {
  const what = `${JSON.stringify(input.slice(0, 80))} -> ${JSON.stringify(reply.text.slice(0, 120))}`;
  if (!reply.closed) return { kind: 'hang', problem: `no close within the deadline: ${what}` };
  if (reply.text === '') return { kind: 'unanswered' };
  const { responses, trailing } = parseResponses(reply.text);
  if (responses.length === 0 || trailing !== '')
    return { kind: 'envelope', problem: `not an HTTP answer with a body: ${what}` };
  for (const response of responses) {
    if (response.status === 500) return { kind: 'server-error', problem: `500: ${what}` };
    if (response.status === 204) continue; // a preflight-shaped request
    let json;
    try {
      json = JSON.parse(response.body);
    } catch {
      return { kind: 'envelope', problem: `body not JSON: ${what}` };
    }
    if (response.status >= 400 && !valid.error(json)) return { kind: 'envelope', problem: `no envelope: ${what}` };
    if (!/^\d+$/.test(response.headers['x-ratelimit-limit'] ?? '') && !/^\/__sandbox/.test(input.split(' ')[1] ?? ''))
      return { kind: 'envelope', problem: `no rate-limit headers: ${what}` };
  }
  return { kind: 'answered', statuses: responses.map((r) => r.status) };
}

/** Send raw bytes, half-close, and read until the server closes or the deadline passes. */
export function sendRaw(port, text, deadlineMs) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const received = [];
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(received).toString('latin1'), closed });
    };
    const timer = setTimeout(() => finish(false), deadlineMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => socket.end(Buffer.from(text, 'latin1')));
  });
}

/**
 * Fuzz a running sandbox at `url`: `http` well-formed requests and `raw` malformed ones, `concurrency` at a time,
 * generated from `seed` (so a run repeats). Returns the counts and the first problems found.
 */
export async function fuzz({
  url,
  http: httpRuns,
  raw: rawRuns,
  concurrency = 8,
  seed = 42,
  timeoutMs = 10_000,
  onProgress,
}) {
  const port = Number(new URL(url).port);
  const counts = {
    requests: 0,
    http: 0,
    raw: 0,
    statuses: {},
    serverErrors: 0,
    withoutEnvelope: 0,
    hangs: 0,
    unanswered: 0,
    problems: [],
  };
  const note = (problem) => counts.problems.length < 20 && counts.problems.push(problem);
  const count = (status) => (counts.statuses[status] = (counts.statuses[status] ?? 0) + 1);
  const batches = (total, arbitrary, offset) => {
    let made = 0;
    let batch = [];
    return () => {
      if (batch.length === 0 && made < total) {
        const size = Math.min(500, total - made);
        batch = fc.sample(arbitrary, { numRuns: size, seed: seed + offset + made });
        made += size;
      }
      return batch.shift();
    };
  };
  const nextHttp = batches(httpRuns, httpRequest, 0);
  const nextRaw = batches(rawRuns, rawRequest, 1_000_000);

  const sendHttp = async (input) => {
    let response;
    let text;
    try {
      response = await fetch(`${url}${input.path}`, {
        method: input.method,
        headers: input.headers,
        ...(input.method === 'GET' || input.method === 'HEAD' ? {} : { body: input.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if (error?.name === 'TimeoutError') {
        counts.hangs += 1;
        return note(`hang: ${input.method} ${input.path.slice(0, 60)}`);
      }
      // fetch refused to send it (a header value undici will not send): not the server's doing.
      return;
    }
    counts.http += 1;
    counts.requests += 1;
    count(response.status);
    const problem = checkHttp(input, response.status, (name) => response.headers.get(name), text);
    if (problem) {
      if (problem.startsWith('500')) counts.serverErrors += 1;
      else if (/envelope|not JSON|no x-ratelimit/.test(problem)) counts.withoutEnvelope += 1;
      note(problem);
    }
  };
  const sendMalformed = async (input) => {
    const reply = await sendRaw(port, input, timeoutMs);
    counts.raw += 1;
    counts.requests += 1;
    const result = checkRaw(input, reply);
    if (result.kind === 'answered') result.statuses.forEach(count);
    else if (result.kind === 'hang') counts.hangs += 1;
    else if (result.kind === 'unanswered') counts.unanswered += 1;
    else if (result.kind === 'server-error') counts.serverErrors += 1;
    else counts.withoutEnvelope += 1;
    if (result.problem) note(result.problem);
  };

  let done = 0;
  const worker = async (index) => {
    for (;;) {
      const useRaw = rawRuns > 0 && (index % 4 === 3 || httpRuns === 0);
      const input = useRaw ? (nextRaw() ?? nextHttp()) : (nextHttp() ?? nextRaw());
      if (input === undefined) return;
      await (typeof input === 'string' ? sendMalformed(input) : sendHttp(input));
      done += 1;
      if (onProgress && done % 5000 === 0) onProgress(done, counts);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  return counts;
}
