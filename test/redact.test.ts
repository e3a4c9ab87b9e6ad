// src/redact.ts: the redaction rule (DECISIONS.md C-02): only the token's exact text, only when it is long enough to
// be a credential, everywhere a server could echo it.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MIN_REDACTED_LENGTH, REDACTED, redactor } from '../src/redact.js';

const TOKEN = 'tok-SECRET-a1b2c3d4e5';

describe('the rule', () => {
  it('a token shorter than 8 characters is not a credential: the server’s words stay exactly as sent', () => {
    expect(MIN_REDACTED_LENGTH).toBe(8);
    expect(redactor('t').text('Instance not found')).toBe('Instance not found');
    expect(redactor('token').text('Invalid token')).toBe('Invalid token');
    expect(redactor('1234567').value({ error: { message: 'Invalid token 1234567' } })).toEqual({
      error: { message: 'Invalid token 1234567' },
    });
  });

  it('a token of 8 characters or more is replaced wherever its exact text appears, and nothing else changes', () => {
    const redact = redactor('abcdefgh');
    expect(redact.text('Invalid token abcdefgh (abcdefghabcdefgh) abcdefg ABCDEFGH')).toBe(
      `Invalid token ${REDACTED} (${REDACTED}${REDACTED}) abcdefg ABCDEFGH`,
    );
  });

  it('in parsed JSON: every string and key, whatever escaping the server used', () => {
    const redact = redactor('tok"en\\0123');
    const body = JSON.parse('{"error":{"message":"bad tok\\"en\\\\0123"},"tok\\u0022en\\\\0123":1}');
    expect(redact.value(body)).toEqual({ error: { message: `bad ${REDACTED}` }, [REDACTED]: 1 });
    expect(redact.value('text tok"en\\0123')).toBe(`text ${REDACTED}`);
    expect(redact.value(undefined)).toBeUndefined();
    const clean = { a: 1 };
    expect(redact.value(clean)).toBe(clean);
  });
});

describe('responses', () => {
  it('a response that does not hold the token is kept as it is', () => {
    const response = new Response('{}', { status: 404, statusText: 'Not Found', headers: { 'X-A': '1' } });
    expect(redactor(TOKEN).response(response)).toBe(response);
  });

  it('one that echoes it in its status text or a header becomes a bodiless copy without it', () => {
    const response = new Response('{}', {
      status: 401,
      statusText: `Bad ${TOKEN}`,
      headers: {
        'X-Echo': `token=${TOKEN}`,
        'X-RateLimit-Reset': '1',
        Location: `https://elsewhere.example/?t=${TOKEN}`,
      },
    });
    const copy = redactor(TOKEN).response(response);
    expect(copy).not.toBe(response);
    expect(copy.status).toBe(401);
    expect(copy.statusText).toBe(`Bad ${REDACTED}`);
    expect(copy.headers.get('x-echo')).toBe(`token=${REDACTED}`);
    expect(copy.headers.get('x-ratelimit-reset')).toBe('1');
    expect(copy.headers.get('location')).toBe(`https://elsewhere.example/?t=${REDACTED}`);
    expect(inspect(copy, { depth: Infinity, showHidden: true })).not.toContain(TOKEN);
  });
});

describe('fetch errors', () => {
  it('become a copy of the chain keeping name, message and code, the token replaced, and nothing else', () => {
    const parser = Object.assign(new Error('Response does not match the HTTP/1.1 protocol'), {
      name: 'HTTPParserError',
      code: 'HPE_INVALID_HEADER_TOKEN',
      data: `\u0001${TOKEN}\r\n`,
    });
    const thrown = new TypeError(`fetch failed ${TOKEN}`, { cause: parser });
    const copy = redactor(TOKEN).error(thrown) as Error & { cause: Error & { code: string } };
    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe(`fetch failed ${REDACTED}`);
    expect(copy.cause.name).toBe('HTTPParserError');
    expect(copy.cause.code).toBe('HPE_INVALID_HEADER_TOKEN');
    expect(copy.cause).not.toHaveProperty('data');
    expect(inspect(copy, { depth: Infinity, showHidden: true })).not.toContain(TOKEN);
    expect(Object.hasOwn(copy.cause, 'cause')).toBe(false);
  });

  it('a thrown string is cleaned, other values are kept', () => {
    const redact = redactor(TOKEN);
    expect(redact.error(`no ${TOKEN}`)).toBe(`no ${REDACTED}`);
    expect(redact.error(undefined)).toBeUndefined();
    expect(redact.error(42)).toBe(42);
  });
});
