// The HTTP mock (src/mock/server.ts, what `npm start` and the `ryzeapi-chat-mock` bin serve): the shared behaviour
// table (helpers/mock-cases.ts) over HTTP, controlled over HTTP under /__sandbox; then what only the HTTP transport
// has: CORS, sl-violations, the body cap and the connection it closes, malformed HTTP and slow clients answered with
// the envelope, seed files, and the handle's own controls and in-process fetch.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../src/mock/server.js';
import { Driver, MUTE, T0, describeSandboxTable, expectError } from './helpers/mock-cases.js';
import { head, rawRequest } from './helpers/mock-raw.js';
import { schemaErrors } from './helpers/spec.js';

let mock: RunningMockServer;
let driver: Driver;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  driver = new Driver({ fetch: (path, init) => fetch(`${mock.url}${path}`, init), controls: 'http' });
});
afterAll(async () => {
  await mock?.close();
});

describeSandboxTable(() => driver);

describe('HTTP only', () => {
  it('names the violations in sl-violations for debugging', async () => {
    await driver.reset({});
    const reply = await driver.send(MUTE, { number: '5511999999999', mute: true, duration: '5y' });
    expect(JSON.parse(reply.headers.get('sl-violations') ?? '[]')).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'duration'], code: 'enum' }),
    );
  });

  it("remembers Prism's verdicts without mixing them up: the same requests again get the same answers", async () => {
    await driver.reset({});
    const valid = { number: '5511999999999', mute: true, duration: '8h' };
    // Each credential gets its own verdict: a 401 remembered for the missing token would show as a 401 for the
    // Bearer tokens below, and a 200 remembered for them as a 200 for Basic.
    const sends: [object, Record<string, string>, number][] = [
      [valid, {}, 200],
      [valid, { token: '', Authorization: 'bearer abc' }, 200],
      [valid, { token: '' }, 401],
      [valid, { token: '', Authorization: 'Bearer abc' }, 200],
      [valid, { token: '', Authorization: 'Basic eDp5' }, 401],
      [{ ...valid, duration: '5y' }, {}, 400],
      [{ ...valid, duration: '5y' }, { token: '', Authorization: 'Bearer abc' }, 400],
    ];
    for (let round = 0; round < 2; round += 1) {
      const statuses = [];
      for (const [body, headers] of sends) statuses.push((await driver.send(MUTE, body, headers)).status);
      expect(statuses, `round ${round + 1}`).toEqual(sends.map(([, , status]) => status));
    }
  });

  it('answers a CORS preflight and exposes the rate-limit headers', async () => {
    const preflight = await fetch(`${mock.url}${MUTE}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/token.*Prefer.*Sandbox-Fault/);
    const reply = await driver.send(
      MUTE,
      { number: '5511999999999', mute: false },
      { Origin: 'http://localhost:3000' },
    );
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/X-RateLimit-Reset/);
  });

  it('the handle controls the same sandbox from code, and mock.fetch answers in-process', async () => {
    mock.reset({ clock: { start: T0, frozen: true } });
    await driver.send(MUTE, { number: '5511999999999', mute: true, duration: '8h' });
    expect(mock.state().instances['my-instance']?.muted).toHaveLength(1);
    expect(mock.advance(8 * 3_600_000).toISOString()).toBe('2030-01-01T08:00:00.000Z');
    expect(mock.state().instances['my-instance']?.muted).toEqual([]);
    const response = await mock.fetch('http://anywhere.invalid/api/chat/block/my-instance', {
      method: 'POST',
      headers: { token: 'mock-test-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: '5511999999999', block: true }),
    });
    expect(await response.json()).toMatchObject({ blocked: true, blocked_count: 1 });
    // The same windows as the HTTP requests: the 8 hours opened a new one for this token.
    const reset = (T0 + 8 * 3_600_000) / 1000 + 60;
    expect([response.headers.get('x-ratelimit-remaining'), response.headers.get('x-ratelimit-reset')]).toEqual([
      '99',
      String(reset),
    ]);
    expect(mock.rateLimit('mock-test-token')).toEqual({ limit: 100, remaining: 99, reset });
    expect(
      (await driver.send('/api/chat/block/my-instance', { number: '5511999999999', block: false })).body,
    ).toMatchObject({ blocked_count: 0 });
  });

  it('refuses an empty host instead of listening on every interface', async () => {
    await expect(startMockServer({ port: 0, host: '' })).rejects.toThrow(/host must be an address/);
  });
});

describe('the body cap: stop reading and close the connection', () => {
  it('a body over 1 MiB gets the documented 400 (fetch)', async () => {
    await driver.reset({});
    const reply = await driver.send(MUTE, {
      number: '5511999999999',
      mute: true,
      duration: 'x'.repeat(1024 * 1024 + 10),
    });
    expectError(reply, 400, /^Invalid request body: body too large/);
  });

  it('a declared 2 GiB upload is answered at once and the connection closed, without reading it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const reply = await rawRequest(
      mock.port,
      [head(['Content-Length: 2147483648'], MUTE), ...Array.from({ length: 64 }, () => chunk)],
      { keepOpen: true },
    );
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { message: string } }).error.message).toMatch(
      /^Invalid request body: body too large/,
    );
    expect(reply.headers.connection).toBe('close');
    expect(reply.closed).toBe(true);
  });

  it('a chunked upload that goes over the cap is cut off the same way', async () => {
    const chunk = `40000\r\n${'y'.repeat(0x40000)}\r\n`;
    const reply = await rawRequest(
      mock.port,
      [head(['Transfer-Encoding: chunked'], MUTE), ...Array.from({ length: 40 }, () => chunk)],
      { keepOpen: true },
    );
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { message: string } }).error.message).toMatch(
      /^Invalid request body: body too large/,
    );
    expect(reply.closed).toBe(true);
  });
});

describe('malformed HTTP gets the envelope wherever the socket allows an answer', () => {
  const body = '{"number":"5511999999999","block":true}';
  it.each([
    [
      'a Content-Length that is not a number',
      [head(['Content-Length: abc']), body],
      /Content-Length header is not valid/,
    ],
    [
      'two different Content-Lengths',
      [head(['Content-Length: 39', 'Content-Length: 40']), body],
      /Content-Length header is not valid|not valid HTTP/,
    ],
    [
      'a malformed chunk size',
      [head(['Transfer-Encoding: chunked']), 'zz\r\nabc\r\n0\r\n\r\n'],
      /chunked body is malformed|not valid HTTP/,
    ],
    [
      'headers over 16 KiB',
      [head([`X-Big: ${'a'.repeat(20_000)}`, 'Content-Length: 0'])],
      /headers are over the 16 KiB limit/,
    ],
    ['a header name with a space', [head(['Bad Header: 1', 'Content-Length: 0'])], /not valid HTTP/],
    ['a request line that is not HTTP', ['HELLO THERE\r\n\r\n'], /not valid|method/],
    ['binary garbage', [Buffer.from([0, 1, 2, 3, 255, 254, 13, 10, 13, 10])], /not valid|method/],
  ])('%s', async (_, chunks, reason) => {
    const reply = await rawRequest(mock.port, chunks as string[]);
    expect(reply.status, reply.text.slice(0, 200)).toBe(400);
    expect(schemaErrors('#/components/schemas/ErrorResponse', reply.body)).toBe('');
    expect((reply.body as { error: { message: string } }).error.message).toMatch(/^Bad request: /);
    expect((reply.body as { error: { message: string } }).error.message).toMatch(reason);
    expect(reply.headers['x-ratelimit-limit']).toMatch(/^\d+$/);
    expect(reply.closed).toBe(true);
  });

  it('an Expect other than 100-continue is ignored, not answered with a bare 417', async () => {
    const reply = await rawRequest(mock.port, [head(['Expect: foo', `Content-Length: ${body.length}`]), body]);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ blocked: true });
  });

  it('Expect: 100-continue with a body over the cap is refused before the body is invited', async () => {
    const reply = await rawRequest(mock.port, [head(['Expect: 100-continue', 'Content-Length: 5000000'])], {
      keepOpen: true,
    });
    expect(reply.text).not.toContain('100 Continue');
    expect(reply.status).toBe(400);
    expect(reply.closed).toBe(true);
  });

  it('the mock still answers afterwards', async () => {
    await driver.reset({});
    expect((await driver.send(MUTE, { number: '5511999999999', mute: false })).status).toBe(200);
  });
});

describe('slow clients are timed out with the envelope', () => {
  let slow: RunningMockServer;
  beforeAll(async () => {
    slow = await startMockServer({ port: 0, headersTimeoutMs: 300, requestTimeoutMs: 600 });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('headers that never end get 408 after the headers timeout', async () => {
    const reply = await rawRequest(slow.port, ['POST /api/chat/block/x HTTP/1.1\r\nHost: a\r\n'], { keepOpen: true });
    expect(reply.status).toBe(408);
    expect((reply.body as { error: { message: string } }).error.message).toMatch(/did not arrive in time/);
    expect(reply.closed).toBe(true);
    expect(reply.ms).toBeLessThan(4_000);
  });

  it('a body that never ends gets 408 after the request timeout', async () => {
    const reply = await rawRequest(slow.port, [head(['Content-Length: 100']), '{"num'], { keepOpen: true });
    expect(reply.status).toBe(408);
    expect(reply.closed).toBe(true);
    expect(reply.ms).toBeLessThan(4_000);
  });
});

describe('seeds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ryze-seed-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [
      'JSON',
      'seed.json',
      JSON.stringify({ instances: { shop: { tokens: ['shop-token'], blocked: ['5511911111111'] } } }),
    ],
    ['YAML', 'seed.yaml', 'instances:\n  shop:\n    tokens: [shop-token]\n    blocked:\n      - "5511911111111"\n'],
  ])('a %s seed file', async (_, name, text) => {
    await writeFile(join(dir, name), text);
    const seeded = await startMockServer({ port: 0, seed: join(dir, name) });
    try {
      const call = (token: string, instance = 'shop') =>
        fetch(`${seeded.url}/api/chat/block/${instance}`, {
          method: 'POST',
          headers: { token, 'Content-Type': 'application/json' },
          body: JSON.stringify({ number: '5511922222222', block: true }),
        });
      expect(await (await call('shop-token')).json()).toMatchObject({ blocked_count: 2 });
      expect((await call('other-token')).status).toBe(401);
      expect((await call('shop-token', 'elsewhere')).status).toBe(404);
    } finally {
      await seeded.close();
    }
  });

  it.each([
    [
      'a field of the wrong type',
      'bad.json',
      '{"instances":{"shop":{"connected":"yes"}}}',
      'Invalid sandbox seed: instances.shop.connected must be boolean (got "yes")',
    ],
    [
      'an invalid mute duration',
      'bad2.yaml',
      'instances:\n  shop:\n    muted:\n      - number: "5511911111111"\n        duration: 5y\n',
      /instances\.shop\.muted\[0\]\.duration must be one of "8h", "8 hours"/,
    ],
    [
      'a rate limit of 0',
      'bad3.json',
      '{"rateLimit":{"limit":0}}',
      'Invalid sandbox seed: rateLimit.limit must be >= 1 (got 0)',
    ],
    ['malformed JSON', 'bad4.json', '{"instances":', /is not valid JSON/],
    ['malformed YAML', 'bad5.yml', 'instances: [1\nb: 2', /is not valid YAML/],
    ['a missing file', 'missing.json', undefined, /cannot read .*missing\.json \(ENOENT\)/],
  ])('refuses %s before listening, naming the field', async (_, name, text, problem) => {
    if (text !== undefined) await writeFile(join(dir, name), text);
    await expect(startMockServer({ port: 0, seed: join(dir, name) })).rejects.toThrow(problem);
  });
});
