// src/ryze-client.ts (createRyzeClient) with an injected fetch: requests, every error kind, exact success bodies,
// retries, timeouts, aborts, rate limits, callbacks that throw, redaction, option checks. Waits go through an
// injected sleep, so nothing here waits for real. Real misbehaving servers: ryze-client.faults.test.ts.
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  type RyzeApiErrorKind,
  type RyzeClientOptions,
  RyzeApiError,
  createRyzeClient,
  parseRateLimit,
} from '../src/index.js';
import { OPERATIONS } from '../src/ryze-client.js';
import {
  BLOCKED,
  MUTED_8H,
  RATE_LIMIT_HEADERS,
  TOKEN,
  UNBLOCKED,
  UNMUTED,
  envelope,
  hang,
  instantSleep,
  json,
  networkDown,
  scriptedFetch,
  stalledBody,
} from './helpers/fake-fetch.js';

const NUMBER = '5511999999999';
const INSTANCE = 'my-instance';

/** A client over `fetch` whose waits are recorded, not slept, with jitter fixed at 0.5. */
function setup(fetch: RyzeClientOptions['fetch'], options: Partial<RyzeClientOptions> = {}) {
  const { sleep, waits } = instantSleep();
  const retry = options.retry === false ? false : { sleep, random: () => 0.5, ...options.retry };
  return { client: createRyzeClient({ token: TOKEN, ...options, ...(fetch ? { fetch } : {}), retry }), waits };
}

/** The RyzeApiError a promise rejects with (fails the test if it resolves or rejects with something else). */
async function failure(promise: Promise<unknown>): Promise<RyzeApiError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(RyzeApiError);
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as RyzeApiError;
}

describe('OPERATIONS: what each method refuses and accepts', () => {
  it.each([
    ['blockContact', BLOCKED, UNBLOCKED],
    ['unblockContact', UNBLOCKED, BLOCKED],
    ['muteChat', MUTED_8H, UNMUTED],
    ['unmuteChat', UNMUTED, MUTED_8H],
  ] as const)('%s accepts its state and refuses the other', (name, mine, other) => {
    expect(OPERATIONS[name].accepts(mine)).toBe(true);
    expect(OPERATIONS[name].accepts(other)).toBe(false);
  });

  it.each([
    ['blockContact', '120363025246125486@g.us', 'number: only a person can be blocked, not a group or channel'],
    ['unblockContact', '120363144038483540@NEWSLETTER', 'number: only a person can be blocked, not a group or channel'],
    ['blockContact', '123456789012345@lid', undefined],
    ['blockContact', NUMBER, undefined],
  ] as const)('%s refuses %s before sending: %s', (name, number, reason) => {
    expect(OPERATIONS[name].refuse?.({ instance: INSTANCE, number })).toBe(reason);
  });

  it('mute and unmute refuse nothing themselves: the server judges the number (groups and channels can be muted)', () => {
    expect(OPERATIONS.muteChat.refuse).toBeUndefined();
    expect(OPERATIONS.unmuteChat.refuse).toBeUndefined();
  });
});

