// Type tests: what the generated types promise, checked by tsc through vitest's typecheck mode.
import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations, paths, webhooks } from '../generated/schema.js';
import { createApiClient } from '../src/api-client.js';
import type * as Schema from '../src/schema.js';

type Schemas = components['schemas'];
type BlockOp = paths['/api/chat/block/{instance}']['post'];
type MuteOp = paths['/api/chat/mute/{instance}']['post'];
type MuteBody = NonNullable<MuteOp['requestBody']>['content']['application/json'];
type BlockBody = NonNullable<BlockOp['requestBody']>['content']['application/json'];
type Mute200 = MuteOp['responses'][200]['content']['application/json'];
type Block200 = BlockOp['responses'][200]['content']['application/json'];

describe('request bodies', () => {
  it('the mute body is a union of a mute (with an optional duration) and an unmute', () => {
    expectTypeOf<MuteBody>().toEqualTypeOf<Schemas['MuteRequest'] | Schemas['UnmuteRequest']>();
    expectTypeOf<Extract<MuteBody, { mute: true }>>().toEqualTypeOf<Schemas['MuteRequest']>();
    expectTypeOf<Extract<MuteBody, { mute: false }>>().toEqualTypeOf<Schemas['UnmuteRequest']>();
    expectTypeOf<Schemas['MuteRequest']['duration']>().toEqualTypeOf<Schemas['MuteDuration'] | undefined>();
    expectTypeOf<Schemas['MuteRequest']>().toHaveProperty('number');
  });

  it('duration is the closed set of documented spellings, empty included', () => {
    expectTypeOf<Schemas['MuteDuration']>().toEqualTypeOf<
      '8h' | '8 hours' | '1w' | '7d' | '1 week' | 'always' | 'forever' | 'permanent' | ''
    >();
    expectTypeOf<'5y'>().not.toMatchTypeOf<Schemas['MuteDuration']>();
  });

  it('the block body needs number and block', () => {
    expectTypeOf<BlockBody>().toEqualTypeOf<Schemas['BlockContactRequest']>();
    expectTypeOf<BlockBody['block']>().toEqualTypeOf<boolean>();
    expectTypeOf<BlockBody['number']>().toEqualTypeOf<string>();
    expectTypeOf<{ number: string }>().not.toMatchTypeOf<BlockBody>();
  });
});

