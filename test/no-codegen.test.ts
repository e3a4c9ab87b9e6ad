// The sandbox (`./sandbox`), the MSW handlers (`./msw`) and the verifier (`./verify`) from dist/ run in a Node started
// with `--disallow-code-generation-from-strings`, which refuses `eval` and `new Function` the way workerd and a page
// without CSP 'unsafe-eval' do (DECISIONS T-07): their validators are precompiled (generated/*-validators.js). The
// same process shows the flag bites (ajv compiling at run time throws EvalError), and that the one fallback left, a
// caller's own `spec` for verifyProvider, is compiled at run time and so needs code generation.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file: string) => pathToFileURL(join(root, 'dist', file)).href;

const SCRIPT = `
const TOKEN = 'no-codegen-token-0001';
const INSTANCE = 'my-instance';
const settle = (run) => run().then((value) => value, (error) => ({ crashed: error?.name + ': ' + error?.message }));
const body = (value) => ({ method: 'POST', headers: { token: TOKEN, 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
const out = {};
out.control = await settle(async () => new Function('return 1')());
out.ajvAtRunTime = await settle(async () => {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  return new Ajv2020().compile({ type: 'string' })('x');
});
const { createSandbox, SandboxSeedError } = await import(${JSON.stringify(dist('mock/sandbox.js'))});
const seed = {
  accounts: { acme: { tokens: [TOKEN] } },
  instances: { [INSTANCE]: { account: 'acme' } },
  clock: { start: '2030-01-01T00:00:00Z', frozen: true },
};
out.sandbox = await settle(async () => {
  const sandbox = createSandbox(seed);
  const url = 'https://ryzeapi.cloud/api/chat/block/' + INSTANCE;
  const ok = await sandbox.fetch(url, body({ number: '5511988887777', block: true }));
  const bad = await sandbox.fetch(url, body({ number: '5511988887777', block: 'yes' }));
  const badName = await sandbox.fetch('https://ryzeapi.cloud/api/chat/block/' + 'x'.repeat(200), body({ number: '5511988887777', block: true }));
  let seedError;
  try { createSandbox({ accounts: 5 }); } catch (error) { seedError = error instanceof SandboxSeedError ? 'SandboxSeedError' : String(error); }
  let faultError;
  try { sandbox.setFaults([{ rate: 2 }]); } catch (error) { faultError = error.name; }
  return { ok: ok.status, bad: bad.status, badName: badName.status, seedError, faultError };
});
out.msw = await settle(async () => {
  const { createRyzeHandlers } = await import(${JSON.stringify(dist('msw.js'))});
  const { setupServer } = await import('msw/node');
  const server = setupServer(...createRyzeHandlers({ baseUrl: 'https://ryzeapi.cloud', seed }));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const mute = await fetch('https://ryzeapi.cloud/api/chat/mute/' + INSTANCE, body({ number: '120363025246125486@g.us', mute: true, duration: '8h' }));
    const bad = await fetch('https://ryzeapi.cloud/api/chat/mute/' + INSTANCE, body({ number: '120363025246125486@g.us', mute: true, duration: '5y' }));
    return { mute: mute.status, bad: bad.status };
  } finally {
    server.close();
  }
});
const { verifyProvider } = await import(${JSON.stringify(dist('verify/index.js'))});
const { default: bundle } = await import(${JSON.stringify(pathToFileURL(join(root, 'generated', 'openapi.json')).href)}, { with: { type: 'json' } });
const verify = (extra = {}) => settle(async () => {
  const sandbox = createSandbox(seed);
  const report = await verifyProvider({
    baseUrl: 'https://ryzeapi.cloud', token: TOKEN, instance: INSTANCE, number: '5511988887777',
    fetch: sandbox.fetch, now: () => sandbox.now().getTime(), sleep: async (ms) => { sandbox.advance(ms); }, ...extra,
  });
  return { outcome: report.outcome, requests: report.requests, failed: report.summary.failed };
});
out.verify = await verify();
out.verifyDrift = await settle(async () => {
  const report = await verifyProvider({
    baseUrl: 'https://ryzeapi.invalid', token: TOKEN, instance: 'i', number: '5511988887777',
    fetch: async () => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    now: () => 0, sleep: async () => undefined,
  });
  return { exitCode: report.exitCode };
});
out.verifySameSpec = await verify({ spec: structuredClone(bundle) });
out.verifyOtherSpec = await verify({ spec: { ...structuredClone(bundle), info: { ...bundle.info, version: '9.9.9' } } });
console.log(JSON.stringify(out));
`;

let out: Record<string, unknown>;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'mock', 'sandbox.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  }
  const { stdout, stderr } = await run(
    process.execPath,
    ['--disallow-code-generation-from-strings', '--input-type=module', '-e', SCRIPT],
    { cwd: root, timeout: 60_000 },
  );
  // ajv prints the code it could not compile, once for each of the two refusals the script provokes; nothing else.
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(lines.map((line) => line.slice(0, 38))).toEqual(Array(2).fill('Error compiling schema, function code:'));
  out = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}, 70_000);

const REFUSED = { crashed: 'EvalError: Code generation from strings disallowed for this context' };

describe('under --disallow-code-generation-from-strings (what workerd enforces)', () => {
  it('code generation is refused: new Function, and ajv compiling a schema at run time', () => {
    expect(out.control).toEqual(REFUSED);
    expect(out.ajvAtRunTime).toEqual(REFUSED);
  });

  it('the sandbox answers, refuses a bad body, does not find an impossible instance, checks seeds and faults', () => {
    expect(out.sandbox).toEqual({
      ok: 200,
      bad: 400,
      // A name the `instance` schema refuses (over 128 characters) is an instance that does not exist.
      badName: 404,
      seedError: 'SandboxSeedError',
      faultError: 'SandboxSeedError',
    });
  });

  it('the MSW handlers answer and refuse a bad duration', () => {
    expect(out.msw).toEqual({ mute: 200, bad: 400 });
  });

  it('verifyProvider judges with the precompiled validators: a sandbox conforms, a server answering {} drifts', () => {
    expect(out.verify).toEqual({ outcome: 'conforms', requests: 21, failed: 0 });
    expect(out.verifyDrift).toEqual({ exitCode: 1 });
    // The package's bundle passed in as a copy is recognised as its own: still precompiled.
    expect(out.verifySameSpec).toEqual(out.verify);
  });

  it("the fallback: a caller's own spec is compiled by ajv at run time, so it needs code generation", () => {
    expect(out.verifyOtherSpec).toEqual(REFUSED);
  });
});
