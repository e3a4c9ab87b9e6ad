// The MSW handlers (src/msw.ts, the package's `./msw` export): the same behaviour table as the HTTP mock, served
// in-process, and the typed client working against them with no server at all.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/api-client.js';
import { createRyzeClient } from '../src/index.js';
import { createRyzeHandlers } from '../src/msw.js';
import { errorCases, expectError, preferCases, requestAwareCases, send } from './helpers/mock-cases.js';
import { schemaErrors } from './helpers/spec.js';

const BASE = 'https://ryzeapi.cloud';
// Made before server.listen() (the usual order in a test file): the clients must still go through MSW, because
// they look the global fetch up at each call. With the real fetch this would reach the network with the token.
const early = createRyzeClient({ token: 'early-token', baseUrl: BASE, retry: false });
const earlyApi = createApiClient({ token: 'early-token' });
const server = setupServer(...createRyzeHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the same answers as the HTTP mock, in-process', () => {
  it.each(requestAwareCases)('request-aware: %s', async (_, path, body, expected) => {
    const reply = await send(BASE, path, body);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(expected);
  });
  it.each(preferCases)('Prefer still wins: %s', async (_, path, body, prefer, status, expected) => {
    const reply = await send(BASE, path, body, { Prefer: prefer });
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual(expected);
  });
  it.each(errorCases)('error: %s', async (_, path, body, headers, status, message) => {
    expectError(await send(BASE, path, body, headers), status, message);
  });
});

describe('with the typed client', () => {
  it('the client calls both operations against the handlers, by default URL, with either auth way', async () => {
    for (const auth of ['token', 'bearer'] as const) {
      const api = createApiClient({ token: 'unit-test-token', auth });
      const muted = await api.POST('/api/chat/mute/{instance}', {
        params: { path: { instance: 'my-instance' } },
        body: { number: '5511999999999', mute: true, duration: '7d' },
      });
      expect(muted.response.status).toBe(200);
      expect(muted.data).toMatchObject({ muted: true, duration: 604800, message: 'Chat muted for 1 week' });
      const unblocked = await api.POST('/api/chat/block/{instance}', {
        params: { path: { instance: 'my-instance' } },
        body: { number: '5511999999999', block: false },
      });
      expect(unblocked.data).toMatchObject({ blocked: false });
      expect(schemaErrors('#/components/schemas/BlockContactResponse', unblocked.data)).toBe('');
    }
  });

  it('clients created before server.listen() are answered by the handlers too', async () => {
    expect(await early.unmuteChat({ instance: 'my-instance', number: '5511999999999' })).toMatchObject({ muted: false, duration: 0 });
    const { data } = await earlyApi.POST('/api/chat/block/{instance}', {
      params: { path: { instance: 'my-instance' } },
      body: { number: '5511999999999', block: true },
    });
    expect(data).toMatchObject({ blocked: true });
  });

  it('handlers restricted to one origin answer that origin only', async () => {
    const handlers = createRyzeHandlers({ baseUrl: 'http://127.0.0.1:4010/' });
    expect(handlers).toHaveLength(2);
    const [block] = handlers;
    const request = (origin: string) =>
      new Request(`${origin}/api/chat/block/my-instance`, {
        method: 'POST',
        headers: { token: 't', 'Content-Type': 'application/json' },
        body: JSON.stringify({ number: '5511999999999', block: true }),
      });
    const mine = await block!.run({ request: request('http://127.0.0.1:4010'), requestId: 'a' });
    expect(mine?.response?.status).toBe(200);
    expect(await block!.run({ request: request('https://ryzeapi.cloud'), requestId: 'b' })).toBeNull();
  });
});
