// src/success-body.ts: the client's exact check of the success bodies (DECISIONS.md C-03) agrees with the spec's
// own schemas in the bundle, value for value: every documented example passes, and a random change to any field
// passes exactly when the spec still accepts it. Extra fields are tolerated on purpose (C-03).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlockContactResponse, isMuteChatResponse } from '../src/success-body.js';
import { responseExamples, schemaErrors } from './helpers/spec.js';

const BLOCK = '#/components/schemas/BlockContactResponse';
const MUTE = '#/components/schemas/MuteChatResponse';
const successes = (operationId: string) =>
  responseExamples.filter((e) => e.operationId === operationId && e.status === 200);
const blockExamples = successes('blockContact').map((e) => e.value as Record<string, unknown>);
const muteExamples = successes('muteChat').map((e) => e.value as Record<string, unknown>);

// Values near and far from the documented ones, for every field.
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(
    true,
    false,
    0,
    7,
    -1,
    1.5,
    2 ** 31,
    2 ** 31 - 1,
    28800,
    604800,
    3600,
    '',
    ' ',
    null,
    [],
    {},
  ),
  fc.constantFrom<unknown>(
    '5511999999999@s.whatsapp.net',
    '123456789012345@lid',
    '120363025246125486@g.us',
    '1203630-1612@g.us',
    '120363144038483540@newsletter',
    '5511999999999',
    '0511999999999@s.whatsapp.net',
    'x@lid',
    'Contact blocked successfully',
    'Contact unblocked successfully',
    'Chat muted for 8 hours',
    'Chat muted for 1 week',
    'Chat muted permanently',
    'Chat notifications unmuted successfully',
    'x'.repeat(256),
    'x'.repeat(257),
  ),
  fc.string(),
  fc.integer(),
);
const BLOCK_FIELDS = ['success', 'message', 'contact_jid', 'blocked_count', 'blocked'];
const MUTE_FIELDS = ['success', 'message', 'chat_jid', 'muted', 'duration'];

/** An example with one to three fields changed or removed. */
const mutated = (examples: Record<string, unknown>[], fields: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...examples),
      fc.array(fc.tuple(fc.constantFrom(...fields), fc.option(anyValue, { nil: undefined })), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([example, changes]) => {
      const value: Record<string, unknown> = { ...example };
      for (const [field, next] of changes) {
        if (next === undefined) delete value[field];
        else value[field] = next;
      }
      return value;
    });

describe('isBlockContactResponse', () => {
  it('accepts every documented success example, and reads its state from `blocked`', () => {
    expect(blockExamples.length).toBeGreaterThan(1);
    for (const example of blockExamples) {
      expect(isBlockContactResponse(example)).toBe(true);
      expect(isBlockContactResponse(example, example.blocked as boolean)).toBe(true);
      expect(isBlockContactResponse(example, !example.blocked)).toBe(false);
    }
  });

  it('property: a changed body passes exactly when the spec accepts it', () => {
    fc.assert(
      fc.property(mutated(blockExamples, BLOCK_FIELDS), (value) => {
        expect(isBlockContactResponse(value), JSON.stringify(value)).toBe(schemaErrors(BLOCK, value) === '');
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a count past int32', { blocked_count: 2 ** 31 }],
    ['a negative count', { blocked_count: -1 }],
    ['a count as a string', { blocked_count: '7' }],
    ['a group JID', { contact_jid: '120363025246125486@g.us' }],
    ['the unblock wording with blocked: true', { message: 'Contact unblocked successfully' }],
    ['success: "true"', { success: 'true' }],
  ])('refuses %s', (_, change) => {
    expect(isBlockContactResponse({ ...blockExamples.find((e) => e.blocked)!, ...change })).toBe(false);
  });

  it('an unblock may word its message freely (D-02), but not blank or past 256 characters', () => {
    const unblocked = blockExamples.find((e) => !e.blocked)!;
    expect(isBlockContactResponse({ ...unblocked, message: 'Contato desbloqueado' }, false)).toBe(true);
    expect(isBlockContactResponse({ ...unblocked, message: '😀'.repeat(256) }, false)).toBe(true); // 256 characters
    for (const message of ['', '   ', 'x'.repeat(257), 7])
      expect(isBlockContactResponse({ ...unblocked, message }, false)).toBe(false);
  });

  it('tolerates a field the spec does not list (an additive change upstream must not break clients)', () => {
    expect(isBlockContactResponse({ ...blockExamples[0], request_id: 'abc' })).toBe(true);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, undefined, 'Contact blocked successfully', 1, true, []])
      expect(isBlockContactResponse(value)).toBe(false);
  });
});

describe('isMuteChatResponse', () => {
  it('accepts every documented success example, and reads its state from `muted`', () => {
    expect(muteExamples.length).toBe(4);
    for (const example of muteExamples) {
      expect(isMuteChatResponse(example)).toBe(true);
      expect(isMuteChatResponse(example, example.muted as boolean)).toBe(true);
      expect(isMuteChatResponse(example, !example.muted)).toBe(false);
    }
  });

  it('accepts every kind of chat JID (D-12)', () => {
    for (const chat_jid of [
      '5511999999999@s.whatsapp.net',
      '123456789012345@lid',
      '120363025246125486@g.us',
      '1203630-1612@g.us',
      '120363144038483540@newsletter',
    ]) {
      expect(isMuteChatResponse({ ...muteExamples[0], chat_jid }), chat_jid).toBe(true);
    }
  });

  it('property: a changed body passes exactly when the spec accepts it', () => {
    fc.assert(
      fc.property(mutated(muteExamples, MUTE_FIELDS), (value) => {
        expect(isMuteChatResponse(value), JSON.stringify(value)).toBe(schemaErrors(MUTE, value) === '');
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a duration outside the three windows', { duration: 3600 }],
    ['a message that disagrees with its duration', { message: 'Chat muted for 1 week' }],
    ['muted: false with a window', { muted: false }],
    ['a phone number instead of a JID', { chat_jid: '5511999999999' }],
  ])('refuses %s', (_, change) => {
    expect(isMuteChatResponse({ ...muteExamples.find((e) => e.duration === 28800)!, ...change })).toBe(false);
  });
});
