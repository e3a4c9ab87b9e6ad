// The verifier against the project's own sandbox, in every mode: it must find nothing to report. In-process
// (createSandbox, and the MSW handlers) and over HTTP (startMockServer), zero configuration, seeded with tokens and instances, with the
// limit raised and with a limit so low that the run must wait for windows to reset. The sandbox's virtual clock
// stands in for every wait, so no test waits in real time. DECISIONS V-03, V-07.
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../src/mock/server.js';
import { createSandbox, type SandboxSeed } from '../src/mock/sandbox.js';
import { createRyzeHandlers } from '../src/msw.js';
import { MAX_REQUESTS, MIN_INTERVAL_MS } from '../src/verify/index.js';
import { INSTANCE, JID, TOKEN, checksWith, clockOf, runVerify } from './verify/helpers.js';

const SEEDED: SandboxSeed = {
  accounts: { acme: { tokens: [TOKEN] } },
  instances: { [INSTANCE]: { account: 'acme' }, 'other-instance': { account: 'acme', connected: false } },
  clock: { start: '2031-05-01T12:00:00Z', frozen: true },
};

/** What every conformant run shows: the 21 requests answered, nothing failed, the state put back. */
function expectConformant(run: Awaited<ReturnType<typeof runVerify>>) {
  expect(checksWith(run.report, 'fail'), run.text).toEqual([]);
  expect(run.code).toBe(0);
  expect(run.report.outcome).toBe('conforms');
  expect(run.report.requests).toBeLessThanOrEqual(MAX_REQUESTS);
  // Every answer but the wrong token's, which depends on the mode (200 without declared tokens, else 401).
  const statuses = run.report.steps.filter((s) => s.id !== 'wrong-token').map((s) => s.response?.status);
  expect(statuses).toEqual([200, 401, 404, ...Array(7).fill(400), ...Array(10).fill(200)]);
  expect(run.report.endState).toEqual({ contact: 'unblocked (request 15)', chat: 'unmuted (request 21)' });
  expect(run.text).toContain('Result: CONFORMS');
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
}

describe('in-process (createSandbox)', () => {
  it('zero configuration: conforms; the one warning is the wrong token it accepts on purpose', async () => {
    const sandbox = createSandbox();
    const run = await runVerify(sandbox.fetch, clockOf(sandbox));
    expectConformant(run);
    expect(checksWith(run.report, 'warn')).toEqual(['wrong-token status']);
    // The sandbox remembers what the run did: the contact is unblocked and the chat unmuted at the end.
    expect(sandbox.state().instances[INSTANCE]).toMatchObject({ blocked: [], muted: [] });
  });

  it('seeded with tokens and instances, on a frozen clock in 2031: conforms with no warning at all', async () => {
    const sandbox = createSandbox(SEEDED);
    const run = await runVerify(sandbox.fetch, clockOf(sandbox));
    expectConformant(run);
    expect(checksWith(run.report, 'warn')).toEqual([]);
    const wrongToken = run.report.steps.find((s) => s.id === 'wrong-token')!;
    expect(wrongToken.response).toMatchObject({
      status: 401,
      body: { success: false, error: { message: 'Invalid token' } },
    });
    // Reset is judged against the server's Date (2031), not this machine's clock.
    expect(run.report.steps[0]!.response?.headers.date).toMatch(/2031/);
  });

  it('with the limit raised: conforms, and warns that the limit is not the documented 100', async () => {
    const sandbox = createSandbox({ rateLimit: { limit: 5000 } });
    const run = await runVerify(sandbox.fetch, clockOf(sandbox));
    expectConformant(run);
    expect(checksWith(run.report, 'warn')).toEqual(['precondition documented limit', 'wrong-token status']);
  });

  it('with a limit of 5 per minute: waits for each window to reset instead of drawing a 429', async () => {
    const sandbox = createSandbox({ ...SEEDED, rateLimit: { limit: 5, windowSeconds: 60 } });
    const clock = clockOf(sandbox);
    const run = await runVerify(sandbox.fetch, clock);
    expectConformant(run);
    expect(run.report.steps.some((s) => s.response?.status === 429)).toBe(false);
    // 18 requests with the user's token at 5 per window: at least three waits of most of a window.
    expect(clock.waits.filter((ms) => ms > 30_000).length).toBeGreaterThanOrEqual(3);
  });

  it('paces requests at least 600 ms apart in the sandbox clock, and the sandbox counts them all', async () => {
    const sandbox = createSandbox(SEEDED);
    const starts: number[] = [];
    const run = await runVerify(async (input, init) => {
      starts.push(sandbox.now().getTime());
      return sandbox.fetch(input, init);
    }, clockOf(sandbox));
    expectConformant(run);
    expect(starts).toHaveLength(21);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
    // The user's token made 19 requests (two went without one or with the wrong token), all in one window.
    expect(run.report.steps.filter((s) => s.request.auth === 'token' || s.request.auth === 'bearer')).toHaveLength(19);
    expect(sandbox.rateLimit(TOKEN)).toMatchObject({ limit: 100, remaining: 100 - 19 });
  });

  it('another client spending the token first: one 429, a wait for the reset, one retry, and still no drift', async () => {
    const sandbox = createSandbox(SEEDED);
    for (let i = 0; i < 100; i += 1) {
      await sandbox.fetch(`http://127.0.0.1/api/chat/mute/${INSTANCE}`, {
        method: 'POST',
        headers: { token: TOKEN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ number: '5511999999999', mute: false }),
      });
    }
    const run = await runVerify(sandbox.fetch, clockOf(sandbox));
    expect(run.report.steps[0]).toMatchObject({ id: 'precondition', response: { status: 429 } });
    expect(run.report.steps[1]).toMatchObject({
      id: 'precondition',
      title: expect.stringMatching(/retry after 429/),
      response: { status: 200 },
    });
    expect(checksWith(run.report, 'fail'), run.text).toEqual([]);
    expect(checksWith(run.report, 'warn')).toEqual(['precondition status']);
    expect(run.code).toBe(0);
    expect(run.report.requests).toBe(22);
  });
});

