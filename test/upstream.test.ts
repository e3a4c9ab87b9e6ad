// Fidelity to the upstream documentation (../shared/upstream: the two endpoint pages and the guide facts).
// Each fact below is copied from those pages; the test proves the bundle states it.
import { describe, expect, it } from 'vitest';
import { bundle, deref, operations, requestExamples, responseExamples, schemaErrors } from './helpers/spec.js';

const BLOCK = '/api/chat/block/{instance}';
const MUTE = '/api/chat/mute/{instance}';
const messages = (path: string, status: number) =>
  responseExamples
    .filter((e) => e.path === path && e.status === status)
    .map(
      (e) =>
        (e.value as { error?: { message: string }; message?: string }).error?.message ??
        (e.value as { message: string }).message,
    );

describe('routes, auth and rate limits (guide)', () => {
  it('has exactly the two chat routes, POST, with camelCase operationIds and one tag', () => {
    expect(operations.map((o) => [o.path, o.operation.operationId])).toEqual([
      [BLOCK, 'blockContact'],
      [MUTE, 'muteChat'],
    ]);
    for (const { operation } of operations) expect((operation as unknown as { tags: string[] }).tags).toEqual(['Chat']);
  });

  it('accepts the token header or Authorization: Bearer, either one alone', () => {
    const schemes = bundle.components.securitySchemes as Record<string, Record<string, string>>;
    expect(schemes.TokenHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'token' });
    expect(schemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect((bundle as unknown as { security: unknown }).security).toEqual([{ TokenHeader: [] }, { BearerAuth: [] }]);
  });

  it('declares X-RateLimit-Limit/Remaining/Reset on every response, with the global limit of 100', () => {
    for (const e of responseExamples) {
      expect(Object.keys(e.headers).sort(), `${e.operationId} ${e.status}`).toEqual([
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ]);
    }
    expect((bundle.components.headers as Record<string, { example: number }>)['X-RateLimit-Limit']?.example).toBe(100);
  });

  it('answers 400, 401, 403, 404, 429, 500 and 503 on both routes', () => {
    for (const path of [BLOCK, MUTE]) {
      const statuses = [...new Set(responseExamples.filter((e) => e.path === path).map((e) => e.status))].sort();
      expect(statuses).toEqual([200, 400, 401, 403, 404, 429, 500, 503]);
    }
  });
});

describe('documented messages', () => {
  it('block page: 200 message and the 400/401/404/503 messages', () => {
    expect(messages(BLOCK, 200)).toContain('Contact blocked successfully');
    expect(messages(BLOCK, 400)).toEqual(expect.arrayContaining(['Invalid request body', 'Number is required']));
    expect(messages(BLOCK, 401)).toContain('Invalid token');
    expect(messages(BLOCK, 404)).toEqual(['Instance not found']);
    expect(messages(BLOCK, 503)).toEqual(['Instance is not connected to WhatsApp']);
  });

  it('mute page: the four 200 messages and the 400/401/404/503 messages', () => {
    expect(messages(MUTE, 200).sort()).toEqual(
      [
        'Chat muted for 1 week',
        'Chat muted for 8 hours',
        'Chat muted permanently',
        'Chat notifications unmuted successfully',
      ].sort(),
    );
    const bad = messages(MUTE, 400);
    expect(bad).toContain('Instance name is required');
    expect(bad).toContain('Number is required');
    expect(bad.some((m) => m.startsWith('Invalid request body: '))).toBe(true);
    expect(bad).toContain('Invalid duration: 5y');
    expect(messages(MUTE, 401)).toContain('Invalid token');
    expect(messages(MUTE, 404)).toEqual(['Instance not found']);
    expect(messages(MUTE, 503)).toEqual(['Instance is not connected to WhatsApp']);
  });

  it('guide: every 401 wording and the 429 wording', () => {
    const documented = [
      'Missing token in header',
      'Missing token in header, Authorization header, or query parameter',
      'Missing token',
      'Invalid token',
      'Invalid instance token',
      'Invalid account token',
      'Unauthenticated',
    ];
    for (const path of [BLOCK, MUTE]) {
      expect(messages(path, 401).sort()).toEqual([...documented].sort());
      expect(messages(path, 429)).toEqual(['Rate limit exceeded. Try again later.']);
    }
  });
});

describe("the pages' own examples are valid under the spec", () => {
  it.each([
    ['block', BLOCK, { number: '5511999999999', block: true }],
    ['unblock', BLOCK, { number: '5511999999999', block: false }],
    ['mute for 8h', MUTE, { number: '5511999999999', mute: true, duration: '8h' }],
    ['mute permanently', MUTE, { number: '5511999999999', mute: true, duration: 'always' }],
    ['unmute', MUTE, { number: '5511999999999', mute: false }],
  ])('request: %s', (_, path, body) => {
    const schema = requestExamples.find((e) => e.path === path)?.schemaRef ?? '';
    expect(schemaErrors(schema, body)).toBe('');
  });

  it('block 200, mute 200 and mute 400 bodies match our named examples', () => {
    const page = {
      block: {
        success: true,
        message: 'Contact blocked successfully',
        contact_jid: '5511999999999@s.whatsapp.net',
        blocked_count: 7,
        blocked: true,
      },
      mute: {
        success: true,
        message: 'Chat muted for 8 hours',
        chat_jid: '5511999999999@s.whatsapp.net',
        muted: true,
        duration: 28800,
      },
      error: { success: false, error: { message: 'Invalid duration: 5y' } },
    };
    const named = (path: string, status: number, name: string) =>
      responseExamples.find((e) => e.path === path && e.status === status && e.name === name)?.value;
    expect(named(BLOCK, 200, 'contactBlocked')).toEqual(page.block);
    expect(named(MUTE, 200, 'chatMuted8Hours')).toEqual(page.mute);
    expect(named(MUTE, 400, 'invalidDuration')).toEqual(page.error);
  });
});

describe('identifiers and durations', () => {
  const ids = {
    phone: '5511999999999',
    user: '5511999999999@s.whatsapp.net',
    lid: '123456789012345@lid',
    group: '120363025246125486@g.us',
    newsletter: '120363144038483540@newsletter',
  };
  it('block takes people only (number, user JID, @lid); mute also takes groups and channels', () => {
    const block = '#/components/schemas/BlockContactRequest';
    const mute = '#/components/schemas/MuteChatRequest';
    for (const id of [ids.phone, ids.user, ids.lid]) {
      expect(schemaErrors(block, { number: id, block: true }), id).toBe('');
      expect(schemaErrors(mute, { number: id, mute: true }), id).toBe('');
    }
    for (const id of [ids.group, ids.newsletter]) {
      expect(schemaErrors(block, { number: id, block: true }), id).not.toBe('');
      expect(schemaErrors(mute, { number: id, mute: true }), id).toBe('');
    }
  });

  it('each duration spelling names the window the response reports in seconds', () => {
    const schema = deref<{ enum: string[] }>({ $ref: '#/components/schemas/MuteDuration' });
    expect(schema.enum.sort()).toEqual(
      ['', '1 week', '1w', '7d', '8 hours', '8h', 'always', 'forever', 'permanent'].sort(),
    );
    const seconds = responseExamples
      .filter((e) => e.path === MUTE && e.status === 200)
      .map((e) => [(e.value as { message: string }).message, (e.value as { duration: number }).duration]);
    expect(Object.fromEntries(seconds)).toEqual({
      'Chat muted for 8 hours': 28800,
      'Chat muted for 1 week': 604800,
      'Chat muted permanently': 0,
      'Chat notifications unmuted successfully': 0,
    });
  });
});
