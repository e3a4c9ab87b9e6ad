// Retry timing as a pure module (DECISIONS.md C-07): which failures are retried and how long to wait, from the
// attempt number, the error and the settings alone. The client's loop only sleeps and calls again.
import type { RyzeApiError } from './errors.js';

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
 * be a bug that repeating only hides. Every number is a whole number of ms up to 2^31-1. A function given here
 * that throws (or a `sleep` that rejects) ends the call with kind `callback_failed` (C-05).
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

/** RetryOptions with every default applied. */
export type RetrySettings = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

/** The kinds of failure worth another attempt. */
const RETRIED: readonly RyzeApiError['kind'][] = ['network', 'timeout', 'rate_limited', 'unavailable'];

/** The default wait: a timer that the signal ends early (the retry loop then sees the abort). Never rejects. */
export const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });

/** The settings for `retry` (`false`: one attempt). Checking the numbers is the caller's job. */
export const retrySettings = (retry: RetryOptions | false = {}): RetrySettings => ({
  attempts: 3,
  baseDelayMs: 300,
  maxDelayMs: 5000,
  maxRateLimitWaitMs: 60_000,
  sleep: wait,
  random: Math.random,
  now: Date.now,
  ...(retry === false ? { attempts: 1 } : retry),
});

/**
 * How long to wait before the attempt after `attempt`, or `undefined` for no more attempts: the error is not
 * retried, the attempts are used up, or a 429's reset is further away than `maxRateLimitWaitMs`. After a 429
 * the wait lasts until `X-RateLimit-Reset` (on the server's clock, its `Date` header, when it sent one) plus
 * jitter. Otherwise, and after a 429 whose reset has passed or that has no rate-limit headers: exponential
 * backoff, `baseDelayMs * 2^(attempt-1)` capped at `maxDelayMs`, times a random factor from 0.5 to 1.
 */
export function retryDelay(attempt: number, error: RyzeApiError, settings: RetrySettings): number | undefined {
  const { attempts, baseDelayMs, maxDelayMs, maxRateLimitWaitMs, random, now } = settings;
  if (attempt >= attempts || !RETRIED.includes(error.kind)) return undefined;
  if (error.kind === 'rate_limited' && error.rateLimit) {
    const reset = error.rateLimit.reset * 1000 - (Date.parse(error.response.headers.get('date') ?? '') || now());
    if (reset > maxRateLimitWaitMs) return undefined;
    if (reset > 0) return Math.ceil(reset + random() * baseDelayMs);
  }
  return Math.round(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random() / 2));
}
