// The helpers: number/JID normalisation, durations, reading mute responses. Property tests (fast-check) check
// them against the spec's own schemas in the bundle, so the helpers and the contract cannot disagree.
import fc from 'fast-check';
import { loadContract, selectExample } from '../src/mock/contract.js';
import { describe, expect, it } from 'vitest';
import {
  MUTE_DURATIONS,
  MUTE_DURATION_SECONDS,
  RyzeApiError,
  isMuteDuration,
  normalizeNumber,
  parseChatId,
  parseContactId,
  parseMuteDuration,
  readMuteResponse,
} from '../src/index.js';
import { bundle, responseExamples, schemaErrors } from './helpers/spec.js';

const CHAT = '#/components/schemas/ChatNumber';
const CONTACT = '#/components/schemas/ContactNumber';
const SCHEMA_OF_KIND = {
  user: ['#/components/schemas/PhoneNumber', '#/components/schemas/UserJid'],
  lid: ['#/components/schemas/LidJid'],
  group: ['#/components/schemas/GroupJid'],
  newsletter: ['#/components/schemas/NewsletterJid'],
} as const;

/** The RyzeApiError `run` throws. */
function thrown(run: () => unknown): RyzeApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RyzeApiError);
    return error as RyzeApiError;
  }
  throw new Error('expected a RyzeApiError');
}

// Arbitraries: what the spec accepts, and how people write phone numbers.
const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const phone = fc.tuple(fc.constantFrom(...'123456789'), digits(6, 14)).map(([first, rest]) => first + rest);
const id = digits(1, 32);
const specNumber = fc.oneof(
  phone,
  phone.map((p) => `${p}@s.whatsapp.net`),
  id.map((d) => `${d}@lid`),
  fc.tuple(id, fc.option(id)).map(([a, b]) => `${a}${b === null ? '' : `-${b}`}@g.us`),
  id.map((d) => `${d}@newsletter`),
);
const separator = fc.constantFrom(' ', '-', '.', '(', ')', '  ', ' - ', '\t');
/** A phone number as a person might type it: a leading +, separators anywhere, spaces around. */
const formatted = fc
  .tuple(phone, fc.boolean(), fc.array(fc.tuple(fc.nat(), separator), { maxLength: 6 }), fc.constantFrom('', ' ', '\n'))
  .map(([p, plus, cuts, pad]) => {
    let text = p;
    for (const [at, sep] of cuts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + sep + text.slice(i);
    }
    return { digits: p, text: `${pad}${plus ? '+' : ''}${text}${pad}` };
  });
/** Strings near the accepted forms: digits, separators, @, server names, letters. */
const nearMiss = fc.string({
  unit: fc.constantFrom(
    ...'0123456789',
    '+',
    ' ',
    '-',
    '(',
    ')',
    '@',
    'a',
    'x',
    '@s.whatsapp.net',
    '@lid',
    '@g.us',
    '@newsletter',
    '.',
  ),
  maxLength: 40,
});

