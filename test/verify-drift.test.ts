// Servers that drift from the contract in exactly one way: the seeded sandbox (which conforms, first test) behind a
// fetch wrapper or a small HTTP proxy that changes one thing. Each must be caught with exit 1, and the report must name
// what drifted and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../src/mock/server.js';
import { createSandbox, type SandboxSeed } from '../src/mock/sandbox.js';
import type { VerifyFetch } from '../src/verify/index.js';
import { INSTANCE, TOKEN, checksWith, clockOf, drifting, rewrite, runVerify } from './verify/helpers.js';
import { startDriftProxy, type DriftProxy } from './verify/proxy.js';

const SEED: SandboxSeed = { accounts: { acme: { tokens: [TOKEN] } }, instances: { [INSTANCE]: { account: 'acme' } } };

/** Run the verifier against the seeded sandbox seen through `wrap`. */
async function against(wrap: (fetch: VerifyFetch) => VerifyFetch) {
  const sandbox = createSandbox(SEED);
  const run = await runVerify(wrap(sandbox.fetch), clockOf(sandbox));
  return { ...run, failed: checksWith(run.report, 'fail'), warned: checksWith(run.report, 'warn') };
}

function expectDrift(run: Awaited<ReturnType<typeof against>>) {
  expect(run.code).toBe(1);
  expect(run.report.outcome).toBe('drift');
  expect(run.text).toContain('Result: DRIFT');
  expect(run.warned).toEqual([]);
}

it('the base, seen through a wrapper that changes nothing, conforms: every failure below is the drift', async () => {
  const run = await against((fetch) => drifting(fetch, (_, response) => response));
  expect(run.failed, run.text).toEqual([]);
  expect(run.warned).toEqual([]);
  expect(run.code).toBe(0);
});

describe('one drift each', () => {
  it('a renamed response field: contact_jid becomes contactJid', async () => {
    const run = await against((fetch) =>
      drifting(fetch, (request, response) =>
        request.url.includes('/block/') && response.status === 200
          ? rewrite(response, ({ contact_jid, ...rest }) => ({ ...rest, contactJid: contact_jid }))
          : response,
      ),
    );
    expectDrift(run);
    const steps = ['block', 'block-again', 'unblock', 'unblock-again'];
    expect(run.failed).toEqual(
      steps.flatMap((id) => [`${id} body`, `${id} answer fits the request`, `${id} contact_jid`]),
    );
    expect(run.text).toContain('is missing the required property "contact_jid"');
    expect(run.text).toContain('has a property the schema does not allow: "contactJid"');
    expect(run.text).toContain('[#/components/schemas/ContactBlockedResponse]');
  });

  it('a reworded documented message: "Number is required" becomes "Number field is required"', async () => {
    const run = await against((fetch) =>
      drifting(fetch, (_, response) =>
        response.status === 400
          ? rewrite(response, (body) =>
              body.error.message === 'Number is required'
                ? { ...body, error: { message: 'Number field is required' } }
                : body,
            )
          : response,
      ),
    );
    expectDrift(run);
    expect(run.failed).toEqual(['block-no-number message', 'mute-no-number message']);
    expect(run.text).toContain(
      'FAIL  message: expected "Number is required"; got "Number field is required"  [#/components/examples/NumberRequired]',
    );
    // The summary groups the two failures by the place in the spec they test.
    expect(run.text).toContain(
      'Drift: 2 failed check(s), one kind\n  message [#/components/examples/NumberRequired], 2 requests (7, 10): expected "Number is required"',
    );
  });

  it('a missing rate-limit header: no X-RateLimit-Reset', async () => {
    const run = await against((fetch) =>
      drifting(fetch, (_, response) => {
        const headers = new Headers(response.headers);
        headers.delete('x-ratelimit-reset');
        return new Response(response.body, { status: response.status, headers });
      }),
    );
    expectDrift(run);
    expect(run.failed).toEqual(run.report.steps.map((s) => `${s.id} X-RateLimit-Reset`));
    expect(run.failed).toHaveLength(21);
    expect(run.text).toContain(
      'X-RateLimit-Reset: expected present, a whole number from 0 to 253402300799; got absent  [#/components/headers/X-RateLimit-Reset (D-14)]',
    );
  });

  it('500 for a bad body: malformed JSON gets an internal error instead of the documented 400', async () => {
    const run = await against((fetch) =>
      drifting(fetch, async (request, response) => {
        const text = await request.text();
        try {
          JSON.parse(text);
          return response;
        } catch {
          return rewrite(response, () => ({ success: false, error: { message: 'Internal server error' } }), 500);
        }
      }),
    );
    expectDrift(run);
    expect(run.failed).toEqual(['block-malformed-json status', 'mute-malformed-json status']);
    expect(run.text).toMatch(
      /status: expected 400; got 500 \{"success":false,"error":\{"message":"Internal server error"\}\}/,
    );
  });

  it('an extra field in the error envelope: error.code', async () => {
    const run = await against((fetch) =>
      drifting(fetch, (_, response) =>
        response.status >= 400
          ? rewrite(response, (body) => ({ ...body, error: { ...body.error, code: 'E_RYZE' } }))
          : response,
      ),
    );
    expectDrift(run);
    const errorSteps = run.report.steps.filter((s) => (s.response?.status ?? 0) >= 400).map((s) => `${s.id} body`);
    expect(errorSteps).toHaveLength(10);
    expect(run.failed).toEqual(errorSteps);
    expect(run.text).toContain('/error: has a property the schema does not allow: "code"');
  });

  it('a mute window off by one second: 8 hours answered as 28801 seconds', async () => {
    const run = await against((fetch) =>
      drifting(fetch, (_, response) =>
        response.status === 200
          ? rewrite(response, (body) => (body.duration === 28800 ? { ...body, duration: 28801 } : body))
          : response,
      ),
    );
    expectDrift(run);
    expect(run.failed).toEqual(['mute-8h body', 'mute-8h answer fits the request']);
    expect(run.text).toContain('/duration = 28801: must be 28800; must be <= 28800');
    expect(run.text).toContain('[#/components/schemas/ChatMuted8HoursResponse/properties/duration]');
  });
});

describe('over HTTP, through a small proxy in front of the HTTP sandbox', () => {
  let mock: RunningMockServer;
  let proxy: DriftProxy;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, host: '127.0.0.1', seed: SEED });
    // The one change: unblock answers say the contact is still blocked.
    proxy = await startDriftProxy(mock.url, (request, body) =>
      request.path.includes('/block/') && (body as { blocked?: boolean }).blocked === false
        ? { ...(body as object), blocked: true }
        : body,
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await mock?.close();
  });

  it('catches "blocked" in the answer to an unblock, and cannot confirm the contact unblocked', async () => {
    const run = await runVerify((input, init) => fetch(input, init), clockOf(mock), { baseUrl: proxy.url });
    expect(run.code).toBe(1);
    expect(checksWith(run.report, 'fail')).toEqual([
      'unblock body',
      'unblock answer fits the request',
      'unblock-again body',
      'unblock-again answer fits the request',
      'unblock body',
      'unblock answer fits the request',
    ]);
    // The restore (request 22) is sent because no unblock was confirmed; it too is answered "blocked".
    expect(run.report.steps.at(-1)?.title).toMatch(/\(restore\)$/);
    expect(run.report.requests).toBe(22);
    expect(run.report.endState.contact).toMatch(/^NOT confirmed unblocked/);
    expect(run.text).toContain('/blocked = true: must be false');
  });
});
