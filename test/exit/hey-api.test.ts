// The exit from openapi-typescript/openapi-fetch (DECISIONS.md T-02), proven on every `npm test`: Hey API
// (@hey-api/openapi-ts, pinned) generates a client from the bundle alone, the client type-checks under --strict (the
// project settings but one), its types reject what the spec forbids, and the behaviour table's cases that a typed
// client can send replay through it against the mock with the answers the table expects.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createClient as generate } from '@hey-api/openapi-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK, MUTE, errorCases, preferCases, requestAwareCases } from '../helpers/mock-cases.js';
import { startTestMock, type RunningMock } from '../helpers/mock.js';
import { BUNDLE_PATH, schemaErrors } from '../helpers/spec.js';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// TypeScript 7 (tsgo), the project's type checker (npm run typecheck, build:check): ~5x faster than tsc here.
const tsgo = join(root, 'node_modules', '@typescript', 'native-preview', 'bin', 'tsgo');

interface HeyResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}
type Operation = (options: Record<string, unknown>) => Promise<HeyResult>;
interface GeneratedSdk {
  blockContact: Operation;
  muteChat: Operation;
}
interface GeneratedClient {
  createClient: (config: Record<string, unknown>) => unknown;
  createConfig: (config: Record<string, unknown>) => Record<string, unknown>;
}

let out: string;
let mock: RunningMock;
let sdk: GeneratedSdk;
let clientModule: GeneratedClient;
let cases = 0;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'ryze-hey-api-'));
  await generate({
    input: BUNDLE_PATH,
    output: join(out, 'client'),
    plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
    logs: { level: 'silent' },
  });
  sdk = (await import(pathToFileURL(join(out, 'client', 'index.ts')).href)) as GeneratedSdk;
  clientModule = (await import(pathToFileURL(join(out, 'client', 'client', 'index.ts')).href)) as GeneratedClient;
  mock = await startTestMock();
}, 60_000);

afterAll(async () => {
  await mock?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/** A client of the generated code for the mock; the token goes in the `token` header (the apiKey scheme). */
function heyClient(token: string | undefined) {
  return clientModule.createClient(
    clientModule.createConfig({ baseUrl: mock.url, ...(token === undefined ? {} : { auth: () => token }) }),
  );
}

/** Send one case of the behaviour table through the generated SDK. */
async function replay(path: string, body: unknown, headers: Record<string, string> = {}) {
  const operation = path.startsWith(`${BLOCK.slice(0, BLOCK.lastIndexOf('/'))}/`) ? sdk.blockContact : sdk.muteChat;
  const instance = path.slice(path.lastIndexOf('/') + 1);
  const { token, ...rest } = headers;
  // An empty token in the table means "no credentials": the generated client then sends none. Each case has its own
  // token, so the mock's per-token rate limit never interferes.
  const client = heyClient(token === '' ? undefined : `hey-api-${++cases}`);
  const result = await operation({ client, path: { instance }, body, headers: rest });
  return { status: result.response.status, data: result.data, error: result.error };
}

describe('the Hey API client generated from the bundle', () => {
  it('compiles under --strict (the project settings but exactOptionalPropertyTypes), with calls that use the generated types and wrong calls it refuses', async () => {
    await writeFile(
      join(out, 'use.ts'),
      `import { blockContact, muteChat, type MuteDuration, type MuteChatRequest, type MuteChatResponse, type ErrorResponse } from './client/index.js';
import { createClient, createConfig } from './client/client/index.js';

const client = createClient(createConfig({ baseUrl: 'http://127.0.0.1:4010', auth: () => 'token' }));
const duration: MuteDuration = '1 week';
const unmute: MuteChatRequest = { number: '5511999999999', mute: false };
export async function calls(): Promise<number> {
  const muted = await muteChat({ client, path: { instance: 'i' }, body: { number: '5511999999999', mute: true, duration } });
  const body: MuteChatResponse | undefined = muted.data;
  const error: ErrorResponse | undefined = muted.error;
  const blocked = await blockContact({ client, path: { instance: 'i' }, body: { number: '5511999999999', block: true }, throwOnError: true });
  await muteChat({ client, path: { instance: 'i' }, body: unmute });
  return (body?.duration ?? 0) + (error ? 1 : 0) + blocked.data.blocked_count;
}

// @ts-expect-error '5y' is not one of the closed duration spellings
export const badDuration: MuteDuration = '5y';
// @ts-expect-error a mute request needs its number
export const noNumber: MuteChatRequest = { mute: true };
export async function wrongCalls() {
  // @ts-expect-error the instance path parameter is required
  await blockContact({ client, body: { number: '5511999999999', block: true } });
  // @ts-expect-error block is a boolean
  await blockContact({ client, path: { instance: 'i' }, body: { number: '5511999999999', block: 'yes' } });
}
`,
    );
    await writeFile(join(out, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
    await writeFile(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          singleThreaded: true, // tsgo's own option: one thread, less CPU on a busy 2-core machine, the same errors
          // The project's settings but exactOptionalPropertyTypes, which Hey API's bundled fetch client does not
          // meet (its own option objects pass `undefined` to optional properties; DECISIONS.md T-02).
          strict: true,
          noUncheckedIndexedAccess: true,
          noImplicitOverride: true,
          noFallthroughCasesInSwitch: true,
          verbatimModuleSyntax: true,
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: [],
          skipLibCheck: false,
          noEmit: true,
        },
        include: ['client', 'use.ts'],
      }),
    );
    const result = await run(process.execPath, [tsgo, '-p', join(out, 'tsconfig.json')]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it.each(requestAwareCases)('replays %s: the example that fits the body', async (_name, path, body, expected) => {
    const reply = await replay(path, body);
    expect(reply.status).toBe(200);
    expect(reply.data).toEqual(expected);
  });

  it.each(preferCases)('replays Prefer, %s', async (_name, path, body, prefer, status, expected) => {
    const reply = await replay(path, body, { Prefer: prefer });
    expect(reply.status).toBe(status);
    expect(status === 200 ? reply.data : reply.error).toEqual(expected);
  });

  // Cases whose request a typed client can send: a JSON body (the table's raw strings test the mock's parser) on
  // the two plain paths (the others test the mock's path parsing).
  const sendable = errorCases.filter(([, path, body]) => typeof body !== 'string' && (path === BLOCK || path === MUTE));

  it('replays most of the error table (the rest is raw text or odd paths, which no typed client sends)', () => {
    expect(sendable.length).toBeGreaterThan(errorCases.length / 2);
  });

  it.each(sendable)('replays %s: the documented error', async (_name, path, body, headers, status, message) => {
    const reply = await replay(path, body, headers);
    expect(reply.status).toBe(status);
    expect(schemaErrors('#/components/schemas/ErrorResponse', reply.error)).toBe('');
    const text = (reply.error as { error: { message: string } }).error.message;
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });
});
