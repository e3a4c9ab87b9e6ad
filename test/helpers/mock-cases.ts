// One table of sandbox behaviours, run against every transport: the HTTP mock (test/mock-server.test.ts, controlled
// over HTTP under /__sandbox), the MSW handlers (test/msw.test.ts, controlled through MSW too) and the in-process
// sandbox (test/sandbox.test.ts, controlled from code). Stateless cases (request-aware answers, Prefer, documented
// errors) and stateful scenarios (echo, counts, instances, rate limits, seeded auth, mute expiry, faults). Each case
// starts from a reset to its own seed with a frozen clock, so every value is exact. Expectations come from the
// upstream docs and the spec.
import { describe, expect, it } from 'vitest';
import type { SandboxControls, SandboxSeed, SandboxState } from '../../src/mock/sandbox.js';
import { responseExamples, schemaErrors } from './spec.js';

export const BLOCK = '/api/chat/block/my-instance';
export const MUTE = '/api/chat/mute/my-instance';
export const TOKEN = 'mock-test-token';
/** Every case's clock: frozen at 2030-01-01T00:00:00Z, so a token's first window resets at T0 + 60 s. */
export const T0 = Date.parse('2030-01-01T00:00:00Z');
const RESET = T0 / 1000 + 60;
const HOUR = 3_600_000;

const example = (operationId: string, name: string) => {
  const found = responseExamples.find((e) => e.operationId === operationId && e.name === name);
  if (!found) throw new Error(`no example ${operationId} ${name}`);
  return found.value as Record<string, unknown>;
};
const message = (operationId: string, name: string) =>
  (example(operationId, name).error as { message: string }).message;

export interface MockReply {
  status: number;
  body: unknown;
  headers: Headers;
}

/** How a table run reaches one transport: requests by path, and the controls. */
export interface Transport {
  fetch(path: string, init: RequestInit): Promise<Response>;
  /** The controls in code, or `'http'` to drive them through the transport under /__sandbox. */
  controls: SandboxControls | 'http';
}

/** A transport with the table's conveniences. */
export class Driver {
  constructor(readonly transport: Transport) {}

