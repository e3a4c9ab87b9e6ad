// src/errors.ts: the kind of every response that is not a success and of every request that threw, driven by
// tables (DECISIONS.md C-01 for redirects), and the error class itself.
import { describe, expect, it } from 'vitest';
import { RyzeApiError, errorKind, thrownKind } from '../src/errors.js';

describe('errorKind', () => {
  it.each([
    [200, 'invalid_response'],
    [201, 'invalid_response'],
    [204, 'invalid_response'],
    [299, 'invalid_response'],
    [0, 'redirect'], // a browser's opaque redirect
    [300, 'redirect'],
    [301, 'redirect'],
    [302, 'redirect'],
    [303, 'redirect'],
    [304, 'redirect'],
    [307, 'redirect'],
    [308, 'redirect'],
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [429, 'rate_limited'],
    [409, 'unexpected_status'],
    [422, 'unexpected_status'],
    [451, 'unexpected_status'],
    [500, 'server'],
    [501, 'server'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [505, 'server'],
    [599, 'server'],
  ])('%i is %s', (status, kind) => {
    expect(errorKind({ status, redirected: false })).toBe(kind);
  });

  it('a response that a fetch reached by following a redirect is `redirect`, whatever its status', () => {
    for (const status of [200, 404, 503]) expect(errorKind({ status, redirected: true })).toBe('redirect');
  });
});

describe('thrownKind', () => {
  it.each([
    [true, true, 'timeout'],
    [true, false, 'timeout'],
    [false, true, 'aborted'],
    [false, false, 'network'],
    [false, undefined, 'network'],
  ] as const)('timed out %s, aborted %s: %s', (timedOut, aborted, kind) => {
    expect(thrownKind(timedOut, aborted)).toBe(kind);
  });
});

describe('RyzeApiError', () => {
  it('is an Error named RyzeApiError, with its fields, and the cause only when given', () => {
    const error = new RyzeApiError({
      kind: 'network',
      message: 'blockContact: no response',
      cause: new Error('down'),
      attempts: 2,
      operation: 'blockContact',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RyzeApiError');
    expect(String(error)).toBe('RyzeApiError: blockContact: no response');
    expect(error).toMatchObject({ kind: 'network', attempts: 2, operation: 'blockContact' });
    expect((error.cause as Error).message).toBe('down');
    expect(Object.hasOwn(new RyzeApiError({ kind: 'timeout', message: 'x' }), 'cause')).toBe(false);
  });
});
