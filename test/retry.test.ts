// src/retry.ts: retry timing as a pure function of the attempt, the error and the settings (DECISIONS.md C-07),
// driven by a table; nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { RyzeApiError, type RyzeApiErrorInit } from '../src/errors.js';
import { type RetrySettings, retryDelay, retrySettings, wait } from '../src/retry.js';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const settings = (changes: Partial<RetrySettings> = {}): RetrySettings => ({
  ...retrySettings(),
  random: () => 0.5,
  now: () => NOW,
  ...changes,
});

/** An error of `kind` with a response of `status` and these headers. */
function error(kind: RyzeApiErrorInit['kind'], status = 0, headers: Record<string, string> = {}): RyzeApiError {
  if (!status) return new RyzeApiError({ kind, message: kind } as RyzeApiErrorInit);
  const reset = headers['x-ratelimit-reset'];
  return new RyzeApiError({
    kind,
    message: kind,
    status,
    response: new Response(null, { status, headers }),
    rateLimit: reset === undefined ? undefined : { limit: 100, remaining: 0, reset: Number(reset) },
  } as RyzeApiErrorInit);
}
const inSeconds = (s: number) => String(NOW / 1000 + s);

describe('retryDelay', () => {
  it.each<[string, RyzeApiError, number, number | undefined]>([
    // kind, attempt, expected wait: backoff is 300 * 2^(attempt-1), times 0.75 (random 0.5)
    ['network, 1st attempt', error('network'), 1, 225],
    ['timeout, 2nd attempt', error('timeout'), 2, 450],
    ['unavailable 503', error('unavailable', 503), 1, 225],
    ['unavailable 502, 3rd attempt of 3: none left', error('unavailable', 502), 3, undefined],
    ['bad_request', error('bad_request', 400), 1, undefined],
    ['unauthorized', error('unauthorized', 401), 1, undefined],
    ['not_found', error('not_found', 404), 1, undefined],
    ['server 500', error('server', 500), 1, undefined],
    ['unexpected_status', error('unexpected_status', 409), 1, undefined],
    ['invalid_response', error('invalid_response', 200), 1, undefined],
    ['redirect', error('redirect', 302), 1, undefined],
    ['response_too_large', error('response_too_large', 200), 1, undefined],
    ['aborted', error('aborted'), 1, undefined],
    ['callback_failed', error('callback_failed'), 1, undefined],
    ['invalid_input', error('invalid_input'), 1, undefined],
    [
      '429 with a reset in 12 s: the reset plus jitter (0.5 * 300)',
      error('rate_limited', 429, { 'x-ratelimit-reset': inSeconds(12) }),
      1,
      12_150,
    ],
    [
      '429 with a reset 61 s away: thrown at once',
      error('rate_limited', 429, { 'x-ratelimit-reset': inSeconds(61) }),
      1,
      undefined,
    ],
    [
      '429 with a reset in the past: backoff',
      error('rate_limited', 429, { 'x-ratelimit-reset': inSeconds(-5) }),
      1,
      225,
    ],
    ['429 without rate-limit headers: backoff', error('rate_limited', 429), 2, 450],
    ['429 on the last attempt', error('rate_limited', 429, { 'x-ratelimit-reset': inSeconds(1) }), 3, undefined],
  ])('%s', (_, failure, attempt, expected) => {
    expect(retryDelay(attempt, failure, settings())).toBe(expected);
  });

  it("counts a 429's reset on the server's clock when it sent a Date header", () => {
    const date = new Date(NOW - 3_600_000); // the server is an hour behind the local clock
    const failure = error('rate_limited', 429, {
      'x-ratelimit-reset': String(date.getTime() / 1000 + 20),
      date: date.toUTCString(),
    });
    expect(retryDelay(1, failure, settings())).toBe(20_150);
  });

  it('backoff doubles, is capped at maxDelayMs, and jitter spans half to all of it', () => {
    const capped = settings({ attempts: 10, baseDelayMs: 100, maxDelayMs: 500 });
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, error('network'), { ...capped, random: () => 0 }))).toEqual([
      50, 100, 200, 250, 250,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, error('network'), { ...capped, random: () => 0.999999 }))).toEqual([
      100, 200, 400, 500, 500,
    ]);
  });
});

describe('retrySettings', () => {
  it('applies the documented defaults; false means one attempt', () => {
    expect(retrySettings()).toMatchObject({
      attempts: 3,
      baseDelayMs: 300,
      maxDelayMs: 5000,
      maxRateLimitWaitMs: 60_000,
      sleep: wait,
      random: Math.random,
      now: Date.now,
    });
    expect(retrySettings(false).attempts).toBe(1);
    expect(retrySettings({ attempts: 5, baseDelayMs: 1 })).toMatchObject({
      attempts: 5,
      baseDelayMs: 1,
      maxDelayMs: 5000,
    });
  });
});

describe('wait', () => {
  it('resolves after the time, or at once when the signal aborts', async () => {
    const started = Date.now();
    await wait(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4);
    const controller = new AbortController();
    const long = wait(3_600_000, controller.signal);
    controller.abort();
    await expect(long).resolves.toBeUndefined();
  });
});
