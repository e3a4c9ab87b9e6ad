// The mock as users start it: `npm run mock` (scripts/mock.mjs), its logs, its port handling, its shutdown.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lineLogStream } from '../scripts/mock.mjs';
import { startTestMock } from './helpers/mock.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'log-test-token-3f9c2a';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('mock logs', () => {
  it('print one line per event with method and path, and never the token', async () => {
    const lines: string[] = [];
    const mock = await startTestMock({ log: lineLogStream((line: string) => { lines.push(line); }) });
    try {
      for (const headers of [{ token: TOKEN }, { Authorization: `Bearer ${TOKEN}` }]) {
        const response = await fetch(`${mock.url}/api/chat/block/my-instance`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ number: '5511999999999', block: true }),
        });
        expect(response.status).toBe(200);
      }
    } finally {
      await mock.close();
    }
    const log = lines.join('');
    expect(log).toContain('POST /api/chat/block/my-instance');
    expect(log).not.toContain(TOKEN);
  });
});

describe('npm run mock (scripts/mock.mjs)', () => {
  it('listens on 127.0.0.1 at PORT, answers the upstream curl example, and stops cleanly on SIGINT', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['scripts/mock.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await expect
        .poll(() => output, { timeout: 20_000, interval: 50 })
        .toContain(`listening on http://127.0.0.1:${port}`);
      // The mute page's "Mute for 8h" example, as curl sends it.
      const response = await fetch(`http://127.0.0.1:${port}/api/chat/mute/my-instance`, {
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
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('curl');
    expect(output).not.toContain(TOKEN);
  });

  it.each([['abc'], ['70000'], ['-1']])('refuses PORT=%s with a clear message and exit code 2', async (bad) => {
    const child = spawn(process.execPath, ['scripts/mock.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: bad },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(`Invalid port "${bad}"`);
  });
});
