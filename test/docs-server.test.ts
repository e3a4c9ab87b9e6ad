// `npm start` and the docs server: both addresses, the bundle at /openapi.yaml and /openapi.json, clean shutdown.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../scripts/docs.mjs';
import { startDocsServer } from '../scripts/docs-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = (file: string) => readFileSync(fileURLToPath(new URL(`../generated/${file}`, import.meta.url)), 'utf8');

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

describe('docs server', () => {
  let docs: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    docs = await startDocsServer({ port: 0 });
  });
  afterAll(async () => {
    await docs?.close();
  });

  it('serves the bundle as YAML and JSON, byte for byte', async () => {
    const yaml = await fetch(`${docs.url}/openapi.yaml`);
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await yaml.text()).toBe(generated('openapi.yaml'));
    const json = await fetch(`${docs.url}/openapi.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.text()).toBe(generated('openapi.json'));
  });

  it('refuses other paths (404) and methods (405) with a plain explanation', async () => {
    const missing = await fetch(`${docs.url}/../package.json`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('/openapi.yaml');
    const post = await fetch(`${docs.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('sends the page with its Content-Security-Policy (or says how to build it)', async () => {
    const page = await fetch(`${docs.url}/`);
    if (page.status === 200) {
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await page.text()).toContain(CONTENT_SECURITY_POLICY);
    } else {
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('npm run docs');
    }
  });
});

describe('npm start (scripts/start.mjs)', () => {
  it('builds, serves the mock and the docs on their ports, prints both and a curl, and stops on Ctrl-C', async () => {
    const [mockPort, docsPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: String(mockPort), DOCS_PORT: String(docsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => output, { timeout: 45_000, interval: 100 }).toContain('Ctrl-C stops both');
      expect(output).toContain(`Mock:  http://127.0.0.1:${mockPort}`);
      expect(output).toContain(`Docs:  http://127.0.0.1:${docsPort}`);
      expect(output).toContain('curl -s -X POST');
      const page = await fetch(`http://127.0.0.1:${docsPort}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="redoc">');
      const call = await fetch(`http://127.0.0.1:${mockPort}/api/chat/block/my-instance`, {
        method: 'POST',
        headers: { token: 't', 'Content-Type': 'application/json' },
        body: JSON.stringify({ number: '5511999999999', block: true }),
      });
      expect(call.status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 90_000);

  it('refuses a bad DOCS_PORT before building anything', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { ...process.env, DOCS_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
    expect(stderr).toContain('Invalid port "eighty"');
  });
});