describe('requests', () => {
  it.each([
    ['blockContact', { number: NUMBER, block: true }, '/api/chat/block/', BLOCKED],
    ['unblockContact', { number: NUMBER, block: false }, '/api/chat/block/', UNBLOCKED],
    ['muteChat', { number: NUMBER, mute: true }, '/api/chat/mute/', MUTED_8H],
    ['unmuteChat', { number: NUMBER, mute: false }, '/api/chat/mute/', UNMUTED],
  ] as const)(
    '%s posts exactly the documented body and returns the typed 200 body',
    async (method, body, path, answer) => {
      const fake = scriptedFetch(() => json(200, answer));
      const { client } = setup(fake.fetch);
      const call = client[method] as (params: { instance: string; number: string }) => Promise<unknown>;
      const result = await call({ instance: 'my instance/1', number: NUMBER });
      expect(result).toEqual(answer);
      const [{ request, body: sent }] = fake.requests as [(typeof fake.requests)[0]];
      expect(request.method).toBe('POST');
      expect(request.url).toBe(`https://ryzeapi.cloud${path}my%20instance%2F1`);
      expect(JSON.parse(sent)).toEqual(body);
      expect(request.headers.get('content-type')).toBe('application/json');
      expect(request.headers.get('token')).toBe(TOKEN);
      expect(request.headers.get('authorization')).toBeNull();
      expect(request.headers.get('user-agent')).toBeNull();
      expect(request.url).not.toContain(TOKEN);
    },
  );

  it('muteChat sends the duration when given, and only then', async () => {
    const fake = scriptedFetch(() => json(200, MUTED_8H));
    const { client } = setup(fake.fetch);
    await client.muteChat({ instance: INSTANCE, number: NUMBER, duration: '8h' });
    await client.muteChat({ instance: INSTANCE, number: NUMBER, duration: '' });
    await client.muteChat({ instance: INSTANCE, number: NUMBER });
    expect(fake.requests.map((r) => JSON.parse(r.body))).toEqual([
      { number: NUMBER, mute: true, duration: '8h' },
      { number: NUMBER, mute: true, duration: '' },
      { number: NUMBER, mute: true },
    ]);
  });

  it('bearer auth, the base URL, a User-Agent, client and per-call headers', async () => {
    const fake = scriptedFetch(() => json(200, BLOCKED));
    const { client } = setup(fake.fetch, {
      auth: 'bearer',
      baseUrl: 'http://127.0.0.1:4010/',
      userAgent: 'my-app/1.2',
      headers: { Prefer: 'code=200', 'X-Trace': 'a' },
    });
    await client.blockContact(
      { instance: INSTANCE, number: NUMBER },
      { headers: { Prefer: 'example=contactBlocked' } },
    );
    const { request } = fake.requests[0]!;
    expect(request.url).toBe('http://127.0.0.1:4010/api/chat/block/my-instance');
    expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request.headers.get('token')).toBeNull();
    expect(request.headers.get('user-agent')).toBe('my-app/1.2');
    expect(request.headers.get('x-trace')).toBe('a');
    expect(request.headers.get('prefer')).toBe('example=contactBlocked');
  });

  it('client.api is the raw openapi-fetch client, authenticated, returning { data, error, response }', async () => {
    const fake = scriptedFetch(
      () => json(200, BLOCKED),
      () => json(404, envelope('Instance not found')),
    );
    const { client } = setup(fake.fetch);
    const ok = await client.api.POST('/api/chat/block/{instance}', {
      params: { path: { instance: INSTANCE } },
      body: { number: NUMBER, block: true },
    });
    expect(ok.data).toEqual(BLOCKED);
    const bad = await client.api.POST('/api/chat/block/{instance}', {
      params: { path: { instance: INSTANCE } },
      body: { number: NUMBER, block: true },
    });
    expect(bad.error).toEqual(envelope('Instance not found'));
    expect(bad.response.status).toBe(404);
    expect(fake.requests.map((r) => r.request.headers.get('token'))).toEqual([TOKEN, TOKEN]);
  });
});

describe('client.api is the caller’s (C-08)', () => {
  it('middleware added to it runs for its own calls, not for the methods, which read their responses themselves', async () => {
    const fake = scriptedFetch(() => json(200, BLOCKED));
    const { client } = setup(fake.fetch);
    const seen: string[] = [];
    client.api.use({
      onResponse({ response }) {
        seen.push(`response ${response.status}`);
      },
    });
    expect(await client.blockContact({ instance: INSTANCE, number: NUMBER })).toEqual(BLOCKED);
    expect(seen).toEqual([]);
    await client.api.POST('/api/chat/block/{instance}', {
      params: { path: { instance: INSTANCE } },
      body: { number: NUMBER, block: true },
    });
    expect(seen).toEqual(['response 200']);
    expect(fake.requests.map((r) => r.request.headers.get('token'))).toEqual([TOKEN, TOKEN]);
  });
});

