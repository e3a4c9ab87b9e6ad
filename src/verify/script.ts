// The verifier's script: the requests it sends, in order, and what the contract says each must get back. Bodies are
// the documented ones; the expected messages are the spec's named examples (stable names, DECISIONS D-20), so no
// wording is kept here. The order makes the run safe against a real account (DECISIONS V-02): a harmless request
// first that proves the token reaches the instance, then the refusals (whose bodies change nothing even if a server
// wrongly accepted them), then the state changes, which end with the contact unblocked and the chat unmuted.
// Browser-safe.

/** How a request carries credentials. `wrong`: a token that cannot be valid. */
export type Auth = 'token' | 'bearer' | 'none' | 'wrong';
/** Which instance a request names: the user's, a name no account can have, or none (empty path segment). */
export type InstanceKind = 'own' | 'impossible' | 'empty';

/** How the answer's `error.message` must compare with a documented example's. */
export type MessageRule =
  | { example: string; match: 'equals' }
  /** The text before the example's `: ` detail (`Invalid request body`), D-07. */
  | { example: string; match: 'prefix' }
  /** The example's text with the value sent after the `: ` (`Invalid duration: 5y`). */
  | { example: string; match: 'echo'; value: string };

export interface Expectation {
  /** The statuses that conform. More than one when the answer depends on the account (403 or 404). */
  statuses: number[];
  /** The documented message of a 400 answer. Other statuses use DOCUMENTED_WORDING. */
  message?: MessageRule;
  /** Statuses the contract allows but that mean the check could not test what it meant to: a warning, not drift. */
  tolerated?: Record<number, string>;
  /** A success answer must be the variant its request selects (`x-match-request`) and name the JID of `number`. */
  agrees?: boolean;
  /** `blocked_count` moves by at most one, in the direction of the operation (D-13, V-06). */
  blockedCount?: 'block' | 'unblock';
}

export interface Step {
  id: string;
  title: string;
  operationId: 'blockContact' | 'muteChat';
  auth: Auth;
  instance: InstanceKind;
  /** A JSON body, or `raw` text sent as is (malformed JSON). */
  body: Record<string, unknown> | { raw: string };
  expect: Expectation;
  /** A documented refusal of this request means the setup is wrong (token, instance, connection): stop, exit 2. */
  precondition?: boolean;
}

/** The most requests one run sends, retries and restores included. */
export const MAX_REQUESTS = 30;
/** A token that no server can know. */
export const WRONG_TOKEN = 'ryzeapi-chat-verify-not-a-real-token';
/** The value sent as an unknown `duration`: the one the mute page's own example uses. */
export const INVALID_DURATION = '5y';

/**
 * Statuses whose wording the upstream pages document, and the examples that hold it: every 401 wording (the
 * guide lists seven), `Instance not found`, the 429 text and `Instance is not connected to WhatsApp`. 403 and
 * 500 wordings are not documented (D-03): any non-blank message conforms.
 */
export const DOCUMENTED_WORDING: Record<number, string[] | 'all'> = {
  401: 'all',
  404: ['instanceNotFound'],
  429: ['rateLimitExceeded'],
  503: ['instanceNotConnected'],
};

const ACCEPTED_ANY_TOKEN =
  'the server accepted a token that cannot be valid, so it checks no tokens: a real RyzeAPI answers 401 Invalid token. ' +
  'The zero-configuration sandbox does this on purpose; seed it with tokens to check this answer';

