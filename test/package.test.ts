// The published package, as a consumer gets it: the tarball of `npm pack` (made once for the package tests by
// test/helpers/packed.ts), publint and @arethetypeswrong/cli on it, then the tarball installed into a consumer
// project (test/helpers/packed.ts keeps the install while the tarball's hash holds) that imports it from an ESM script and from strict TypeScript (node16 and bundler resolution), calls the
// mock, and fails to compile a wrong call; and into a second one with the optional peers, whose mock bin serves.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_START, startTestMock, type RunningMock } from './helpers/mock.js';
import { consumerProject, workFolder } from './helpers/packed.js';
import { PEERS, PRISM_INSTALL } from './helpers/peers.js';
import { bundle } from './helpers/spec.js';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const NAME = 'ryzeapi-chat-contract';
// The sandbox's modules that must run anywhere (the MSW handlers and ./sandbox use them); only server and cli are Node's.
const PORTABLE_MOCK = [
  'contract',
  'core',
  'embedded',
  'fetch',
  'json-depth',
  'peers',
  'sandbox',
  'seed',
  'state',
  'validate',
].map((m) => `mock/${m}`);
const REPOSITORY = 'https://github.com/ryzeapi/ryzeapi-chat-contract';
/** The verifier (./verify and the ryzeapi-chat-verify bin); all but its command are portable. */
const VERIFY_PORTABLE = ['checks', 'contract', 'index', 'pace', 'report', 'run', 'script'].map((m) => `verify/${m}`);
const VERIFY_MODULES = [...VERIFY_PORTABLE, 'verify/cli', 'verify/command'];

let tarball: string;
let files: string[];
let consumer: string;
/** This run's folder inside the consumer project: the programs and their outputs. */
let work: string;
let mock: RunningMock;
/** A second consumer project, with the optional peers installed too. */
let peersInstalled: Promise<string>;

/** Run a command; resolve to its output even when it fails (the exit code is returned). */
async function sh(file: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const program = `import { createRyzeClient, RyzeApiError, readMuteResponse, type RyzeClient } from '${NAME}';
import type { BlockContactResponse, MuteChatRequest, MuteDuration, paths } from '${NAME}/schema';

const client: RyzeClient = createRyzeClient({ token: 'consumer-token', baseUrl: '__MOCK_URL__', retry: { attempts: 2 } });
const duration: MuteDuration = '8 hours';
const request: MuteChatRequest = { number: '5511999999999', mute: true, duration };
const route: keyof paths = '/api/chat/mute/{instance}';

async function main(): Promise<string> {
  const blocked: BlockContactResponse = await client.unblockContact({ instance: 'my-instance', number: request.number }, { headers: { Prefer: 'example=contactUnblocked' } });
  const muted = await client.muteChat({ instance: 'my-instance', number: request.number, duration }, { headers: { Prefer: 'example=chatMuted8Hours' } });
  const state = readMuteResponse(muted);
  let status: 429 | 'none' = 'none';
  try {
    await client.blockContact({ instance: 'my-instance', number: '5511999999999' }, { headers: { Prefer: 'code=429' }, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    if (error instanceof RyzeApiError && error.kind === 'rate_limited') status = error.status;
  }
  return JSON.stringify({ blocked: blocked.blocked, until: state.muted && !state.permanent ? typeof state.until.getTime() : null, status, route });
}

main().then((text) => console.log(text));
`;

const wrong = `import { createRyzeClient } from '${NAME}';
const client = createRyzeClient({ token: 't' });
const params = { instance: 'i', number: '5511999999999', block: true };
void client.unblockContact(params);
void client.muteChat({ instance: 'i', number: '1', duration: '5y' });
void client.blockContact({ instance: 'i' });
void createRyzeClient({ token: 't', retry: { attempts: '3' } });
`;

/** Every type name ./schema must export: each schema of the spec, and every name of 1.0. */
const SCHEMA_NAMES = [
  ...new Set([
    'components',
    'operations',
    'paths',
    'webhooks',
    'Instance',
    'PhoneNumber',
    'UserJid',
    'LidJid',
    'GroupJid',
    'NewsletterJid',
    'ContactNumber',
    'ChatNumber',
    'ContactJid',
    'ChatJid',
    'BlockContactRequest',
    'BlockContactResponse',
    'ContactBlockedResponse',
    'ContactUnblockedResponse',
    'BlockedCount',
    'UnblockMessage',
    'MuteChatRequest',
    'MuteRequest',
    'UnmuteRequest',
    'MuteDuration',
    'MuteChatResponse',
    'ChatMutedResponse',
    'ChatMuted8HoursResponse',
    'ChatMutedOneWeekResponse',
    'ChatMutedPermanentlyResponse',
    'ChatUnmutedResponse',
    'ErrorResponse',
    'ErrorDetail',
    ...Object.keys(bundle.components.schemas!),
  ]),
];
const names = SCHEMA_NAMES.map((name) => `export type { ${name} } from '${NAME}/schema';\n`).join('');

/** Compile `sources` (file name without .ts -> text) as one strict program in the consumer project. */
async function compile(name: string, sources: Record<string, string>, options: Record<string, unknown>) {
  for (const [file, source] of Object.entries(sources)) await writeFile(join(work, `${file}.ts`), source);
  await writeFile(
    join(work, `tsconfig.${name}.json`),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        types: [],
        // Every .d.ts of the package and its dependencies is checked; TypeScript's own lib files (lib.dom.d.ts...) are
        // not: they are TypeScript's, the same for every program, and checking them is half of each compile's time.
        skipLibCheck: false,
        skipDefaultLibCheck: true,
        // The package's and the libraries' .d.ts files are the same for as long as the consumer project is kept (its
        // key is the tarball's hash): tsc keeps their verdicts beside it and checks only what changed (this run's
        // files), with the same diagnostics; a first run (a new tarball) checks everything.
        incremental: true,
        tsBuildInfoFile: join(consumer, '.tsbuildinfo', `${name}.tsbuildinfo`),
        outDir: `out-${name}`,
        ...options,
      },
      files: Object.keys(sources).map((file) => `${file}.ts`),
    }),
  );
  return sh(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], work);
}

