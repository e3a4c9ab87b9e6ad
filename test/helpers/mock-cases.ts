// One table of mock behaviours, run against the HTTP mock (test/mock-server.test.ts) and the MSW handlers
// (test/msw.test.ts), so both are proven to answer alike. Expectations come from the upstream docs and the spec.
import { expect } from 'vitest';
import { responseExamples, schemaErrors } from './spec.js';

export const BLOCK = '/api/chat/block/my-instance';
export const MUTE = '/api/chat/mute/my-instance';
const ok = (operationId: string, name: string) =>
  responseExamples.find((e) => e.operationId === operationId && e.name === name)?.value;

/** Request-aware examples: the body alone picks the documented answer. */
export const requestAwareCases: [string, string, object, unknown][] = [
  ['block: true', BLOCK, { number: '5511999999999', block: true }, ok('blockContact', 'contactBlocked')],
  ['block: false', BLOCK, { number: '5511999999999', block: false }, ok('blockContact', 'contactUnblocked')],
  ['duration 8h', MUTE, { number: '5511999999999', mute: true, duration: '8h' }, ok('muteChat', 'chatMuted8Hours')],
  ['duration "8 hours"', MUTE, { number: '5511999999999', mute: true, duration: '8 hours' }, ok('muteChat', 'chatMuted8Hours')],
  ['duration 1w', MUTE, { number: '5511999999999', mute: true, duration: '1w' }, ok('muteChat', 'chatMutedOneWeek')],
  ['duration 7d', MUTE, { number: '5511999999999', mute: true, duration: '7d' }, ok('muteChat', 'chatMutedOneWeek')],
  ['duration "1 week"', MUTE, { number: '5511999999999', mute: true, duration: '1 week' }, ok('muteChat', 'chatMutedOneWeek')],
  ['duration always', MUTE, { number: '5511999999999', mute: true, duration: 'always' }, ok('muteChat', 'chatMutedPermanently')],
  ['duration forever', MUTE, { number: '5511999999999', mute: true, duration: 'forever' }, ok('muteChat', 'chatMutedPermanently')],
  ['duration permanent', MUTE, { number: '5511999999999', mute: true, duration: 'permanent' }, ok('muteChat', 'chatMutedPermanently')],
  ['empty duration', MUTE, { number: '5511999999999', mute: true, duration: '' }, ok('muteChat', 'chatMutedPermanently')],
  ['no duration', MUTE, { number: '5511999999999', mute: true }, ok('muteChat', 'chatMutedPermanently')],
  ['mute: false', MUTE, { number: '5511999999999', mute: false }, ok('muteChat', 'chatUnmuted')],
  ['mute: false with a duration', MUTE, { number: '120363025246125486@g.us', mute: false, duration: '8h' }, ok('muteChat', 'chatUnmuted')],
];

/** Prefer still wins over the body. */
export const preferCases: [string, string, object, string, number, unknown][] = [
  ['an explicit example', BLOCK, { number: '5511999999999', block: false }, 'example=contactBlocked', 200, ok('blockContact', 'contactBlocked')],
  ['an explicit status', BLOCK, { number: '5511999999999', block: false }, 'code=503', 503, ok('blockContact', 'instanceNotConnected')],
  ['status and example', MUTE, { number: '5511999999999', mute: true }, 'code=401, example=invalidAccountToken', 401, ok('muteChat', 'invalidAccountToken')],
];