describe('every failure is a RyzeApiError whose kind narrows by status', () => {
  it.each<[number, RyzeApiErrorKind, string]>([
    [400, 'bad_request', 'Number is required'],
    [401, 'unauthorized', 'Invalid token'],
    [403, 'forbidden', 'This token does not own the instance'],
    [404, 'not_found', 'Instance not found'],
    [429, 'rate_limited', 'Rate limit exceeded. Try again later.'],
    [500, 'server', 'Internal server error'],
    [502, 'unavailable', 'Bad gateway'],
    [503, 'unavailable', 'Instance is not connected to WhatsApp'],
    [504, 'unavailable', 'Gateway timeout'],
    [409, 'unexpected_status', 'Conflict'],
    [422, 'unexpected_status', 'Unprocessable'],
    [501, 'server', 'Not implemented'],
  ])('%i -> %s, with the upstream message, the response and its rate limit', async (status, kind, message) => {
    const fake = scriptedFetch(() => json(status, envelope(message)));
    const { client } = setup(fake.fetch, { retry: false });
    const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).toBe(message);
    expect(error.name).toBe('RyzeApiError');
    expect(String(error)).toBe(`RyzeApiError: ${message}`);
    expect(error.response?.status).toBe(status);
    expect(error.rateLimit).toEqual({ limit: 100, remaining: 42, reset: 1795651260 });
    expect(error.body).toEqual(envelope(message));
    expect(error.attempts).toBe(1);
    expect(error.operation).toBe('blockContact');
    expect(fake.count).toBe(1);
  });

  it('an HTML 502 from a proxy is `unavailable`, with the text kept, never a SyntaxError', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const fake = scriptedFetch(
      () => new Response(html, { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }),
    );
    const { client } = setup(fake.fetch, { retry: false });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBe(502);
    expect(error.message).toBe('muteChat: HTTP 502 with an unexpected body');
    expect(error.body).toBe(html);
    expect(error.rateLimit).toBeUndefined();
  });

  it.each([
    ['an empty body', () => new Response(null, { status: 500 })],
    ['Content-Length: 0', () => new Response('', { status: 500, headers: { 'Content-Length': '0' } })],
    ['JSON of another shape', () => json(500, { error: 'boom', code: 7 })],
    ['a JSON string', () => json(500, 'boom')],
    ['an envelope with an empty message', () => json(500, envelope(''))],
  ])('a 500 with %s is `server` with a description', async (_, step) => {
    const { client } = setup(scriptedFetch(step).fetch, { retry: false });
    const error = await failure(client.unmuteChat({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(error.message).toBe('unmuteChat: HTTP 500 with an unexpected body');
  });

  it("an error body with a message but not the envelope (the mock's malformed-JSON answer) keeps that message", async () => {
    const { client } = setup(
      scriptedFetch(() => json(400, { error: { code: 'invalid_json', message: 'Invalid JSON' } })).fetch,
    );
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('bad_request');
    expect(error.message).toBe('Invalid JSON');
  });

  it.each([
    [
      'HTML',
      () => new Response('<html>captive portal</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    ],
    ['JSON of another shape', () => json(200, { ok: true })],
    ['a failure envelope', () => json(200, envelope('odd'))],
    ['the other operation’s body', () => json(200, MUTED_8H)],
    ['null', () => json(200, null)],
    ['no body (204)', () => new Response(null, { status: 204 })],
  ])('a 2xx with %s is `invalid_response` and is not retried', async (_, step) => {
    const fake = scriptedFetch(step);
    const { client } = setup(fake.fetch);
    const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toMatch(/^blockContact: HTTP 20[04] with an unexpected body$/);
    expect(fake.count).toBe(1);
  });

  it('a network failure is `network`, with the cause, no status and no response', async () => {
    const { client } = setup(scriptedFetch(networkDown).fetch, { retry: false });
    const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(error.response).toBeUndefined();
    expect(error.message).toBe('blockContact: no response from https://ryzeapi.cloud');
    // A copy of fetch's error chain (C-02): name, message and code kept.
    expect(error.cause).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { message: 'connect ECONNREFUSED 127.0.0.1:9' },
    });
  });

  it('no answer within timeoutMs is `timeout` (the request is aborted)', async () => {
    const fake = scriptedFetch(hang);
    const { client } = setup(fake.fetch, { timeoutMs: 5, retry: false });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('muteChat: no response within 5 ms');
    expect(fake.requests[0]!.request.signal.aborted).toBe(true);
  });

  it('without timeoutMs an attempt gets 30000 ms: still waiting at 29999, `timeout` at 30000 (the README default)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const fake = scriptedFetch(hang);
      const { client } = setup(fake.fetch, { retry: false });
      let settled: RyzeApiError | undefined;
      const call = failure(client.muteChat({ instance: INSTANCE, number: NUMBER })).then((error) => {
        settled = error;
        return error;
      });
      await vi.advanceTimersByTimeAsync(29_999);
      expect(settled).toBeUndefined();
      expect(fake.requests[0]!.request.signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await call;
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('muteChat: no response within 30000 ms');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a body that stalls past timeoutMs is `timeout` too', async () => {
    const { client } = setup(scriptedFetch(stalledBody).fetch, { timeoutMs: 5, retry: false });
    expect((await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }))).kind).toBe('timeout');
  });

  it('a group or a channel given to blockContact or unblockContact is refused before any request', async () => {
    const fake = scriptedFetch(() => json(200, MUTED_8H));
    const { client } = setup(fake.fetch);
    for (const number of ['120363025246125486@g.us', '120363144038483540@newsletter', '1203630-1612@G.US']) {
      const error = await failure(client.unblockContact({ instance: INSTANCE, number }));
      expect(error.kind).toBe('invalid_input');
      expect(error.message).toBe('unblockContact: number: only a person can be blocked, not a group or channel');
      expect(error.attempts).toBe(0);
      expect(error.status).toBeUndefined();
    }
    expect(fake.count).toBe(0);
    await client.muteChat({ instance: INSTANCE, number: '120363025246125486@g.us' });
    expect(fake.count).toBe(1);
  });
});

