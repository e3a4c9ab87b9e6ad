// The packed package on every runtime the README names (`npm run test:runtimes`, run by .ci/run). The runtimes are
// npm packages that ship their binaries (runtimes.json; install.mjs caches them outside the repository); the browser
// is Debian's chromium driven by playwright-core. Two consumer projects install the tarball the way users do: one
// with Prism (the mock's optional peers) and msw 2, one with msw 3.
//   - every runtime: the client smoke (fixtures/client-smoke.mjs) against the mock: the four methods, the
//     rate-limit state, and the kinds not_found, bad_request, network, timeout and aborted;
//   - Node 18-26, Bun, Deno: `startMockServer` and the `ryzeapi-chat-mock` bin run in that runtime, and the MSW
//     handlers with msw 2, and with msw 3 on Node 22.12+ (on Bun and Deno msw 3 intercepts nothing: T-05).
// Each runtime gets its own token (the mock counts rate limits per token). Nothing may be printed on stderr.
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, type RunningMock } from '../helpers/mock.js';
import { responseExamples } from '../helpers/spec.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const NAME = 'ryzeapi-chat-contract';
const MSW2 = '2.15.0';
const MSW3 = '3.0.5';
const PRISM = ['@stoplight/prism-http@5.12.0', '@stoplight/prism-core@5.8.0', '@stoplight/prism-http-server@5.12.2'];
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface RuntimeSpec { package: string; version: string; bin: string }
const specs = JSON.parse(readFileSync(join(here, 'runtimes.json'), 'utf8')) as Record<string, RuntimeSpec | string>;
const runtimeNames = Object.keys(specs).filter((name) => name !== '$comment');
const spec = (name: string) => specs[name] as RuntimeSpec;
const serverRuntimes = runtimeNames.filter((name) => name.startsWith('node') || name === 'bun' || name === 'deno');
/** msw 3 needs Node 22.12+ (its `engines`). On Bun and Deno it loads but does not intercept (T-05). */
const msw3Runtimes = ['node22', 'node24', 'node26'];
const msw3Blind = ['bun', 'deno'];

let bins: Record<string, string> = {};
let scratch: string;
let withPrism: string; // consumer: tarball + Prism + msw 2 + ajv
let withMsw3: string; // consumer: tarball + msw 3 + ajv
let mock: RunningMock;
let hang: Server;
let hangUrl: string;
let closedUrl: string;
const matrix = new Map<string, Map<string, string>>();

function record(runtime: string, check: string, result: string) {
  if (!matrix.has(runtime)) matrix.set(runtime, new Map());
  matrix.get(runtime)!.set(check, result);
}

/** Run a command; resolve to its output even when it fails. */
async function sh(file: string, args: string[], cwd: string, env: Record<string, string> = {}, timeout = 120_000) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      timeout,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr || e.message };
  }
}

/** How a runtime runs a script file. */
function command(runtime: string, script: string[]): [string, string[]] {
  const bin = bins[runtime]!;
  if (runtime === 'deno') return [bin, ['run', '--allow-all', ...script]];
  if (runtime === 'bun') return [bin, ['run', ...script]];
  return [bin, script];
}

/**
 * Known stderr lines, each documented (DECISIONS.md T-06): Prism's `punycode` import draws a deprecation warning on
 * Deno (Node does not warn for code in node_modules); msw 3 on Bun cannot patch a TLS internal Bun lacks.
 */
const KNOWN_STDERR: Record<string, RegExp> = {
  'deno prism': /^\(node:\d+\) \[DEP0040\] DeprecationWarning: The `punycode` module is deprecated\. Please use a userland alternative instead\.$/,
  'bun msw3': /^Failed to replace a global value at "_wrapHandle": not a global value\.$/,
};

/** stderr without the known line of this case: what is left must be empty. */
function unexpectedStderr(stderr: string, known?: string): string {
  const pattern = known ? KNOWN_STDERR[known] : undefined;
  return stderr
    .split('\n')
    .filter((line) => line !== '' && !(pattern && pattern.test(line)))
    .join('\n');
}