describe('in-process through MSW (createRyzeHandlers)', () => {
  it('seeded, with the production URL intercepted: conforms, and no request leaves the process', async () => {
    const handlers = createRyzeHandlers({ seed: SEEDED });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const run = await runVerify((input, init) => fetch(input, init), clockOf(handlers.sandbox), {
        baseUrl: 'https://ryzeapi.cloud',
      });
      expectConformant(run);
      expect(checksWith(run.report, 'warn')).toEqual([]);
      expect(run.report.baseUrl).toBe('https://ryzeapi.cloud');
      expect(handlers.sandbox.state().instances[INSTANCE]).toMatchObject({ blocked: [], muted: [] });
    } finally {
      server.close();
    }
  });
});

describe('over HTTP (startMockServer)', () => {
  let mock: RunningMockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('zero configuration: conforms', async () => {
    mock = await startMockServer({ port: 0, host: '127.0.0.1' });
    const run = await runVerify((input, init) => fetch(input, init), clockOf(mock), { baseUrl: mock.url });
    expectConformant(run);
    expect(checksWith(run.report, 'warn')).toEqual(['wrong-token status']);
  });

  it('seeded: conforms with no warning, and the contact JID is echoed', async () => {
    mock = await startMockServer({ port: 0, host: '127.0.0.1', seed: SEEDED });
    const run = await runVerify((input, init) => fetch(input, init), clockOf(mock), { baseUrl: mock.url });
    expectConformant(run);
    expect(checksWith(run.report, 'warn')).toEqual([]);
    expect(run.report.steps.find((s) => s.id === 'block')?.response?.body).toMatchObject({
      contact_jid: JID,
      blocked: true,
    });
  });

  it('seeded with the instance disconnected: stops after the first request and says why (exit 2)', async () => {
    mock = await startMockServer({
      port: 0,
      host: '127.0.0.1',
      seed: { ...SEEDED, instances: { [INSTANCE]: { account: 'acme', connected: false } } },
    });
    const run = await runVerify((input, init) => fetch(input, init), clockOf(mock), { baseUrl: mock.url });
    expect(run.code).toBe(2);
    expect(run.report).toMatchObject({
      outcome: 'setup',
      requests: 1,
      problem: expect.stringMatching(/not connected to WhatsApp/),
    });
    expect(checksWith(run.report, 'fail')).toEqual(['precondition status']);
  });
});