describe('success bodies are checked exactly, and must report the state the method sets (C-03)', () => {
  it.each([
    ['blockContact', UNBLOCKED],
    ['unblockContact', BLOCKED],
    ['muteChat', UNMUTED],
    ['unmuteChat', MUTED_8H],
    ['muteChat', { ...MUTED_8H, duration: 3600 }],
    ['muteChat', { ...MUTED_8H, message: 'Chat muted for 1 week' }],
    ['muteChat', { ...MUTED_8H, chat_jid: 'not-a-jid' }],
    ['blockContact', { ...BLOCKED, blocked_count: -1 }],
    ['blockContact', { ...BLOCKED, contact_jid: '120363025246125486@g.us' }],
  ] as const)('%s answered %j is invalid_response, not retried', async (method, answer) => {
    const fake = scriptedFetch(() => json(200, answer));
    const { client } = setup(fake.fetch);
    const call = client[method] as (params: { instance: string; number: string }) => Promise<unknown>;
    const error = await failure(call({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('invalid_response');
    expect(error.body).toEqual(answer);
    expect(fake.count).toBe(1);
  });

  it('each muted variant answers muteChat, and a field the spec does not list is tolerated', async () => {
    const variants = [
      MUTED_8H,
      { ...MUTED_8H, message: 'Chat muted for 1 week', duration: 604800 },
      { ...MUTED_8H, message: 'Chat muted permanently', duration: 0 },
    ];
    for (const answer of [...variants, { ...MUTED_8H, request_id: 'r-1' }]) {
      const { client } = setup(scriptedFetch(() => json(200, answer)).fetch);
      expect(await client.muteChat({ instance: INSTANCE, number: NUMBER })).toEqual(answer);
    }
  });
});

describe('redirects are never followed and never a success (C-01)', () => {
  it.each([301, 302, 303, 307, 308, 300, 304])(
    '%i is kind redirect, with the response, and is not retried',
    async (status) => {
      const fake = scriptedFetch(
        () => new Response(null, { status, headers: { Location: 'https://elsewhere.example/' } }),
      );
      const { client } = setup(fake.fetch);
      const error = await failure(client.unblockContact({ instance: INSTANCE, number: NUMBER }));
      expect(error.kind).toBe('redirect');
      expect(error.status).toBe(status);
      expect(error.message).toBe(`unblockContact: HTTP ${status} redirect, not followed`);
      expect(error.response?.headers.get('location')).toBe('https://elsewhere.example/');
      expect(fake.count).toBe(1);
    },
  );

  it('every request is sent with redirect: manual, so fetch itself follows nothing', async () => {
    const fake = scriptedFetch(() => json(200, BLOCKED));
    const { client } = setup(fake.fetch);
    await client.blockContact({ instance: INSTANCE, number: NUMBER });
    await client.api.POST('/api/chat/block/{instance}', {
      params: { path: { instance: INSTANCE } },
      body: { number: NUMBER, block: true },
    });
    expect(fake.requests.map((r) => r.request.redirect)).toEqual(['manual', 'manual']);
  });
});

describe('the response size cap (C-04)', () => {
  it('a body past maxResponseBytes is response_too_large, with the status and no body, and is not retried', async () => {
    const fake = scriptedFetch(() => json(503, { padding: 'x'.repeat(2000) }));
    const { client } = setup(fake.fetch, { maxResponseBytes: 1000 });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('response_too_large');
    expect(error.status).toBe(503);
    expect(error.body).toBeUndefined();
    expect(error.message).toBe('muteChat: response body over 1000 bytes');
    expect(fake.count).toBe(1);
  });

  it('the default is 1 MiB', async () => {
    const big = { ...BLOCKED, padding: 'x'.repeat(1024 * 1024 - JSON.stringify(BLOCKED).length - 13) };
    expect(JSON.stringify(big).length).toBe(1024 * 1024);
    const { client } = setup(scriptedFetch(() => json(200, big)).fetch);
    expect(await client.blockContact({ instance: INSTANCE, number: NUMBER })).toEqual(big);
    const over = { ...big, padding: `${big.padding}x` };
    const { client: capped } = setup(scriptedFetch(() => json(200, over)).fetch);
    expect((await failure(capped.blockContact({ instance: INSTANCE, number: NUMBER }))).kind).toBe(
      'response_too_large',
    );
  });
});

describe('functions given in the options that throw end the call with kind callback_failed (C-05)', () => {
  const throwing = () => {
    throw new Error('bug');
  };
  it.each([
    ['onRetry', { onRetry: throwing }],
    ['sleep', { sleep: async () => Promise.reject(new Error('bug')) }],
    ['random', { random: throwing }],
  ] as const)('%s', async (_, retry) => {
    const fake = scriptedFetch(() => json(503, envelope('Instance is not connected to WhatsApp')));
    const client = createRyzeClient({ token: TOKEN, fetch: fake.fetch, retry });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('callback_failed');
    expect(error.message).toBe('muteChat: a retry option threw');
    expect((error.cause as Error).message).toBe('bug');
    expect(error.attempts).toBe(1);
    expect(fake.count).toBe(1);
  });
});

describe('aborting', () => {
  it('an aborted signal before the call sends nothing', async () => {
    const fake = scriptedFetch(() => json(200, BLOCKED));
    const { client } = setup(fake.fetch);
    const reason = new Error('user left');
    const error = await failure(
      client.blockContact({ instance: INSTANCE, number: NUMBER }, { signal: AbortSignal.abort(reason) }),
    );
    expect(error.kind).toBe('aborted');
    expect(error.cause).toBe(reason);
    expect(error.attempts).toBe(0);
    expect(fake.count).toBe(0);
  });

  it.each([30_000, false] as const)(
    'aborting during the request stops it and is not retried (timeoutMs %s)',
    async (timeoutMs) => {
      const controller = new AbortController();
      const fake = scriptedFetch((request) => {
        queueMicrotask(() => controller.abort('stop'));
        return hang(request);
      });
      const { client } = setup(fake.fetch, { timeoutMs });
      const error = await failure(
        client.blockContact({ instance: INSTANCE, number: NUMBER }, { signal: controller.signal }),
      );
      expect(error.kind).toBe('aborted');
      expect(error.cause).toBe('stop');
      expect(fake.count).toBe(1);
      expect(fake.requests[0]!.request.signal.aborted).toBe(true);
    },
  );

  it('aborting during the wait between retries stops there (injected sleep)', async () => {
    const controller = new AbortController();
    const fake = scriptedFetch(() => json(503, envelope('Instance is not connected to WhatsApp')));
    const client = createRyzeClient({
      token: TOKEN,
      fetch: fake.fetch,
      retry: { attempts: 5, sleep: async () => controller.abort('bored') },
    });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(error.attempts).toBe(1);
    expect(fake.count).toBe(1);
  });

  it('the default wait ends as soon as the signal aborts (a one-hour backoff does not hold the call)', async () => {
    const controller = new AbortController();
    const fake = scriptedFetch(() => json(503, envelope('Instance is not connected to WhatsApp')));
    const client = createRyzeClient({
      token: TOKEN,
      fetch: fake.fetch,
      retry: { baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, onRetry: () => setTimeout(() => controller.abort(), 1) },
    });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(fake.count).toBe(1);
  });
});

describe('retries', () => {
  it.each([429, 502, 503, 504])('%i is retried, then the success is returned', async (status) => {
    const fake = scriptedFetch(
      () => json(status, envelope('try again'), { 'X-RateLimit-Reset': '0' }),
      () => json(200, BLOCKED),
    );
    const { client, waits } = setup(fake.fetch);
    expect(await client.blockContact({ instance: INSTANCE, number: NUMBER })).toEqual(BLOCKED);
    expect(fake.count).toBe(2);
    expect(waits).toEqual([225]); // 300 ms * 2^0 * (0.5 + 0.5 / 2)
  });

  it('network failures and timeouts are retried', async () => {
    const fake = scriptedFetch(networkDown, hang, () => json(200, UNMUTED));
    // Long enough for the last, instant answer even on a loaded machine; the hang costs this once.
    const { client, waits } = setup(fake.fetch, { timeoutMs: 250 });
    expect(await client.unmuteChat({ instance: INSTANCE, number: NUMBER })).toEqual(UNMUTED);
    expect(fake.count).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 500, 501, 409])('%i is never retried', async (status) => {
    const fake = scriptedFetch(() => json(status, envelope('no')));
    const { client, waits } = setup(fake.fetch, { retry: { attempts: 10 } });
    await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(fake.count).toBe(1);
    expect(waits).toEqual([]);
  });

  it('attempts are bounded; backoff doubles, is capped and jittered; the last error says how many attempts', async () => {
    const fake = scriptedFetch(() => json(503, envelope('Instance is not connected to WhatsApp')));
    const infos: unknown[] = [];
    const { client, waits } = setup(fake.fetch, {
      retry: {
        attempts: 5,
        baseDelayMs: 100,
        maxDelayMs: 500,
        random: () => 0,
        onRetry: ({ attempt, delayMs, error }) => infos.push([attempt, delayMs, error.kind]),
      },
    });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('unavailable');
    expect(error.attempts).toBe(5);
    expect(fake.count).toBe(5);
    // base * 2^(n-1), capped at 500, times 0.5 (random 0): 50, 100, 200, 250
    expect(waits).toEqual([50, 100, 200, 250]);
    expect(infos).toEqual([
      [1, 50, 'unavailable'],
      [2, 100, 'unavailable'],
      [3, 200, 'unavailable'],
      [4, 250, 'unavailable'],
    ]);
  });

  it('jitter spreads each wait between half and all of the backoff', async () => {
    for (const [random, expected] of [
      [0, 150],
      [0.999, 300],
    ] as const) {
      const { client, waits } = setup(scriptedFetch(networkDown).fetch, {
        retry: { attempts: 2, random: () => random },
      });
      await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
      expect(waits).toEqual([expected]);
    }
  });

  it("a 429 waits until X-RateLimit-Reset, counted on the server's clock (Date header)", async () => {
    const date = new Date('2026-11-24T10:00:00Z');
    const reset = date.getTime() / 1000 + 12;
    const fake = scriptedFetch(
      () =>
        json(429, envelope('Rate limit exceeded. Try again later.'), {
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(reset),
          Date: date.toUTCString(),
        }),
      () => json(200, BLOCKED),
    );
    // The local clock is an hour off: the Date header wins.
    const { client, waits } = setup(fake.fetch, { retry: { now: () => date.getTime() + 3_600_000 } });
    await client.blockContact({ instance: INSTANCE, number: NUMBER });
    expect(waits).toEqual([12_000 + 150]); // the reset, plus jitter (0.5 * 300)
  });

  it('a 429 without a Date header counts from the local clock', async () => {
    const now = 1_795_651_200_000;
    const fake = scriptedFetch(
      () =>
        json(429, envelope('Rate limit exceeded. Try again later.'), { 'X-RateLimit-Reset': String(now / 1000 + 30) }),
      () => json(200, BLOCKED),
    );
    const { client, waits } = setup(fake.fetch, { retry: { now: () => now } });
    await client.blockContact({ instance: INSTANCE, number: NUMBER });
    expect(waits).toEqual([30_150]);
  });

  it('a 429 whose reset is further than maxRateLimitWaitMs is thrown at once', async () => {
    const now = 1_795_651_200_000;
    const fake = scriptedFetch(() =>
      json(429, envelope('Rate limit exceeded. Try again later.'), { 'X-RateLimit-Reset': String(now / 1000 + 61) }),
    );
    const { client, waits } = setup(fake.fetch, { retry: { now: () => now } });
    const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(error.kind).toBe('rate_limited');
    expect(error.rateLimit?.reset).toBe(now / 1000 + 61);
    expect(fake.count).toBe(1);
    expect(waits).toEqual([]);
  });

  it('a 429 whose reset has passed, or without rate-limit headers, backs off instead', async () => {
    const fake = scriptedFetch(
      () => json(429, envelope('Rate limit exceeded. Try again later.'), { 'X-RateLimit-Reset': '1' }),
      () => json(429, envelope('Rate limit exceeded. Try again later.'), { 'X-RateLimit-Reset': null }),
      () => json(200, BLOCKED),
    );
    const { client, waits } = setup(fake.fetch);
    await client.blockContact({ instance: INSTANCE, number: NUMBER });
    expect(waits).toEqual([225, 450]);
  });

  it('retry: false makes one attempt', async () => {
    const fake = scriptedFetch(() => json(503, envelope('Instance is not connected to WhatsApp')));
    const { client } = setup(fake.fetch, { retry: false });
    expect((await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }))).attempts).toBe(1);
    expect(fake.count).toBe(1);
  });
});