/** Run a fixture in a consumer with a runtime; its last stdout line is JSON, and stderr must be empty. */
async function runFixture(runtime: string, consumer: string, fixture: string, known?: string) {
  const [file, args] = command(runtime, [fixture]);
  const result = await sh(file, args, consumer, {
    MOCK_URL: mock.url,
    HANG_URL: hangUrl,
    CLOSED_URL: closedUrl,
    TOKEN: `runtime-${runtime}-${fixture}-${Date.now()}`,
  });
  expect(unexpectedStderr(result.stderr, known), `${runtime} ${fixture} stderr`).toBe('');
  expect(result.code, `${runtime} ${fixture} exit code`).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

async function npmInstall(dir: string, packages: string[]) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const result = await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--loglevel=error', ...packages], dir);
  expect(result.code, result.stderr).toBe(0);
  for (const file of await readdir(join(here, 'fixtures'))) await copyFile(join(here, 'fixtures', file), join(dir, file));
}

const errorMessage = (operationId: string, status: number) =>
  (responseExamples.find((e) => e.operationId === operationId && e.status === status)!.value as { error: { message: string } }).error.message;

/** What the client smoke must see on every runtime. */
const smokeExpectation = () => ({
  blocked: { success: true, blocked: true },
  unblocked: { success: true, blocked: false },
  muted: { success: true, muted: true, duration: 28800 },
  unmuted: { success: true, muted: false },
  rateLimit: { numbers: true, remainingBelowLimit: true },
  errors: {
    // Prefer: code=404 on muteChat and code=400 on blockContact answer each status's first documented example.
    notFound: { kind: 'not_found', status: 404, message: errorMessage('muteChat', 404) },
    badRequest: { kind: 'bad_request', status: 400, message: errorMessage('blockContact', 400) },
    network: { kind: 'network', status: null, message: expect.any(String) },
    timeout: { kind: 'timeout', status: null, message: expect.any(String) },
    aborted: { kind: 'aborted', status: null, message: expect.any(String) },
  },
});

/** What the runtime says its version is. */
async function reportedVersion(runtime: string): Promise<string> {
  const result = await sh(bins[runtime]!, ['--version'], root);
  expect(result.code, result.stderr).toBe(0);
  const first = result.stdout.trim().split('\n')[0]!;
  if (runtime === 'workerd') return first.replace(/^workerd /, '');
  return first.replace(/^v|^deno /, '').replace(/ .*$/, '');
}

beforeAll(async () => {
  const installed = await sh(process.execPath, [join(here, 'install.mjs')], root, {}, 290_000);
  expect(installed.code, installed.stderr).toBe(0);
  bins = Object.fromEntries(installed.stdout.trim().split('\n').map((line) => line.split('\t')).map(([name, , bin]) => [name!, bin!]));
  if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'mock', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  }
  scratch = await mkdtemp(join(tmpdir(), 'ryze-runtimes-'));
  const packed = await sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], root);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = join(scratch, (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as [{ filename: string }])[0].filename);
  withPrism = join(scratch, 'with-prism');
  withMsw3 = join(scratch, 'with-msw3');
  await npmInstall(withPrism, [tarball, ...PRISM, `msw@${MSW2}`, 'ajv@8']);
  await npmInstall(withMsw3, [tarball, `msw@${MSW3}`, 'ajv@8']);

  mock = await startTestMock();
  // A server that accepts requests and never answers (timeouts, aborts), and a port nothing listens on.
  hang = createServer(() => {});
  await new Promise<void>((done) => hang.listen(0, '127.0.0.1', done));
  hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((done) => closed.close(done));
});

afterAll(async () => {
  hang?.closeAllConnections();
  await new Promise((done) => (hang ? hang.close(done) : done(undefined)));
  await mock?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  // The matrix, for .ci/run's summary and the README: runtime, exact version, one column per check.
  const checks = ['client', 'startMockServer', 'bin', `msw ${MSW2}`, `msw ${MSW3}`];
  const lines = [`| runtime | version | ${checks.join(' | ')} |`, `| --- | --- | ${checks.map(() => '---').join(' | ')} |`];
  for (const [runtime, results] of matrix) {
    lines.push(`| ${runtime} | ${results.get('version') ?? '?'} | ${checks.map((c) => results.get(c) ?? '-').join(' | ')} |`);
  }
  await mkdir(join(root, '.tmp'), { recursive: true });
  await writeFile(join(root, '.tmp', 'runtimes-matrix.md'), `${lines.join('\n')}\n`);
});