/** Faithful errors: status, envelope and the documented message that fits best. */
export const errorCases: [string, string, string | object, Record<string, string>, number, string | RegExp][] = [
  ['block: malformed JSON', BLOCK, '{"number": "5511999999999", "block": tru', {}, 400, 'Invalid request body'],
  ['mute: malformed JSON', MUTE, '{"number": "5511999999999", "mute": tru', {}, 400, /^Invalid request body: .+/],
  ['mute: empty body', MUTE, '', {}, 400, /^Invalid request body: /],
  ['mute: a JSON array', MUTE, [], {}, 400, /^Invalid request body: /],
  ['block: missing number', BLOCK, { block: true }, {}, 400, 'Number is required'],
  ['mute: missing number', MUTE, { mute: true, duration: '8h' }, {}, 400, 'Number is required'],
  ['mute: empty number', MUTE, { number: '', mute: true }, {}, 400, 'Number is required'],
  ['mute: unknown duration', MUTE, { number: '5511999999999', mute: true, duration: '5y' }, {}, 400, 'Invalid duration: 5y'],
  ['mute: upper-case duration', MUTE, { number: '5511999999999', mute: true, duration: '8H' }, {}, 400, 'Invalid duration: 8H'],
  ['mute: numeric duration', MUTE, { number: '5511999999999', mute: true, duration: 28800 }, {}, 400, 'Invalid duration: 28800'],
  ['mute: mute as a string', MUTE, { number: '5511999999999', mute: 'yes' }, {}, 400, /^Invalid request body: /],
  ['block: block as a string', BLOCK, { number: '5511999999999', block: 'yes' }, {}, 400, 'Invalid request body'],
  ['block: a group JID', BLOCK, { number: '120363025246125486@g.us', block: true }, {}, 400, 'Invalid request body'],
  ['block: an unknown property', BLOCK, { number: '5511999999999', block: true, extra: 1 }, {}, 400, 'Invalid request body'],
  ['mute: no token', MUTE, { number: '5511999999999', mute: true }, { token: '' }, 401, 'Missing token'],
  ['mute: no token and malformed JSON', MUTE, '{', { token: '' }, 401, 'Missing token'],
  ['mute: Basic instead of Bearer', MUTE, { number: '5511999999999', mute: true }, { token: '', Authorization: 'Basic eDp5' }, 401, 'Missing token'],
  ['undefined Prefer example', MUTE, { number: '5511999999999', mute: true }, { Prefer: 'example=nope' }, 404, /^Mock: /],
  ['undefined Prefer code', MUTE, { number: '5511999999999', mute: true }, { Prefer: 'code=418' }, 404, /^Mock: /],
  ['malformed Prefer', MUTE, { number: '5511999999999', mute: true }, { Prefer: 'code=abc' }, 400, /^Invalid Prefer header/],
  ['no token and a malformed Prefer', MUTE, { number: '5511999999999', mute: true }, { token: '', Prefer: 'code=abc' }, 401, 'Missing token'],
  ['a JSON body sent as text/plain', MUTE, { number: '5511999999999', mute: true }, { 'Content-Type': 'text/plain' }, 400, /^Invalid request body: /],
  ['an unknown property with a non-Latin-1 name', MUTE, { number: '5511999999999', mute: true, 'número': 1, '日本': 2 }, {}, 400, /^Invalid request body: /],
  ['an instance name over 128 characters', `/api/chat/mute/${'i'.repeat(200)}`, { number: '5511999999999', mute: true }, {}, 404, 'Instance not found'],
  ['an instance name with an encoded slash', '/api/chat/mute/a%2Fb', { number: '5511999999999', mute: true }, {}, 404, 'Instance not found'],
];

export interface MockReply { status: number; body: unknown; headers: Headers }

/** Send one request the way the table describes it and read the reply, checking the rate-limit headers. */
export async function send(
  baseUrl: string,
  path: string,
  body: string | object,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<MockReply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { token: 'mock-test-token', 'Content-Type': 'application/json', ...headers },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
    expect(response.headers.get(name), `${name} on ${response.status}`).toMatch(/^\d+$/);
  }
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
}

export function expectError(reply: MockReply, status: number, message: string | RegExp) {
  expect(reply.status).toBe(status);
  expect(schemaErrors('#/components/schemas/ErrorResponse', reply.body)).toBe('');
  const text = (reply.body as { error: { message: string } }).error.message;
  if (typeof message === 'string') expect(text).toBe(message);
  else expect(text).toMatch(message);
}