/** The script for a test contact (`number` as sent, already normalised) and a group JID to send to block. */
export function buildScript(number: string, groupJid: string): Step[] {
  const block = (value: boolean) => ({ number, block: value });
  const mute = (duration?: string) => ({ number, mute: true, ...(duration === undefined ? {} : { duration }) });
  const unmute = { number, mute: false };
  const ok = (extra: Partial<Expectation> = {}): Expectation => ({ statuses: [200], agrees: true, ...extra });
  const bad = (message?: MessageRule): Expectation => ({ statuses: [400], ...(message ? { message } : {}) });
  const step = (
    id: string,
    title: string,
    operationId: Step['operationId'],
    body: Step['body'],
    expect: Expectation,
    more: Partial<Step> = {},
  ): Step => ({
    id,
    title,
    operationId,
    auth: 'token',
    instance: 'own',
    body,
    expect,
    ...more,
  });
  return [
    step(
      'precondition',
      'unmute the chat: proves the token reaches the instance and it is connected',
      'muteChat',
      unmute,
      ok(),
      { precondition: true },
    ),
    step('no-token', 'no token at all', 'blockContact', block(false), { statuses: [401] }, { auth: 'none' }),
    step(
      'wrong-token',
      'a token that cannot be valid',
      'blockContact',
      block(false),
      { statuses: [401], tolerated: { 200: ACCEPTED_ANY_TOKEN } },
      { auth: 'wrong' },
    ),
    step(
      'foreign-instance',
      'an instance name no account can have',
      'blockContact',
      block(false),
      { statuses: [403, 404] },
      { instance: 'impossible' },
    ),
    step(
      'no-instance',
      'an empty instance name',
      'muteChat',
      unmute,
      bad({ example: 'instanceNameRequired', match: 'equals' }),
      { instance: 'empty' },
    ),
    step(
      'block-malformed-json',
      'block with malformed JSON',
      'blockContact',
      { raw: `{"number": "${number}", "block": tru` },
      bad({ example: 'invalidRequestBody', match: 'prefix' }),
    ),
    step(
      'block-no-number',
      'block without number',
      'blockContact',
      { block: false },
      bad({ example: 'numberRequired', match: 'equals' }),
    ),
    step(
      'block-group',
      'block a group (only people can be blocked)',
      'blockContact',
      { number: groupJid, block: false },
      bad(),
    ),
    step(
      'mute-malformed-json',
      'mute with malformed JSON',
      'muteChat',
      { raw: `{"number": "${number}", "mute": fals` },
      bad({ example: 'invalidRequestBody', match: 'prefix' }),
    ),
    step(
      'mute-no-number',
      'mute without number',
      'muteChat',
      { mute: false },
      bad({ example: 'numberRequired', match: 'equals' }),
    ),
    step(
      'mute-invalid-duration',
      `mute with duration "${INVALID_DURATION}"`,
      'muteChat',
      mute(INVALID_DURATION),
      bad({ example: 'invalidDuration', match: 'echo', value: INVALID_DURATION }),
    ),
    step('block', 'block the contact', 'blockContact', block(true), ok({ blockedCount: 'block' })),
    step('block-again', 'block it again (idempotent)', 'blockContact', block(true), ok({ blockedCount: 'block' })),
    step('unblock', 'unblock the contact', 'blockContact', block(false), ok({ blockedCount: 'unblock' })),
    step(
      'unblock-again',
      'unblock it again (idempotent)',
      'blockContact',
      block(false),
      ok({ blockedCount: 'unblock' }),
    ),
    step('mute-8h', 'mute for 8 hours', 'muteChat', mute('8h'), ok()),
    step('mute-1-week', 'mute for one week', 'muteChat', mute('1 week'), ok()),
    step('mute-no-end', 'mute with no end ("always")', 'muteChat', mute('always'), ok()),
    step('mute-no-duration', 'mute without a duration', 'muteChat', mute(), ok()),
    step('unmute', 'unmute the chat', 'muteChat', unmute, ok()),
    step('unmute-bearer', 'unmute again, token sent as Authorization: Bearer', 'muteChat', unmute, ok(), {
      auth: 'bearer',
    }),
  ];
}

/** A body as sent: JSON text, or the raw text. */
export function bodyText(body: Step['body']): string {
  return 'raw' in body && typeof body.raw === 'string' && Object.keys(body).length === 1
    ? body.raw
    : JSON.stringify(body);
}