  async send(
    path: string,
    body: string | object,
    headers: Record<string, string> = {},
    method = 'POST',
  ): Promise<MockReply> {
    const response = await this.transport.fetch(path, {
      method,
      headers: { token: TOKEN, 'Content-Type': 'application/json', ...headers },
      ...(method === 'GET' || method === 'HEAD'
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
    if (!path.startsWith('/__sandbox')) {
      for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
        expect(response.headers.get(name), `${name} on ${response.status}`).toMatch(/^\d+$/);
      }
    }
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      headers: response.headers,
    };
  }

  private async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const reply = await this.send(`/__sandbox${path}`, body === undefined ? '' : (body as object), {}, method);
    if (reply.status !== 200)
      throw new Error(`control ${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async reset(seed: SandboxSeed): Promise<void> {
    const full = { clock: { start: T0, frozen: true }, ...seed };
    if (this.transport.controls === 'http') await this.control('POST', '/reset', full);
    else this.transport.controls.reset(full);
  }

  async advance(ms: number): Promise<void> {
    if (this.transport.controls === 'http') await this.control('POST', '/clock', { advanceMs: ms });
    else this.transport.controls.advance(ms);
  }

  async state(): Promise<SandboxState> {
    return this.transport.controls === 'http'
      ? ((await this.control('GET', '/state')) as SandboxState)
      : this.transport.controls.state();
  }

  async setFaults(faults: NonNullable<SandboxSeed['faults']>): Promise<void> {
    if (this.transport.controls === 'http') await this.control('PUT', '/faults', { faults });
    else this.transport.controls.setFaults(faults);
  }

  async setConnected(instance: string, connected: boolean): Promise<void> {
    if (this.transport.controls === 'http') await this.control('POST', `/instances/${instance}`, { connected });
    else expect(this.transport.controls.setConnected(instance, connected)).toBe(true);
  }
}

export function expectError(reply: MockReply, status: number, text: string | RegExp) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(schemaErrors('#/components/schemas/ErrorResponse', reply.body)).toBe('');
  const actual = (reply.body as { error: { message: string } }).error.message;
  if (typeof text === 'string') expect(actual).toBe(text);
  else expect(actual).toMatch(text);
}

const rate = (reply: MockReply) =>
  ['limit', 'remaining', 'reset'].map((name) => Number(reply.headers.get(`x-ratelimit-${name}`)));

/** Request-aware answers on a fresh sandbox: the body picks the example, the JID is echoed, the count is live. */
export const requestAwareCases: [string, string, object, unknown][] = [
  [
    'block: true',
    BLOCK,
    { number: '5511999999999', block: true },
    { ...example('blockContact', 'contactBlocked'), blocked_count: 1 },
  ],
  [
    'block: false',
    BLOCK,
    { number: '5511999999999', block: false },
    { ...example('blockContact', 'contactUnblocked'), blocked_count: 0 },
  ],
  [
    'duration 8h',
    MUTE,
    { number: '5511999999999', mute: true, duration: '8h' },
    example('muteChat', 'chatMuted8Hours'),
  ],
  [
    'duration "8 hours"',
    MUTE,
    { number: '5511999999999', mute: true, duration: '8 hours' },
    example('muteChat', 'chatMuted8Hours'),
  ],
  [
    'duration 1w',
    MUTE,
    { number: '5511999999999', mute: true, duration: '1w' },
    example('muteChat', 'chatMutedOneWeek'),
  ],
  [
    'duration 7d',
    MUTE,
    { number: '5511999999999', mute: true, duration: '7d' },
    example('muteChat', 'chatMutedOneWeek'),
  ],
  [
    'duration "1 week"',
    MUTE,
    { number: '5511999999999', mute: true, duration: '1 week' },
    example('muteChat', 'chatMutedOneWeek'),
  ],
  [
    'duration always',
    MUTE,
    { number: '5511999999999', mute: true, duration: 'always' },
    example('muteChat', 'chatMutedPermanently'),
  ],
  [
    'duration forever',
    MUTE,
    { number: '5511999999999', mute: true, duration: 'forever' },
    example('muteChat', 'chatMutedPermanently'),
  ],
  [
    'duration permanent',
    MUTE,
    { number: '5511999999999', mute: true, duration: 'permanent' },
    example('muteChat', 'chatMutedPermanently'),
  ],
  [
    'empty duration',
    MUTE,
    { number: '5511999999999', mute: true, duration: '' },
    example('muteChat', 'chatMutedPermanently'),
  ],
  ['no duration', MUTE, { number: '5511999999999', mute: true }, example('muteChat', 'chatMutedPermanently')],
  ['mute: false', MUTE, { number: '5511999999999', mute: false }, example('muteChat', 'chatUnmuted')],
  [
    'mute: false with a duration',
    MUTE,
    { number: '120363025246125486@g.us', mute: false, duration: '8h' },
    { ...example('muteChat', 'chatUnmuted'), chat_jid: '120363025246125486@g.us' },
  ],
];

/** Prefer selects a documented example, verbatim, and wins over the body (D-25). */
export const preferCases: [string, string, object, string, number, unknown][] = [
  [
    'an explicit example',
    BLOCK,
    { number: '5511999999999', block: false },
    'example=contactBlocked',
    200,
    example('blockContact', 'contactBlocked'),
  ],
  [
    'an explicit status',
    BLOCK,
    { number: '5511999999999', block: false },
    'code=503',
    503,
    example('blockContact', 'instanceNotConnected'),
  ],
  [
    'status and example',
    MUTE,
    { number: '5511999999999', mute: true },
    'code=401, example=invalidAccountToken',
    401,
    example('muteChat', 'invalidAccountToken'),
  ],
  [
    'code=200 alone: the example that fits the body, as written',
    MUTE,
    { number: '120363025246125486@g.us', mute: true, duration: '1w' },
    'code=200',
    200,
    example('muteChat', 'chatMutedOneWeek'),
  ],
  [
    'code=401 with a token sent: Invalid token, not Missing token',
    MUTE,
    { number: '5511999999999', mute: true },
    'code=401',
    401,
    example('muteChat', 'invalidToken'),
  ],
  [
    'quoted values and a semicolon',
    BLOCK,
    { number: '5511999999999', block: true },
    'code="404"; example="instanceNotFound"',
    404,
    example('blockContact', 'instanceNotFound'),
  ],
];

/** Faithful errors: status, envelope and the documented message that fits best. */
export const errorCases: [string, string, string | object, Record<string, string>, number, string | RegExp][] = [
  ['block: malformed JSON', BLOCK, '{"number": "5511999999999", "block": tru', {}, 400, 'Invalid request body'],
  ['mute: malformed JSON', MUTE, '{"number": "5511999999999", "mute": tru', {}, 400, /^Invalid request body: .+/],
  ['mute: empty body', MUTE, '', {}, 400, 'Invalid request body: the body is empty: send a JSON object'],
  ['mute: a JSON array', MUTE, [], {}, 400, /^Invalid request body: /],
  ['block: missing number', BLOCK, { block: true }, {}, 400, 'Number is required'],
  ['mute: missing number', MUTE, { mute: true, duration: '8h' }, {}, 400, 'Number is required'],
  ['mute: empty number', MUTE, { number: '', mute: true }, {}, 400, 'Number is required'],
  [
    'mute: unknown duration',
    MUTE,
    { number: '5511999999999', mute: true, duration: '5y' },
    {},
    400,
    'Invalid duration: 5y',
  ],
  [
    'mute: upper-case duration',
    MUTE,
    { number: '5511999999999', mute: true, duration: '8H' },
    {},
    400,
    'Invalid duration: 8H',
  ],
  [
    'mute: numeric duration',
    MUTE,
    { number: '5511999999999', mute: true, duration: 28800 },
    {},
    400,
    'Invalid duration: 28800',
  ],
  ['mute: mute as a string', MUTE, { number: '5511999999999', mute: 'yes' }, {}, 400, /^Invalid request body: /],
  ['block: block as a string', BLOCK, { number: '5511999999999', block: 'yes' }, {}, 400, 'Invalid request body'],
  ['block: a group JID', BLOCK, { number: '120363025246125486@g.us', block: true }, {}, 400, 'Invalid request body'],
  [
    'block: an unknown property',
    BLOCK,
    { number: '5511999999999', block: true, extra: 1 },
    {},
    400,
    'Invalid request body',
  ],
  ['mute: no token', MUTE, { number: '5511999999999', mute: true }, { token: '' }, 401, 'Missing token'],
  ['mute: no token and malformed JSON', MUTE, '{', { token: '' }, 401, 'Missing token'],
  [
    'mute: Basic instead of Bearer',
    MUTE,
    { number: '5511999999999', mute: true },
    { token: '', Authorization: 'Basic eDp5' },
    401,
    'Missing token',
  ],
  [
    'mute: the auth scheme is case-insensitive: `bearer abc` is a Bearer token on every transport',
    MUTE,
    { number: '5511999999999', mute: 'no' },
    { token: '', Authorization: 'bearer abc' },
    400,
    /^Invalid request body: /,
  ],
  [
    'mute: a Bearer token is a credential',
    MUTE,
    { number: '5511999999999', mute: 'no' },
    { token: '', Authorization: 'Bearer abc' },
    400,
    /^Invalid request body: /,
  ],
  [
    'an undefined Prefer example: 400 that says so, not a 404 a client reads as "instance not found"',
    MUTE,
    { number: '5511999999999', mute: true },
    { Prefer: 'example=nope' },
    400,
    /^Invalid Prefer header for the mock: example nope is not an example of muteChat \(examples: chatMuted8Hours, /,
  ],
  [
    'an undefined Prefer code',
    MUTE,
    { number: '5511999999999', mute: true },
    { Prefer: 'code=418' },
    400,
    /^Invalid Prefer header for the mock: code 418 is not a documented status of muteChat \(documented: 200, 400, 401, 403, 404, 429, 500, 503\)$/,
  ],
  [
    'a Prefer example of another status: a clear error, not a silent 200',
    BLOCK,
    { number: '5511999999999', block: true },
    { Prefer: 'code=404, example=contactBlocked' },
    400,
    'Invalid Prefer header for the mock: example contactBlocked is not a 404 example of blockContact (examples: instanceNotFound)',
  ],
  [
    'a malformed Prefer code',
    MUTE,
    { number: '5511999999999', mute: true },
    { Prefer: 'code=abc' },
    400,
    'Invalid Prefer header for the mock: "code=abc" is not code=<status> or example=<name>',
  ],
  [
    'a Prefer that is not code= or example= (M-14)',
    MUTE,
    { number: '5511999999999', mute: true },
    { Prefer: 'nonsense' },
    400,
    'Invalid Prefer header for the mock: "nonsense" is not code=<status> or example=<name>',
  ],
  [
    'no token and a malformed Prefer',
    MUTE,
    { number: '5511999999999', mute: true },
    { token: '', Prefer: 'code=abc' },
    401,
    'Missing token',
  ],
  [
    'a JSON body sent as text/plain: says what is wrong (D-24)',
    MUTE,
    { number: '5511999999999', mute: true },
    { 'Content-Type': 'text/plain' },
    400,
    'Invalid request body: send the body as JSON with Content-Type: application/json (got Content-Type text/plain)',
  ],
  [
    'a JSON body sent as a form (curl -d)',
    MUTE,
    { number: '5511999999999', mute: true },
    { 'Content-Type': 'application/x-www-form-urlencoded' },
    400,
    /got Content-Type application\/x-www-form-urlencoded/,
  ],
  [
    'a body nested deeper than 32 levels',
    MUTE,
    `{"number":"5511999999999","mute":true,"duration":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    {},
    400,
    'Invalid request body: the body is nested deeper than 32 levels',
  ],
  [
    'an unknown property with a non-Latin-1 name',
    MUTE,
    { number: '5511999999999', mute: true, número: 1, 日本: 2 },
    {},
    400,
    /^Invalid request body: /,
  ],
  [
    'an instance name over 128 characters',
    `/api/chat/mute/${'i'.repeat(200)}`,
    { number: '5511999999999', mute: true },
    {},
    404,
    'Instance not found',
  ],
  [
    'an instance name with an encoded slash',
    '/api/chat/mute/a%2Fb',
    { number: '5511999999999', mute: true },
    {},
    404,
    'Instance not found',
  ],
  [
    'an instance name that is not UTF-8 once decoded',
    '/api/chat/mute/caf%E9',
    { number: '5511999999999', mute: true },
    {},
    404,
    'Instance not found',
  ],
  [
    'an empty instance name',
    '/api/chat/block/',
    { number: '5511999999999', block: true },
    {},
    400,
    'Instance name is required',
  ],
  [
    'an unknown route',
    '/api/chat/archive/my-instance',
    { number: '5511999999999' },
    {},
    404,
    'Not found: POST /api/chat/archive/my-instance is not a route of this API',
  ],
  [
    'a wrong method on a route',
    BLOCK,
    '',
    {},
    404,
    'Not found: GET /api/chat/block/my-instance is not a route of this API',
  ],
];

const AUTH_WORLD: SandboxSeed = {
  accounts: { acme: { tokens: ['acme-account-token'] } },
  instances: {
    'inst-a': { account: 'acme', tokens: ['inst-a-token'] },
    'inst-b': { account: 'acme' },
    'inst-c': { tokens: ['inst-c-token'], connected: false },
  },
};
const as = (token: string) => ({ token });
const blockOn = (instance: string, number = '5511999999999') =>
  [`/api/chat/block/${instance}`, { number, block: true }] as const;

/** Stateful scenarios: each starts from `seed` (with the frozen clock) and drives the sandbox through its steps. */
export const scenarios: [string, SandboxSeed, (d: Driver) => Promise<void>][] = [
  [
    'echo: contact_jid and chat_jid name what was sent, for each identifier kind',
    {},
    async (d) => {
      const echoed = async (path: string, body: object) => {
        const reply = await d.send(path, body);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        const ref =
          path === BLOCK ? '#/components/schemas/BlockContactResponse' : '#/components/schemas/MuteChatResponse';
        expect(schemaErrors(ref, reply.body)).toBe('');
        return (reply.body as Record<string, unknown>)[path === BLOCK ? 'contact_jid' : 'chat_jid'];
      };
      expect(await echoed(BLOCK, { number: '5511988887777', block: true })).toBe('5511988887777@s.whatsapp.net');
      expect(await echoed(BLOCK, { number: '5511977776666@s.whatsapp.net', block: true })).toBe(
        '5511977776666@s.whatsapp.net',
      );
      expect(await echoed(BLOCK, { number: '123456789012345@lid', block: true })).toBe('123456789012345@lid');
      expect(await echoed(MUTE, { number: '5511988887777', mute: true })).toBe('5511988887777@s.whatsapp.net');
      expect(await echoed(MUTE, { number: '123456789012345@lid', mute: true, duration: '8h' })).toBe(
        '123456789012345@lid',
      );
      expect(await echoed(MUTE, { number: '120363025246125486@g.us', mute: true, duration: '1w' })).toBe(
        '120363025246125486@g.us',
      );
      expect(await echoed(MUTE, { number: '120363144038483540@newsletter', mute: false })).toBe(
        '120363144038483540@newsletter',
      );
    },
  ],
  [
    'counts: blocked_count is the list size after each block, unblock and re-block; repeats change nothing',
    {},
    async (d) => {
      const count = async (number: string, block: boolean) => {
        const reply = await d.send(BLOCK, { number, block });
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ blocked: block, contact_jid: `${number}@s.whatsapp.net` });
        return (reply.body as { blocked_count: number }).blocked_count;
      };
      const sequence = [];
      for (const [number, block] of [
        ['5511911111111', true],
        ['5511922222222', true],
        ['5511911111111', true],
        ['5511911111111', false],
        ['5511911111111', false],
        ['5511911111111', true],
      ] as const) {
        sequence.push(await count(number, block));
      }
      expect(sequence).toEqual([1, 2, 2, 1, 1, 2]);
      expect((await d.state()).instances['my-instance']?.blocked.sort()).toEqual([
        '5511911111111@s.whatsapp.net',
        '5511922222222@s.whatsapp.net',
      ]);
      // A number and its user JID are one contact.
      expect(await count('5511922222222', false)).toBe(1);
    },
  ],
  [
    'instances: each has its own block list and mutes',
    {},
    async (d) => {
      const counts = [];
      for (const [instance, number] of [
        ['inst-1', '5511911111111'],
        ['inst-2', '5511922222222'],
        ['inst-1', '5511933333333'],
      ] as const) {
        counts.push(((await d.send(...blockOn(instance, number))).body as { blocked_count: number }).blocked_count);
      }
      expect(counts).toEqual([1, 1, 2]);
      await d.send('/api/chat/mute/inst-2', { number: '120363025246125486@g.us', mute: true });
      const state = await d.state();
      expect(state.instances['inst-1']).toMatchObject({
        blocked: ['5511911111111@s.whatsapp.net', '5511933333333@s.whatsapp.net'],
        muted: [],
      });
      expect(state.instances['inst-2']).toMatchObject({
        blocked: ['5511922222222@s.whatsapp.net'],
        muted: [{ chat: '120363025246125486@g.us', until: null }],
      });
    },
  ],
  [
    'seeded state: initial block lists and mutes',
    {
      instances: {
        'my-instance': {
          blocked: ['5511911111111', '123@lid'],
          muted: [{ number: '120363025246125486@g.us', duration: '8h' }, { number: '5511911111111' }],
        },
      },
    },
    async (d) => {
      expect((await d.send(BLOCK, { number: '5511922222222', block: true })).body).toMatchObject({ blocked_count: 3 });
      expect((await d.state()).instances['my-instance']?.muted).toEqual([
        { chat: '120363025246125486@g.us', until: new Date(T0 + 8 * HOUR).toISOString() },
        { chat: '5511911111111@s.whatsapp.net', until: null },
      ]);
    },
  ],
  [
    'mute expiry: a timed mute ends by itself when the clock passes its end; a permanent one stays',
    {},
    async (d) => {
      await d.send(MUTE, { number: '5511911111111', mute: true, duration: '8h' });
      await d.send(MUTE, { number: '5511922222222', mute: true, duration: '1w' });
      await d.send(MUTE, { number: '5511933333333', mute: true, duration: 'forever' });
      const muted = async () => (await d.state()).instances['my-instance']?.muted.map((m) => m.chat.slice(0, 13));
      expect(await muted()).toEqual(['5511911111111', '5511922222222', '5511933333333']);
      await d.advance(8 * HOUR - 1);
      expect(await muted()).toEqual(['5511911111111', '5511922222222', '5511933333333']);
      await d.advance(1);
      expect(await muted()).toEqual(['5511922222222', '5511933333333']);
      await d.advance(7 * 24 * HOUR);
      expect(await muted()).toEqual(['5511933333333']);
      await d.send(MUTE, { number: '5511933333333', mute: false });
      expect(await muted()).toEqual([]);
      expect((await d.state()).now).toBe(new Date(T0 + 8 * HOUR + 7 * 24 * HOUR).toISOString());
    },
  ],
  [
    'rate limit: the documented 100 per 60 s per token; request 101 gets the documented 429',
    {},
    async (d) => {
      for (let i = 1; i <= 100; i += 1) {
        const reply = await d.send(MUTE, { number: '5511999999999', mute: false });
        expect(reply.status).toBe(200);
        expect(rate(reply)).toEqual([100, 100 - i, RESET]);
      }
      const limited = await d.send(MUTE, { number: '5511999999999', mute: false });
      expectError(limited, 429, message('muteChat', 'rateLimitExceeded'));
      expect(rate(limited)).toEqual([100, 0, RESET]);
      expect(new Date(limited.headers.get('date')!).getTime()).toBe(T0);
    },
  ],
  [
    'rate limit: countdown, errors count too, another token has its own window, the clock opens a new one',
    { rateLimit: { limit: 3 } },
    async (d) => {
      expect(rate(await d.send(BLOCK, { number: '5511999999999', block: true }))).toEqual([3, 2, RESET]);
      expect(rate(await d.send(BLOCK, { number: 'not a number', block: true }))).toEqual([3, 1, RESET]);
      await d.advance(30_000);
      expect(rate(await d.send(BLOCK, '{'))).toEqual([3, 0, RESET]);
      const limited = await d.send(BLOCK, { number: '5511999999999', block: false });
      expectError(limited, 429, 'Rate limit exceeded. Try again later.');
      expect(rate(limited)).toEqual([3, 0, RESET]);
      // The 429 changed nothing: the contact is still blocked.
      expect((await d.state()).instances['my-instance']?.blocked).toEqual(['5511999999999@s.whatsapp.net']);
      expect(rate(await d.send(BLOCK, { number: '5511999999999', block: true }, as('other-token')))).toEqual([
        3,
        2,
        RESET + 30,
      ]);
      expect(
        rate(
          await d.send(
            BLOCK,
            { number: '5511999999999', block: true },
            { token: '', Authorization: 'Bearer bearer-token' },
          ),
        ),
      ).toEqual([3, 2, RESET + 30]);
      await d.advance(29_999);
      expect((await d.send(BLOCK, { number: '5511999999999', block: true })).status).toBe(429);
      await d.advance(1);
      const fresh = await d.send(BLOCK, { number: '5511999999999', block: true });
      expect(fresh.status).toBe(200);
      expect(rate(fresh)).toEqual([3, 2, RESET + 60]);
      expect((await d.state()).rateLimits).toContainEqual({
        token: 'mock...',
        limit: 3,
        remaining: 2,
        reset: RESET + 60,
      });
    },
  ],
  [
    'rate limit off: counted and shown, never a 429',
    { rateLimit: { limit: 2, enforce: false } },
    async (d) => {
      const replies = [];
      for (let i = 0; i < 4; i += 1) replies.push(await d.send(BLOCK, { number: '5511999999999', block: true }));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(replies.map((r) => rate(r)[1])).toEqual([1, 0, 0, 0]);
    },
  ],
  [
    'Prefer: code=429 says 0 remaining; a Prefer answer is the example as written and changes nothing (D-25)',
    {},
    async (d) => {
      const limited = await d.send(BLOCK, { number: '5511988887777', block: true }, { Prefer: 'code=429' });
      expectError(limited, 429, message('blockContact', 'rateLimitExceeded'));
      expect(rate(limited)).toEqual([100, 0, RESET]);
      const preferred = await d.send(
        BLOCK,
        { number: '5511988887777', block: true },
        { Prefer: 'example=contactBlocked' },
      );
      expect(preferred.body).toEqual(example('blockContact', 'contactBlocked'));
      expect((await d.state()).instances['my-instance']).toBeUndefined();
      // Counted all the same: two requests so far.
      expect(rate(await d.send(BLOCK, { number: '5511988887777', block: true }))).toEqual([100, 97, RESET]);
    },
  ],
  [
    'seeded auth: unknown token 401, unknown instance 404, not owned 403, disconnected 503',
    AUTH_WORLD,
    async (d) => {
      const status = async (instance: string, token: string) => (await d.send(...blockOn(instance), as(token))).status;
      expectError(await d.send(...blockOn('inst-a'), as('who-is-this')), 401, 'Invalid token');
      expectError(await d.send(...blockOn('inst-a'), { token: '' }), 401, 'Missing token');
      expect(await status('inst-a', 'acme-account-token')).toBe(200);
      expect(await status('inst-b', 'acme-account-token')).toBe(200);
      expect(await status('inst-a', 'inst-a-token')).toBe(200);
      expectError(
        await d.send(...blockOn('inst-b'), as('inst-a-token')),
        403,
        message('blockContact', 'instanceNotOwned'),
      );
      expectError(
        await d.send(...blockOn('inst-c'), as('acme-account-token')),
        403,
        message('blockContact', 'instanceNotOwned'),
      );
      expectError(await d.send(...blockOn('nope'), as('acme-account-token')), 404, 'Instance not found');
      expectError(await d.send(...blockOn('inst-c'), as('inst-c-token')), 503, 'Instance is not connected to WhatsApp');
      // Bearer carries the same tokens.
      expect((await d.send(...blockOn('inst-a'), { token: '', Authorization: 'Bearer inst-a-token' })).status).toBe(
        200,
      );
      // Auth comes before the body: a bad body on a foreign instance is still 403.
      expect((await d.send('/api/chat/block/inst-b', { number: 'x' }, as('inst-a-token'))).status).toBe(403);
      // And Prefer cannot hide a real failure.
      expect((await d.send(...blockOn('inst-c'), { token: 'inst-c-token', Prefer: 'code=200' })).status).toBe(503);
    },
  ],
  [
    'instances declared without tokens: any token, but only those names',
    { instances: { 'my-instance': {} } },
    async (d) => {
      expect((await d.send(BLOCK, { number: '5511999999999', block: true }, as('anything'))).status).toBe(200);
      expectError(await d.send(...blockOn('other-instance')), 404, 'Instance not found');
    },
  ],
  [
    'connect and disconnect an instance at run time',
    {},
    async (d) => {
      await d.setConnected('my-instance', false);
      expectError(
        await d.send(BLOCK, { number: '5511999999999', block: true }),
        503,
        'Instance is not connected to WhatsApp',
      );
      expect((await d.state()).instances['my-instance']).toMatchObject({ connected: false, blocked: [] });
      await d.setConnected('my-instance', true);
      expect((await d.send(BLOCK, { number: '5511999999999', block: true })).status).toBe(200);
    },
  ],
  [
    'faults: a seeded share of requests fails the same way on every run, and a failed request changes nothing',
    { randomSeed: 7 },
    async (d) => {
      const run = async () => {
        const statuses = [];
        for (let i = 0; i < 20; i += 1)
          statuses.push(
            (await d.send(BLOCK, { number: `55119000000${String(i).padStart(2, '0')}`, block: true })).status,
          );
        return statuses;
      };
      await d.setFaults([{ status: 503, rate: 0.5 }]);
      const first = await run();
      const failed = first.filter((s) => s === 503).length;
      expect(failed).toBeGreaterThan(3);
      expect(failed).toBeLessThan(17);
      expect(first.filter((s) => s === 200).length).toBe(20 - failed);
      expect((await d.state()).instances['my-instance']?.blocked).toHaveLength(20 - failed);
      await d.reset({ randomSeed: 7 });
      await d.setFaults([{ status: 503, rate: 0.5 }]);
      expect(await run()).toEqual(first);
    },
  ],
  [
    'faults: by operation, by instance, and per request with Sandbox-Fault',
    {
      faults: [
        { operation: 'muteChat', status: 500 },
        { instance: 'flaky', status: 429 },
      ],
    },
    async (d) => {
      expect((await d.send(BLOCK, { number: '5511999999999', block: true })).status).toBe(200);
      expectError(
        await d.send(MUTE, { number: '5511999999999', mute: true }),
        500,
        message('muteChat', 'internalError'),
      );
      const limited = await d.send(...blockOn('flaky'));
      expectError(limited, 429, message('blockContact', 'rateLimitExceeded'));
      expect(rate(limited)[1]).toBe(0);
      expectError(
        await d.send(BLOCK, { number: '5511999999999', block: true }, { 'Sandbox-Fault': 'status=503' }),
        503,
        'Instance is not connected to WhatsApp',
      );
      // The header replaces the rules for its request.
      expect(
        (await d.send(MUTE, { number: '5511999999999', mute: true }, { 'Sandbox-Fault': 'status=503, rate=0' })).status,
      ).toBe(200);
      expectError(
        await d.send(BLOCK, { number: '5511999999999', block: true }, { 'Sandbox-Fault': 'status=418' }),
        400,
        /^Invalid Sandbox-Fault header: status 418/,
      );
      expectError(
        await d.send(BLOCK, { number: '5511999999999', block: true }, { 'Sandbox-Fault': 'slow' }),
        400,
        /^Invalid Sandbox-Fault header: "slow" is not latency=/,
      );
      await d.setFaults([]);
      expect((await d.send(MUTE, { number: '5511999999999', mute: true })).status).toBe(200);
    },
  ],
  [
    'faults: latency delays the answer (real time), per rule and per request',
    { faults: [{ operation: 'muteChat', latencyMs: 120 }] },
    async (d) => {
      const timed = async (path: string, body: object, headers: Record<string, string> = {}) => {
        const started = performance.now();
        const reply = await d.send(path, body, headers);
        return { reply, ms: performance.now() - started };
      };
      const muted = await timed(MUTE, { number: '5511999999999', mute: true });
      expect(muted.reply.status).toBe(200);
      expect(muted.ms).toBeGreaterThanOrEqual(115);
      const blocked = await timed(BLOCK, { number: '5511999999999', block: true }, { 'Sandbox-Fault': 'latency=150' });
      expect(blocked.reply.status).toBe(200);
      expect(blocked.ms).toBeGreaterThanOrEqual(145);
    },
  ],
];

