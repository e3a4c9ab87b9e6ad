// Pacing, as pure functions: how long to wait before the next request so that the run stays under the documented
// rate limit (100 requests per minute per token, DECISIONS D-14), and how long to wait for a window to reset when
// the server says none is left. The runner (./run.ts) calls them with an injectable clock. Browser-safe.

/** The documented limit of both chat operations: 100 requests per 60-second window, per token. */
export const DOCUMENTED_LIMIT = 100;
export const DOCUMENTED_WINDOW_MS = 60_000;
/** One request every 600 ms: never faster than the documented limit, even in a burst (V-03). */
export const MIN_INTERVAL_MS = DOCUMENTED_WINDOW_MS / DOCUMENTED_LIMIT;
/** Added to a reset wait: Reset is in whole seconds and clocks differ a little. */
export const RESET_MARGIN_MS = 1_000;

/** What the last answer for a token said about its window, and when it came. */
export interface WindowSeen {
  remaining: number;
  /** X-RateLimit-Reset, Unix seconds. */
  reset: number;
  /** The server's time of the answer (its Date header, else this machine's clock), ms. */
  serverNow: number;
  /** This machine's clock when the answer came, ms. */
  receivedAt: number;
}

/** The wait that keeps requests at least MIN_INTERVAL_MS apart. */
export function intervalWait(lastStart: number | undefined, now: number, interval = MIN_INTERVAL_MS): number {
  return lastStart === undefined ? 0 : Math.max(0, lastStart + interval - now);
}

/**
 * The wait until a spent window resets: Reset minus the server's time of the last answer, less the time since,
 * plus a margin. A Reset that is not ahead of the server's time, or more than a window ahead, is not trusted: then
 * the wait is one documented window.
 */
export function resetWait(seen: WindowSeen, now: number): number {
  const ahead = seen.reset * 1000 - seen.serverNow;
  if (!(ahead > 0) || ahead > DOCUMENTED_WINDOW_MS + RESET_MARGIN_MS) return DOCUMENTED_WINDOW_MS;
  return Math.max(0, ahead - (now - seen.receivedAt)) + RESET_MARGIN_MS;
}

/** The wait before a request for a token whose last answer is `seen`: interval, and the reset when none is left. */
export function waitBefore(lastStart: number | undefined, seen: WindowSeen | undefined, now: number): number {
  const interval = intervalWait(lastStart, now);
  return seen && seen.remaining <= 0 ? Math.max(interval, resetWait(seen, now)) : interval;
}
