// The documented success bodies, checked exactly (DECISIONS.md C-03): a body the client returns, or that
// readMuteResponse reads, is one of the spec's variants field by field, so its type never lies. Fields the spec
// does not list are tolerated (an additive change upstream must not break deployed clients).
import type { components } from '../generated/schema.js';
import { isWhole } from './numbers.js';

type Schemas = components['schemas'];
type Fields = Partial<Record<string, unknown>> | null | undefined;

// ContactJid (D-12): UserJid or LidJid. ChatJid adds GroupJid and NewsletterJid.
const CONTACT_JID = /^([1-9]\d{6,14}@s\.whatsapp\.net|\d{1,32}@lid)$/;
const GROUP_OR_CHANNEL_JID = /^\d{1,32}((-\d{1,32})?@g\.us|@newsletter)$/;

/** The four mute variants (D-06): `muted`, `duration` and `message` of each, exactly. */
const MUTE_VARIANTS = [
  [true, 28800, 'Chat muted for 8 hours'],
  [true, 604800, 'Chat muted for 1 week'],
  [true, 0, 'Chat muted permanently'],
  [false, 0, 'Chat notifications unmuted successfully'],
] as const;

const matches = (pattern: RegExp, value: unknown) => typeof value === 'string' && pattern.test(value);

/**
 * True for a `BlockContactResponse` (ContactBlockedResponse or ContactUnblockedResponse), and, when `blocked`
 * is given, one that reports that state. The unblock message (D-02) is non-blank text of at most 256 characters;
 * `blocked_count` a whole number from 0 to 2^31-1 (D-13).
 */
export function isBlockContactResponse(value: unknown, blocked?: boolean): value is Schemas['BlockContactResponse'] {
  const body = value as Fields;
  const message = body?.message;
  return (
    body?.success === true &&
    matches(CONTACT_JID, body.contact_jid) &&
    typeof body.blocked_count === 'number' &&
    isWhole(body.blocked_count) &&
    (body.blocked === true
      ? message === 'Contact blocked successfully'
      : body.blocked === false && matches(/\S/, message) && [...(message as string)].length < 257) &&
    (blocked === undefined || body.blocked === blocked)
  );
}

/**
 * True for a `MuteChatResponse` (one of the three muted variants or the unmuted one), and, when `muted` is
 * given, one that reports that state.
 */
export function isMuteChatResponse(value: unknown, muted?: boolean): value is Schemas['MuteChatResponse'] {
  const body = value as Fields;
  return (
    body?.success === true &&
    (matches(CONTACT_JID, body.chat_jid) || matches(GROUP_OR_CHANNEL_JID, body.chat_jid)) &&
    MUTE_VARIANTS.some(
      ([state, duration, message]) => body.muted === state && body.duration === duration && body.message === message,
    ) &&
    (muted === undefined || body.muted === muted)
  );
}
