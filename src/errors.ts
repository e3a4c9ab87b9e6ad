// The one error the client throws. `kind` says what happened and narrows `status` and `response`.
import type { RateLimit } from './rate-limit.js';

/** A failure that came with an HTTP response. */
interface WithResponse<K extends string, S extends number> {
  readonly kind: K;
  /** The HTTP status of the (last) response. */
  readonly status: S;
  /** The (last) response. Its body has already been read: see `body`. */
  readonly response: Response;
}

/** A failure without an HTTP response. */
interface WithoutResponse<K extends string> {
  readonly kind: K;
  readonly status: undefined;
  readonly response: undefined;
}

/**
 * What went wrong, by `kind`:
 * - `bad_request` (400), `unauthorized` (401), `forbidden` (403), `not_found` (404), `rate_limited` (429):
 *   the documented error statuses; `message` is the server's `error.message`.
 * - `unavailable` (502, 503, 504): the instance is not connected (503) or a gateway failed.
 * - `server` (500 and any other 5xx).
 * - `unexpected_status`: any other non-2xx status, which the contract does not document.
 * - `invalid_response`: a 2xx whose body is not the documented success body (not JSON, or the wrong shape).
 * - `network`: no response (DNS, connection refused or reset, CORS refusal); the cause is in `cause`.
 * - `timeout`: no complete response within `timeoutMs`.
 * - `aborted`: the caller's `AbortSignal` fired; its reason is in `cause`.
 * - `invalid_input`: refused before any request was sent: a group or channel given to block, or a header
 *   value the runtime cannot send. Other input is sent as given (the types say what is allowed; normalise human
 *   input with the helpers) and a bad value gets the server's documented 400.
 */
export type RyzeApiErrorDetails =
  | WithResponse<'bad_request', 400>
  | WithResponse<'unauthorized', 401>
  | WithResponse<'forbidden', 403>
  | WithResponse<'not_found', 404>
  | WithResponse<'rate_limited', 429>
  | WithResponse<'unavailable', 502 | 503 | 504>
  | WithResponse<'server' | 'unexpected_status' | 'invalid_response', number>
  | WithoutResponse<NoResponseKind>;

type NoResponseKind = 'network' | 'timeout' | 'aborted' | 'invalid_input';
export type RyzeApiErrorKind = RyzeApiErrorDetails['kind'];

/** The fields every RyzeApiError has, whatever its kind. */
export interface RyzeApiErrorBase extends Error {
  readonly name: 'RyzeApiError';
  readonly kind: RyzeApiErrorKind;
  /** The server's `error.message` when the body is the error envelope; otherwise a description. Never the token. */
  readonly message: string;
  /** The rate-limit headers of the (last) response, when it had them. */
  readonly rateLimit: RateLimit | undefined;
  /** The response body: parsed JSON when it was JSON, else the text; `undefined` when there was none. */
  readonly body: unknown;
  /** How many requests were sent (0 for `invalid_input`, more than 1 after retries). */
  readonly attempts: number;
  /** The client method that failed (`blockContact`, `muteChat`...), when a method failed. */
  readonly operation: string | undefined;
}

/** The error thrown by every method of the client and by the helpers. Narrow it with `kind`. */
export type RyzeApiError = RyzeApiErrorBase & RyzeApiErrorDetails;

/** What the constructor takes (tests and wrappers can build one; the client builds them itself). */
export type RyzeApiErrorInit = {
  message: string;
  cause?: unknown;
  rateLimit?: RateLimit | undefined;
  body?: unknown;
  attempts?: number;
  operation?: string;
} & (
  | { kind: Exclude<RyzeApiErrorKind, NoResponseKind>; status: number; response: Response }
  | { kind: NoResponseKind; status?: undefined; response?: undefined }
);

export interface RyzeApiErrorConstructor {
  new (init: RyzeApiErrorInit): RyzeApiError;
  readonly prototype: RyzeApiError;
}

// A class expression, so that the class itself is named RyzeApiError (stack traces, inspect).
const RyzeApiErrorImpl = class RyzeApiError extends Error {
  constructor({ message, cause, ...fields }: RyzeApiErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }
};
RyzeApiErrorImpl.prototype.name = 'RyzeApiError';

/** The error class: `error instanceof RyzeApiError` narrows to the union of kinds. */
export const RyzeApiError = RyzeApiErrorImpl as unknown as RyzeApiErrorConstructor;

/** A client-side refusal (kind `invalid_input`), thrown before any request is sent. */
export const invalidInput = (message: string, operation?: string): RyzeApiError =>
  new RyzeApiError({ kind: 'invalid_input', message: operation ? `${operation}: ${message}` : message, attempts: 0, operation } as RyzeApiErrorInit);