describe('parseChatId / normalizeNumber', () => {
  it.each([
    ['+55 (11) 99999-9999', 'user', '5511999999999', '5511999999999@s.whatsapp.net'],
    [' 55 11 99999 9999 ', 'user', '5511999999999', '5511999999999@s.whatsapp.net'],
    ['+1.415.555.0100', 'user', '14155550100', '14155550100@s.whatsapp.net'],
    ['5511999999999@S.WhatsApp.NET', 'user', '5511999999999@s.whatsapp.net', '5511999999999@s.whatsapp.net'],
    ['123456789012345@lid', 'lid', '123456789012345@lid', '123456789012345@lid'],
    ['120363025246125486@g.us', 'group', '120363025246125486@g.us', '120363025246125486@g.us'],
    ['5511999999999-1612345678@g.us', 'group', '5511999999999-1612345678@g.us', '5511999999999-1612345678@g.us'],
    ['120363144038483540@Newsletter', 'newsletter', '120363144038483540@newsletter', '120363144038483540@newsletter'],
  ])('%j is a %s: send %j', (input, kind, number, jid) => {
    expect(parseChatId(input)).toEqual({ kind, number, jid });
    expect(normalizeNumber(input)).toBe(number);
  });

  it.each([
    ['empty', ''],
    ['6 digits', '123456'],
    ['16 digits', '1234567890123456'],
    ['a leading 0 (trunk prefix)', '011 99999-9999'],
    ['the 00 international prefix', '00 55 11 99999 9999'],
    ['+0', '+0 55 11 99999'],
    ['a + in the middle', '55+11999999999'],
    ['letters', '55 11 CALL-NOW'],
    ['an unknown server', '5511999999999@c.us'],
    ['a user JID with a short number', '123@s.whatsapp.net'],
    ['a group JID with letters', 'abc@g.us'],
    ['a bare server', '@g.us'],
    ['two @', '1@2@lid'],
    ['full-width digits', '５５１１９９９９９９９９９'],
  ])('%s is refused with invalid_input', (_, input) => {
    const error = thrown(() => parseChatId(input));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toBe('number: not a phone number (7 to 15 digits, country code first) or a WhatsApp JID');
    expect(error.attempts).toBe(0);
  });

  it('non-strings from JavaScript callers are refused the same way', () => {
    for (const input of [undefined, null, 5511999999999, {}, ['5511999999999']]) {
      expect(thrown(() => parseChatId(input as never)).kind).toBe('invalid_input');
    }
  });

  it('parseContactId refuses groups and channels, which cannot be blocked', () => {
    expect(thrown(() => parseContactId('120363025246125486@g.us')).message).toBe('number: a group cannot be blocked');
    expect(thrown(() => parseContactId('120363144038483540@newsletter')).message).toBe(
      'number: a channel cannot be blocked',
    );
    expect(parseContactId('+55 11 99999-9999')).toEqual({
      kind: 'user',
      number: '5511999999999',
      jid: '5511999999999@s.whatsapp.net',
    });
    expect(parseContactId('123@lid').kind).toBe('lid');
  });

  it('property: a formatted phone number normalises to its digits', () => {
    fc.assert(fc.property(formatted, ({ digits: d, text }) => normalizeNumber(text) === d));
  });

  it('property: everything the spec accepts is accepted unchanged, with the kind of the schema that matches', () => {
    fc.assert(
      fc.property(specNumber, (number) => {
        expect(schemaErrors(CHAT, number)).toBe('');
        const parsed = parseChatId(number);
        expect(parsed.number).toBe(number);
        expect(SCHEMA_OF_KIND[parsed.kind].some((ref) => schemaErrors(ref, number) === '')).toBe(true);
        expect(schemaErrors('#/components/schemas/ChatJid', parsed.jid)).toBe('');
      }),
    );
  });

  it('property: whatever it accepts is valid for the spec, and normalising is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nearMiss,
          formatted.map((f) => f.text),
          specNumber,
          fc.string(),
        ),
        (input) => {
          let parsed;
          try {
            parsed = parseChatId(input);
          } catch (error) {
            expect((error as RyzeApiError).kind).toBe('invalid_input');
            return;
          }
          expect(schemaErrors(CHAT, parsed.number)).toBe('');
          expect(parseChatId(parsed.number)).toEqual(parsed);
          // A contact is exactly what ContactNumber accepts.
          expect(schemaErrors(CONTACT, parsed.number) === '').toBe(parsed.kind === 'user' || parsed.kind === 'lid');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('mute durations', () => {
  const spec = (bundle.components.schemas as Record<string, { enum: string[] }>).MuteDuration!.enum;

  it('the set is exactly the spec’s enum, with the seconds the server reports', () => {
    expect([...MUTE_DURATIONS].sort()).toEqual([...spec].sort());
    // The window table of the endpoint page: 8 hours, one week, no end.
    expect(MUTE_DURATION_SECONDS).toEqual({
      '8h': 28800,
      '8 hours': 28800,
      '1w': 604800,
      '7d': 604800,
      '1 week': 604800,
      always: 0,
      forever: 0,
      permanent: 0,
      '': 0,
    });
    for (const d of spec) expect(isMuteDuration(d)).toBe(true);
    // And the spec agrees: each spelling, sent in a mute, selects (x-match-request) an example with those seconds.
    const mute = loadContract(bundle as unknown as Record<string, unknown>).operations.find(
      (o) => o.operationId === 'muteChat',
    );
    for (const d of spec) {
      const answer = selectExample(mute?.responses.get(200) ?? [], {
        number: '5511999999999',
        mute: true,
        duration: d,
      });
      expect((answer!.value as { duration: number }).duration, d).toBe(
        MUTE_DURATION_SECONDS[d as keyof typeof MUTE_DURATION_SECONDS],
      );
    }
    for (const d of ['8H', ' 8h', '8  hours', '1 Week', 'null', '5y', 'toString', '__proto__', 0, null, undefined]) {
      expect(isMuteDuration(d), String(d)).toBe(false);
    }
  });

  it('property: parseMuteDuration reads any case and spacing of a spelling back to the spelling', () => {
    const variant = fc
      .tuple(
        fc.constantFrom(...spec),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.constantFrom('', ' ', '\t', '  '),
        fc.constantFrom(' ', '  ', ' \t'),
      )
      .map(([d, upper, pad, gap]) => ({
        d,
        text:
          pad +
          [...d]
            .map((c, i) => (upper[i % 8] ? c.toUpperCase() : c))
            .join('')
            .replace(/ /g, gap) +
          pad,
      }));
    fc.assert(fc.property(variant, ({ d, text }) => parseMuteDuration(text) === d));
  });

  it('property: anything else is refused with a message listing the spellings', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const normal = text.trim().toLowerCase().replace(/\s+/g, ' ');
        fc.pre(!spec.includes(normal));
        const error = thrown(() => parseMuteDuration(text));
        expect(error.kind).toBe('invalid_input');
        expect(error.message).toBe(
          'duration: not one of "8h", "8 hours", "1w", "7d", "1 week", "always", "forever", "permanent", ""',
        );
      }),
    );
  });
});