describe('responses', () => {
  it('the mute response is a union whose literals tie message, muted and duration together', () => {
    expectTypeOf<Mute200>().toEqualTypeOf<Schemas['MuteChatResponse']>();
    expectTypeOf<Mute200['message']>().toEqualTypeOf<
      | 'Chat muted for 8 hours'
      | 'Chat muted for 1 week'
      | 'Chat muted permanently'
      | 'Chat notifications unmuted successfully'
    >();
    expectTypeOf<Mute200['duration']>().toEqualTypeOf<28800 | 604800 | 0>();
    expectTypeOf<Extract<Mute200, { muted: false }>['duration']>().toEqualTypeOf<0>();
    expectTypeOf<Extract<Mute200, { message: 'Chat muted for 8 hours' }>['duration']>().toEqualTypeOf<28800>();
    expectTypeOf<Extract<Mute200, { duration: 604800 }>['message']>().toEqualTypeOf<'Chat muted for 1 week'>();
    expectTypeOf<Mute200['success']>().toEqualTypeOf<true>();
  });

  it('the block response is a union on `blocked`; blocked_count is a number', () => {
    expectTypeOf<Block200>().toEqualTypeOf<Schemas['BlockContactResponse']>();
    expectTypeOf<Block200['blocked_count']>().toEqualTypeOf<number>();
    expectTypeOf<Block200['blocked']>().toEqualTypeOf<boolean>();
    expectTypeOf<Extract<Block200, { blocked: true }>['message']>().toEqualTypeOf<'Contact blocked successfully'>();
    // The unblock wording is undocumented upstream, so it is only a string (DECISIONS.md).
    expectTypeOf<Extract<Block200, { blocked: false }>['message']>().toEqualTypeOf<string>();
  });

  it('every documented error status uses the one envelope', () => {
    type Envelope = Schemas['ErrorResponse'];
    expectTypeOf<Envelope>().toEqualTypeOf<{ success: false; error: Schemas['ErrorDetail'] }>();
    expectTypeOf<Envelope['error']['message']>().toEqualTypeOf<string>();
    expectTypeOf<
      operations['blockContact']['responses'][400]['content']['application/json']
    >().toEqualTypeOf<Envelope>();
    expectTypeOf<operations['muteChat']['responses'][401]['content']['application/json']>().toEqualTypeOf<Envelope>();
    expectTypeOf<operations['muteChat']['responses'][403]['content']['application/json']>().toEqualTypeOf<Envelope>();
    expectTypeOf<operations['muteChat']['responses'][404]['content']['application/json']>().toEqualTypeOf<Envelope>();
    expectTypeOf<operations['muteChat']['responses'][429]['content']['application/json']>().toEqualTypeOf<Envelope>();
    expectTypeOf<operations['muteChat']['responses'][500]['content']['application/json']>().toEqualTypeOf<Envelope>();
    expectTypeOf<
      operations['blockContact']['responses'][503]['content']['application/json']
    >().toEqualTypeOf<Envelope>();
  });

  it('rate-limit headers are typed as numbers on every response', () => {
    expectTypeOf<MuteOp['responses'][200]['headers']['X-RateLimit-Reset']>().toEqualTypeOf<number>();
    expectTypeOf<BlockOp['responses'][429]['headers']['X-RateLimit-Remaining']>().toEqualTypeOf<number>();
  });
});

describe('the typed client', () => {
  const client = createApiClient({ token: 't', baseUrl: 'http://127.0.0.1:4010' });

  it('returns the typed 200 body as data and the envelope as error', async () => {
    const { data, error } = await client.POST('/api/chat/mute/{instance}', {
      params: { path: { instance: 'my-instance' } },
      body: { number: '5511999999999', mute: true, duration: '8h' },
    });
    expectTypeOf(data).toEqualTypeOf<Schemas['MuteChatResponse'] | undefined>();
    expectTypeOf(error).toEqualTypeOf<Schemas['ErrorResponse'] | undefined>();
  });

  it('rejects wrong bodies and missing parameters at compile time', () => {
    const path = { params: { path: { instance: 'i' } } } as const;
    // @ts-expect-error duration outside the documented set
    void client.POST('/api/chat/mute/{instance}', { ...path, body: { number: '1', mute: true, duration: '5y' } });
    // @ts-expect-error mute must be a boolean literal, not a string
    void client.POST('/api/chat/mute/{instance}', { ...path, body: { number: '1', mute: 'true' } });
    // @ts-expect-error number is required
    void client.POST('/api/chat/block/{instance}', { ...path, body: { block: true } });
    // @ts-expect-error block must be a boolean
    void client.POST('/api/chat/block/{instance}', { ...path, body: { number: '1', block: 1 } });
    // @ts-expect-error the instance path parameter is required
    void client.POST('/api/chat/block/{instance}', { params: { path: {} }, body: { number: '1', block: true } });
    // @ts-expect-error no such route
    void client.POST('/api/chat/archive/{instance}', { ...path, body: { number: '1' } });
  });
});

