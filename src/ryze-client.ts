// The client people import: one method per operation over createApiClient (openapi-fetch and the generated
// types), with exact parameter types, one error class, rate-limit state, timeouts, retries, a response size cap,
// exact success bodies and a token that never shows (DECISIONS.md C-01 to C-08). Every type comes from
// generated/schema.d.ts, so nothing here can drift from the spec. The whole of it, openapi-fetch included, is held to
// a size budget (scripts/check-size.mjs): input normalisation lives in the helpers.
import type { Client } from 'openapi-fetch';
import type { components, paths } from '../generated/schema.js';
import { type ApiClientOptions, PRODUCTION_BASE_URL, createApiClient, globalFetch } from './api-client.js';
import { type Received, attemptSignal, receive } from './attempt.js';
import { RyzeApiError, type RyzeApiErrorInit, type RyzeApiErrorKind, errorKind, thrownKind } from './errors.js';
import { type RateLimit, parseRateLimit } from './rate-limit.js';
import { redactor } from './redact.js';
import { type RetryOptions, retryDelay, retrySettings } from './retry.js';
import { isWhole } from './numbers.js';
import { isBlockContactResponse, isMuteChatResponse } from './success-body.js';

type Schemas = components['schemas'];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * `T` with no keys beyond those of `Shape`: a parameter typed `Exact<P, Shape>` (with `P extends Shape`
 * inferred from the argument) refuses unknown keys even when the argument is a variable, not a literal.
 */
export type Exact<T, Shape> = T & { [K in Exclude<keyof T, keyof Shape>]: never };

/** The instance (path parameter) every method takes. */
type WithInstance = { instance: components['parameters']['Instance'] };
/** `blockContact` / `unblockContact`: the request body less `block`, plus the instance. */
export type BlockContactParams = Simplify<WithInstance & Omit<Schemas['BlockContactRequest'], 'block'>>;
export type UnblockContactParams = BlockContactParams;
/** `muteChat`: the mute request body less `mute`, plus the instance. */
export type MuteChatParams = Simplify<WithInstance & Omit<Schemas['MuteRequest'], 'mute'>>;
/** `unmuteChat`: the unmute request body less `mute` and the ignored `duration`, plus the instance. */
export type UnmuteChatParams = Simplify<WithInstance & Omit<Schemas['UnmuteRequest'], 'mute' | 'duration'>>;

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call, including any wait between retries; the call then throws kind `aborted`. */
  signal?: AbortSignal;
  /** Extra headers for this call (e.g. `Prefer` for the mock), merged over the client's. */
  headers?: Record<string, string>;
}

/** The options of createApiClient (token, auth, baseUrl, fetch, headers), and these. */
export interface RyzeClientOptions extends ApiClientOptions {
  /** Default `https://ryzeapi.cloud`. The local mock: `http://127.0.0.1:4010`. No credentials, query or fragment. */
  baseUrl?: string;
  /** Time limit of each attempt in ms, response body included. Default 30000; `0` or `false` for none. */
  timeoutMs?: number | false;
  /** Retry options, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Most bytes of a response body the client reads (after decompression); past it the call fails with kind
   * `response_too_large` and is not retried (DECISIONS.md C-04). Default 1048576 (1 MiB). */
  maxResponseBytes?: number;
  /** The `User-Agent` header to send. Without it the runtime's own goes out (Node.js's fetch sends `node`);
   * a browser sends its own and may ignore this (C-06). */
  userAgent?: string;
  /** Called with the rate-limit state of every response to a method call that carries it, errors included.
   * If it throws, the call fails with kind `callback_failed` (C-05). */
  onRateLimit?: (rateLimit: RateLimit, response: Response) => void;
}

