// `npm start` and the docs server: both addresses, the bundle at /openapi.yaml and /openapi.json, clean shutdown.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, buildDocs } from '../scripts/docs.mjs';
import { startDocsServer } from '../scripts/docs-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = (file: string) => readFileSync(fileURLToPath(new URL(`../generated/${file}`, import.meta.url)), 'utf8');

describe('docs server', () => {
  let docs: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    await buildDocs();
    docs = await startDocsServer({ port: 0 });
  }, 60_000);
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

  it('sends the page with its Content-Security-Policy, as a header and in the page', async () => {
    const page = await fetch(`${docs.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await page.text();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(html).not.toContain('cdn.redoc.ly');
    expect(html).toContain('"disableTelemetry":true');
  });
});

describe('npm start (scripts/start.mjs)', () => {
  it('serves the mock and the docs, prints both addresses and a curl, and stops on Ctrl-C', async () => {
    // --no-build: generated/ and dist/ are what `npm test` has just built; rebuilding here would rewrite files
    // that other test files read at the same time. PORT=0 and DOCS_PORT=0: free ports, read back from the output.
    const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DOCS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => output, { timeout: 45_000, interval: 100 }).toContain('Ctrl-C stops both');
      const mockPort = /Mock: {2}http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      const docsPort = /Docs: {2}http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      expect(mockPort).toMatch(/^\d+$/);
      expect(docsPort).toMatch(/^\d+$/);
      expect(output).toContain(`bundle: http://127.0.0.1:${docsPort}/openapi.yaml`);
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
