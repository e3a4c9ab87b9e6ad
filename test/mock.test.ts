// The mock as users start it: the `ryzeapi-chat-mock` bin (dist/mock/cli.js, also `npm run mock`), its log lines,
// its port handling, its shutdown, and its message when the optional Prism dependency is missing.
// Needs `npm run build` (npm test runs it before vitest).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestMock } from './helpers/mock.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/mock/cli.js', import.meta.url));
const TOKEN = 'log-test-token-3f9c2a';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/mock/cli.js is missing: run `npm run build` first (npm test does).');
});

/** Run the bin; resolves with its exit code and output once it exits. `whileRunning` runs once it listens. */
function runCli(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = [], whileRunning?: (url: string) => Promise<void>) {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
        child.kill('SIGINT');
      }
    }
    return { code: await exited, stdout, stderr };
  })();
}

describe('mock logs', () => {
  it('print one line per request with method, path, status and the example or reason, never the token', async () => {
    const lines: string[] = [];
    const mock = await startTestMock({ log: (line: string) => { lines.push(line); } });
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
      await fetch(`${url}/api/chat/block/x`, { method: 'POST', headers: { token: 't', 'Content-Type': 'application/json' }, body: '{}' });
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

  it('says how to install Prism when the optional dependency is missing', async () => {
    const result = await runCli(['--port', '0'], {}, ['--import', fileURLToPath(new URL('./fixtures/no-prism.mjs', import.meta.url))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The mock needs Prism');
    expect(result.stderr).toContain('npm install --save-dev @stoplight/prism-http@5.12.0 @stoplight/prism-core@5.8.0 @stoplight/prism-http-server@5.12.2');
  });
});