export interface RyzeClient {
  /** Blocks a person (`block: true`); resolves only to a body that says the contact is blocked (C-03). A group or
   * channel is refused (`invalid_input`) before any request. */
  blockContact<P extends BlockContactParams>(
    params: Exact<P, BlockContactParams>,
    options?: CallOptions,
  ): Promise<Schemas['BlockContactResponse']>;
  /** Unblocks a person (`block: false`); resolves only to a body that says the contact is not blocked. */
  unblockContact<P extends UnblockContactParams>(
    params: Exact<P, UnblockContactParams>,
    options?: CallOptions,
  ): Promise<Schemas['BlockContactResponse']>;
  /** Mutes a chat (`mute: true`) for `duration` (default: no end); resolves only to a muted variant. Read the
   * result with readMuteResponse. */
  muteChat<P extends MuteChatParams>(
    params: Exact<P, MuteChatParams>,
    options?: CallOptions,
  ): Promise<Schemas['MuteChatResponse']>;
  /** Unmutes a chat (`mute: false`); resolves only to the unmuted variant. */
  unmuteChat<P extends UnmuteChatParams>(
    params: Exact<P, UnmuteChatParams>,
    options?: CallOptions,
  ): Promise<Schemas['MuteChatResponse']>;
  /** The rate-limit state of the last response to a method call that carried it (success or error), or
   * `undefined`. Calls through `api` do not change it: read their headers with parseRateLimit. */
  readonly rateLimit: RateLimit | undefined;
  /** The raw openapi-fetch client (`{ data, error, response }`), authenticated, redirects not followed; no
   * retries, timeouts, size cap, input checks or thrown errors. */
  readonly api: Client<paths>;
}

/**
 * One method, as data: the field it sets on `/api/chat/<field>/{instance}` and the value it sets it to, what it
 * refuses before sending (kind `invalid_input`), and the documented success bodies it accepts (C-03: their shape,
 * and the state the method sets).
 */
export interface Operation<P, R> {
  field: 'block' | 'mute';
  value: boolean;
  refuse?: ((params: P) => string | undefined) | undefined;
  accepts(body: unknown): body is R;
}

/** Only a person can be blocked (D-12): a group or channel is refused before any request. */
const refusePeople = ({ number }: BlockContactParams) =>
  /@(g\.us|newsletter)$/i.test(number) ? 'number: only a person can be blocked, not a group or channel' : undefined;

/** The method that sets `field` to `value`; `isSuccess(body, value)` checks its success body. */
const operation = <P, R>(
  field: Operation<P, R>['field'],
  value: boolean,
  isSuccess: (body: unknown, state: boolean) => body is R,
  refuse?: (params: P) => string | undefined,
): Operation<P, R> => ({ field, value, refuse, accepts: (body): body is R => isSuccess(body, value) });

/** The method of each name. */
export const OPERATIONS = {
  blockContact: operation('block', true, isBlockContactResponse, refusePeople),
  unblockContact: operation('block', false, isBlockContactResponse, refusePeople),
  muteChat: operation<MuteChatParams, Schemas['MuteChatResponse']>('mute', true, isMuteChatResponse),
  unmuteChat: operation<UnmuteChatParams, Schemas['MuteChatResponse']>('mute', false, isMuteChatResponse),
};

/** Why any call is refused before any request (kind `invalid_input`), or undefined. */
function refusal(params: unknown, headers: Record<string, string>): string | undefined {
  if (!params || typeof params !== 'object') return 'params must be an object';
  try {
    new Headers(headers);
  } catch {
    return 'invalid headers';
  }
}

