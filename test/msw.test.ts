// The MSW handlers (src/msw.ts, the package's `./msw` export): the shared behaviour table (helpers/mock-cases.ts)
// in-process, through setupServer and through msw's getResponse (no interception); the controls reached through MSW
// under /__sandbox and from code (`handlers.sandbox`), the typed client working against them with no server at all,
// MSW's life-cycle events and other handlers around them, and the install line when a peer is missing.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getResponse, http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../src/api-client.js';
import { createRyzeClient } from '../src/index.js';
import { createSandbox } from '../src/mock/sandbox.js';
import { createRyzeHandlers } from '../src/msw.js';
import { Driver, T0, describeSandboxTable } from './helpers/mock-cases.js';
import { schemaErrors } from './helpers/spec.js';

const BASE = 'https://ryzeapi.cloud';
// Made before server.listen() (the usual order in a test file): the clients must still go through MSW, because
// they look the global fetch up at each call. With the real fetch this would reach the network with the token.
const early = createRyzeClient({ token: 'early-token', baseUrl: BASE, retry: false });
const earlyApi = createApiClient({ token: 'early-token' });
const handlers = createRyzeHandlers();
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describeSandboxTable(() => new Driver({ fetch: (path, init) => fetch(`${BASE}${path}`, init), controls: 'http' }), {
  everyPath: false,
});

/** The README's fetch over msw's getResponse: the handlers' answer, or the error fetch gives when nothing answers. */
function throughHandlers(list: RequestHandler[]) {
  return async (request: Request) => {
    const response = await getResponse(list, request);
    if (!response) throw new TypeError(`No handler answers ${request.method} ${request.url}`);
    return response;
  };
}

describe('through msw getResponse, with no interception', () => {
  const direct = throughHandlers(createRyzeHandlers());
  describeSandboxTable(
    () => new Driver({ fetch: (path, init) => direct(new Request(`${BASE}${path}`, init)), controls: 'http' }),
    { everyPath: false },
  );
});

describe('controls from code', () => {
  it('handlers.sandbox is the sandbox that answers', async () => {
    handlers.sandbox.reset({ clock: { start: T0, frozen: true } });
    const client = createRyzeClient({ token: 'code-controls', retry: false });
    await client.muteChat({ instance: 'my-instance', number: '120363025246125486@g.us', duration: '8h' });
    expect(handlers.sandbox.state().instances['my-instance']?.muted).toEqual([
      { chat: '120363025246125486@g.us', until: '2030-01-01T08:00:00.000Z' },
    ]);
    handlers.sandbox.advance(8 * 3_600_000);
    expect(handlers.sandbox.state().instances['my-instance']?.muted).toEqual([]);
    expect(client.rateLimit).toEqual({ limit: 100, remaining: 99, reset: T0 / 1000 + 60 });
  });

  it('handlers can answer from a sandbox shared with other code', async () => {
    const sandbox = createSandbox({ rateLimit: { limit: 5 } });
    const shared = createRyzeHandlers({ sandbox, baseUrl: 'https://shared.invalid' });
    expect(shared.sandbox).toBe(sandbox);
    server.use(...shared);
    const client = createRyzeClient({ token: 'shared', baseUrl: 'https://shared.invalid', retry: false });
    await client.blockContact({ instance: 'i', number: '5511999999999' });
    const direct = await sandbox.fetch('https://elsewhere.invalid/api/chat/block/i', {
      method: 'POST',
      headers: { token: 'shared', 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: '5511988887777', block: true }),
    });
    expect(await direct.json()).toMatchObject({ blocked_count: 2 });
    expect(direct.headers.get('x-ratelimit-remaining')).toBe('3');
    server.resetHandlers();
  });

  it('a bad seed throws a SandboxSeedError naming the field', () => {
    expect(() => createRyzeHandlers({ seed: { instances: { shop: { tokens: [] } } } })).toThrow(
      expect.objectContaining({
        name: 'SandboxSeedError',
        field: 'instances.shop.tokens',
        message: expect.stringMatching(
          /^Invalid sandbox seed: instances\.shop\.tokens must NOT have fewer than 1 items/,
        ),
      }),
    );
  });
});

