// Prism, two ways. Bare `prism mock` on the bundle is what many teams would use as "the mock": the verifier must
// flag where it differs from the contract (it answers every request with the first example, so an unblock says
// "blocked"). And `prism proxy`, which the README offers for checking an application's own traffic, must report a
// drifted answer that passes through it (`sl-violations`, its log, and a 500 with --errors) and stay quiet for a
// conformant one.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../src/mock/server.js';
import { INSTANCE, TOKEN, checksWith, manualClock, runVerify } from './verify/helpers.js';
import { startDriftProxy, type DriftProxy } from './verify/proxy.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRISM = join(root, 'node_modules', '.bin', 'prism');
const SPEC = join(root, 'generated', 'openapi.json');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface Prism {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** `prism <args>` on a free loopback port, resolved once it listens. */
async function startPrism(args: string[]): Promise<Prism> {
  const port = await freePort();
  const child: ChildProcess = spawn(PRISM, [...args, '-p', String(port), '-h', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((ready, fail) => {
    const timer = setInterval(() => {
      if (/Prism is listening/.test(output)) {
        clearInterval(timer);
        ready();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      fail(new Error(`prism exited (${code}): ${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

describe('bare `prism mock` on the bundle', () => {
  let prism: Prism;
  beforeAll(async () => {
    prism = await startPrism(['mock', SPEC]);
  }, 60_000);
  afterAll(async () => {
    await prism?.stop();
  });

  it('is flagged: first-example answers, fixed JIDs and rate limits, generic messages, a foreign error body', async () => {
    const run = await runVerify((input, init) => fetch(input, init), manualClock(), { baseUrl: prism.url });
    expect(run.code).toBe(1);
    const failed = new Set(checksWith(run.report, 'fail'));
    const flags = [
      // Every valid request gets the first success example: an unblock says "blocked", an unmute "muted for 8 hours".
      'unblock answer fits the request',
      'unblock-again answer fits the request',
      'unmute answer fits the request',
      'mute-1-week answer fits the request',
      'mute-no-end answer fits the request',
      // The example's JID, whatever number was sent.
      'block contact_jid',
      'mute-8h chat_jid',
      // The header examples: a Reset in the past, a Remaining that never moves.
      'precondition Reset ahead',
      'block-again Remaining counts down',
      // Malformed JSON: Prism's own body, not the envelope, and no rate-limit headers.
      'block-malformed-json body',
      'block-malformed-json message',
      'block-malformed-json X-RateLimit-Reset',
      // Validation failures all get the first 400 example.
      'block-no-number message',
      'mute-invalid-duration message',
      'no-instance message',
      // A name longer than the contract allows is a 400, not "not found".
      'foreign-instance status',
    ];
    expect(
      flags.filter((flag) => !failed.has(flag)),
      run.text,
    ).toEqual([]);
    expect(run.report.steps.find((s) => s.id === 'unblock')?.response?.body).toMatchObject({
      blocked: true,
      message: 'Contact blocked successfully',
    });
    expect(run.report.steps.find((s) => s.id === 'block-malformed-json')?.response?.body).toEqual({
      error: { code: 'invalid_json', message: 'Invalid JSON' },
    });
    // Any token works, which the report shows as a warning, not as drift.
    expect(checksWith(run.report, 'warn')).toEqual(['wrong-token status']);
    // It cannot show the contact unblocked or the chat unmuted, so it says so.
    expect(run.report.endState.contact).toMatch(/^NOT confirmed/);
    expect(run.report.endState.chat).toMatch(/^NOT confirmed/);
  });
});

describe("`prism proxy`: an application's own traffic checked against the same contract", () => {
  let mock: RunningMockServer;
  let upstream: DriftProxy;
  /** What the upstream does to a block answer: nothing, rename contact_jid, or name another person (valid JID). */
  let drifted: false | 'renamed' | 'other-person' = false;
  const proxies: Prism[] = [];
  const block = (url: string) =>
    fetch(`${url}/api/chat/block/${INSTANCE}`, {
      method: 'POST',
      headers: { token: TOKEN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: '5511988887777', block: true }),
    });

  beforeAll(async () => {
    mock = await startMockServer({ port: 0, host: '127.0.0.1' });
    // The upstream: the sandbox as it is, or, once `drifted` is set, with contact_jid renamed.
    upstream = await startDriftProxy(mock.url, (_, body) => {
      const { contact_jid, ...rest } = body as Record<string, unknown>;
      if (!drifted || contact_jid === undefined) return body;
      return drifted === 'renamed'
        ? { ...rest, contactJid: contact_jid }
        : { ...rest, contact_jid: '5511977776666@s.whatsapp.net' };
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.stop()));
    await upstream?.close();
    await mock?.close();
  });

  it('passes a conformant answer through untouched, and names a drifted one in sl-violations and its log, never logging the token', async () => {
    const prism = await startPrism(['proxy', SPEC, upstream.url]);
    proxies.push(prism);
    drifted = false;
    const conformant = await block(prism.url);
    expect(conformant.status).toBe(200);
    expect(conformant.headers.get('sl-violations')).toBeNull();
    expect(await conformant.json()).toMatchObject({ contact_jid: '5511988887777@s.whatsapp.net', blocked: true });

    drifted = 'renamed';
    const response = await block(prism.url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ contactJid: '5511988887777@s.whatsapp.net' });
    const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]') as {
      location: string[];
      message: string;
    }[];
    expect(violations).toContainEqual(
      expect.objectContaining({
        location: ['response', 'body'],
        message: "Response body must have required property 'contact_jid'",
      }),
    );
    await new Promise((done) => setTimeout(done, 200));
    expect(prism.output()).toContain(
      "Violation: response.body Response body must have required property 'contact_jid'",
    );
    expect(prism.output()).toContain(
      "Violation: response.body Response body must NOT have additional properties; found 'contactJid'",
    );
    expect(prism.output()).not.toContain(TOKEN);

    // Schemas only: an answer about another person is valid JSON Schema, so Prism lets it pass; the verifier's
    // pair check (the JID of the number sent) is what catches it.
    drifted = 'other-person';
    const otherPerson = await block(prism.url);
    expect(await otherPerson.json()).toMatchObject({ contact_jid: '5511977776666@s.whatsapp.net' });
    expect(otherPerson.headers.get('sl-violations')).toBeNull();
  }, 60_000);

  it('with --errors, a drifted answer becomes a 500 that names the violation', async () => {
    const strict = await startPrism(['proxy', SPEC, upstream.url, '--errors']);
    proxies.push(strict);
    drifted = 'renamed';
    const refused = await block(strict.url);
    expect(refused.status).toBe(500);
    expect(refused.headers.get('sl-violations')).toContain("required property 'contact_jid'");
  }, 60_000);
});
