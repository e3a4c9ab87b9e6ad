// The `ryzeapi-chat-mcp` bin as an MCP host runs it: spawned, spoken to over stdio by the official SDK's client.
// The tools are listed with the generated schemas; every call goes through the typed client to the mock; the
// configuration comes from the environment; start-up problems end the process with a message on stderr.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import generated from '../generated/mcp-tools.json' with { type: 'json' };
import { startTestMock, type RunningMock } from './helpers/mock.js';
import { NO_SDK, connectBin, runBin, text, type Connected } from './mcp/stdio.js';

const TOKEN = 'tok-MCP-SECRET-9f8e7d';
const NAMES = ['block_contact', 'unblock_contact', 'mute_chat', 'unmute_chat'];

let mock: RunningMock;
let bin: Connected;
const requests: string[] = [];

beforeAll(async () => {
  mock = await startTestMock({ log: (line) => requests.push(line) });
  bin = await connectBin([], { RYZE_TOKEN: TOKEN, RYZE_BASE_URL: mock.url });
}, 60_000);

afterAll(async () => {
  await bin?.close();
  await mock?.close();
});

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
      expect(hints[name], name).toMatchObject({ readOnlyHint: false, idempotentHint: true, openWorldHint: true, destructiveHint: name === 'block_contact' });
    }
  });

  it('describes each call: what it does, that it is idempotent, which tool undoes it, what the durations mean', async () => {
    const { tools } = await bin.client.listTools();
    const undo: Record<string, string> = { block_contact: 'unblock_contact', unblock_contact: 'block_contact', mute_chat: 'unmute_chat', unmute_chat: 'mute_chat' };
    for (const tool of tools) {
      expect(tool.title, tool.name).toMatch(/^(Block|Unblock|Mute|Unmute) a WhatsApp (contact|chat)$/);
      expect(tool.description, tool.name).toContain('Idempotent');
      expect(tool.description, tool.name).toContain(`Undo it with \`${undo[tool.name]}\``);
      expect(tool.description, tool.name).not.toContain('Sandbox');
    }
    const mute = tools.find((tool) => tool.name === 'mute_chat')!.description!;
    for (const words of ['`8h` or `8 hours` for 8 hours', '`1w`, `7d` or `1 week` for one week', '`always`, `forever`, `permanent`', 'no end', '`28800` (8 hours), `604800` (one week) or `0` (no end)']) {
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
  ])('%s sends one request and returns the documented body, as structured content and as text', async (name, args, state, value) => {
    const before = requests.length;
    const result = await bin.client.callTool({ name, arguments: args });
    expect(result.isError, text(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ success: true, [state]: value });
    expect(JSON.parse(text(result))).toEqual(result.structuredContent);
    expect(requests.length - before).toBe(1);
    expect(requests.at(-1)).toMatch(new RegExp(`^POST /api/chat/${state === 'blocked' ? 'block' : 'mute'}/my-instance 200`));
  });

  it('refuses a bad duration with the documented message and sends nothing', async () => {
    const before = requests.length;
    const result = await bin.client.callTool({ name: 'mute_chat', arguments: { instance: 'my-instance', number: '5511999999999', duration: '5y' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Invalid duration: 5y\n/);
    expect(requests.length).toBe(before);
  });

  it('never writes the token to stderr', () => {
    expect(bin.stderr()).toContain(`calling ${mock.url}`);
    expect(bin.stderr()).not.toContain(TOKEN);
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
    for (const word of ['RYZE_TOKEN', 'RYZE_BASE_URL', 'RYZE_AUTH', '--mock', '--seed']) expect(help.stdout).toContain(word);
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
    [{ RYZE_TOKEN: TOKEN, RYZE_BASE_URL: `https://user:${TOKEN}@api.test` }, [], 1, 'RYZE_BASE_URL'],
    [{ RYZE_TOKEN: 'two words' }, [], 1, 'RYZE_TOKEN cannot be sent in an HTTP header'],
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
    expect(result.stderr).toContain('npm install @modelcontextprotocol/server@^2.4.0');
  });
});
