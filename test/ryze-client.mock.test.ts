// createRyzeClient against the mock (the sandbox on the bundle): every method with every documented success
// example that fits it and every documented error example, selected with `Prefer`; without Prefer, the mock picks
// the example that fits the body (x-match-request), so each method gets its own documented answer. A success
// example that reports the other state (contactUnblocked for blockContact...) is refused (DECISIONS.md C-03).
// The mock accepts any token by default, counts requests per token (each client here has its own), and its clock is
// frozen (helpers/mock.ts), so every rate-limit state is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RyzeApiErrorKind,
  type RyzeClientOptions,
  RyzeApiError,
  createRyzeClient,
  readMuteResponse,
} from '../src/index.js';
import { instantSleep } from './helpers/fake-fetch.js';
import { TEST_RESET, startTestMock, type RunningMock } from './helpers/mock.js';
import { responseExamples, schemaErrors } from './helpers/spec.js';

const TOKEN = 'mock-client-token-0123';
const INSTANCE = 'my-instance';
const NUMBER = '5511999999999';
const MOCK_RATE_LIMIT = { limit: 100, remaining: 99, reset: TEST_RESET }; // a client's first request to the test mock
let mock: RunningMock;

beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(async () => {
  await mock?.close();
});

/** A client on the mock, with its own token (its own rate-limit window), that counts the requests it sends. */
let clients = 0;
function onMock(options: Partial<RyzeClientOptions> = {}) {
  let requests = 0;
  const client = createRyzeClient({
    token: `${TOKEN}-${++clients}`,
    baseUrl: mock.url,
    fetch: (request) => {
      requests += 1;
      return fetch(request);
    },
    ...options,
  });
  return { client, requests: () => requests };
}

type Method = 'blockContact' | 'unblockContact' | 'muteChat' | 'unmuteChat';
const OPERATION_OF: Record<Method, string> = {
  blockContact: 'blockContact',
  unblockContact: 'blockContact',
  muteChat: 'muteChat',
  unmuteChat: 'muteChat',
};
const METHODS = Object.keys(OPERATION_OF) as Method[];
const KIND_OF: Record<number, RyzeApiErrorKind> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
  500: 'server',
  503: 'unavailable',
};

function call(client: ReturnType<typeof createRyzeClient>, method: Method, prefer?: string) {
  const options = prefer ? { headers: { Prefer: prefer } } : {};
  const run = client[method] as (params: { instance: string; number: string }, o: typeof options) => Promise<unknown>;
  return run({ instance: INSTANCE, number: NUMBER }, options);
}

async function failure(promise: Promise<unknown>): Promise<RyzeApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RyzeApiError);
  return error as RyzeApiError;
}

/** The state a success example reports, and the state each method sets. */
const stateOf = (value: unknown) => {
  const body = value as { blocked?: boolean; muted?: boolean };
  return body.blocked ?? body.muted;
};
const SETS: Record<Method, boolean> = { blockContact: true, unblockContact: false, muteChat: true, unmuteChat: false };
/** A success body less what the mock may fill from the request (the JID, the count). */
const stable = (value: unknown) => {
  const { contact_jid, chat_jid, blocked_count, ...rest } = value as Record<string, unknown>;
  return rest;
};

describe('every method, every documented 200 example', () => {
  const cases = METHODS.flatMap((method) =>
    responseExamples
      .filter((e) => e.operationId === OPERATION_OF[method] && e.status === 200)
      .map((e) => [`${method} ${e.name}`, method, e] as const),
  );

  it('each method has at least one documented success example that fits it', () => {
    for (const method of METHODS)
      expect(
        cases.some(([, m, e]) => m === method && stateOf(e.value) === SETS[method]),
        method,
      ).toBe(true);
  });

  it.each(cases)('%s', async (_, method, example) => {
    const { client, requests } = onMock();
    if (stateOf(example.value) !== SETS[method]) {
      // The other state's answer is a documented body, but not an answer to this method: never a success.
      const error = await failure(call(client, method, `example=${example.name}`));
      expect(error.kind).toBe('invalid_response');
      expect(error.status).toBe(200);
      expect(requests()).toBe(1);
      return;
    }
    const body = await call(client, method, `example=${example.name}`);
    expect(stable(body)).toEqual(stable(example.value));
    expect(schemaErrors(example.schemaRef, body)).toBe('');
    // The mock's rate-limit headers, whatever values it counts (the limit is documented: 100 a minute).
    expect(client.rateLimit).toMatchObject({ limit: 100, remaining: expect.any(Number), reset: expect.any(Number) });
  });

  it.each(METHODS)('%s without Prefer gets the example that fits what it sent', async (method) => {
    const { client } = onMock({ auth: 'bearer' });
    const body = (await call(client, method)) as { blocked?: boolean; muted?: boolean };
    const ref = method.includes('lock')
      ? '#/components/schemas/BlockContactResponse'
      : '#/components/schemas/MuteChatResponse';
    expect(schemaErrors(ref, body)).toBe('');
    // block/mute set the state, unblock/unmute clear it: the answer must say so.
    const state = method.includes('lock') ? body.blocked : body.muted;
    expect(state).toBe(!method.startsWith('un'));
  });

  it('muteChat with each duration, read with readMuteResponse', async () => {
    const { client } = onMock();
    const at = new Date('2026-11-24T10:00:00Z');
    const eightHours = await client.muteChat(
      { instance: INSTANCE, number: NUMBER, duration: '8 hours' },
      { headers: { Prefer: 'example=chatMuted8Hours' } },
    );
    expect(readMuteResponse(eightHours, at)).toEqual({
      muted: true,
      permanent: false,
      seconds: 28800,
      until: new Date('2026-11-24T18:00:00Z'),
    });
    const forever = await client.muteChat(
      { instance: INSTANCE, number: '120363025246125486@g.us', duration: 'forever' },
      { headers: { Prefer: 'example=chatMutedPermanently' } },
    );
    expect(readMuteResponse(forever, at)).toMatchObject({ muted: true, permanent: true, seconds: null });
    const off = await client.unmuteChat(
      { instance: INSTANCE, number: '120363144038483540@newsletter' },
      { headers: { Prefer: 'example=chatUnmuted' } },
    );
    expect(readMuteResponse(off, at)).toMatchObject({ muted: false, permanent: false, seconds: 0 });
  });
});

