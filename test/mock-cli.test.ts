// The mock as users start it: the `ryzeapi-chat-mock` bin (dist/mock/cli.js, also `npm run mock`), its log lines,
// its strict flags, its port and host handling, seeds, its shutdown on SIGINT and SIGTERM, and its message when the
// optional Prism dependency is missing. Needs `npm run build` (npm test runs it before vitest).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock } from './helpers/mock.js';
import { PRISM_INSTALL } from './helpers/peers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/mock/cli.js', import.meta.url));
const TOKEN = 'log-test-token-3f9c2a';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/mock/cli.js is missing: run `npm run build` first (npm test does).');
});

/** Run the bin; resolves with its exit code and output once it exits. `whileRunning` runs once it listens, then `signal` stops it. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  whileRunning?: (url: string) => Promise<void>,
  signal: NodeJS.Signals = 'SIGINT',
) {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return (async () => {
    if (whileRunning) {
      try {
        await expect.poll(() => stdout, { timeout: 20_000, interval: 50 }).toMatch(/listening on http:\/\/\S+/);
        await whileRunning(/listening on (http:\/\/\S+)/.exec(stdout)?.[1] ?? '');
      } finally {
        child.kill(signal);
      }
    }
    return { code: await exited, stdout, stderr };
  })();
}

describe('mock logs', () => {
  it('print one line per request with method, path, status and the example or reason, never the token', async () => {
    const lines: string[] = [];
    const mock = await startTestMock({
      log: (line: string) => {
        lines.push(line);
      },
    });
    try {
      for (const headers of [{ token: TOKEN }, { Authorization: `Bearer ${TOKEN}` }]) {
        const response = await fetch(`${mock.url}/api/chat/block/my-instance`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ number: '5511999999999', block: false }),
        });
        expect(response.status).toBe(200);
      }
      await fetch(`${mock.url}/api/chat/mute/my-instance`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', token: TOKEN },
        body: JSON.stringify({ number: '5511999999999', mute: true, duration: '5y' }),
      });
    } finally {
      await mock.close();
    }
    expect(lines).toContain('POST /api/chat/block/my-instance 200 contactUnblocked');
    expect(lines).toContain('POST /api/chat/mute/my-instance 400 invalid-duration');
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});

describe('the ryzeapi-chat-mock bin', () => {
  it('listens on 127.0.0.1 at PORT, answers the upstream curl example, and stops cleanly on SIGINT', async () => {
    const result = await runCli([], { PORT: '0' }, [], async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The mute page's "Mute for 8h" example, as curl sends it.
      const response = await fetch(`${url}/api/chat/mute/my-instance`, {
        method: 'POST',
        headers: { token: TOKEN, 'Content-Type': 'application/json' },
        body: '{\n    "number":   "5511999999999",\n    "mute":     true,\n    "duration": "8h"\n  }',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        success: true,
        message: 'Chat muted for 8 hours',
        chat_jid: '5511999999999@s.whatsapp.net',
        muted: true,
        duration: 28800,
      });
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('curl');
    expect(result.stdout).toContain('[mock] POST /api/chat/mute/my-instance 200 chatMuted8Hours');
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('--quiet prints no request lines', async () => {
    const result = await runCli(['--port', '0', '--quiet'], {}, [], async (url) => {
      await fetch(`${url}/api/chat/block/x`, {
        method: 'POST',
        headers: { token: 't', 'Content-Type': 'application/json' },
        body: '{}',
      });
    });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('[mock]');
  });

  it('--help explains the options and Prefer', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: ryzeapi-chat-mock');
    expect(result.stdout).toContain('Prefer');
  });

  it.each([['abc'], ['70000'], ['-1']])('refuses PORT=%s with a clear message and exit code 2', async (bad) => {
    const result = await runCli([], { PORT: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Invalid port "${bad}"`);
  });

  it.each([
    ['--port without a value', ['--port'], /Option '--port <value>' argument missing/],
    ['--port followed by another flag', ['--port', '--quiet'], /argument is ambiguous|argument missing/],
    ['a misspelt flag', ['--prot', '47011'], /Unknown option '--prot'/],
    ['a stray argument', ['4010'], /Unexpected argument '4010'|positional/],
    ['a bad --rate-limit', ['--rate-limit', 'lots'], /Invalid --rate-limit "lots"/],
    ['an empty --host', ['--host', ''], /--host needs an address/],
  ])('refuses %s with the usage and exit code 2, before listening', async (_, args, problem) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(problem);
    expect(result.stderr).toContain('Usage: ryzeapi-chat-mock');
    expect(result.stdout).not.toContain('listening');
  });

  it('with HOST empty listens on 127.0.0.1 (never every interface); --rate-limit off counts but never answers 429; SIGTERM closes the server, frees its port and exits 0', async () => {
    let port = 0;
    const result = await runCli(
      ['--port', '0', '--quiet', '--rate-limit', 'off'],
      { HOST: '' },
      [],
      async (url) => {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        port = Number(new URL(url).port);
        const statuses = new Set<number>();
        let remaining = '';
        // Keep-alive connections stay open: they must not keep the process alive after SIGTERM.
        for (let i = 0; i < 101; i += 1) {
          const response = await fetch(`${url}/api/chat/block/x`, {
            method: 'POST',
            headers: { token: 't', 'Content-Type': 'application/json' },
            body: '{"number":"5511999999999","block":true}',
          });
          statuses.add(response.status);
          remaining = response.headers.get('x-ratelimit-remaining') ?? '';
        }
        expect([...statuses]).toEqual([200]);
        expect(remaining).toBe('0');
      },
      'SIGTERM',
    );
    expect(result.code).toBe(0);
    // The port is free again: nothing orphaned holds it.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => probe.close(resolve));
  });

  describe('with a seed', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ryze-cli-seed-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('--seed and --rate-limit: seeded tokens and instances, the limit overridden', async () => {
      await writeFile(
        join(dir, 'seed.yaml'),
        'instances:\n  shop:\n    tokens: [shop-token]\nrateLimit:\n  limit: 50\n',
      );
      const result = await runCli(
        ['--port', '0', '--seed', join(dir, 'seed.yaml'), '--rate-limit', '2'],
        {},
        [],
        async (url) => {
          const call = (token: string) =>
            fetch(`${url}/api/chat/block/shop`, {
              method: 'POST',
              headers: { token, 'Content-Type': 'application/json' },
              body: JSON.stringify({ number: '5511999999999', block: true }),
            });
          expect((await call('shop-token')).headers.get('x-ratelimit-limit')).toBe('2');
          expect((await call('shop-token')).status).toBe(200);
          expect((await call('shop-token')).status).toBe(429);
          expect((await call('someone-else')).status).toBe(401);
        },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('[mock] POST /api/chat/block/shop 429 rate limit exceeded');
      expect(result.stdout + result.stderr).not.toContain('shop-token');
    });

    it('a bad seed is refused at start, naming the field, and nothing listens', async () => {
      await writeFile(
        join(dir, 'bad.json'),
        JSON.stringify({ instances: { shop: { blocked: ['5511999999999', 'nobody'] } } }),
      );
      const result = await runCli(['--port', '0', '--seed', join(dir, 'bad.json')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'Invalid sandbox seed: instances.shop.blocked[1] is "nobody", which matches none of PhoneNumber, UserJid, LidJid',
      );
      expect(result.stdout).not.toContain('listening');
    });
  });

  it('says how to install Prism when the optional dependency is missing', async () => {
    const result = await runCli(['--port', '0'], {}, [
      '--import',
      fileURLToPath(new URL('./fixtures/no-prism.mjs', import.meta.url)),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'The mock needs Prism (@stoplight/prism-core, @stoplight/prism-http, @stoplight/prism-http-server)',
    );
    expect(PRISM_INSTALL).toMatch(
      /^npm install --save-dev @stoplight\/prism-core@\S+ @stoplight\/prism-http@\S+ @stoplight\/prism-http-server@\S+$/,
    );
    expect(result.stderr).toContain(PRISM_INSTALL);
  });
});