// The node16 program holds the program that must compile, the wrong calls that must not, and the names ./schema
// must export: tsc reports each file's errors apart, and the package's types and the libraries (skipLibCheck: false) are checked once, not twice.
// Both compiles start as soon as the consumer project is installed, and run while the other tests do.
let node16: ReturnType<typeof compile> | undefined;
let bundler: ReturnType<typeof compile> | undefined;
const compileNode16 = () =>
  (node16 ??= compile(
    'node16',
    { node16: program.replace('__MOCK_URL__', mock.url), wrong, names },
    { module: 'node16', moduleResolution: 'node16' },
  ));
const compileBundler = () =>
  (bundler ??= compile(
    'bundler',
    { bundler: program.replace('__MOCK_URL__', mock.url) },
    { module: 'ESNext', moduleResolution: 'bundler', noEmit: true },
  ));
/** tsc's output, one entry per diagnostic (its first line names the file, the lines after it are indented). */
const diagnostics = (output: string) => output.split(/\n(?=\S)/).filter((text) => text.trim() !== '');

beforeAll(async () => {
  const packed = inject('packed');
  ({ tarball, files } = packed);
  // The second consumer's install runs while the tests use the first.
  peersInstalled = consumerProject('with-peers', packed, [
    tarball,
    '@stoplight/prism-http@5.12.0',
    '@stoplight/prism-core@5.8.0',
    '@stoplight/prism-http-server@5.12.2',
    'msw@2.15.0',
    'ajv@8',
  ]);
  peersInstalled.catch(() => undefined); // awaited (and its failure reported) by the test that uses it
  consumer = await consumerProject('consumer', packed, [tarball]);
  work = await workFolder(consumer);
  // One-second rate-limit windows: the TypeScript program's 429 retry waits for the reset the mock announces.
  mock = await startTestMock({ seed: { rateLimit: { windowSeconds: 1 } } });
  void compileNode16();
  void compileBundler();
}, 120_000);