/** The control API's refusals, in the envelope. */
export const controlCases: [string, string, string, unknown, number, string | RegExp][] = [
  [
    'a bad seed names the field',
    'POST',
    '/__sandbox/reset',
    { instances: { 'my-instance': { blocked: ['abc'] } } },
    400,
    /^Sandbox control: Invalid sandbox seed: instances\.my-instance\.blocked\[0\] is "abc", which matches none of PhoneNumber, UserJid, LidJid$/,
  ],
  [
    'an unknown seed field',
    'POST',
    '/__sandbox/reset',
    { instances: { x: { conected: false } } },
    400,
    'Sandbox control: Invalid sandbox seed: instances.x.conected is not a field of the seed schema',
  ],
  [
    'an account that is not declared',
    'POST',
    '/__sandbox/reset',
    { instances: { x: { account: 'acme' } } },
    400,
    /instances\.x\.account names the account "acme", which accounts does not declare/,
  ],
  ['a clock that would go back', 'POST', '/__sandbox/clock', { advanceMs: -1 }, 400, /the clock never goes back/],
  [
    'a clock without advanceMs',
    'POST',
    '/__sandbox/clock',
    {},
    400,
    'Sandbox control: send {"advanceMs": <milliseconds>}',
  ],
  [
    'a fault with an undocumented status',
    'PUT',
    '/__sandbox/faults',
    { faults: [{ status: 418 }] },
    400,
    /faults\[0\]\.status is not an error status the operation documents/,
  ],
  [
    'a fault on an unknown operation',
    'PUT',
    '/__sandbox/faults',
    [{ operation: 'archiveChat', status: 500 }],
    400,
    /faults\[0\]\.operation is not an operation of the contract/,
  ],
  ['malformed JSON', 'POST', '/__sandbox/reset', '{', 400, /^Sandbox control: the body is not JSON/],
  [
    'an unknown control',
    'GET',
    '/__sandbox/nope',
    '',
    404,
    'Sandbox control: /__sandbox/nope does not exist; GET /__sandbox lists the controls',
  ],
  [
    'a wrong method',
    'DELETE',
    '/__sandbox/state',
    '',
    405,
    'Sandbox control: DELETE is not allowed on /__sandbox/state',
  ],
];