describe.each(runtimeNames)('%s', (runtime) => {
  it('is the version runtimes.json pins', async () => {
    const version = await reportedVersion(runtime);
    const expected = runtime === 'workerd' ? spec(runtime).version.replace(/^1\.(\d{4})(\d{2})(\d{2})\.\d+$/, '$1-$2-$3') : spec(runtime).version;
    expect(version).toBe(expected);
    record(runtime, 'version', runtime === 'workerd' ? `${spec(runtime).version} (${version})` : version);
  });

  if (serverRuntimes.includes(runtime)) {
    it('runs the client smoke against the mock', async () => {
      record(runtime, 'client', 'FAIL');
      expect(await runFixture(runtime, withPrism, 'client-run.mjs')).toEqual(smokeExpectation());
      record(runtime, 'client', 'pass');
    });

    it('runs startMockServer (Prism installed), the client smoke against it, and close()', async () => {
      record(runtime, 'startMockServer', 'FAIL');
      expect(await runFixture(runtime, withPrism, 'mock-smoke.mjs', runtime === 'deno' ? 'deno prism' : undefined)).toEqual({ url: true, smoke: smokeExpectation(), closed: true });
      record(runtime, 'startMockServer', runtime === 'deno' ? 'pass (punycode warning, T-06)' : 'pass');
    });

    it('runs the ryzeapi-chat-mock bin, which answers over HTTP and stops on SIGTERM', async () => {
      record(runtime, 'bin', 'FAIL');
      const [file, args] = command(runtime, [join('node_modules', NAME, 'dist', 'mock', 'cli.js'), '--port', '0', '--quiet']);
      const child = spawn(file, args, { cwd: withPrism, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      try {
        const url = await new Promise<string>((done, fail) => {
          child.stdout.on('data', (d: Buffer) => {
            stdout += d;
            const match = /listening on (http:\S+)/.exec(stdout);
            if (match) done(match[1]!);
          });
          void exited.then((code) => fail(new Error(`exited with ${code}: ${stderr}`)));
        });
        const response = await fetch(`${url}/api/chat/mute/bin-instance`, {
          method: 'POST',
          headers: { token: `runtime-${runtime}-bin`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ number: '5511966665555', mute: true, duration: '1w' }),
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ success: true, muted: true, duration: 604800 });
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(unexpectedStderr(stderr, runtime === 'deno' ? 'deno prism' : undefined)).toBe('');
      record(runtime, 'bin', runtime === 'deno' ? 'pass (punycode warning, T-06)' : 'pass');
    });

    it(`answers in-process with the MSW handlers and msw ${MSW2}`, async () => {
      record(runtime, `msw ${MSW2}`, 'FAIL');
      expect(await runFixture(runtime, withPrism, 'msw-smoke.mjs')).toEqual(mswExpectation('2'));
      record(runtime, `msw ${MSW2}`, runtime === 'deno' ? 'pass (Deno.exit, T-06)' : 'pass');
    });
  }

  if (msw3Runtimes.includes(runtime)) {
    it(`answers in-process with the MSW handlers and msw ${MSW3}`, async () => {
      record(runtime, `msw ${MSW3}`, 'FAIL');
      expect(await runFixture(runtime, withMsw3, 'msw-smoke.mjs')).toEqual(mswExpectation('3'));
      record(runtime, `msw ${MSW3}`, 'pass');
    });
  }

  if (msw3Blind.includes(runtime)) {
    // Pinned both ways: msw 3 intercepts Node's fetch below it, at node:net/node:tls sockets (undici's transport),
    // and only wraps the global fetch to tag the request. Bun's and Deno's fetch are native and open no node:net
    // socket, so nothing is intercepted and the request goes to the network (here: an .invalid host, a network
    // error). When this test fails, msw 3 has learnt the runtime: move it to the test above, update the README (T-05).
    it(`with msw ${MSW3}, the handlers are not reached: the request goes to the network (T-05)`, async () => {
      record(runtime, `msw ${MSW3}`, 'FAIL');
      expect(await runFixture(runtime, withMsw3, 'msw-smoke.mjs', runtime === 'bun' ? 'bun msw3' : undefined)).toEqual({
        msw: '3',
        failed: expect.stringMatching(/^network: blockContact: no response from https:\/\/ryzeapi\.invalid/),
      });
      record(runtime, `msw ${MSW3}`, 'no interception (T-05)');
    });
  }

  if (runtime === 'workerd') {
    it('runs the client smoke as a Worker (bundled with esbuild, `workerd test`)', async () => {
      record(runtime, 'client', 'FAIL');
      const dir = join(scratch, 'workerd');
      await build({
        entryPoints: [join(withPrism, 'worker.mjs')],
        outfile: join(dir, 'worker.js'),
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        conditions: ['workerd', 'worker', 'browser'],
        mainFields: ['module', 'main'],
        logLevel: 'silent',
      });
      const text = (name: string, value: string) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`;
      await writeFile(
        join(dir, 'config.capnp'),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smoke),
    # Outbound fetches may reach loopback only: the mock and the test servers.
    (name = "loopback", network = (allow = ["local"])),
  ],
);
const smoke :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  bindings = [${[text('MOCK_URL', mock.url), text('HANG_URL', hangUrl), text('CLOSED_URL', closedUrl), text('TOKEN', `runtime-workerd-${Date.now()}`)].join(', ')}],
  globalOutbound = "loopback",
);
`,
      );
      const result = await sh(bins.workerd!, ['test', 'config.capnp'], dir);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const line = (result.stdout + result.stderr).split('\n').find((l) => l.includes('SMOKE '));
      expect(line, result.stdout + result.stderr).toBeDefined();
      expect(JSON.parse(line!.slice(line!.indexOf('SMOKE ') + 6))).toEqual(smokeExpectation());
      record(runtime, 'client', 'pass');
    });
  }
});

function mswExpectation(major: '2' | '3') {
  return {
    msw: major,
    blocked: true,
    muted: { muted: true, duration: 604800 },
    notFound: `not_found 404 ${errorMessage('muteChat', 404)}`,
  };
}

describe('chromium', () => {
  it('runs the client smoke in a page served on loopback, calling the mock across origins (CORS)', async () => {
    record('chromium', 'client', 'FAIL');
    const dir = join(scratch, 'browser');
    await build({ entryPoints: [join(withPrism, 'browser.mjs')], outfile: join(dir, 'smoke.js'), bundle: true, format: 'esm', platform: 'browser', logLevel: 'silent' });
    const script = await readFile(join(dir, 'smoke.js'));
    const page = createServer((request, response) => {
      if (request.url === '/smoke.js') response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
      else response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>smoke</title><script type="module" src="/smoke.js"></script>');
    });
    await new Promise<void>((done) => page.listen(0, '127.0.0.1', done));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    try {
      record('chromium', 'version', browser.version());
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      const query = new URLSearchParams({ mock: mock.url, hang: hangUrl, closed: closedUrl, token: `runtime-chromium-${Date.now()}` });
      await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/?${query}`);
      await tab.waitForFunction(() => 'smoke' in window);
      const result = await tab.evaluate(() => (window as unknown as { smoke: Promise<unknown> }).smoke);
      expect(errors).toEqual([]);
      expect(result).toEqual(smokeExpectation());
    } finally {
      await browser.close();
      page.closeAllConnections();
      await new Promise((done) => page.close(done));
    }
    record('chromium', 'client', 'pass');
  });
});

it(`./msw type-checks with msw ${MSW3}'s types (strict, node16 resolution)`, async () => {
  await writeFile(
    join(withMsw3, 'msw3.ts'),
    `import { createRyzeHandlers } from '${NAME}/msw';
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';

const handlers: HttpHandler[] = createRyzeHandlers({ baseUrl: 'https://ryzeapi.cloud' });
export const server = setupServer(...handlers);
`,
  );
  await writeFile(
    join(withMsw3, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, exactOptionalPropertyTypes: true, target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'node16', moduleResolution: 'node16', types: [], skipLibCheck: false, noEmit: true },
      files: ['msw3.ts'],
    }),
  );
  const result = await sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], withMsw3);
  expect(result.stdout + result.stderr).toBe('');
  expect(result.code).toBe(0);
});