afterAll(async () => {
  await mock?.close();
  await Promise.all([peersInstalled?.catch(() => undefined), node16, bundler]);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds the build, the bundled spec and the types, and nothing else', () => {
    expect(files).toEqual(
      [
        'LICENSE',
        'README.md',
        'package.json',
        'generated/openapi.json',
        'generated/openapi.yaml',
        'generated/mcp-tools.json',
        'generated/schema.d.ts',
        'generated/sandbox-validators.js',
        'generated/verify-validators.js',
        'dist/mock/seed.schema.json',
        ...[
          'api-client',
          'attempt',
          'errors',
          'helpers',
          'index',
          'msw',
          'msw-env',
          'numbers',
          'rate-limit',
          'redact',
          'retry',
          'ryze-client',
          'schema',
          'success-body',
          'mock/cli',
          'mock/lifecycle',
          'mock/server',
          ...PORTABLE_MOCK,
          ...VERIFY_MODULES,
          'mcp/cli',
          'mcp/config',
          'mcp/index',
          'mcp/sdk',
          'mcp/server',
          'mcp/tools',
        ].flatMap((m) => [`dist/${m}.js`, `dist/${m}.d.ts`]),
      ].sort(),
    );
  });

  it('depends on openapi-fetch only (Prism, msw and ajv are optional peers), and its client code imports nothing from node:', async () => {
    const manifest = JSON.parse(await readFile(join(consumer, 'node_modules', NAME, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
    expect(
      Object.values(manifest.peerDependenciesMeta as Record<string, { optional: boolean }>).every((p) => p.optional),
    ).toBe(true);
    const dist = join(consumer, 'node_modules', NAME, 'dist');
    // Everything but the Node-only mock server and its CLI must run in browsers, Deno, Bun and edge runtimes.
    const portable = [
      ...(await readdir(dist)).filter((f) => f.endsWith('.js')),
      ...PORTABLE_MOCK.map((m) => `${m}.js`),
      ...VERIFY_PORTABLE.map((m) => `${m}.js`),
    ];
    expect(portable).toContain('msw.js');
    for (const file of portable) {
      const code = await readFile(join(dist, file), 'utf8');
      expect(code, file).not.toMatch(/from\s+['"]node:|import\(['"]node:|require\(/);
      expect(code, file).not.toMatch(/\bprocess\.|\bBuffer\b/);
    }
  });

  it('says where it lives and under which license, and its README links work on the registry page', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(manifest.license).toBe('MIT');
    expect(await readFile(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
    expect(manifest.homepage).toBe(`${REPOSITORY}#readme`);
    expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    // A relative link must name a file in the tarball; a link into the repository must name a file that exists.
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) {
      if (
        /^https?:|^#|^mailto:/.test(target) &&
        !target.startsWith(`${REPOSITORY}/blob/`) &&
        !target.startsWith(`${REPOSITORY}/tree/`)
      )
        continue;
      const path = target.replace(new RegExp(`^${REPOSITORY}/(blob|tree)/main/`), '').split('#')[0]!;
      if (target.startsWith(REPOSITORY)) expect(existsSync(join(root, path)), target).toBe(true);
      else expect(files, target).toContain(path);
    }
  });

  it('names openapi-fetch in its types only where it must: client.api and createApiClient (issue 13)', async () => {
    const dist = join(consumer, 'node_modules', NAME, 'dist');
    const mentions: string[] = [];
    for (const file of (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.d.ts'))) {
      for (const line of (await readFile(join(dist, file), 'utf8')).split('\n')) {
        if (/from ['"]openapi-fetch['"]|import\(['"]openapi-fetch['"]\)/.test(line))
          mentions.push(`${file}: ${line.trim()}`);
      }
    }
    expect(mentions.sort()).toEqual([
      "api-client.d.ts: import { type Client } from 'openapi-fetch';",
      "ryze-client.d.ts: import type { Client } from 'openapi-fetch';",
    ]);
  });

  it('passes publint (every level, strict)', async () => {
    const data = await readFile(tarball);
    const { messages } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages).toEqual([]);
  });

  it('passes @arethetypeswrong/cli: types resolve for node16 (ESM) and bundlers', async () => {
    // esm-only: the package is ESM, so CommonJS `require` resolution is out of scope. openapi.yaml is data with
    // no types for TypeScript to resolve, so it is not an entrypoint to check.
    const result = await sh(
      bin('attw'),
      [
        tarball,
        '--profile',
        'esm-only',
        '--no-definitely-typed',
        '--exclude-entrypoints',
        './openapi.yaml',
        '--format',
        'json',
      ],
      root,
    );
    expect(result.code, result.stdout).toBe(0);
    const { analysis } = JSON.parse(result.stdout) as {
      analysis: {
        entrypoints: Record<
          string,
          { resolutions: Record<string, { resolution?: { isTypeScript?: boolean; isJson?: boolean } }> }
        >;
      };
    };
    expect(Object.keys(analysis.entrypoints).sort()).toEqual([
      '.',
      './mcp',
      './mock',
      './msw',
      './openapi.json',
      './package.json',
      './sandbox',
      './sandbox-seed.schema.json',
      './schema',
      './verify',
    ]);
    for (const name of ['.', './schema', './msw', './mock', './sandbox', './verify', './mcp']) {
      for (const kind of ['node16-esm', 'bundler']) {
        expect(analysis.entrypoints[name]!.resolutions[kind]!.resolution?.isTypeScript, `${name} ${kind}`).toBe(true);
      }
    }
  });
});

describe('a consumer project with the tarball installed', () => {
  it('imports it from an ESM script, with the spec as JSON and YAML, and calls the mock', async () => {
    await writeFile(
      join(work, 'use.mjs'),
      `import { createRyzeClient, RyzeApiError, normalizeNumber, parseContactId, readMuteResponse, MUTE_DURATIONS } from '${NAME}';
import spec from '${NAME}/openapi.json' with { type: 'json' };
import * as schema from '${NAME}/schema';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const yaml = readFileSync(fileURLToPath(import.meta.resolve('${NAME}/openapi.yaml')), 'utf8');
const client = createRyzeClient({ token: 'consumer-token', baseUrl: process.env.MOCK_URL, retry: false });
const number = normalizeNumber('+55 (11) 99999-9999');
const blocked = await client.blockContact({ instance: 'my-instance', number: parseContactId(number).number });
const muted = await client.muteChat({ instance: 'my-instance', number, duration: '1w' }, { headers: { Prefer: 'example=chatMutedOneWeek' } });
let kind;
try {
  await client.unmuteChat({ instance: 'nope', number }, { headers: { Prefer: 'code=404' } });
} catch (error) {
  kind = error instanceof RyzeApiError ? error.kind + ' ' + error.status + ' ' + error.message : String(error);
}
console.log(JSON.stringify({
  blocked: blocked.blocked,
  seconds: readMuteResponse(muted).seconds,
  kind,
  rateLimit: client.rateLimit,
  durations: MUTE_DURATIONS.length,
  specVersion: spec.openapi,
  yamlStartsWithComment: yaml.startsWith('# GENERATED FILE'),
  schemaExports: Object.keys(schema).length,
}));
`,
    );
    const result = await sh(process.execPath, ['use.mjs'], work, { MOCK_URL: mock.url });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      blocked: true,
      seconds: 604800,
      kind: 'not_found 404 Instance not found',
      // Three requests of this token in the test mock's frozen one-second window.
      rateLimit: { limit: 100, remaining: 97, reset: TEST_START / 1000 + 1 },
      durations: 9,
      specVersion: bundle.openapi,
      yamlStartsWithComment: true,
      schemaExports: 0, // types only
    });
  }, 30_000);

  it('compiles strict TypeScript against it (node16), and the program runs against the mock', async () => {
    const compiled = await compileNode16();
    // Nothing but wrong.ts's errors (the test below reads them): none in node16.ts, the package's types or the libraries.
    expect(
      diagnostics(compiled.stdout + compiled.stderr)
        .filter((text) => !text.startsWith('wrong.ts('))
        .join('\n'),
    ).toBe('');
    expect(compiled.code).toBe(2); // errors reported (wrong.ts's), and the JavaScript emitted all the same
    // The 429 is retried once (attempts: 2), after the 1 s wait to the reset; Prefer makes the mock answer 429 again.
    const result = await sh(process.execPath, [join('out-node16', 'node16.js')], work);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      blocked: false,
      until: 'number',
      status: 429,
      route: '/api/chat/mute/{instance}',
    });
  }, 60_000);

  it('compiles with bundler resolution too', async () => {
    const compiled = await compileBundler();
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
  }, 60_000);

  it('refuses to compile wrong calls, saying why', async () => {
    const compiled = await compileNode16();
    expect(compiled.code).not.toBe(0);
    const errors = compiled.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors.map((line) => line.replace(/^wrong\.ts\((\d+),\d+\): error (TS\d+).*$/, '$1 $2'))).toEqual([
      '4 TS2345', // `block` is not a parameter of unblockContact (Exact)
      '5 TS2322', // '5y' is not a MuteDuration
      '6 TS2345', // number is missing
      '7 TS2322', // attempts is a number
    ]);
  }, 60_000);
});

