// The client options every tool call of ryzeapi-chat-mcp uses (MCP_CLIENT_OPTIONS, A-09), driven through the client
// as docs/mcp.md states them: three attempts in all, 15 s per attempt, a 429 waited out only when its window resets
// within 10 s.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRyzeClient, type RyzeApiError } from '../../src/index.js';
import { MCP_CLIENT_OPTIONS } from '../../src/mcp/config.js';
import { BLOCKED, envelope, hang, instantSleep, json, scriptedFetch, TOKEN } from '../helpers/fake-fetch.js';

type Step = Parameters<typeof scriptedFetch>[number];

function toolClient(...steps: Step[]) {
  const scripted = scriptedFetch(...steps);
  const { sleep, waits } = instantSleep();
  const client = createRyzeClient({
    token: TOKEN,
    fetch: scripted.fetch,
    ...MCP_CLIENT_OPTIONS,
    retry: { ...MCP_CLIENT_OPTIONS.retry, sleep, random: () => 0.5 },
  });
  return { client, scripted, waits };
}

const call = (client: ReturnType<typeof createRyzeClient>) =>
  client.blockContact({ instance: 'my-instance', number: '5511999999999' }).then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error as RyzeApiError }),
  );

const resetIn = (seconds: number) => String(Math.ceil(Date.now() / 1000) + seconds);
const limited =
  (seconds: number): Step =>
  () =>
    json(429, envelope('Rate limit exceeded'), { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': resetIn(seconds) });

afterEach(() => {
  vi.useRealTimers();
});

describe("ryzeapi-chat-mcp's client options, as docs/mcp.md states them", () => {
  it('three attempts in all for a 503, then the error', async () => {
    const { client, scripted, waits } = toolClient(() => json(503, envelope('Instance is not connected')));
    const outcome = await call(client);
    expect('error' in outcome && outcome.error.kind).toBe('unavailable');
    expect(scripted.count).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('a 429 whose window resets within 10 s is waited out; one that resets later comes back at once', async () => {
    const soon = toolClient(limited(5), () => json(200, BLOCKED));
    expect('value' in (await call(soon.client))).toBe(true);
    expect(soon.scripted.count).toBe(2);
    expect(soon.waits[0]).toBeGreaterThan(0);
    expect(soon.waits[0]).toBeLessThanOrEqual(10_000);

    const later = toolClient(limited(30), () => json(200, BLOCKED));
    const outcome = await call(later.client);
    expect('error' in outcome && outcome.error.kind).toBe('rate_limited');
    expect(later.scripted.count).toBe(1);
    expect(later.waits).toEqual([]);
  });

  it('an attempt may take 15 s: still waiting at 14999 ms, timed out at 15000', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, scripted } = toolClient(hang);
    let done = false;
    const outcome = call(client).then((result) => {
      done = true;
      return result;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(done).toBe(false);
    expect(scripted.requests[0]!.request.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(scripted.requests[0]!.request.signal.aborted).toBe(true);
    await vi.runAllTimersAsync();
    const result = await outcome;
    expect('error' in result && result.error.kind).toBe('timeout');
    expect(scripted.count).toBe(3);
  });
});