describe('rate limits', () => {
  it('are visible after a success, after an error, and through onRateLimit', async () => {
    const seen: unknown[] = [];
    const fake = scriptedFetch(
      () => json(200, BLOCKED),
      () => json(404, envelope('Instance not found'), { 'X-RateLimit-Remaining': '41' }),
      () => new Response('<html>', { status: 502 }),
    );
    const { client } = setup(fake.fetch, {
      retry: false,
      onRateLimit: (rateLimit, response) => seen.push([rateLimit.remaining, response.status]),
    });
    expect(client.rateLimit).toBeUndefined();
    await client.blockContact({ instance: INSTANCE, number: NUMBER });
    expect(client.rateLimit).toEqual({ limit: 100, remaining: 42, reset: 1795651260 });
    await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(client.rateLimit?.remaining).toBe(41);
    // A response without the headers leaves the last known state.
    await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(client.rateLimit?.remaining).toBe(41);
    expect(seen).toEqual([
      [42, 200],
      [41, 404],
    ]);
  });

  it('are tracked without an onRateLimit callback too', async () => {
    const { client } = setup(scriptedFetch(() => json(200, UNMUTED, { 'X-RateLimit-Remaining': '7' })).fetch);
    await client.unmuteChat({ instance: INSTANCE, number: NUMBER });
    expect(client.rateLimit).toEqual({ limit: 100, remaining: 7, reset: 1795651260 });
  });

  it('an exception thrown by onRateLimit fails the call with kind callback_failed, and is not retried (C-05)', async () => {
    for (const step of [() => json(503, envelope('down')), () => json(200, BLOCKED)]) {
      const fake = scriptedFetch(step);
      const bug = new Error('bug in my callback');
      const { client } = setup(fake.fetch, {
        onRateLimit: () => {
          throw bug;
        },
      });
      const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
      expect(error.kind).toBe('callback_failed');
      expect(error.message).toBe('blockContact: onRateLimit threw');
      expect(error.cause).toBe(bug);
      expect(error.status).toBeUndefined();
      expect(error.attempts).toBe(1);
      expect(fake.count).toBe(1);
    }
  });

  it('parseRateLimit reads the three headers, all or nothing', () => {
    const headers = (values: Record<string, string>) => new Headers(values);
    expect(parseRateLimit(headers(RATE_LIMIT_HEADERS))).toEqual({ limit: 100, remaining: 42, reset: 1795651260 });
    expect(parseRateLimit(headers({ ...RATE_LIMIT_HEADERS, 'X-RateLimit-Remaining': '0' }))?.remaining).toBe(0);
    for (const bad of ['', '-1', '1.5', '1e3', 'abc', ' ', '0x10', '1234567890123456']) {
      expect(parseRateLimit(headers({ ...RATE_LIMIT_HEADERS, 'X-RateLimit-Reset': bad })), bad).toBeUndefined();
    }
    expect(parseRateLimit(headers({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '1' }))).toBeUndefined();
    expect(parseRateLimit(new Headers())).toBeUndefined();
  });
});

