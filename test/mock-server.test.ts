// The HTTP mock (src/mock/server.ts, what `npm run mock` and the `ryzeapi-chat-mock` bin serve): request-aware
// examples, faithful errors, rate-limit headers on every response, Prefer still winning. The shared table in
// helpers/mock-cases.ts runs here and against the MSW handlers (msw.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../src/mock/server.js';
import { BLOCK, MUTE, errorCases, expectError, preferCases, requestAwareCases, send } from './helpers/mock-cases.js';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await mock?.close();
});

describe('request-aware examples: the body picks the documented answer, no Prefer needed', () => {
  it.each(requestAwareCases)('%s', async (_, path, body, expected) => {
    const reply = await send(mock.url, path, body);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(expected);
  });
  it.each(preferCases)('Prefer still wins: %s', async (_, path, body, prefer, status, expected) => {
    const reply = await send(mock.url, path, body, { Prefer: prefer });
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual(expected);
  });
});

describe('faithful errors: documented status, envelope and best-fitting message', () => {
  it.each(errorCases)('%s', async (_, path, body, headers, status, message) => {
    expectError(await send(mock.url, path, body, headers), status, message);
  });

  it('an empty instance name gets "Instance name is required"', async () => {
    expectError(await send(mock.url, '/api/chat/block/', { number: '5511999999999', block: true }), 400, 'Instance name is required');
  });

  it('an unknown route and a wrong method get the 404 envelope', async () => {
    expectError(await send(mock.url, '/api/chat/archive/my-instance', { number: '5511999999999' }), 404, /is not a route of this API/);
    expectError(await send(mock.url, BLOCK, '', {}, 'GET'), 404, /GET \/api\/chat\/block\/my-instance is not a route/);
  });

  it('a body over 1 MiB gets the documented 400, not a hang or a crash', async () => {
    const reply = await send(mock.url, MUTE, { number: '5511999999999', mute: true, duration: 'x'.repeat(1024 * 1024 + 10) });
    expectError(reply, 400, /^Invalid request body: body too large/);
  });

  it('still names the violations in sl-violations for debugging', async () => {
    const reply = await send(mock.url, MUTE, { number: '5511999999999', mute: true, duration: '5y' });
    expect(JSON.parse(reply.headers.get('sl-violations') ?? '[]')).toContainEqual(
      expect.objectContaining({ location: ['request', 'body', 'duration'], code: 'enum' }),
    );
  });
});

describe('browsers', () => {
  it('answers a CORS preflight and exposes the rate-limit headers', async () => {
    const preflight = await fetch(`${mock.url}${MUTE}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'token' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/token/);
    const reply = await send(mock.url, MUTE, { number: '5511999999999', mute: false }, { Origin: 'http://localhost:3000' });
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/X-RateLimit-Reset/);
  });
});
