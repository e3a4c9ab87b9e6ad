// The MSW handlers (src/msw.ts, the package's `./msw` export): the same behaviour table as the HTTP mock, served
// in-process, and the typed client working against them with no server at all.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/client.js';
import { createRyzeHandlers } from '../src/msw.js';
import { errorCases, expectError, preferCases, requestAwareCases, send } from './helpers/mock-cases.js';
import { schemaErrors } from './helpers/spec.js';

const BASE = 'https://ryzeapi.cloud';
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

  it('a handler restricted to one origin leaves other origins alone', async () => {
    const handlers = createRyzeHandlers({ baseUrl: 'http://127.0.0.1:4010/' });
    expect(handlers).toHaveLength(2);
    expect(String(handlers[0]?.info.path)).toBe('http://127.0.0.1:4010/api/chat/block/:instance');
  });
});
