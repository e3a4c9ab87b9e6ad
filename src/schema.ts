// `ryzeapi-chat-contract/schema`: the generated types, plus one friendly alias per schema of the spec.
// test/package.test.ts checks that every schema in the bundle has its alias here.
import type { components } from '../generated/schema.js';

export type { components, operations, paths, webhooks } from '../generated/schema.js';

type Schemas = components['schemas'];

export type PhoneNumber = Schemas['PhoneNumber'];
export type UserJid = Schemas['UserJid'];
export type LidJid = Schemas['LidJid'];
export type GroupJid = Schemas['GroupJid'];
export type NewsletterJid = Schemas['NewsletterJid'];
export type ContactNumber = Schemas['ContactNumber'];
export type ChatNumber = Schemas['ChatNumber'];
export type ContactJid = Schemas['ContactJid'];
export type ChatJid = Schemas['ChatJid'];
export type BlockContactRequest = Schemas['BlockContactRequest'];
export type BlockContactResponse = Schemas['BlockContactResponse'];
export type ContactBlockedResponse = Schemas['ContactBlockedResponse'];
export type ContactUnblockedResponse = Schemas['ContactUnblockedResponse'];
export type BlockedCount = Schemas['BlockedCount'];
export type UnblockMessage = Schemas['UnblockMessage'];
export type MuteChatRequest = Schemas['MuteChatRequest'];
export type MuteRequest = Schemas['MuteRequest'];
export type UnmuteRequest = Schemas['UnmuteRequest'];
export type MuteDuration = Schemas['MuteDuration'];
export type MuteChatResponse = Schemas['MuteChatResponse'];
export type ChatMutedResponse = Schemas['ChatMutedResponse'];
export type ChatMuted8HoursResponse = Schemas['ChatMuted8HoursResponse'];
export type ChatMutedOneWeekResponse = Schemas['ChatMutedOneWeekResponse'];
export type ChatMutedPermanentlyResponse = Schemas['ChatMutedPermanentlyResponse'];
export type ChatUnmutedResponse = Schemas['ChatUnmutedResponse'];
export type ErrorResponse = Schemas['ErrorResponse'];
export type ErrorDetail = Schemas['ErrorDetail'];

/** The instance name (path parameter of both operations). */
export type Instance = components['parameters']['Instance'];
