// The MCP server as the README and docs/mcp.md tell people to add it: the configuration entries are read from the
// documents themselves and run as an MCP host would, `npx -p ryzeapi-chat-contract -p @modelcontextprotocol/server
// ryzeapi-chat-mcp`, with the packed tarball (test/helpers/packed.ts) in place of the registry's copy. The entries must be what the bin
// understands: every variable they set is one the bin documents.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestMock, type RunningMock } from './helpers/mock.js';
import { runBin } from './mcp/stdio.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'tok-PACKAGE-SECRET-31415';

interface Entry {
  type?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** The JSON code blocks of a Markdown text, parsed, in order. */
function jsonBlocks(markdown: string): unknown[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!));
}

/** Every server entry in the JSON blocks of a section (`mcpServers` or VS Code's `servers`), with its name. */
function entries(markdown: string): [string, Entry][] {
  return jsonBlocks(markdown).flatMap((block) => {
    const { mcpServers, servers } = block as { mcpServers?: Record<string, Entry>; servers?: Record<string, Entry> };
    return Object.entries({ ...mcpServers, ...servers });
  });
}

const readme = await readFile(join(root, 'README.md'), 'utf8');
const start = readme.indexOf('## Use it from an agent (MCP)');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const guide = await readFile(join(root, 'docs', 'mcp.md'), 'utf8');
const documented = [
  ...entries(section).map(([name, entry]) => [`README ${name}`, entry] as const),
  ...entries(guide).map(([name, entry]) => [`docs/mcp.md ${name}`, entry] as const),
];

let scratch: string;
let tarball: string;
let mock: RunningMock;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ryze-mcp-package-'));
  tarball = inject('packed').tarball;
  mock = await startTestMock();
}, 120_000);

afterAll(async () => {
  await mock?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the built ./mcp entry', () => {
  it('keeps Node-only code in the bin: the server, the tools and the SDK loader import nothing from node: and touch no process', async () => {
    for (const file of ['index', 'server', 'tools', 'sdk']) {
      const code = await readFile(join(root, 'dist', 'mcp', `${file}.js`), 'utf8');
      expect(code, file).not.toMatch(/from\s+['"]node:|import\(['"]node:|require\(/);
      expect(code, file).not.toMatch(/\bprocess\.|\bBuffer\b/);
    }
    // The bin is where they are.
    expect(await readFile(join(root, 'dist', 'mcp', 'cli.js'), 'utf8')).toMatch(/from 'node:fs\/promises'/);
  });
});

describe('the documented MCP client entries', () => {
  it('are there: one in the README, Claude Desktop, VS Code and the sandbox in docs/mcp.md', () => {
    expect(documented.map(([name]) => name)).toEqual([
      'README ryzeapi-chat',
      'docs/mcp.md ryzeapi-chat',
      'docs/mcp.md ryzeapi-chat',
      'docs/mcp.md ryzeapi-chat-sandbox',
    ]);
  });

  it('set only variables the bin documents, and keep the token out of the arguments', async () => {
    const { stdout: help } = await runBin(['--help'], {});
    for (const [name, entry] of documented) {
      for (const variable of Object.keys(entry.env ?? {})) expect(help, `${name} ${variable}`).toContain(variable);
      expect(entry.args.join(' '), name).not.toMatch(/token/i);
      expect(entry.command, name).toBe('npx');
    }
  });

  // The registry's package is this tarball; against the API, the token is a test one and the API the local mock.
  // Entries that then start the same process (the README's and Claude Desktop's and VS Code's differ only in the
  // token, which the test sets) are started once, for all of them.
  const launches = new Map<string, { names: string[]; entry: Entry }>();
  for (const [name, entry] of documented) {
    const api = entry.args.includes('--mock') ? {} : { RYZE_TOKEN: '*', RYZE_BASE_URL: '*' };
    const key = JSON.stringify([entry.command, entry.args, { ...entry.env, ...api }]);
    const launch = launches.get(key) ?? { names: [], entry };
    launch.names.push(name);
    launches.set(key, launch);
  }

  it('start only two different processes: the API one and the sandbox one', () => {
    expect([...launches.values()].map(({ names }) => names)).toEqual([
      ['README ryzeapi-chat', 'docs/mcp.md ryzeapi-chat', 'docs/mcp.md ryzeapi-chat'],
      ['docs/mcp.md ryzeapi-chat-sandbox'],
    ]);
  });

  it.each([...launches.values()].map(({ names, entry }) => [names.join(', '), entry] as const))(
    '%s: starts the server and calls the API (or the sandbox)',
    async (name, entry) => {
      const args = entry.args.map((arg) => (arg === 'ryzeapi-chat-contract' ? tarball : arg));
      const api = entry.args.includes('--mock') ? {} : { RYZE_TOKEN: TOKEN, RYZE_BASE_URL: mock.url };
      const transport = new StdioClientTransport({
        command: 'npx',
        args: ['--prefer-offline', ...args],
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...entry.env, ...api },
        cwd: scratch,
        stderr: 'pipe',
      });
      const client = new Client({ name: 'package-test', version: '1.0.0' });
      await client.connect(transport);
      try {
        const { tools } = await client.listTools();
        expect(
          tools.map((tool) => tool.name),
          name,
        ).toEqual(['block_contact', 'unblock_contact', 'mute_chat', 'unmute_chat']);
        const result = await client.callTool({
          name: 'block_contact',
          arguments: { instance: 'my-instance', number: '5511999999999' },
        });
        expect(result.structuredContent, name).toMatchObject({
          success: true,
          blocked: true,
          contact_jid: '5511999999999@s.whatsapp.net',
        });
        const annotations = tools.map((tool) => tool.annotations?.openWorldHint);
        expect(annotations, name).toEqual(Array(4).fill(!entry.args.includes('--mock')));
      } finally {
        await client.close();
      }
    },
    120_000,
  );
});