describe('readMuteResponse', () => {
  const at = new Date('2026-11-24T10:00:00Z');
  const example = (name: string) =>
    responseExamples.find((e) => e.operationId === 'muteChat' && e.name === name)!.value as never;

  it('tells the two meanings of 0 apart and computes when a timed mute ends (every documented response)', () => {
    expect(readMuteResponse(example('chatUnmuted'), at)).toEqual({
      muted: false,
      permanent: false,
      seconds: 0,
      until: null,
    });
    expect(readMuteResponse(example('chatMutedPermanently'), at)).toEqual({
      muted: true,
      permanent: true,
      seconds: null,
      until: null,
    });
    expect(readMuteResponse(example('chatMuted8Hours'), at)).toEqual({
      muted: true,
      permanent: false,
      seconds: 28800,
      until: new Date('2026-11-24T18:00:00Z'),
    });
    expect(readMuteResponse(example('chatMutedOneWeek'), at.getTime())).toEqual({
      muted: true,
      permanent: false,
      seconds: 604800,
      until: new Date('2026-12-01T10:00:00Z'),
    });
  });

  it('counts from now by default', () => {
    const before = Date.now();
    const { until } = readMuteResponse(example('chatMuted8Hours'));
    expect(until!.getTime()).toBeGreaterThanOrEqual(before + 28800_000);
  });

  it('refuses what is not a mute response', () => {
    for (const value of [
      null,
      undefined,
      {},
      { muted: 'yes', duration: 0 },
      { muted: true, duration: -1 },
      { muted: true, duration: 1.5 },
      { muted: true },
    ]) {
      expect(thrown(() => readMuteResponse(value as never)).message).toBe('readMuteResponse: not a mute response');
    }
  });

  it('refuses a body shaped like a mute response that is none of the four documented ones (C-03)', () => {
    const eightHours = example('chatMuted8Hours') as Record<string, unknown>;
    for (const change of [
      { duration: 3600 }, // a window the API does not have
      { message: 'Chat muted for 1 week' }, // a message that disagrees with its duration
      { muted: false }, // unmuted, yet a window
      { success: false },
      { chat_jid: '5511999999999' }, // not a JID
      { blocked: true, muted: undefined }, // a block response
    ]) {
      const error = thrown(() => readMuteResponse({ ...eightHours, ...change } as never));
      expect(error.kind, JSON.stringify(change)).toBe('invalid_input');
    }
  });
});
