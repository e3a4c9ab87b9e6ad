// createApiClient (src/api-client.ts, the typed openapi-fetch client) against the mock (the sandbox on the bundle,
// src/mock/server.ts): every named example of every response is replayed with `Prefer` and checked for status,
// headers and body; every request example is accepted; bad input and bad credentials get their documented errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/api-client.js';
import { startTestMock, type RunningMock } from './helpers/mock.js';
import { requestExamples, responseExamples, schemaErrors, type ResponseExample } from './helpers/spec.js';

type ChatPath = '/api/chat/block/{instance}' | '/api/chat/mute/{instance}';
const TOKEN = 'api-client-mock-token-0123';
const INSTANCE = 'my-instance';
let mock: RunningMock;

beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(async () => {
  await mock?.close();
});

// Each client has its own token, so its own rate-limit window: the mock counts 100 requests per token and minute.
let clients = 0;
const client = (options: { auth?: 'token' | 'bearer'; headers?: Record<string, string> } = {}) => {
  clients += 1;
  return createApiClient({ baseUrl: mock.url, token: `${TOKEN}-${clients}`, ...options });
};

/** A valid request body for the operation (its first request example). */
function validBody(path: string): unknown {
  const example = requestExamples.find((e) => e.path === path);
  if (!example) throw new Error(`no request example for ${path}`);
  return example.value;
}

/** POST through the typed client. The path comes from the spec at run time, hence the casts. */
async function post(path: string, body: unknown, options: Parameters<typeof client>[0] = {}) {
  return client(options).POST(path as ChatPath, {
    params: { path: { instance: INSTANCE } },
    body: body as never,
    // Bodies the client is asked to send as-is, including invalid ones, so the mock's validation is what is tested.
    bodySerializer: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
  });
}

/** Every documented response header is present and valid against its schema. */
function expectDocumentedHeaders(response: Response, example: Pick<ResponseExample, 'headers'>) {
  for (const [name, header] of Object.entries(example.headers)) {
    const raw = response.headers.get(name);
    if (header.required) expect(raw, `${name} missing`).not.toBeNull();
    if (raw === null) continue;
    const value = header.schema.type === 'integer' ? Number(raw) : raw;
    const validate = schemaErrors(`#/components/headers/${name}/schema`, value);
    expect(validate, `${name}: ${raw}`).toBe('');
  }
}

const replayed: string[] = [];

describe('every named response example, replayed through the mock with Prefer', () => {
  it.each(responseExamples.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))('%s', async (id, e) => {
    const { response, data, error } = await post(e.path, validBody(e.path), {
      headers: { Prefer: `code=${e.status}, example=${e.name}` },
    });
    expect(response.status).toBe(e.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = e.status < 400 ? data : error;
    expect(body).toEqual(e.value);
    expect(schemaErrors(e.schemaRef, body)).toBe('');
    expectDocumentedHeaders(response, e);
    replayed.push(id);
  });

  it('replayed every example the spec names (none skipped)', () => {
    expect(replayed.sort()).toEqual(responseExamples.map((e) => `${e.operationId} ${e.status} ${e.name}`).sort());
  });
});

describe('every named request example is accepted by the mock', () => {
  it.each(requestExamples.map((e) => [`${e.operationId} ${e.name}`, e] as const))('%s', async (_, e) => {
    const { response, data } = await post(e.path, e.value);
    expect(response.status).toBe(200);
    const ok = responseExamples.find((r) => r.path === e.path && r.status === 200);
    expect(ok).toBeDefined();
    expect(schemaErrors(ok!.schemaRef, data)).toBe('');
    expectDocumentedHeaders(response, ok!);
  });
});

