// Spawns the built bin (dist/mcp/cli.js) and connects the SDK's own client to it over stdio, as an MCP host does.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export const BIN = fileURLToPath(new URL('../../dist/mcp/cli.js', import.meta.url));
export const NO_SDK = fileURLToPath(new URL('./no-sdk.mjs', import.meta.url));

function requireBuild() {
  // Tests read dist/ and never rebuild it (other test files use it): npm test builds first.
  if (!existsSync(BIN)) throw new Error('dist/mcp/cli.js is missing: run `npm run build` first (npm test does)');
}

/** Only what the bin needs: no inherited RYZE_* variables, so each test says exactly what is set. */
function environment(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...env };
}

export interface Connected {
  client: Client;
  /** Everything the bin wrote to stderr so far. */
  stderr: () => string;
  close: () => Promise<void>;
}

/** Start the bin with `args` and `env`, and connect a client to it. */
export async function connectBin(
  args: string[],
  env: Record<string, string>,
  era: 'legacy' | 'auto' = 'legacy',
): Promise<Connected> {
  requireBuild();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...args],
    env: environment(env),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // 'legacy': the 2025 `initialize` handshake (the SDK's default); 'auto': the 2026-07-28 revision when offered.
  const client = new Client(
    { name: 'ryzeapi-chat-contract-tests', version: '1.0.0' },
    { versionNegotiation: { mode: era } },
  );
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** Run the bin to its end (no client), for its options and start-up errors. */
export async function runBin(args: string[], env: Record<string, string>, nodeOptions: string[] = []) {
  requireBuild();
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...nodeOptions, BIN, ...args], {
      env: environment(env),
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export const text = (result: { content: unknown }) =>
  (result.content as { text: string }[]).map((block) => block.text).join('\n');
