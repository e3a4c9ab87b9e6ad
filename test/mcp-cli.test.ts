// The `ryzeapi-chat-mcp` bin as an MCP host runs it: spawned, spoken to over stdio by the official SDK's client.
// The tools are listed with the generated schemas; every call goes through the typed client to the mock; the
// configuration comes from the environment; start-up problems end the process with a message on stderr.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import generated from '../generated/mcp-tools.json' with { type: 'json' };
import manifest from '../package.json' with { type: 'json' };
import { startTestMock, type RunningMock } from './helpers/mock.js';
import { NO_SDK, connectBin, runBin, text, type Connected } from './mcp/stdio.js';

const NO_AJV = fileURLToPath(new URL('./fixtures/no-ajv.mjs', import.meta.url));

const TOKEN = 'tok-MCP-SECRET-9f8e7d';
const NAMES = ['block_contact', 'unblock_contact', 'mute_chat', 'unmute_chat'];

let mock: RunningMock;
let bin: Connected;
let scratch: string;
const requests: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ryze-mcp-'));
  mock = await startTestMock({ log: (line) => requests.push(line) });
  bin = await connectBin([], { RYZE_TOKEN: TOKEN, RYZE_BASE_URL: mock.url });
}, 60_000);

afterAll(async () => {
  await bin?.close();
  await mock?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A seed file for `--seed`. */
async function seedFile(name: string, seed: unknown): Promise<string> {
  const file = join(scratch, name);
  await writeFile(file, typeof seed === 'string' ? seed : JSON.stringify(seed));
  return file;
}

/** Connect to the bin in mock mode, run `body`, close. */
async function withSandbox(args: string[], env: Record<string, string>, body: (connected: Connected) => Promise<void>) {
  const connected = await connectBin(['--mock', ...args], env);
  try {
    await body(connected);
  } finally {
    await connected.close();
  }
}

describe('tools/list', () => {
  it('lists the four tools with the generated schemas, unchanged', async () => {
    const { tools } = await bin.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(NAMES);
    for (const tool of tools) {
      const schemas = generated.tools[tool.name as keyof typeof generated.tools];
      expect(tool.inputSchema, tool.name).toEqual(schemas.inputSchema);
      expect(tool.outputSchema, tool.name).toEqual(schemas.outputSchema);
    }
  });

  it('annotates them truthfully: none read-only, all idempotent, only block destructive, all in the open world', async () => {
    const { tools } = await bin.client.listTools();
    const hints = Object.fromEntries(tools.map(({ name, annotations }) => [name, annotations]));
    for (const name of NAMES) {
      expect(hints[name], name).toMatchObject({
        readOnlyHint: false,
        idempotentHint: true,
        openWorldHint: true,
        destructiveHint: name === 'block_contact',
      });
    }
  });

  it('describes each call: what it does, that it is idempotent, which tool undoes it, what the durations mean', async () => {
    const { tools } = await bin.client.listTools();
    const undo: Record<string, string> = {
      block_contact: 'unblock_contact',
      unblock_contact: 'block_contact',
      mute_chat: 'unmute_chat',
      unmute_chat: 'mute_chat',
    };
    for (const tool of tools) {
      expect(tool.title, tool.name).toMatch(/^(Block|Unblock|Mute|Unmute) a WhatsApp (contact|chat)$/);
      expect(tool.description, tool.name).toContain('Idempotent');
      expect(tool.description, tool.name).toContain(`Undo it with \`${undo[tool.name]}\``);
      expect(tool.description, tool.name).not.toContain('Sandbox');
    }
    const mute = tools.find((tool) => tool.name === 'mute_chat')!.description!;
    for (const words of [
      '`8h` or `8 hours` for 8 hours',
      '`1w`, `7d` or `1 week` for one week',
      '`always`, `forever`, `permanent`',
      'no end',
      '`28800` (8 hours), `604800` (one week) or `0` (no end)',
    ]) {
      expect(mute).toContain(words);
    }
    expect(bin.client.getInstructions()).toContain('block_contact / unblock_contact, mute_chat / unmute_chat');
  });
});

describe('tools/call against the HTTP mock (RYZE_BASE_URL)', () => {
  it.each([
    ['block_contact', { instance: 'my-instance', number: '5511999999999' }, 'blocked', true],
    ['unblock_contact', { instance: 'my-instance', number: '5511999999999' }, 'blocked', false],
    ['mute_chat', { instance: 'my-instance', number: '5511999999999', duration: '1 week' }, 'muted', true],
    ['unmute_chat', { instance: 'my-instance', number: '5511999999999' }, 'muted', false],
  ])(
    '%s sends one request and returns the documented body, as structured content and as text',
    async (name, args, state, value) => {
      const before = requests.length;
      const result = await bin.client.callTool({ name, arguments: args });
      expect(result.isError, text(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ success: true, [state]: value });
      expect(JSON.parse(text(result))).toEqual(result.structuredContent);
      expect(requests.length - before).toBe(1);
      expect(requests.at(-1)).toMatch(
        new RegExp(`^POST /api/chat/${state === 'blocked' ? 'block' : 'mute'}/my-instance 200`),
      );
    },
  );

  it('refuses a bad duration with the documented message and sends nothing', async () => {
    const before = requests.length;
    const result = await bin.client.callTool({
      name: 'mute_chat',
      arguments: { instance: 'my-instance', number: '5511999999999', duration: '5y' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Invalid duration: 5y\n/);
    expect(requests.length).toBe(before);
  });

  it('never writes the token to stderr', () => {
    expect(bin.stderr()).toContain(`calling ${mock.url}`);
    expect(bin.stderr()).not.toContain(TOKEN);
  });
});

describe('mock mode (--mock): the in-process sandbox, no token', () => {
  it('lists the same tools, marked as the sandbox and out of the open world', async () => {
    await withSandbox([], {}, async ({ client, stderr }) => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(NAMES);
      for (const tool of tools) {
        const schemas = generated.tools[tool.name as keyof typeof generated.tools];
        expect(tool.inputSchema).toEqual(schemas.inputSchema);
        expect(tool.outputSchema).toEqual(schemas.outputSchema);
        expect(tool.description).toMatch(
          /^Sandbox: this server runs against an in-process simulation of RyzeAPI; no WhatsApp account is touched\.\n\n/,
        );
        expect(tool.annotations).toMatchObject({
          openWorldHint: false,
          idempotentHint: true,
          destructiveHint: tool.name === 'block_contact',
        });
      }
      expect(stderr()).toContain('against the in-process sandbox');
    });
  });

  it('calls each tool against the sandbox: state per instance, echoed JIDs, idempotent repeats', async () => {
    await withSandbox([], {}, async ({ client }) => {
      const call = async (name: string, args: Record<string, unknown>) => {
        const result = await client.callTool({ name, arguments: args });
        expect(result.isError, text(result)).toBeFalsy();
        expect(JSON.parse(text(result))).toEqual(result.structuredContent);
        return result.structuredContent;
      };
      const person = { instance: 'my-instance', number: '5511999999999' };
      expect(await call('block_contact', person)).toEqual({
        success: true,
        message: 'Contact blocked successfully',
        contact_jid: '5511999999999@s.whatsapp.net',
        blocked_count: 1,
        blocked: true,
      });
      expect(await call('block_contact', person)).toMatchObject({ blocked_count: 1, blocked: true });
      expect(await call('block_contact', { instance: 'my-instance', number: '123456789012345@lid' })).toMatchObject({
        contact_jid: '123456789012345@lid',
        blocked_count: 2,
      });
      expect(await call('block_contact', { instance: 'other-instance', number: '5511999999999' })).toMatchObject({
        blocked_count: 1,
      });
      expect(await call('unblock_contact', person)).toMatchObject({
        contact_jid: '5511999999999@s.whatsapp.net',
        blocked_count: 1,
        blocked: false,
      });
      expect(await call('unblock_contact', person)).toMatchObject({ blocked_count: 1, blocked: false });
      expect(
        await call('mute_chat', { instance: 'my-instance', number: '120363025246125486@g.us', duration: '1 week' }),
      ).toEqual({
        success: true,
        message: 'Chat muted for 1 week',
        chat_jid: '120363025246125486@g.us',
        muted: true,
        duration: 604800,
      });
      expect(
        await call('mute_chat', { instance: 'my-instance', number: '120363144038483540@newsletter' }),
      ).toMatchObject({ chat_jid: '120363144038483540@newsletter', duration: 0, message: 'Chat muted permanently' });
      expect(await call('mute_chat', { ...person, duration: '8h' })).toMatchObject({
        chat_jid: '5511999999999@s.whatsapp.net',
        duration: 28800,
      });
      expect(await call('unmute_chat', { instance: 'my-instance', number: '120363025246125486@g.us' })).toEqual({
        success: true,
        message: 'Chat notifications unmuted successfully',
        chat_jid: '120363025246125486@g.us',
        muted: false,
        duration: 0,
      });
    });
  });

  it('with the seed of docs/mcp.md: a bad duration is refused with the documented message and costs no request; the 6th request gets the 429', async () => {
    const guide = await readFile(fileURLToPath(new URL('../docs/mcp.md', import.meta.url)), 'utf8');
    const seed = [...guide.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((match) => JSON.parse(match[1]!))
      .find((block) => 'rateLimit' in block);
    expect(seed).toMatchObject({ rateLimit: { limit: 5 } });
    await withSandbox(['--seed', await seedFile('docs-seed.json', seed)], {}, async ({ client }) => {
      const call = (name: string, args: Record<string, unknown>) =>
        client.callTool({ name, arguments: { instance: 'my-instance', ...args } });
      // The seed's instance starts with 5511988887777 blocked.
      expect((await call('block_contact', { number: '5511999999999' })).structuredContent).toMatchObject({
        blocked_count: 2,
      });
      const refused = await call('mute_chat', { number: '5511999999999', duration: '5y' });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/^Invalid duration: 5y\nAccepted values: .*\nNothing was sent\.$/s);
      expect((await call('unblock_contact', { number: '5511988887777' })).structuredContent).toMatchObject({
        blocked_count: 1,
      });
      expect(
        (await call('mute_chat', { number: '5511999999999', duration: '8 hours' })).structuredContent,
      ).toMatchObject({ duration: 28800 });
      expect((await call('unmute_chat', { number: '5511999999999' })).structuredContent).toMatchObject({
        muted: false,
      });
      expect((await call('block_contact', { number: '5511999999999' })).structuredContent).toMatchObject({
        blocked_count: 1,
      });
      // Five requests counted (the refused one was never sent): the sixth is over the limit.
      const limited = await call('unmute_chat', { number: '5511999999999' });
      expect(limited.isError).toBe(true);
      expect(text(limited)).toMatch(
        /^HTTP 429 \(rate_limited\): Rate limit exceeded\. Try again later\.\nThe rate limit of 5 requests per window resets at \d{4}-\d\d-\d\dT[\d:.]+Z; call again after that\.$/,
      );
      expect(limited.structuredContent).toBeUndefined();
    });
  });

  it("with seeded tokens and instances: the sandbox's 401, 404 and 503 come back as tool errors, never with the token", async () => {
    const secret = 'tok-SANDBOX-SECRET-271828';
    const seed = await seedFile('auth-seed.json', {
      accounts: { acme: { tokens: [secret] } },
      instances: { 'my-instance': { account: 'acme' }, offline: { account: 'acme', connected: false } },
    });
    const person = { number: '5511999999999' };
    await withSandbox(['--seed', seed], { RYZE_TOKEN: secret }, async ({ client, stderr }) => {
      const results = [
        await client.callTool({ name: 'block_contact', arguments: { instance: 'my-instance', ...person } }),
        await client.callTool({ name: 'block_contact', arguments: { instance: 'elsewhere', ...person } }),
        await client.callTool({ name: 'mute_chat', arguments: { instance: 'offline', ...person } }),
      ];
      expect(results[0]!.structuredContent).toMatchObject({ blocked: true, blocked_count: 1 });
      expect(text(results[1]!)).toBe('HTTP 404 (not_found): Instance not found');
      expect(text(results[2]!)).toBe(
        'HTTP 503 (unavailable): Instance is not connected to WhatsApp\nCalling again later is safe: every tool is idempotent.',
      );
      for (const result of results) expect(JSON.stringify(result)).not.toContain(secret);
      expect(stderr()).not.toContain(secret);
    });
    await withSandbox(['--seed', seed], { RYZE_TOKEN: 'tok-WRONG-1' }, async ({ client }) => {
      const refused = await client.callTool({
        name: 'block_contact',
        arguments: { instance: 'my-instance', ...person },
      });
      expect(text(refused)).toMatch(/^HTTP 401 \(unauthorized\): Invalid token\nThe token was refused/);
    });
  });

  it.each([
    [
      'a seed that breaks its schema',
      { instances: { 'my-instance': { blocked: ['not a number'] } } },
      /--seed: Invalid sandbox seed: instances\.my-instance\.blocked\[0\]/,
    ],
    ['a seed that is not JSON', 'instances:\n  my-instance: {}\n', /--seed: .*\.json is not valid JSON/],
  ])('refuses %s before serving (exit 2), naming what is wrong', async (_, seed, message) => {
    const result = await runBin(['--mock', '--seed', await seedFile('bad-seed.json', seed)], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('refuses a seed file it cannot read (exit 2)', async () => {
    const result = await runBin(['--mock', '--seed', join(scratch, 'missing.json')], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read');
    expect(result.stderr).toContain('ENOENT');
  });

  it('without the optional peer ajv, exits 1 with its install line', async () => {
    const result = await runBin(['--mock'], {}, ['--import', NO_AJV]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ajv@${manifest.peerDependencies.ajv}`);
  });
});

describe('protocol revisions', () => {
  it('serves a 2026-07-28 client as well as a 2025 one, with the same tools and results', async () => {
    expect(bin.client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    const modern = await connectBin([], { RYZE_TOKEN: TOKEN, RYZE_BASE_URL: mock.url }, 'auto');
    try {
      expect(modern.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const [legacyTools, modernTools] = await Promise.all([bin.client.listTools(), modern.client.listTools()]);
      expect(modernTools.tools).toEqual(legacyTools.tools);
      const args = { instance: 'my-instance', number: '5511999999999', duration: '8h' };
      const result = await modern.client.callTool({ name: 'mute_chat', arguments: args });
      expect(result.structuredContent).toMatchObject({ muted: true, duration: 28800 });
      const refused = await modern.client.callTool({ name: 'mute_chat', arguments: { ...args, duration: '5y' } });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/^Invalid duration: 5y\n/);
    } finally {
      await modern.close();
    }
  });
});

describe('the bin', () => {
  it('--help prints the usage with every variable, --version the package version', async () => {
    const help = await runBin(['--help'], {});
    expect(help.code).toBe(0);
    for (const word of ['RYZE_TOKEN', 'RYZE_BASE_URL', 'RYZE_AUTH', '--mock', '--seed'])
      expect(help.stdout).toContain(word);
    const version = await runBin(['--version'], {});
    expect(version.stdout.trim()).toBe(generated.specVersion);
  });

  it('without RYZE_TOKEN (and without --mock) exits 2 and says what to set', async () => {
    const result = await runBin([], { RYZE_BASE_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('RYZE_TOKEN is not set');
    expect(result.stderr).toContain('--mock');
    expect(result.stdout).toBe('');
  });

  it.each([
    [{ RYZE_TOKEN: TOKEN, RYZE_AUTH: 'basic' }, [], 2, 'RYZE_AUTH must be "token" or "bearer"'],
    [{ RYZE_TOKEN: TOKEN, RYZE_BASE_URL: `https://user:${TOKEN}@api.test` }, [], 2, 'RYZE_BASE_URL'],
    [{ RYZE_TOKEN: 'two words' }, [], 2, 'RYZE_TOKEN cannot be sent in an HTTP header'],
    [{ RYZE_TOKEN: TOKEN }, ['--port', '1'], 2, "Unknown option '--port'"],
    [{ RYZE_TOKEN: TOKEN }, ['--seed', 'seed.json'], 2, '--seed works with --mock only'],
  ])('refuses a bad configuration %j %j (exit %i), never repeating the token', async (env, args, code, message) => {
    const result = await runBin(args, env);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('without the optional SDK, exits 1 with the install line', async () => {
    const result = await runBin([], { RYZE_TOKEN: TOKEN }, ['--import', NO_SDK]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('needs the official MCP TypeScript SDK');
    expect(result.stderr).toContain(
      `npm install @modelcontextprotocol/server@${manifest.peerDependencies['@modelcontextprotocol/server']}`,
    );
  });
});
