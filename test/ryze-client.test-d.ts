// Type tests of the public API: exact parameters, exact results, narrowing on `kind`, the duration union, the
// options (RyzeClientOptions is ApiClientOptions and more), authMiddleware usable with openapi-fetch.
import type { Client, Middleware } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { components, paths } from '../generated/schema.js';
import {
  type ApiClientOptions,
  type BlockContactParams,
  type RyzeClientOptions,
  authMiddleware,
  type MuteChatParams,
  type MuteDuration,
  type MuteState,
  type RateLimit,
  MUTE_DURATION_SECONDS,
  RyzeApiError,
  createRyzeClient,
  parseChatId,
  parseContactId,
  readMuteResponse,
} from '../src/index.js';
import type * as Schema from '../src/schema.js';

type Schemas = components['schemas'];
const client = createRyzeClient({ token: 't' });
const where = { instance: 'my-instance', number: '5511999999999' };

describe('methods', () => {
  it('return the typed 200 body of their operation', () => {
    expectTypeOf(client.blockContact(where)).resolves.toEqualTypeOf<Schemas['BlockContactResponse']>();
    expectTypeOf(client.unblockContact(where)).resolves.toEqualTypeOf<Schemas['BlockContactResponse']>();
    expectTypeOf(client.muteChat(where)).resolves.toEqualTypeOf<Schemas['MuteChatResponse']>();
    expectTypeOf(client.unmuteChat(where)).resolves.toEqualTypeOf<Schemas['MuteChatResponse']>();
    expectTypeOf(client.rateLimit).toEqualTypeOf<RateLimit | undefined>();
    expectTypeOf(client.api).toEqualTypeOf<Client<paths>>();
  });

  it('take the generated types, less the field the method sets', () => {
    expectTypeOf<BlockContactParams>().toEqualTypeOf<{ instance: string; number: Schemas['ContactNumber'] }>();
    expectTypeOf<MuteChatParams>().toEqualTypeOf<{
      instance: string;
      number: Schemas['ChatNumber'];
      duration?: Schemas['MuteDuration'];
    }>();
    void client.muteChat(
      { ...where, duration: '1 week' },
      { signal: AbortSignal.timeout(1000), headers: { Prefer: 'code=200' } },
    );
  });

  it('refuse unknown keys, in literals and in variables (unlike bare openapi-fetch)', () => {
    // @ts-expect-error `block` is set by the method
    void client.unblockContact({ ...where, block: true });
    const withExtra = { ...where, mute: false };
    // @ts-expect-error an extra key in a variable is refused too
    void client.muteChat(withExtra);
    const withDuration = { ...where, duration: '8h' as const };
    // @ts-expect-error unmuting takes no duration
    void client.unmuteChat(withDuration);
    // @ts-expect-error a typo
    void client.blockContact({ instance: 'i', numbr: '1' });
    // Bare openapi-fetch accepts the same extra key in a variable: the client is stricter.
    const body = { number: '1', block: true, blocked: true };
    void client.api.POST('/api/chat/block/{instance}', { params: { path: { instance: 'i' } }, body });
  });

  it('refuse missing or wrongly typed parameters', () => {
    // @ts-expect-error number is required
    void client.blockContact({ instance: 'i' });
    // @ts-expect-error instance is required
    void client.muteChat({ number: '1' });
    // @ts-expect-error a duration outside the documented set
    void client.muteChat({ ...where, duration: '5y' });
    // @ts-expect-error numbers are strings
    void client.blockContact({ instance: 'i', number: 5511999999999 });
    // @ts-expect-error the signal goes in the options
    void client.blockContact(where, { signl: AbortSignal.abort() });
  });
});