describe('every method, every documented error example: a RyzeApiError of the right kind', () => {
  const cases = METHODS.flatMap((method) =>
    responseExamples
      .filter((e) => e.operationId === OPERATION_OF[method] && e.status >= 400)
      .map((e) => [`${method} ${e.status} ${e.name}`, method, e] as const),
  );

  it.each(cases)('%s', async (_, method, example) => {
    const { client, requests } = onMock({ retry: false });
    const error = await failure(call(client, method, `code=${example.status}, example=${example.name}`));
    expect(error.kind).toBe(KIND_OF[example.status]);
    expect(error.status).toBe(example.status);
    expect(error.message).toBe((example.value as { error: { message: string } }).error.message);
    expect(error.body).toEqual(example.value);
    // A 429 says the window is spent (D-25).
    expect(error.rateLimit).toEqual(example.status === 429 ? { ...MOCK_RATE_LIMIT, remaining: 0 } : MOCK_RATE_LIMIT);
    expect(error.response?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(error.operation).toBe(method);
    expect(requests()).toBe(1);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('covers every documented error status of both operations', () => {
    const statuses = [...new Set(cases.map(([, , e]) => e.status))].sort();
    expect(statuses).toEqual([400, 401, 403, 404, 429, 500, 503]);
  });
});

describe('retries against the mock', () => {
  it('a 503 is retried up to the attempt limit', async () => {
    const { sleep, waits } = instantSleep();
    const { client, requests } = onMock({ retry: { attempts: 3, sleep } });
    const error = await failure(
      client.muteChat({ instance: INSTANCE, number: NUMBER }, { headers: { Prefer: 'code=503' } }),
    );
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('Instance is not connected to WhatsApp');
    expect(error.attempts).toBe(3);
    expect(requests()).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('a 429 waits until the reset the mock announces', async () => {
    const { sleep, waits } = instantSleep();
    // Pretend the mock's clock reads 20 s before its reset (its Date header is real time, so drop it).
    let requests = 0;
    let reset = 0;
    const { client } = onMock({
      fetch: async (request) => {
        requests += 1;
        const response = await fetch(request);
        const headers = new Headers(response.headers);
        headers.delete('date');
        reset = Number(headers.get('x-ratelimit-reset'));
        return new Response(await response.text(), { status: response.status, headers });
      },
      retry: { attempts: 2, sleep, random: () => 0, now: () => (reset - 20) * 1000 },
    });
    const error = await failure(
      client.blockContact({ instance: INSTANCE, number: NUMBER }, { headers: { Prefer: 'code=429' } }),
    );
    expect(error.kind).toBe('rate_limited');
    expect(waits).toEqual([20_000]);
    expect(requests).toBe(2);
  });

  it('a 404 is not retried', async () => {
    const { sleep, waits } = instantSleep();
    const { client, requests } = onMock({ retry: { attempts: 5, sleep } });
    expect((await failure(call(client, 'unblockContact', 'code=404'))).kind).toBe('not_found');
    expect(requests()).toBe(1);
    expect(waits).toEqual([]);
  });
});

describe('input the client passes as is is judged by the mock', () => {
  it('an unnormalised number (a cast) gets the documented 400', async () => {
    const { client } = onMock({ retry: false });
    const error = await failure(client.blockContact({ instance: INSTANCE, number: '+55 (11) 99999-9999' }));
    expect(error.kind).toBe('bad_request');
    expect(error.message).toBe('Invalid request body'); // the first 400 example (M-02)
    expect(error.response?.headers.get('sl-violations')).toContain('number');
  });

  it('a duration outside the set (a cast) gets the documented 400', async () => {
    const { client } = onMock({ retry: false });
    const error = await failure(client.muteChat({ instance: INSTANCE, number: NUMBER, duration: '5y' as never }));
    expect(error.kind).toBe('bad_request');
    expect(error.response?.headers.get('sl-violations')).toContain('duration');
  });

  it('a group given to blockContact never reaches the mock', async () => {
    const { client, requests } = onMock();
    expect((await failure(client.blockContact({ instance: INSTANCE, number: '120363025246125486@g.us' }))).kind).toBe(
      'invalid_input',
    );
    expect(requests()).toBe(0);
  });
});
