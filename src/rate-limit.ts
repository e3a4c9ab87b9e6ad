// Rate-limit state from the X-RateLimit-* headers that every RyzeAPI response carries (DECISIONS.md D-14).

/** The rate-limit window as the server last reported it. */
export interface RateLimit {
  /** Requests the token may make in the current window (100 per minute for the chat routes). */
  limit: number;
  /** Requests left before the window resets; `0` means the next request gets `429`. */
  remaining: number;
  /** When the window resets, in Unix seconds (UTC). `new Date(reset * 1000)` for a Date. */
  reset: number;
}

/**
 * Reads `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (non-negative whole numbers).
 * Returns `undefined` unless all three are present and valid: a response from a proxy (an HTML 502) or a
 * browser that is not allowed to read the headers (CORS `Access-Control-Expose-Headers`) carries none.
 */
export function parseRateLimit(headers: Headers): RateLimit | undefined {
  const rateLimit: Partial<RateLimit> = {};
  for (const name of ['limit', 'remaining', 'reset'] as const) {
    // A missing header is null, which the pattern reads as the text "null": refused like any other bad value.
    const value = headers.get(`x-ratelimit-${name}`) as string;
    if (!/^\d{1,15}$/.test(value)) return undefined;
    rateLimit[name] = +value;
  }
  return rateLimit as RateLimit;
}
