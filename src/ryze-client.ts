// The client people import: one method per action over openapi-fetch and the generated types, with exact
// parameter types, one error class, rate-limit state, timeouts and retries. Every type comes from
// generated/schema.d.ts, so nothing here can drift from the spec. The whole of it, openapi-fetch included,
// must stay within 4.5 KB min+gzip (scripts/check-size.mjs): input normalisation lives in the helpers.
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../generated/schema.js';
import { type AuthScheme, PRODUCTION_BASE_URL, authHeader } from './api-client.js';
import { RyzeApiError, type RyzeApiErrorInit, invalidInput } from './errors.js';
import { type RateLimit, parseRateLimit } from './rate-limit.js';

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

/** What `onRetry` is told before each wait. */
export interface RetryInfo {
  /** The attempt that failed (1 for the first request). */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why the attempt failed. */
  error: RyzeApiError;
}

/**
 * Retries. What is retried: network failures, timeouts, and the statuses 429, 502, 503 and 504 (both
 * operations are idempotent). Never any other status: a 4xx does not succeed on a second try, and a 500 may
 * be a bug that repeating only hides. Every number is a whole number of ms up to 2^31-1.
 */
export interface RetryOptions {
  /** Requests in all, the first included (1 or more). Default 3. */
  attempts?: number;
  /** Backoff: the wait after the n-th failure is `baseDelayMs * 2^(n-1)`, capped at `maxDelayMs`, then
   * scaled by a random factor from 0.5 to 1 (jitter). Defaults 300 and 5000. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After a 429, wait until `X-RateLimit-Reset` if it is at most this far away; farther, the 429 is thrown
   * at once. Default 60000 (the window is one minute). */
  maxRateLimitWaitMs?: number;
  /** Called before each wait (for logs or metrics). */
  onRetry?: (info: RetryInfo) => void;
  /** How to wait (default: setTimeout, ended early by the signal). Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random numbers in [0, 1) for jitter. Default Math.random. */
  random?: () => number;
  /** The current time in ms, for the 429 wait when the response has no `Date` header. Default Date.now. */
  now?: () => number;
}

export interface RyzeClientOptions {
  /** Account token or instance token. Sent in a header only; never in a URL, a message or inspect output. */
  token: string;
  /** Default `https://ryzeapi.cloud`. The local mock: `http://127.0.0.1:4010`. */
  baseUrl?: string;
  /** `'token'` (the `token` header, default) or `'bearer'` (`Authorization: Bearer`). */
  auth?: AuthScheme;
  /** A fetch implementation (tests, proxies, other runtimes). Default: the global fetch. */
  fetch?: (input: Request) => Promise<Response>;
  /** Time limit of each attempt in ms, response body included. Default 30000; `0` or `false` for none. */
  timeoutMs?: number | false;
  /** Retry options, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** A `User-Agent` header. None by default (browsers would need it allowed by CORS). */
  userAgent?: string;
  /** Extra headers sent with every request (for example `Prefer` when talking to the mock). */
  headers?: Record<string, string>;
  /** Called with the rate-limit state of every response to a method call that carries it, errors included.
   * An exception it throws rejects the call as it is (it is not retried or wrapped). */
  onRateLimit?: (rateLimit: RateLimit, response: Response) => void;
}

export interface RyzeClient {
  /** Blocks a person (`block: true`). A group or channel is refused (`invalid_input`) before any request. */
  blockContact<P extends BlockContactParams>(params: Exact<P, BlockContactParams>, options?: CallOptions): Promise<Schemas['BlockContactResponse']>;
  /** Unblocks a person (`block: false`). */
  unblockContact<P extends UnblockContactParams>(params: Exact<P, UnblockContactParams>, options?: CallOptions): Promise<Schemas['BlockContactResponse']>;
  /** Mutes a chat (`mute: true`) for `duration` (default: no end). Read the result with readMuteResponse. */
  muteChat<P extends MuteChatParams>(params: Exact<P, MuteChatParams>, options?: CallOptions): Promise<Schemas['MuteChatResponse']>;
  /** Unmutes a chat (`mute: false`). */
  unmuteChat<P extends UnmuteChatParams>(params: Exact<P, UnmuteChatParams>, options?: CallOptions): Promise<Schemas['MuteChatResponse']>;
  /** The rate-limit state of the last response to a method call that carried it (success or error), or
   * `undefined`. Calls through `api` do not change it: read their headers with parseRateLimit. */
  readonly rateLimit: RateLimit | undefined;
  /** The raw openapi-fetch client (`{ data, error, response }`), authenticated; no retries, timeouts, input
   * checks or thrown errors. */
  readonly api: Client<paths>;
}

