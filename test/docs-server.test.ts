// The docs server (scripts/docs-server.mjs) and `npm start` (scripts/start.mjs): what is served and with which
// content types, the security headers and the Host check, requests that must get an answer and never end the
// process, and stopping: Ctrl-C, SIGTERM to `npm start` itself, bad command lines.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DOCS_HTML, PAGE_BUDGET_GZIP, buildDocs, writeDocsPage } from '../scripts/docs.mjs';
import { DATA_POLICY_HEADER, PAGE_POLICY_HEADER, startDocsServer } from '../scripts/docs-server.mjs';
import { GUIDES, agentDocs } from '../scripts/lib/agent-docs.mjs';
import { bundle } from './helpers/spec.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8');

/** Send raw bytes, read the raw answer until the server closes the connection. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(bytes)}`)));
  });
}

/** GET with a chosen Host header (fetch cannot set one). */
function getWithHost(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

// The page is built once (Redocly's build-docs, the slow part), into docs/index.html: the server and `npm start`
// serve it, and the budget test checks and rewrites that same page.
let built: Awaited<ReturnType<typeof buildDocs>>;
beforeAll(async () => {
  built = await buildDocs();
}, 60_000);

describe('docs server', () => {
  let docs: { url: string; port: number; close: () => Promise<void> };
  beforeAll(async () => {
    docs = await startDocsServer({ port: 0 });
  });
  afterAll(async () => {
    await docs?.close();
  });

  it('serves the bundle as YAML and JSON, byte for byte, and the page build put a copy next to the page', async () => {
    const yaml = await fetch(`${docs.url}/openapi.yaml`);
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await yaml.text()).toBe(read('generated/openapi.yaml'));
    const json = await fetch(`${docs.url}/openapi.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.text()).toBe(read('generated/openapi.json'));
    expect(read('docs/openapi.yaml')).toBe(read('generated/openapi.yaml'));
    expect(read('docs/openapi.json')).toBe(read('generated/openapi.json'));
  });

  it('serves every agent-readable file: llms.txt and llms-full.txt as text/plain, the pages as text/markdown', async () => {
    const names = [...(agentDocs(bundle) as Map<string, string>).keys(), ...GUIDES.map(([guide]) => guide)];
    expect(names).toEqual(
      expect.arrayContaining([
        'llms.txt',
        'llms-full.txt',
        'overview.md',
        'block-contact.md',
        'mute-chat.md',
        'mcp.md',
      ]),
    );
    for (const name of names) {
      const answer = await fetch(`${docs.url}/${name}`);
      expect(answer.status, name).toBe(200);
      expect(answer.headers.get('content-type'), name).toBe(
        name.endsWith('.md') ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8',
      );
      expect(await answer.text(), name).toBe(read(`docs/${name}`));
    }
    const head = await fetch(`${docs.url}/llms.txt`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(read('docs/llms.txt'))));
    expect(await head.text()).toBe('');
  });

  it('sends the page with its Content-Security-Policy, in the page and as a header that also forbids framing', async () => {
    const page = await fetch(`${docs.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(PAGE_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(page.headers.get('content-security-policy')).toBe(PAGE_POLICY_HEADER);
    const html = await page.text();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(html).not.toContain('cdn.redoc.ly');
    expect(html).toContain('"disableTelemetry":true');
  });

  it('sends nosniff, no-referrer and a frame-ancestors policy on every answer, errors included', async () => {
    const answers = [
      await fetch(`${docs.url}/`),
      await fetch(`${docs.url}/mute-chat.md`),
      await fetch(`${docs.url}/openapi.json`),
      await fetch(`${docs.url}/missing`),
      await fetch(`${docs.url}/`, { method: 'POST', body: 'x' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 404, 405]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    }
    expect(answers[1]!.headers.get('content-security-policy')).toBe(DATA_POLICY_HEADER);
    const misdirected = await getWithHost(docs.port, '/', 'attacker.example');
    expect(misdirected.headers['content-security-policy']).toBe(DATA_POLICY_HEADER);
  });

  it('refuses other paths (404) and methods (405) with a plain explanation', async () => {
    const missing = await fetch(`${docs.url}/../package.json`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('/llms.txt');
    const post = await fetch(`${docs.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers only for loopback names and its own address: any other Host gets 421 (no DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${docs.port}`, `localhost:${docs.port}`, 'LOCALHOST', `[::1]:${docs.port}`]) {
      expect((await getWithHost(docs.port, '/llms.txt', host)).status, host).toBe(200);
    }
    for (const host of [
      'attacker.example',
      `attacker.example:${docs.port}`,
      '127.0.0.1.attacker.example',
      '10.0.0.1',
    ]) {
      const answer = await getWithHost(docs.port, '/llms.txt', host);
      expect(answer.status, host).toBe(421);
      expect(answer.body).toContain('does not answer for the host');
    }
    expect(statusOf(await raw(docs.port, 'GET / HTTP/1.0\r\n\r\n'))).toBe(400); // no Host at all
  });

  it('answers more names when told to (allowedHosts)', async () => {
    const lan = await startDocsServer({ port: 0, allowedHosts: ['docs.lan'] });
    try {
      expect((await getWithHost(lan.port, '/llms.txt', 'docs.lan:8080')).status).toBe(200);
      expect((await getWithHost(lan.port, '/llms.txt', 'other.lan')).status).toBe(421);
    } finally {
      await lan.close();
    }
  });

  it('answers every malformed request, and keeps serving', async () => {
    const host = `Host: 127.0.0.1:${docs.port}\r\nConnection: close\r\n\r\n`;
    // `GET //a:b` ended `npm start` before (an unhandled `new URL` rejection).
    expect(statusOf(await raw(docs.port, `GET //a:b HTTP/1.1\r\n${host}`))).toBe(404);
    expect(statusOf(await raw(docs.port, `GET http://[bad/ HTTP/1.1\r\n${host}`))).toBe(400);
    expect(statusOf(await raw(docs.port, `OPTIONS * HTTP/1.1\r\n${host}`))).toBe(400);
    expect(statusOf(await raw(docs.port, `GET http://127.0.0.1/llms.txt HTTP/1.1\r\n${host}`))).toBe(200);
    expect(statusOf(await raw(docs.port, `GET /%zz%00 HTTP/1.1\r\n${host}`))).toBe(404);
    expect(statusOf(await raw(docs.port, 'HELLO\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw(docs.port, `GET / HTTP/1.1\r\nHost: ${'x'.repeat(20_000)}\r\n\r\n`))).toBe(431);
    expect((await fetch(`${docs.url}/llms.txt`)).status).toBe(200);
  });
});

describe('the page build (scripts/docs.mjs)', () => {
  it('keeps the page within its weight budget, and refuses a page over budget without writing it', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'ryze-docs-budget-'));
    try {
      expect(built.out).toBe(DOCS_HTML);
      expect(built.budget).toBe(PAGE_BUDGET_GZIP);
      expect(PAGE_BUDGET_GZIP).toBe(720_000);
      expect(built.gzipBytes).toBeLessThanOrEqual(PAGE_BUDGET_GZIP);
      expect(built.gzipBytes).toBe(gzipSync(readFileSync(built.out)).length);
      // The same page against other budgets: at exactly its weight it is written (the bundle next to it), one byte
      // under it nothing is.
      const page = readFileSync(built.out, 'utf8');
      const exact = join(scratch, 'exact', 'index.html');
      expect(await writeDocsPage(page, exact, { budget: built.gzipBytes })).toEqual({
        ...built,
        out: exact,
        budget: built.gzipBytes,
      });
      expect(readFileSync(exact, 'utf8')).toBe(page);
      expect(readFileSync(join(scratch, 'exact', 'openapi.yaml'), 'utf8')).toBe(read('generated/openapi.yaml'));
      const tight = join(scratch, 'tight', 'index.html');
      await expect(writeDocsPage(page, tight, { budget: built.gzipBytes - 1 })).rejects.toThrow(
        /over its budget of \d+ B/,
      );
      expect(existsSync(tight)).toBe(false);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

/** Start `command args` with free ports; resolves once both addresses are printed. */
async function startServers(command: string, args: string[]) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', DOCS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await expect
    .poll(() => output, { timeout: 45_000, interval: 100 })
    .toMatch(/Ctrl-C stops both \(or SIGTERM to pid \d+\)/);
  const port = (name: string) => Number(new RegExp(`${name}: {2}http://127\\.0\\.0\\.1:(\\d+)`).exec(output)?.[1]);
  return {
    child,
    exited,
    output: () => output,
    mockPort: port('Mock'),
    docsPort: port('Docs'),
    pid: Number(/to pid (\d+)/.exec(output)?.[1]),
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const refused = (port: number) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => false,
    () => true,
  );

describe('npm start (scripts/start.mjs)', () => {
  it('starts the mock from --seed, and stops on SIGTERM to the pid it prints, leaving no port behind', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'ryze-start-seed-'));
    const seed = join(scratch, 'seed.yaml');
    await writeFile(seed, 'instances:\n  shop: { tokens: [shop-token-0123], blocked: ["5511988887777"] }\n');
    const started = await startServers(process.execPath, ['scripts/start.mjs', '--no-build', '--seed', seed]);
    await rm(scratch, { recursive: true, force: true });
    expect(started.pid).toBe(started.child.pid);
    expect(started.output()).not.toContain('built docs/index.html'); // the page built above is current
    const block = (instance: string, token: string) =>
      fetch(`http://127.0.0.1:${started.mockPort}/api/chat/block/${instance}`, {
        method: 'POST',
        headers: { token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ number: '5511999999999', block: true }),
      }).then(async (answer) => [answer.status, await answer.json()]);
    // The seed's world: its token, its instance and its block list; anything else is refused as upstream would.
    expect(await block('shop', 'shop-token-0123')).toEqual([200, expect.objectContaining({ blocked_count: 2 })]);
    expect(await block('shop', 'someone-else-token')).toEqual([
      401,
      { success: false, error: { message: 'Invalid token' } },
    ]);
    expect(await block('other', 'shop-token-0123')).toEqual([
      404,
      { success: false, error: { message: 'Instance not found' } },
    ]);
    process.kill(started.pid, 'SIGTERM');
    expect(await started.exited).toBe(0);
    expect(await refused(started.docsPort)).toBe(true);
    expect(await refused(started.mockPort)).toBe(true);
  }, 90_000);

  it('rebuilds a stale docs page, serves the mock and the docs, prints both addresses and a curl, and stops on Ctrl-C', async () => {
    // --no-build: generated/ and dist/ are what `npm test` has just built; rebuilding here would rewrite files
    // that other test files read at the same time. The docs page (read by no other test file) is made older than
    // the bundle, so it is built again.
    utimesSync(DOCS_HTML, 0, 0);
    const started = await startServers(process.execPath, ['scripts/start.mjs', '--no-build']);
    try {
      expect(started.output()).toMatch(/built docs\/index\.html: [\d.]+ KB, [\d.]+ KB gzipped/);
      expect(started.mockPort).toBeGreaterThan(0);
      expect(started.docsPort).toBeGreaterThan(0);
      expect(started.output()).toContain(`bundle: http://127.0.0.1:${started.docsPort}/openapi.yaml`);
      expect(started.output()).toContain(`for agents: http://127.0.0.1:${started.docsPort}/llms.txt`);
      expect(started.output()).toContain('curl -s -X POST');
      const page = await fetch(`http://127.0.0.1:${started.docsPort}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="redoc">');
      const call = await fetch(`http://127.0.0.1:${started.mockPort}/api/chat/block/my-instance`, {
        method: 'POST',
        headers: { token: 't', 'Content-Type': 'application/json' },
        body: JSON.stringify({ number: '5511999999999', block: true }),
      });
      expect(call.status).toBe(200);
    } finally {
      started.child.kill('SIGINT');
    }
    expect(await started.exited).toBe(0);
    expect(await refused(started.docsPort)).toBe(true);
    expect(await refused(started.mockPort)).toBe(true);
  }, 90_000);

  it("survives `GET //a:b`, and SIGTERM to `npm start` (npm's pid) stops everything: no process, no port left", async () => {
    const started = await startServers(process.platform === 'win32' ? 'npm.cmd' : 'npm', [
      'start',
      '--silent',
      '--',
      '--no-build',
      '--allowed-host',
      'docs.lan',
    ]);
    try {
      expect((await getWithHost(started.docsPort, '/llms.txt', 'docs.lan')).status).toBe(200);
      expect((await getWithHost(started.docsPort, '/llms.txt', 'other.lan')).status).toBe(421);
      expect(
        statusOf(await raw(started.docsPort, `GET //a:b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)),
      ).toBe(404);
      expect((await fetch(`http://127.0.0.1:${started.docsPort}/llms.txt`)).status).toBe(200);
      expect(alive(started.pid)).toBe(true);
      expect(started.pid).not.toBe(started.child.pid); // npm runs the script through a shell: the pid is the script's
    } finally {
      started.child.kill('SIGTERM');
    }
    await started.exited;
    await expect.poll(() => alive(started.pid), { timeout: 10_000, interval: 100 }).toBe(false);
    expect(await refused(started.docsPort)).toBe(true);
    expect(await refused(started.mockPort)).toBe(true);
  }, 90_000);

  it('refuses a bad DOCS_PORT, an unknown flag or a flag without its value, before building anything (exit 2)', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[], { DOCS_PORT: 'eighty' }, /Invalid port "eighty"/],
      [['--prot', '47011'], {}, /Unknown option '--prot'[\s\S]*Usage: npm start/],
      [['--port'], {}, /--port <value>' argument missing[\s\S]*Usage: npm start/],
      [['extra'], {}, /Unexpected argument 'extra'[\s\S]*Usage: npm start/],
    ];
    for (const [args, env, message] of cases) {
      const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await new Promise((resolve) => child.once('exit', resolve)), args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
  });

  it('prints its options with --help (exit 0)', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--help'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    for (const option of ['--port', '--docs-port', '--host', '--allowed-host', '--seed', '--no-build'])
      expect(stdout).toContain(option);
  });
});