/** The body as JSON when it parses, else its text; `undefined` when empty or past the size cap. */
function parseBody(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

// No credentials, query or fragment: a token must never ride in a URL.
const BASE_URL = /^https?:\/\/[^/?#@\s]+(\/[^?#\s]*)?$/i;

/** Creates the client. Bad options throw a TypeError that never repeats the token. */
export function createRyzeClient(options: RyzeClientOptions): RyzeClient {
  const {
    token,
    baseUrl = PRODUCTION_BASE_URL,
    userAgent,
    onRateLimit,
    timeoutMs = 30_000,
    maxResponseBytes = 1_048_576,
  } = options;
  if (!BASE_URL.test(baseUrl))
    throw new TypeError('baseUrl must be an http(s) URL without credentials, query or fragment');
  const retry = retrySettings(options.retry);
  const time = +timeoutMs;
  if (
    ![
      retry.attempts - 1,
      retry.baseDelayMs,
      retry.maxDelayMs,
      retry.maxRateLimitWaitMs,
      time,
      maxResponseBytes - 1,
    ].every(isWhole)
  ) {
    throw new TypeError(
      'timeoutMs, maxResponseBytes and the retry numbers must be whole numbers up to 2^31-1 (attempts and maxResponseBytes from 1)',
    );
  }
  // createApiClient attaches the token and checks it and every header value. The methods send through a client of
  // their own, so middleware added to `api` applies to `api` calls only.
  const apiOptions = {
    ...options,
    baseUrl,
    headers: { ...options.headers, ...(userAgent && { 'User-Agent': userAgent }) },
  };
  const api = createApiClient(apiOptions);
  const methodApi = createApiClient(apiOptions);
  const clientFetch = options.fetch ?? globalFetch;
  const redact = redactor(token);
  let last: RateLimit | undefined;

  /** A method call: attempts, with waits between them, until a success or a failure that is not retried (C-07). */
  async function call<P, R>(
    name: string,
    { field, value, refuse, accepts }: Operation<P, R>,
    params: P,
    { signal, headers = {} }: CallOptions = {},
  ): Promise<R> {
    let count = 0;
    /** A RyzeApiError of this call after `count` requests, saying `<method>: <message>` unless `more` has a message. */
    const fail = (kind: RyzeApiErrorKind, message: string, more?: Partial<RyzeApiErrorInit>) =>
      new RyzeApiError({
        kind,
        message: `${name}: ${message}`,
        attempts: count,
        operation: name,
        ...more,
      } as RyzeApiErrorInit);
    /** Runs a function given in the options; what it throws or rejects with ends the call (C-05). */
    const guard = async <T>(message: string, run: () => T | Promise<T>) => {
      try {
        return await run();
      } catch (cause) {
        throw fail('callback_failed', message, { cause });
      }
    };

    /** One attempt: the method's success body (C-03), or a thrown RyzeApiError (C-01, C-02, C-04, C-05). */
    const attempt = async (): Promise<R> => {
      const limit = attemptSignal(signal, time);
      const { instance, ...fields } = params as P & WithInstance;
      let received: Received;
      try {
        // The body: the parameters less `instance`, with the field the method sets. Its type is the method's
        // parameter type (RyzeClient), which openapi-fetch cannot see through the generic `P`, hence the cast.
        const send = (fetch: (request: Request) => Promise<Response>) =>
          methodApi.POST(`/api/chat/${field}/{instance}` as const, {
            params: { path: { instance } },
            body: { ...fields, [field]: value } as never,
            signal: limit.signal ?? null,
            headers,
            fetch,
          });
        received = await receive(send, clientFetch, maxResponseBytes);
      } catch (cause) {
        const kind = thrownKind(limit.timedOut(), signal?.aborted);
        const message = { timeout: `no response within ${time} ms`, network: `no response from ${baseUrl}` }[
          kind as string
        ];
        throw fail(kind, message ?? kind, { cause: kind === 'aborted' ? signal?.reason : redact.error(cause) });
      } finally {
        limit.release();
      }
      const { response, text } = received;
      const rateLimit = parseRateLimit(response.headers);
      if (rateLimit) {
        last = rateLimit;
        if (onRateLimit) await guard('onRateLimit threw', () => onRateLimit(rateLimit, response));
      }
      const body = parseBody(text);
      if (response.ok && !response.redirected && accepts(body)) return body;
      const kind = text === undefined ? 'response_too_large' : errorKind(response);
      const { status } = response;
      // These kinds always get our message ('': the default one below); any other takes the server's own
      // `error.message` when it sent the envelope (C-02).
      const ours = {
        redirect: `HTTP ${status} redirect, not followed`,
        response_too_large: `response body over ${maxResponseBytes} bytes`,
        invalid_response: '',
      }[kind as string];
      const upstream = ours === undefined && (body as { error?: { message?: unknown } } | undefined)?.error?.message;
      throw fail(kind, ours || `HTTP ${status} with an unexpected body`, {
        status,
        response: redact.response(response),
        rateLimit,
        body: redact.value(body),
        ...(typeof upstream === 'string' && upstream && { message: redact.text(upstream) }),
      });
    };

    const refused = refusal(params, headers) ?? refuse?.(params);
    if (refused) throw fail('invalid_input', refused);
    for (;;) {
      if (signal?.aborted) throw fail('aborted', 'aborted', { cause: signal.reason });
      count++;
      try {
        return await attempt();
      } catch (error) {
        const delay = await guard('a retry option threw', async () => {
          const ms = retryDelay(count, error as RyzeApiError, retry);
          if (ms !== undefined) {
            retry.onRetry?.({ attempt: count, delayMs: ms, error: error as RyzeApiError });
            await retry.sleep(ms, signal);
          }
          return ms;
        });
        if (delay === undefined) throw error;
      }
    }
  }

  return {
    api,
    get rateLimit() {
      return last;
    },
    ...(Object.fromEntries(
      Object.entries(OPERATIONS).map(([name, operation]) => [
        name,
        (params: unknown, options?: CallOptions) =>
          call(name, operation as Operation<unknown, unknown>, params, options),
      ]),
    ) as Omit<RyzeClient, 'api' | 'rateLimit'>),
  };
}