describe('the token never shows', () => {
  const leaks = (value: unknown) =>
    [
      inspect(value, { depth: Infinity, showHidden: true }),
      JSON.stringify(value) ?? '',
      String(value),
      (value as Error | undefined)?.stack ?? '',
    ].filter((text) => text.includes(TOKEN));

  it('in the client (inspect, JSON, String)', async () => {
    for (const auth of ['token', 'bearer'] as const) {
      const { client } = setup(scriptedFetch(() => json(200, BLOCKED)).fetch, { auth });
      await client.blockContact({ instance: INSTANCE, number: NUMBER });
      expect(leaks(client)).toEqual([]);
    }
  });

  it.each([
    ['a 401 that echoes the token', () => json(401, envelope(`Invalid token ${TOKEN}`)), 'unauthorized'],
    [
      'a 500 whose body echoes it',
      () => json(500, { success: false, error: { message: 'boom', debug: { headers: { token: TOKEN } } } }),
      'server',
    ],
    ['an HTML page that echoes it', () => new Response(`<p>token=${TOKEN}</p>`, { status: 502 }), 'unavailable'],
    ['a network failure', networkDown, 'network'],
    ['a timeout', hang, 'timeout'],
  ] as const)('in any error: %s', async (_, step, kind) => {
    for (const auth of ['token', 'bearer'] as const) {
      const { client } = setup(scriptedFetch(step).fetch, {
        auth,
        retry: false,
        timeoutMs: step === hang ? 5 : 30_000,
      });
      const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
      expect(error.kind).toBe(kind);
      expect(leaks(error)).toEqual([]);
      expect(leaks(error.body)).toEqual([]);
    }
  });

  it('a short development token is not a credential: the server’s words are kept exactly (C-02)', async () => {
    for (const [token, message] of [
      ['t', 'Instance not found'],
      ['token', 'Invalid token'],
    ] as const) {
      const client = createRyzeClient({
        token,
        fetch: scriptedFetch(() => json(401, envelope(message))).fetch,
        retry: false,
      });
      const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
      expect(error.message).toBe(message);
      expect(error.body).toEqual(envelope(message));
    }
  });

  it('an echoed token is replaced by [redacted], the rest is kept', async () => {
    const { client } = setup(scriptedFetch(() => json(401, envelope(`Invalid token ${TOKEN}`))).fetch, {
      retry: false,
    });
    const error = await failure(client.blockContact({ instance: INSTANCE, number: NUMBER }));
    expect(error.message).toBe('Invalid token [redacted]');
    expect(error.body).toEqual(envelope('Invalid token [redacted]'));
  });

  it('in the TypeError for a bad option', () => {
    for (const options of [
      { auth: 'basic' },
      { baseUrl: `https://ryzeapi.cloud/?token=${TOKEN}` },
      { timeoutMs: -1 },
    ]) {
      let thrown: unknown;
      try {
        createRyzeClient({ token: TOKEN, ...(options as object) });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect(leaks(thrown)).toEqual([]);
    }
  });
});

describe('bad options get a TypeError that says what is expected', () => {
  it.each([
    ['no token', { token: '' }, /token is required/],
    ['a token with a line break', { token: `${TOKEN}\n` }, /cannot be sent in an HTTP header/],
    ['an unknown auth', { auth: 'basic' }, /Unknown auth "basic"/],
    [
      'credentials in the base URL',
      { baseUrl: 'https://user:pass@ryzeapi.cloud' },
      /baseUrl must be an http\(s\) URL without credentials, query or fragment/,
    ],
    ['a query in the base URL', { baseUrl: 'https://ryzeapi.cloud?x=1' }, /baseUrl/],
    ['a fragment in the base URL', { baseUrl: 'https://ryzeapi.cloud#x' }, /baseUrl/],
    ['a relative base URL', { baseUrl: '/api' }, /baseUrl/],
    ['an ftp base URL', { baseUrl: 'ftp://ryzeapi.cloud' }, /baseUrl/],
    [
      'a negative timeout',
      { timeoutMs: -1 },
      /timeoutMs, maxResponseBytes and the retry numbers must be whole numbers/,
    ],
    ['a fractional timeout', { timeoutMs: 1.5 }, /whole numbers/],
    ['a timeout setTimeout cannot count', { timeoutMs: 2 ** 31 }, /2\^31-1/],
    ['zero attempts', { retry: { attempts: 0 } }, /attempts and maxResponseBytes from 1/],
    ['NaN attempts', { retry: { attempts: Number.NaN } }, /attempts and maxResponseBytes from 1/],
    ['an infinite delay', { retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, /whole numbers/],
    ['a negative rate-limit wait', { retry: { maxRateLimitWaitMs: -5 } }, /whole numbers/],
    ['a size cap of 0', { maxResponseBytes: 0 }, /maxResponseBytes from 1/],
    ['a fractional size cap', { maxResponseBytes: 1.5 }, /whole numbers/],
    ['a user agent with a line break', { userAgent: 'my-app/1.0\nX-Evil: 1' }, /invalid header value/],
    [
      'a header value with non-Latin-1 text',
      { headers: { Prefer: 'example=\u2028' } },
      /invalid header value|ByteString/,
    ],
  ])('%s', (_, options, message) => {
    expect(() => createRyzeClient({ token: TOKEN, ...(options as object) })).toThrow(message);
    expect(() => createRyzeClient({ token: TOKEN, ...(options as object) })).toThrow(TypeError);
  });

  it('a per-call header the runtime would refuse is invalid_input before any request, never a retried network error', async () => {
    let calls = 0;
    const client = createRyzeClient({
      token: TOKEN,
      fetch: async () => {
        calls += 1;
        return new Response('{}');
      },
    });
    const error = await client
      .muteChat({ instance: 'i', number: '5511999999999' }, { headers: { Prefer: 'x\ny' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RyzeApiError);
    expect((error as RyzeApiError).kind).toBe('invalid_input');
    expect((error as RyzeApiError).attempts).toBe(0);
    expect(String(error)).not.toContain(TOKEN);
    expect(calls).toBe(0);
  });

  it('parameters that are not an object (a JavaScript caller) are invalid_input before any request', async () => {
    const fake = scriptedFetch(() => json(200, MUTED_8H));
    const { client } = setup(fake.fetch);
    for (const params of [undefined, null, '5511999999999']) {
      const error = await failure(client.muteChat(params as never));
      expect(error.kind).toBe('invalid_input');
      expect(error.message).toBe('muteChat: params must be an object');
    }
    expect(fake.count).toBe(0);
  });

  it('accepts false or 0 for no time limit, and the documented defaults', () => {
    for (const options of [
      { timeoutMs: false },
      { timeoutMs: 0 },
      { retry: false },
      {},
      { baseUrl: 'http://127.0.0.1:4010' },
    ] as const) {
      expect(() => createRyzeClient({ token: TOKEN, ...options })).not.toThrow();
    }
  });
});