describe("MSW's own machinery around the handlers", () => {
  it('fires the life-cycle events of a mocked response, with the answer in response:mocked', async () => {
    const seen: string[] = [];
    for (const name of ['request:start', 'request:match', 'request:end'] as const)
      server.events.on(name, () => seen.push(name));
    server.events.on('response:mocked', async ({ response }) => {
      seen.push(`response:mocked ${response.status} ${((await response.json()) as { blocked?: boolean }).blocked}`);
    });
    try {
      const client = createRyzeClient({ token: 'events', retry: false });
      await client.blockContact({ instance: 'my-instance', number: '5511999999999' });
      await vi.waitFor(() => expect(seen).toContain('response:mocked 200 true'));
      expect(seen.filter((event) => event.startsWith('request:'))).toEqual([
        'request:start',
        'request:match',
        'request:end',
      ]);
    } finally {
      server.events.removeAllListeners();
    }
  });

  it('a handler of yours in front reads the request and falls through; the sandbox answers the same request', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('*/api/chat/*', async ({ request }) => {
        bodies.push(await request.clone().json());
      }),
    );
    try {
      const client = createRyzeClient({ token: 'spied', retry: false });
      const muted = await client.muteChat({ instance: 'my-instance', number: '5511999999999', duration: '8h' });
      expect(muted).toMatchObject({ muted: true, chat_jid: '5511999999999@s.whatsapp.net' });
      expect(bodies).toEqual([{ number: '5511999999999', mute: true, duration: '8h' }]);
    } finally {
      server.resetHandlers();
    }
  });

  it('the README shows the getResponse fetch these tests run, and it never uses the global fetch', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const sample = readme.slice(
      readme.indexOf("import { getResponse } from 'msw';"),
      readme.indexOf('## Use the client'),
    );
    for (const line of [
      'const response = await getResponse(handlers, request);',
      'if (!response) throw new TypeError(`No handler answers ',
      'return response;',
    ])
      expect(sample).toContain(line);
    const handlers = createRyzeHandlers({ seed: { clock: { start: T0, frozen: true } } });
    const direct = createRyzeClient({ token: 'test-token', retry: false, fetch: throughHandlers(handlers) });
    const original = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('the global fetch was called'));
    try {
      await direct.muteChat({ instance: 'my-instance', number: '5511988887777', duration: '8h' });
      expect(handlers.sandbox.state().instances['my-instance']?.muted).toEqual([
        { chat: '5511988887777@s.whatsapp.net', until: '2030-01-01T08:00:00.000Z' },
      ]);
      await expect(throughHandlers(handlers)(new Request(`${BASE}/elsewhere`))).rejects.toThrow(
        `No handler answers GET ${BASE}/elsewhere`,
      );
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe('with the typed client', () => {
  it('the client calls both operations against the handlers, by default URL, with either auth way', async () => {
    for (const auth of ['token', 'bearer'] as const) {
      const api = createApiClient({ token: 'unit-test-token', auth });
      const muted = await api.POST('/api/chat/mute/{instance}', {
        params: { path: { instance: 'my-instance' } },
        body: { number: '5511999999999', mute: true, duration: '7d' },
      });
      expect(muted.response.status).toBe(200);
      expect(muted.data).toMatchObject({ muted: true, duration: 604800, message: 'Chat muted for 1 week' });
      const unblocked = await api.POST('/api/chat/block/{instance}', {
        params: { path: { instance: 'my-instance' } },
        body: { number: '5511999999999', block: false },
      });
      expect(unblocked.data).toMatchObject({ blocked: false });
      expect(schemaErrors('#/components/schemas/BlockContactResponse', unblocked.data)).toBe('');
    }
  });

  it('clients created before server.listen() are answered by the handlers too', async () => {
    expect(await early.unmuteChat({ instance: 'my-instance', number: '5511999999999' })).toMatchObject({
      muted: false,
      duration: 0,
    });
    const { data } = await earlyApi.POST('/api/chat/block/{instance}', {
      params: { path: { instance: 'my-instance' } },
      body: { number: '5511999999999', block: true },
    });
    expect(data).toMatchObject({ blocked: true });
  });

  it('handlers restricted to one origin answer that origin only, and only the sandbox routes', async () => {
    const restricted = createRyzeHandlers({ baseUrl: 'http://127.0.0.1:4010/' });
    expect(restricted).toHaveLength(1);
    const [handler] = restricted;
    const request = (url: string) =>
      new Request(url, {
        method: 'POST',
        headers: { token: 't', 'Content-Type': 'application/json' },
        body: JSON.stringify({ number: '5511999999999', block: true }),
      });
    const mine = await handler!.run({
      request: request('http://127.0.0.1:4010/api/chat/block/my-instance'),
      requestId: 'a',
    });
    expect(mine?.response?.status).toBe(200);
    expect(
      await handler!.run({ request: request('https://ryzeapi.cloud/api/chat/block/my-instance'), requestId: 'b' }),
    ).toBeNull();
    expect(await handler!.run({ request: request('http://127.0.0.1:4010/api/other'), requestId: 'c' })).toBeNull();
    const control = await handler!.run({
      request: new Request('http://127.0.0.1:4010/__sandbox/state'),
      requestId: 'd',
    });
    expect(control?.response?.status).toBe(200);
  });
});

describe('without the optional peers', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const run = (fixture: string, module: string) =>
    promisify(execFile)(
      process.execPath,
      [
        '--import',
        fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url)),
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(module)})`,
      ],
      { cwd: root },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it.each([
    ['ryzeapi-chat-contract/msw', './dist/msw.js', 'The MSW handlers (ryzeapi-chat-contract/msw) needs ajv'],
    [
      'ryzeapi-chat-contract/sandbox',
      './dist/mock/sandbox.js',
      'The sandbox (ryzeapi-chat-contract/sandbox) needs ajv',
    ],
  ])(
    'importing %s without ajv says what to install, with the version from peerDependencies',
    async (_, module, text) => {
      const { peerDependencies } = (await import('../package.json', { with: { type: 'json' } })).default as {
        peerDependencies: Record<string, string>;
      };
      const result = await run('no-ajv.mjs', module);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(text);
      expect(result.stderr).toContain(`npm install --save-dev ajv@${peerDependencies.ajv}`);
    },
  );
});