/**
 * Declare the whole table for one transport. `driver()` is read when the tests run (after beforeAll). A transport
 * that answers the contract's routes only (MSW leaves other paths to `onUnhandledRequest`, M-12) runs the table
 * without the unknown-route case.
 */
export function describeSandboxTable(driver: () => Driver, { everyPath = true } = {}) {
  describe('request-aware answers: the body picks the documented example, echoed and counted', () => {
    it.each(requestAwareCases)('%s', async (_, path, body, expected) => {
      await driver().reset({});
      const reply = await driver().send(path, body);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(expected);
    });
  });

  describe('Prefer: any documented answer', () => {
    it.each(preferCases)('%s', async (_, path, body, prefer, status, expected) => {
      await driver().reset({});
      const reply = await driver().send(path, body, { Prefer: prefer });
      expect(reply.status).toBe(status);
      expect(reply.body).toEqual(expected);
    });
  });

  describe('errors: documented status, envelope and best-fitting message', () => {
    it.each(errorCases.filter(([name]) => everyPath || name !== 'an unknown route'))(
      '%s',
      async (_, path, body, headers, status, text) => {
        await driver().reset({});
        const method = typeof body === 'string' && body === '' && status === 404 ? 'GET' : 'POST';
        expectError(await driver().send(path, body, headers, method), status, text);
      },
    );
  });

  describe('stateful scenarios', () => {
    it.each(scenarios)('%s', async (_, seed, run) => {
      await driver().reset(seed);
      await run(driver());
    });
  });

  describe('the control API under /__sandbox', () => {
    it('lists the controls and reads the state and the clock', async () => {
      await driver().reset({});
      const index = await driver().send('/__sandbox', '', {}, 'GET');
      expect(index.status).toBe(200);
      expect((index.body as { routes: string[] }).routes).toContain('POST /__sandbox/reset');
      const clock = await driver().send('/__sandbox/clock', '', {}, 'GET');
      expect(clock.body).toEqual({ now: new Date(T0).toISOString() });
      expect((await driver().send('/__sandbox/state', '', {}, 'GET')).body).toEqual({
        now: new Date(T0).toISOString(),
        instances: {},
        rateLimits: [],
        faults: [],
      });
    });

    it('sets, reads and clears the faults', async () => {
      await driver().reset({});
      const rule = { operation: 'muteChat', status: 503, rate: 0.25 };
      expect((await driver().send('/__sandbox/faults', { faults: [rule] }, {}, 'PUT')).body).toEqual({
        faults: [rule],
      });
      expect((await driver().send('/__sandbox/faults', '', {}, 'GET')).body).toEqual({ faults: [rule] });
      expect((await driver().send('/__sandbox/faults', '', {}, 'DELETE')).body).toEqual({ faults: [] });
      expect((await driver().state()).faults).toEqual([]);
    });

    it.each(controlCases)('refuses %s', async (_, method, path, body, status, text) => {
      await driver().reset({});
      const reply = await driver().send(path, typeof body === 'string' ? body : JSON.stringify(body), {}, method);
      expectError(reply, status, text);
      // A refused control changes nothing.
      expect((await driver().send('/__sandbox/clock', '', {}, 'GET')).body).toEqual({
        now: new Date(T0).toISOString(),
      });
    });
  });
}