describe('ryzeapi-chat-contract/schema', () => {
  // The names the entry point exported by hand up to 1.0, now generated (openapi-typescript's root types). Each
  // must stay, and stay the type it named: losing one breaks consumers.
  it('keeps every name of 1.0, each the same type as before', () => {
    expectTypeOf<Schema.components>().toEqualTypeOf<components>();
    expectTypeOf<Schema.operations>().toEqualTypeOf<operations>();
    expectTypeOf<Schema.paths>().toEqualTypeOf<paths>();
    expectTypeOf<Schema.webhooks>().toEqualTypeOf<webhooks>();
    expectTypeOf<Schema.Instance>().toEqualTypeOf<components['parameters']['Instance']>();
    expectTypeOf<Schema.PhoneNumber>().toEqualTypeOf<Schemas['PhoneNumber']>();
    expectTypeOf<Schema.UserJid>().toEqualTypeOf<Schemas['UserJid']>();
    expectTypeOf<Schema.LidJid>().toEqualTypeOf<Schemas['LidJid']>();
    expectTypeOf<Schema.GroupJid>().toEqualTypeOf<Schemas['GroupJid']>();
    expectTypeOf<Schema.NewsletterJid>().toEqualTypeOf<Schemas['NewsletterJid']>();
    expectTypeOf<Schema.ContactNumber>().toEqualTypeOf<Schemas['ContactNumber']>();
    expectTypeOf<Schema.ChatNumber>().toEqualTypeOf<Schemas['ChatNumber']>();
    expectTypeOf<Schema.ContactJid>().toEqualTypeOf<Schemas['ContactJid']>();
    expectTypeOf<Schema.ChatJid>().toEqualTypeOf<Schemas['ChatJid']>();
    expectTypeOf<Schema.BlockContactRequest>().toEqualTypeOf<Schemas['BlockContactRequest']>();
    expectTypeOf<Schema.BlockContactResponse>().toEqualTypeOf<Schemas['BlockContactResponse']>();
    expectTypeOf<Schema.ContactBlockedResponse>().toEqualTypeOf<Schemas['ContactBlockedResponse']>();
    expectTypeOf<Schema.ContactUnblockedResponse>().toEqualTypeOf<Schemas['ContactUnblockedResponse']>();
    expectTypeOf<Schema.BlockedCount>().toEqualTypeOf<Schemas['BlockedCount']>();
    expectTypeOf<Schema.UnblockMessage>().toEqualTypeOf<Schemas['UnblockMessage']>();
    expectTypeOf<Schema.MuteChatRequest>().toEqualTypeOf<Schemas['MuteChatRequest']>();
    expectTypeOf<Schema.MuteRequest>().toEqualTypeOf<Schemas['MuteRequest']>();
    expectTypeOf<Schema.UnmuteRequest>().toEqualTypeOf<Schemas['UnmuteRequest']>();
    expectTypeOf<Schema.MuteDuration>().toEqualTypeOf<Schemas['MuteDuration']>();
    expectTypeOf<Schema.MuteChatResponse>().toEqualTypeOf<Schemas['MuteChatResponse']>();
    expectTypeOf<Schema.ChatMutedResponse>().toEqualTypeOf<Schemas['ChatMutedResponse']>();
    expectTypeOf<Schema.ChatMuted8HoursResponse>().toEqualTypeOf<Schemas['ChatMuted8HoursResponse']>();
    expectTypeOf<Schema.ChatMutedOneWeekResponse>().toEqualTypeOf<Schemas['ChatMutedOneWeekResponse']>();
    expectTypeOf<Schema.ChatMutedPermanentlyResponse>().toEqualTypeOf<Schemas['ChatMutedPermanentlyResponse']>();
    expectTypeOf<Schema.ChatUnmutedResponse>().toEqualTypeOf<Schemas['ChatUnmutedResponse']>();
    expectTypeOf<Schema.ErrorResponse>().toEqualTypeOf<Schemas['ErrorResponse']>();
    expectTypeOf<Schema.ErrorDetail>().toEqualTypeOf<Schemas['ErrorDetail']>();
  });

  it('aliases the other component kinds too (root types)', () => {
    expectTypeOf<Schema.ParameterInstance>().toEqualTypeOf<components['parameters']['Instance']>();
    expectTypeOf<Schema.ResponseNotFound>().toEqualTypeOf<components['responses']['NotFound']>();
    expectTypeOf<Schema.HeaderXRateLimitReset>().toEqualTypeOf<components['headers']['X-RateLimit-Reset']>();
  });
});