describe('bad input gets the documented 400 with the error envelope', () => {
  const block = '/api/chat/block/{instance}';
  const mute = '/api/chat/mute/{instance}';
  /** A documented 400 message, or one of the documented `Prefix: <value>` shapes with another value. */
  const documentedShape = (path: string, message: string) =>
    responseExamples
      .filter((e) => e.path === path && e.status === 400)
      .map((e) => (e.value as { error: { message: string } }).error.message)
      .some(
        (documented) =>
          documented === message || (documented.includes(': ') && message.startsWith(`${documented.split(': ')[0]}: `)),
      );

  it.each([
    ['block: missing number', block, { block: true }, 'number'],
    ['block: missing block', block, { number: '5511999999999' }, 'block'],
    ['block: number is a JSON number', block, { number: 5511999999999, block: true }, 'number'],
    ['block: block is a string', block, { number: '5511999999999', block: 'yes' }, 'block'],
    ['block: a group JID', block, { number: '120363025246125486@g.us', block: true }, 'number'],
    ['block: an unknown property', block, { number: '5511999999999', block: true, blocked: true }, ''],
    ['mute: missing number', mute, { mute: true, duration: '8h' }, 'number'],
    ['mute: missing mute', mute, { number: '5511999999999' }, 'mute'],
    ['mute: mute is a string', mute, { number: '5511999999999', mute: 'true' }, 'mute'],
    ['mute: unknown duration', mute, { number: '5511999999999', mute: true, duration: '5y' }, 'duration'],
    ['mute: duration is a number', mute, { number: '5511999999999', mute: true, duration: 8 }, 'duration'],
    ['mute: body is an array', mute, [], ''],
  ])('%s', async (_, path, body, field) => {
    const { response, error } = await post(path, body);
    expect(response.status).toBe(400);
    expect(schemaErrors('#/components/schemas/ErrorResponse', error)).toBe('');
    // The mock answers with the documented message that fits the failure best (helpers/mock-cases.ts has exact ones).
    expect(documentedShape(path, (error as { error: { message: string } }).error.message)).toBe(true);
    const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]') as { location: string[] }[];
    expect(violations.length).toBeGreaterThan(0);
    if (field)
      expect(violations.some((v) => v.location.includes(field) || JSON.stringify(v).includes(field))).toBe(true);
    for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
      expect(response.headers.get(name), name).toMatch(/^\d+$/);
    }
  });

  it('malformed JSON gets 400 with the envelope and the documented "Invalid request body: <detail>" shape', async () => {
    const { response, error } = await post(mute, '{"number": "5511999999999", "mute": tru');
    expect(response.status).toBe(400);
    expect(schemaErrors('#/components/schemas/ErrorResponse', error)).toBe('');
    expect((error as { error: { message: string } }).error.message).toMatch(/^Invalid request body: \S/);
    expect(response.headers.get('X-RateLimit-Limit')).toMatch(/^\d+$/);
  });
});

describe('authentication', () => {
  const path = '/api/chat/mute/{instance}';

  it.each([['token'], ['bearer']] as const)('the %s way is accepted', async (auth) => {
    const seen: Headers[] = [];
    const { response, data } = await createApiClient({
      baseUrl: mock.url,
      token: TOKEN,
      auth,
      fetch: (request) => {
        seen.push(request.headers);
        return fetch(request);
      },
    }).POST(path, { params: { path: { instance: INSTANCE } }, body: { number: '5511999999999', mute: false } });
    expect(response.status).toBe(200);
    // The mock is request-aware: an unmute gets the unmuted example.
    expect(data).toEqual(responseExamples.find((e) => e.name === 'chatUnmuted')?.value);
    expect(seen[0]?.get(auth === 'bearer' ? 'authorization' : 'token')).toBe(
      auth === 'bearer' ? `Bearer ${TOKEN}` : TOKEN,
    );
    expect(response.url).not.toContain(TOKEN);
  });

  const unauthorized = responseExamples.filter((e) => e.path === path && e.status === 401).map((e) => e.value);
  it.each([
    ['no credentials at all', {}],
    ['an empty token header', { token: '' }],
    ['an empty bearer token', { Authorization: 'Bearer ' }],
    ['a Basic authorization instead of Bearer', { Authorization: 'Basic dXNlcjpwYXNz' }],
    ['the token in a header of another name', { 'x-token': TOKEN }],
  ])('%s gets 401 with the envelope', async (_, headers) => {
    const response = await fetch(`${mock.url}/api/chat/mute/${INSTANCE}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ number: '5511999999999', mute: true }),
    });
    expect(response.status).toBe(401);
    const body: unknown = await response.json();
    expect(schemaErrors('#/components/schemas/ErrorResponse', body)).toBe('');
    expect(unauthorized).toContainEqual(body);
    expect(response.headers.get('X-RateLimit-Remaining')).toMatch(/^\d+$/);
  });

  it('a token in the query string is not a credential for these routes', async () => {
    const response = await fetch(`${mock.url}/api/chat/mute/${INSTANCE}?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: '5511999999999', mute: true }),
    });
    expect(response.status).toBe(401);
  });
});