describe('the verifier from the installed package', () => {
  const verifyBin = () => join(consumer, 'node_modules', '.bin', 'ryzeapi-chat-verify');

  it('the bin prints its plan without ajv, and gives the install line when a run needs it (exit 2)', async () => {
    const plan = await sh(verifyBin(), ['--dry-run', '--number', '5511988887777'], consumer);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Sends 21 requests (never more than 30');
    const run = await sh(
      verifyBin(),
      ['--base-url', 'http://127.0.0.1:9', '--instance', 'i', '--number', '5511988887777'],
      consumer,
      { RYZE_TOKEN: 'consumer-token' },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('npm install --save-dev ajv@^8.12.0');
    expect(run.stdout + run.stderr).not.toContain('consumer-token');
  });
});

describe('the mock from the installed package', () => {
  const mockBin = () => join(consumer, 'node_modules', '.bin', 'ryzeapi-chat-mock');

  it('the bin says how to get Prism when the optional peer is not installed, and ./sandbox how to get ajv', async () => {
    const result = await sh(mockBin(), ['--port', '0'], consumer);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(PRISM_INSTALL);
    const sandbox = await sh(
      process.execPath,
      ['--input-type=module', '-e', `await import('${NAME}/sandbox')`],
      consumer,
    );
    expect(sandbox.code).toBe(1);
    expect(sandbox.stderr).toContain(`npm install --save-dev ajv@${PEERS.ajv}`);
  });

  it('with the optional peers installed, the bin serves the mock and ./msw answers in-process alike', async () => {
    const withPeers = await peersInstalled;
    const script = join(await workFolder(withPeers), 'mock.mjs');
    await writeFile(
      script,
      `import { spawn } from 'node:child_process';
import { createRyzeHandlers } from '${NAME}/msw'; // first: it loads msw without Node 26's localStorage warning (T-04)
import { setupServer } from 'msw/node';
import { createSandbox } from '${NAME}/sandbox';
import { createRyzeClient } from '${NAME}';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const child = spawn('node_modules/.bin/ryzeapi-chat-mock', ['--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const url = await new Promise((resolve) => child.stdout.on('data', (d) => { out += d; const m = /listening on (http:\\S+)/.exec(out); if (m) resolve(m[1]); }));
const overHttp = await createRyzeClient({ token: 't', baseUrl: url }).muteChat({ instance: 'i', number: '5511999999999', duration: '7d' });
child.kill('SIGINT');
const server = setupServer(...createRyzeHandlers());
server.listen({ onUnhandledRequest: 'error' });
const inProcess = await createRyzeClient({ token: 't' }).muteChat({ instance: 'i', number: '5511999999999', duration: '7d' });
server.close();
const sandbox = createSandbox({ instances: { i: {} } });
const viaSandbox = await createRyzeClient({ token: 't', fetch: sandbox.fetch }).muteChat({ instance: 'i', number: '5511999999999', duration: '7d' });
const schemaFile = fileURLToPath(import.meta.resolve('${NAME}/sandbox-seed.schema.json'));
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const bundleRef = JSON.stringify(schema).match(/"([^"#]+)#\\/components\\//)[1];
const bundle = JSON.parse(readFileSync(new URL(bundleRef, 'file://' + schemaFile), 'utf8'));
console.log(JSON.stringify({
  overHttp,
  same: JSON.stringify(overHttp) === JSON.stringify(inProcess) && JSON.stringify(overHttp) === JSON.stringify(viaSandbox),
  seedSchemaFindsTheBundle: bundle.openapi,
}));
`,
    );
    // Run from the project's folder: the script starts the bin by its path there, as a user's script would.
    const result = await sh(process.execPath, [script], withPeers);
    await rm(dirname(script), { recursive: true, force: true });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      overHttp: {
        success: true,
        message: 'Chat muted for 1 week',
        chat_jid: '5511999999999@s.whatsapp.net',
        muted: true,
        duration: 604800,
      },
      same: true,
      seedSchemaFindsTheBundle: bundle.openapi,
    });
  }, 120_000);
});

it('ryzeapi-chat-contract/schema exports an alias for every schema of the spec, and every name of 1.0', async () => {
  // Read back from the node16 program's names.ts, which re-exports every one of them from the installed package's
  // ./schema (the aliases come from generated/schema.d.ts, made by openapi-typescript's root types, through
  // `export type *`): tsc reports each name the entry does not export (TS2305, or TS2724 with a suggestion).
  const compiled = await compileNode16();
  const output = compiled.stdout + compiled.stderr;
  expect(output).not.toMatch(/error TS6053/); // names.ts was part of the program
  const missing = [
    ...output.matchAll(/^names\.ts\(\d+,\d+\): error TS(?:2305|2724): .*?exported member (?:named )?'(\w+)'/gm),
  ].map((m) => m[1]);
  expect(diagnostics(output).filter((text) => text.startsWith('names.ts('))).toHaveLength(missing.length);
  expect(missing).toEqual([]);
});