describe('RyzeApiError', () => {
  it('instanceof narrows to the union, and kind narrows status and response', () => {
    const error: unknown = undefined;
    if (error instanceof RyzeApiError) {
      expectTypeOf(error).toEqualTypeOf<RyzeApiError>();
      expectTypeOf(error.message).toEqualTypeOf<string>();
      expectTypeOf(error.rateLimit).toEqualTypeOf<RateLimit | undefined>();
      switch (error.kind) {
        case 'bad_request':
          expectTypeOf(error.status).toEqualTypeOf<400>();
          expectTypeOf(error.response).toEqualTypeOf<Response>();
          break;
        case 'unauthorized':
          expectTypeOf(error.status).toEqualTypeOf<401>();
          break;
        case 'forbidden':
          expectTypeOf(error.status).toEqualTypeOf<403>();
          break;
        case 'not_found':
          expectTypeOf(error.status).toEqualTypeOf<404>();
          break;
        case 'rate_limited':
          expectTypeOf(error.status).toEqualTypeOf<429>();
          break;
        case 'unavailable':
          expectTypeOf(error.status).toEqualTypeOf<502 | 503 | 504>();
          break;
        case 'server':
        case 'redirect':
        case 'unexpected_status':
        case 'invalid_response':
        case 'response_too_large':
          expectTypeOf(error.status).toEqualTypeOf<number>();
          expectTypeOf(error.response).toEqualTypeOf<Response>();
          break;
        case 'network':
        case 'timeout':
        case 'aborted':
        case 'callback_failed':
        case 'invalid_input':
          expectTypeOf(error.status).toEqualTypeOf<undefined>();
          expectTypeOf(error.response).toEqualTypeOf<undefined>();
          break;
        default:
          expectTypeOf(error).toBeNever();
      }
    }
  });
});

describe('options', () => {
  it('RyzeClientOptions is ApiClientOptions plus the client’s own', () => {
    expectTypeOf<RyzeClientOptions>().toMatchTypeOf<ApiClientOptions>();
    expectTypeOf<RyzeClientOptions['maxResponseBytes']>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error the size cap is a number of bytes
    void createRyzeClient({ token: 't', maxResponseBytes: '1MB' });
  });

  it('authMiddleware plugs into an openapi-fetch client without naming openapi-fetch in its type', () => {
    expectTypeOf(authMiddleware('t')).toMatchTypeOf<Middleware>();
    void client.api.use(authMiddleware('t', 'bearer'));
  });
});

describe('helpers', () => {
  it('the duration union comes from the spec, and its seconds are those of the responses', () => {
    expectTypeOf<MuteDuration>().toEqualTypeOf<Schemas['MuteDuration']>();
    expectTypeOf<keyof typeof MUTE_DURATION_SECONDS>().toEqualTypeOf<MuteDuration>();
    expectTypeOf(MUTE_DURATION_SECONDS['8h']).toEqualTypeOf<28800>();
    expectTypeOf(MUTE_DURATION_SECONDS['']).toEqualTypeOf<0>();
    expectTypeOf<(typeof MUTE_DURATION_SECONDS)[MuteDuration]>().toEqualTypeOf<
      Schemas['MuteChatResponse']['duration']
    >();
  });

  it('readMuteResponse narrows: permanent has no seconds, a timed mute has an end', () => {
    const state = readMuteResponse({
      success: true,
      message: 'Chat muted permanently',
      chat_jid: '1@lid',
      muted: true,
      duration: 0,
    });
    expectTypeOf(state).toEqualTypeOf<MuteState>();
    if (state.permanent) expectTypeOf(state.seconds).toEqualTypeOf<null>();
    else if (state.muted) {
      expectTypeOf(state.seconds).toEqualTypeOf<28800 | 604800>();
      expectTypeOf(state.until).toEqualTypeOf<Date>();
    } else expectTypeOf(state.seconds).toEqualTypeOf<0>();
  });

  it('parseContactId only returns people', () => {
    expectTypeOf(parseContactId('1').kind).toEqualTypeOf<'user' | 'lid'>();
    expectTypeOf(parseChatId('1').kind).toEqualTypeOf<'user' | 'lid' | 'group' | 'newsletter'>();
  });
});

describe('ryzeapi-chat-contract/schema', () => {
  it('aliases are the generated schemas', () => {
    expectTypeOf<Schema.BlockContactRequest>().toEqualTypeOf<Schemas['BlockContactRequest']>();
    expectTypeOf<Schema.MuteChatResponse>().toEqualTypeOf<Schemas['MuteChatResponse']>();
    expectTypeOf<Schema.ErrorResponse>().toEqualTypeOf<Schemas['ErrorResponse']>();
    expectTypeOf<Schema.Instance>().toEqualTypeOf<components['parameters']['Instance']>();
    expectTypeOf<Schema.paths>().toEqualTypeOf<paths>();
  });
});