type Operation = keyof typeof OPERATIONS;

// Each method sets one field on one route, `/api/chat/<field>/{instance}` with `<field>: value`; the success
// body reports the final state in `blocked` or `muted`.
const OPERATIONS = {
  blockContact: ['block', true, 'blocked'],
  unblockContact: ['block', false, 'blocked'],
  muteChat: ['mute', true, 'muted'],
  unmuteChat: ['mute', false, 'muted'],
} as const;

const KINDS: Record<number, RyzeApiError['kind']> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
};

/** 502, 503 and 504: `unavailable`, and retried like 429. */
const isUnavailable = (status: number) => status > 501 && status < 505;

/** The abort reason of a timed-out attempt. */
const TIMEOUT = {};

/** The default wait: a timer that the signal ends early (the retry loop then sees the abort). Never rejects. */
const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

/** Creates the client. Bad options throw a TypeError that never repeats the token. */
export function createRyzeClient(options: RyzeClientOptions): RyzeClient {
  const { token, baseUrl = PRODUCTION_BASE_URL, userAgent, onRateLimit, timeoutMs = 30_000, retry } = options;
  const {
    attempts = 3,
    baseDelayMs = 300,
    maxDelayMs = 5000,
    maxRateLimitWaitMs = 60_000,
    onRetry,
    sleep = wait,
    random = Math.random,
    now = Date.now,
  } = retry === false ? { attempts: 1 } : (retry ?? {});
  // No credentials, query or fragment: a token must never ride in a URL.
  if (!/^https?:\/\/[^/?#@\s]+(\/[^?#\s]*)?$/i.test(baseUrl)) {
    throw new TypeError('baseUrl must be an http(s) URL without credentials, query or fragment');
  }
  const time = +timeoutMs;
  if (![attempts - 1, baseDelayMs, maxDelayMs, maxRateLimitWaitMs, time].every((n) => n >= 0 && n < 2 ** 31 && n % 1 === 0)) {
    throw new TypeError('timeoutMs and the retry options must be whole numbers from 0 to 2^31-1 (attempts from 1)');
  }
  // The token travels as a base header of the openapi-fetch client (never in the URL); authHeader checks it.
  const [authName, authValue] = authHeader(token, options.auth);
  const baseHeaders = { ...options.headers, ...(userAgent && { 'User-Agent': userAgent }), [authName]: authValue };
  // Header values the runtime refuses (a line break in userAgent...) fail here with its TypeError, not later as a
  // retried network error. The token was checked above, so the runtime's message cannot repeat it.
  new Headers(baseHeaders);
  const api = createClient<paths>({
    baseUrl,
    // The global fetch is looked up at each call, not now: a fetch installed later (MSW, a test spy) is used.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    headers: baseHeaders,
  });
  let last: RateLimit | undefined;

  // The JSON-escaped token: what a body that echoes it contains.
  const needle = JSON.stringify(token).slice(1, -1);
  /** What the server sent, with the token cut out should a server ever echo it. */
  const redact = <T>(value: T): T => {
    try {
      return value && JSON.parse(JSON.stringify(value).split(needle).join('[redacted]'));
    } catch {
      return '[redacted]' as T;
    }
  };

  async function call(operation: Operation, params: MuteChatParams, { signal, headers }: CallOptions = {}): Promise<never> {
    const [field, on, state] = OPERATIONS[operation];
    const { instance, number, duration } = params ?? {};
    // Sent as given (the types say what is allowed; normalise human input with normalizeNumber), but a group or
    // a channel is refused before any request: only people can be blocked.
    if (field === 'block' && /@(g\.us|newsletter)$/i.test(number)) {
      throw invalidInput('number: only a person can be blocked, not a group or channel', operation);
    }
    const body = { number, [field]: on, duration };
    try {
      new Headers(headers);
    } catch {
      throw invalidInput('invalid headers', operation);
    }

    for (let attempt = 1; ; attempt++) {
      const fail = (init: object, message = '') =>
        new RyzeApiError({ message: `${operation}: ${message}`, attempts: attempt, operation, ...init } as RyzeApiErrorInit);
      if (signal?.aborted) throw fail({ kind: 'aborted', cause: signal.reason, attempts: attempt - 1 }, 'aborted');
      // One controller per attempt joins the caller's signal and the time limit (none without either: a signal
      // on the Request costs fetch a few µs).
      const controller = time || signal ? new AbortController() : undefined;
      const abort = () => controller!.abort(signal!.reason);
      const timer = time && setTimeout(() => controller!.abort(TIMEOUT), time);
      signal?.addEventListener('abort', abort);
      let error: RyzeApiError;
      let delay: number | undefined = -1; // -1: exponential backoff; undefined: no retry
      let result: { data?: string; error?: unknown; response: Response } | undefined;
      try {
        result = (await api.POST(`/api/chat/${field}/{instance}`, {
          params: { path: { instance } },
          body,
          parseAs: 'text',
          signal: controller?.signal,
          headers,
        } as never)) as never;
      } catch (cause) {
        const kind = controller?.signal.reason === TIMEOUT ? 'timeout' : signal?.aborted ? 'aborted' : 'network';
        error = fail(
          { kind, cause: kind === 'aborted' ? signal?.reason : cause },
          kind === 'timeout' ? `no response within ${time} ms` : kind === 'aborted' ? 'aborted' : `no response from ${baseUrl}`,
        );
        if (kind === 'aborted') delay = undefined;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      }
      if (result) {
        const { data, response } = result;
        const { ok, status } = response;
        const rateLimit = parseRateLimit(response.headers);
        if (rateLimit) {
          last = rateLimit;
          onRateLimit?.(rateLimit, response);
        }
        let value = ok ? data : result.error;
        try {
          value = JSON.parse(data!);
          // A light check that this is the documented body, so the return type does not lie.
          if ((value as Record<string, unknown>).success === true && typeof (value as Record<string, unknown>)[state] === 'boolean') {
            return value as never;
          }
        } catch {}
        const upstream = (value as { error?: { message?: unknown } } | null)?.error?.message;
        error = fail(
          {
            kind: ok
              ? 'invalid_response'
              : (KINDS[status] ?? (isUnavailable(status) ? 'unavailable' : status >= 500 ? 'server' : 'unexpected_status')),
            status,
            response,
            rateLimit,
            body: redact(value),
            ...(!ok && typeof upstream === 'string' && upstream && { message: redact(upstream) }),
          },
          `HTTP ${status} with an unexpected body`,
        );
        if (status !== 429 && !isUnavailable(status)) delay = undefined;
        else if (rateLimit && status === 429) {
          // Wait for the reset, on the server's clock (its Date header) when the response has one.
          const reset = rateLimit.reset * 1000 - (Date.parse(response.headers.get('date')!) || now());
          if (reset > maxRateLimitWaitMs) delay = undefined;
          else if (reset > 0) delay = Math.ceil(reset + random() * baseDelayMs);
        }
      }
      if (delay === undefined || attempt >= attempts) throw error!;
      // Exponential backoff with jitter: base * 2^(attempt-1), capped, times a random factor from 0.5 to 1.
      if (delay < 0) delay = Math.round(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random() / 2));
      onRetry?.({ attempt, delayMs: delay, error: error! });
      await sleep(delay, signal);
    }
  }

  const client = {
    api,
    get rateLimit() {
      return last;
    },
  } as RyzeClient;
  // One method per operation of the table above.
  for (const operation of Object.keys(OPERATIONS) as Operation[]) {
    (client as unknown as Record<Operation, unknown>)[operation] = (params: MuteChatParams, options?: CallOptions) =>
      call(operation, params, options);
  }
  return client;
}
