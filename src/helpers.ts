// Helpers that follow the server's documented semantics: identifiers (DECISIONS.md D-12), mute durations
// (D-04) and mute responses (D-06, C-03). Every type comes from generated/schema.d.ts.
import type { components } from '../generated/schema.js';
import { invalidInput } from './errors.js';
import { isMuteChatResponse } from './success-body.js';

type Schemas = components['schemas'];

/** What a `number` names: a person (`user`, `lid`), a group or a channel (`newsletter`). */
export type ChatKind = 'user' | 'lid' | 'group' | 'newsletter';
/** The kinds of chat that are people, the only ones that can be blocked. */
export type ContactKind = Extract<ChatKind, 'user' | 'lid'>;

/** A normalised chat identifier. */
export interface ChatId<K extends ChatKind = ChatKind> {
  kind: K;
  /** What to send as `number`: the digits of a phone number, or the JID. */
  number: K extends ContactKind ? Schemas['ContactNumber'] : Schemas['ChatNumber'];
  /** The full JID (`5511999999999@s.whatsapp.net` for a phone number). */
  jid: Schemas['ChatJid'];
}

// The spec's patterns (openapi/components/schemas, DECISIONS.md D-12), anchored; `user` is PhoneNumber or UserJid.
const PATTERNS: [ChatKind, RegExp][] = [
  ['user', /^[1-9]\d{6,14}(@s\.whatsapp\.net)?$/],
  ['lid', /^\d{1,32}@lid$/],
  ['group', /^\d{1,32}(-\d{1,32})?@g\.us$/],
  ['newsletter', /^\d{1,32}@newsletter$/],
];

/** parseChatId and parseContactId; `people` refuses groups and channels, `operation` prefixes messages. */
export function toChatId(input: string, people?: boolean, operation?: string): ChatId {
  let value = typeof input === 'string' ? input.trim() : '';
  const at = value.indexOf('@');
  // A phone number loses its leading + and its separators; a JID's server part is lower-cased.
  value = at < 0 ? value.replace(/^\+|[\s().-]/g, '') : value.slice(0, at) + value.slice(at).toLowerCase();
  const kind = PATTERNS.find(([, pattern]) => pattern.test(value))?.[0];
  if (!kind)
    throw invalidInput('number: not a phone number (7 to 15 digits, country code first) or a WhatsApp JID', operation);
  if (people && (kind === 'group' || kind === 'newsletter')) {
    throw invalidInput(`number: a ${kind === 'group' ? 'group' : 'channel'} cannot be blocked`, operation);
  }
  return { kind, number: value, jid: at < 0 ? `${value}@s.whatsapp.net` : value };
}

/**
 * Normalises a phone number or JID and says what it names.
 * - A phone number may carry a leading `+` and the usual separators (spaces, `-`, `.`, `(`, `)`):
 *   `+55 (11) 99999-9999` becomes `5511999999999`. It must then be 7 to 15 digits with no leading 0 (country
 *   code first; no `00` or trunk prefix).
 * - A JID is trimmed and its server part lower-cased: `...@s.whatsapp.net` (user), `...@lid`, `...@g.us`
 *   (group), `...@newsletter` (channel). It must then match the spec's pattern.
 * Anything else throws a RyzeApiError of kind `invalid_input` whose message says what is accepted.
 */
export const parseChatId = (input: string): ChatId => toChatId(input);

/** Like parseChatId, for a person only: a group or a channel throws `invalid_input` (they cannot be blocked). */
export const parseContactId = (input: string): ChatId<ContactKind> => toChatId(input, true) as ChatId<ContactKind>;

/** The `number` to send for a phone number or JID (see parseChatId): `+55 (11) 99999-9999` -> `5511999999999`. */
export const normalizeNumber = (input: string): Schemas['ChatNumber'] => parseChatId(input).number;

/** The accepted `duration` spellings, exactly as the spec lists them (generated from `MuteDuration`). */
export type MuteDuration = Schemas['MuteDuration'];

/** Seconds the server reports in `duration` for each spelling: 28800 (8 hours), 604800 (a week), 0 (no end). */
export const MUTE_DURATION_SECONDS = {
  '8h': 28800,
  '8 hours': 28800,
  '1w': 604800,
  '7d': 604800,
  '1 week': 604800,
  always: 0,
  forever: 0,
  permanent: 0,
  '': 0,
} as const satisfies Record<MuteDuration, Schemas['MuteChatResponse']['duration']>;

/** Every accepted `duration` spelling. */
export const MUTE_DURATIONS = /* @__PURE__ */ Object.keys(MUTE_DURATION_SECONDS) as MuteDuration[];

/** True for a documented spelling, exactly as written (case and spaces matter on the wire). */
export const isMuteDuration = (value: unknown): value is MuteDuration =>
  typeof value === 'string' && Object.hasOwn(MUTE_DURATION_SECONDS, value);

/**
 * Reads a duration typed by a person: trims it, lower-cases it and collapses runs of spaces, then returns the
 * documented spelling (`' 8 Hours '` -> `'8 hours'`, `'1W'` -> `'1w'`). Anything else throws a RyzeApiError
 * of kind `invalid_input` listing the accepted spellings.
 */
export function parseMuteDuration(input: string): MuteDuration {
  const value = typeof input === 'string' ? input.trim().toLowerCase().replace(/\s+/g, ' ') : input;
  if (isMuteDuration(value)) return value;
  throw invalidDuration();
}

/** The refusal of a duration outside the documented set. */
export const invalidDuration = (operation?: string) =>
  invalidInput(`duration: not one of ${MUTE_DURATIONS.map((d) => `"${d}"`).join(', ')}`, operation);

type MutedFor = Exclude<Schemas['MuteChatResponse']['duration'], 0>;

/** A mute response read without ambiguity: `duration: 0` means "no end" when muted and "not muted" otherwise. */
export type MuteState =
  | { muted: false; permanent: false; seconds: 0; until: null }
  | { muted: true; permanent: true; seconds: null; until: null }
  | { muted: true; permanent: false; seconds: MutedFor; until: Date };

/**
 * Reads a mute/unmute response: `{ muted, permanent, seconds, until }`. `seconds` is the window (`null` when
 * it has no end, `0` when not muted); `until` is when a timed mute ends, counted from `receivedAt` (default:
 * now). Throws a RyzeApiError of kind `invalid_input` unless the value is one of the four documented mute
 * responses exactly (the same check as the client's, DECISIONS.md C-03).
 */
export function readMuteResponse(
  response: Schemas['MuteChatResponse'],
  receivedAt: Date | number = Date.now(),
): MuteState {
  if (!isMuteChatResponse(response)) throw invalidInput('readMuteResponse: not a mute response');
  const { muted, duration } = response;
  if (!muted) return { muted, permanent: false, seconds: 0, until: null };
  if (!duration) return { muted, permanent: true, seconds: null, until: null };
  return { muted, permanent: false, seconds: duration, until: new Date(Number(receivedAt) + duration * 1000) };
}
