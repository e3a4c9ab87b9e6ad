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
 * - `redirect`: the server answered with a 3xx (in a browser, an opaque redirect: status 0), or the fetch given
 *   in the options followed a redirect. Redirects are never followed (DECISIONS.md C-01).
 * - `unexpected_status`: any other status, which the contract does not document.
 * - `invalid_response`: a 2xx whose body is not the documented success body of the method (not JSON, the wrong
 *   shape, a variant the method cannot answer: DECISIONS.md C-03).
 * - `response_too_large`: the body went past `maxResponseBytes` (C-04); reading stopped there and `body` is
 *   `undefined`.
 * - `network`: no response (DNS, connection refused or reset, CORS refusal); the cause is in `cause`.
 * - `timeout`: no complete response within `timeoutMs`.
 * - `aborted`: the caller's `AbortSignal` fired; its reason is in `cause`.
 * - `callback_failed`: a function given in the options (`onRateLimit`, `onRetry`, `sleep`, `random`, `now`)
 *   threw; what it threw is in `cause` (C-05). The request may have taken effect.
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
  | WithResponse<'server' | 'redirect' | 'unexpected_status' | 'invalid_response' | 'response_too_large', number>
  | WithoutResponse<NoResponseKind>;

type NoResponseKind = 'network' | 'timeout' | 'aborted' | 'callback_failed' | 'invalid_input';
export type RyzeApiErrorKind = RyzeApiErrorDetails['kind'];
/** The kinds that come with a response. */
type ResponseKind = Exclude<RyzeApiErrorKind, NoResponseKind>;

/** The fields every RyzeApiError has, whatever its kind. */
export interface RyzeApiErrorBase extends Error {
  readonly name: 'RyzeApiError';
  readonly kind: RyzeApiErrorKind;
  /** The server's `error.message` when the body is the error envelope, exactly as sent (only a token it echoes is
   * replaced: DECISIONS.md C-02); otherwise a description. */
  readonly message: string;
  /** The rate-limit headers of the (last) response, when it had them. */
  readonly rateLimit: RateLimit | undefined;
  /** The response body: parsed JSON when it was JSON, else the text; `undefined` when there was none or it was
   * too large. */
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
  operation?: string | undefined;
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

/** The kinds of the statuses that have their own. */
const STATUS_KINDS: Record<number, ResponseKind> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

/** The kind of any other status, by its class (status / 100): 0 (a browser's opaque redirect), 1xx and 3xx are
 * `redirect` (C-01), 2xx `invalid_response`, 4xx `unexpected_status`, 5xx `server`. A Response's status is 0 or
 * from 200 to 599 (the Fetch standard), so every status has a kind. */
const CLASS_KINDS: ResponseKind[] = [
  'redirect',
  'redirect',
  'invalid_response',
  'redirect',
  'unexpected_status',
  'server',
];

/**
 * The kind of a response that is not a success: `redirect` for a response the fetch in use reached by following a
 * redirect, whatever its status (C-01); else by status, then by class.
 */
export function errorKind({ status, redirected }: Pick<Response, 'status' | 'redirected'>): ResponseKind {
  return redirected ? 'redirect' : (STATUS_KINDS[status] ?? CLASS_KINDS[(status / 100) | 0]!);
}

/** The kind of a request that threw instead of answering: the time limit, the caller's signal, or the network. */
export function thrownKind(timedOut: boolean, aborted: boolean | undefined): 'timeout' | 'aborted' | 'network' {
  if (timedOut) return 'timeout';
  return aborted ? 'aborted' : 'network';
}

/** A client-side refusal (kind `invalid_input`), thrown before any request is sent. */
export const invalidInput = (message: string, operation?: string): RyzeApiError =>
  new RyzeApiError({
    kind: 'invalid_input',
    message: operation ? `${operation}: ${message}` : message,
    attempts: 0,
    operation,
  });
