#!/usr/bin/env node
// `ryzeapi-chat-mcp`: the MCP server over stdio. stdout is the protocol channel, so everything for people goes to
// stderr. Configuration: ./config.ts (and `ryzeapi-chat-mcp --help`).
import { readFile } from 'node:fs/promises';
import { createRyzeClient } from '../ryze-client.js';
import { MCP_HELP, parseCommand, type McpConfig } from './config.js';

const VERSION = (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function fail(message: string, code: number): never {
  process.stderr.write(`ryzeapi-chat-mcp: ${message}\n`);
  process.exit(code);
}

/**
 * The client's options for a tool call: MCP clients give up on a request after about 60 s, so an attempt
 * may take 15 s and a 429 is waited out only when its window resets within 10 s; beyond that the tool returns the
 * 429 at once, with the reset time.
 */
const CLIENT_OPTIONS = { timeoutMs: 15_000, retry: { attempts: 3, maxRateLimitWaitMs: 10_000 } } as const;

async function start(config: McpConfig) {
  // The SDK is an optional peer: loading the server module is what fails, with the install line, when it is absent.
  const { createRyzeMcpServer } = await import('./server.js');
  const { serveStdio } = await import('@modelcontextprotocol/server/stdio');
  let client;
  try {
    client = createRyzeClient({
      token: config.token,
      baseUrl: config.baseUrl,
      auth: config.auth,
      userAgent: `ryzeapi-chat-mcp/${VERSION}`,
      ...CLIENT_OPTIONS,
    });
  } catch (error) {
    // The client's TypeError names its option, never the token: say which variable that is.
    throw new Error((error as Error).message.replace(/^baseUrl\b/, 'RYZE_BASE_URL').replace(/^token\b/, 'RYZE_TOKEN'));
  }
  const handle = serveStdio(() => createRyzeMcpServer({ client, token: config.token, version: VERSION }), {
    onerror: (error) => process.stderr.write(`ryzeapi-chat-mcp: ${error.message}\n`),
  });
  process.stderr.write(`ryzeapi-chat-mcp ${VERSION}: 4 tools over stdio, calling ${config.baseUrl}\n`);
  const stop = () => void handle.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const command = parseCommand(process.argv.slice(2), process.env);
if ('help' in command) {
  process.stdout.write(`${MCP_HELP}\n`);
} else if ('version' in command) {
  process.stdout.write(`${VERSION}\n`);
} else if ('error' in command) {
  fail(command.error, 2);
} else {
  try {
    await start(command.config);
  } catch (error) {
    // A bad variable, or the SDK's absence (the message says what to install).
    fail((error as Error).message, 1);
  }
}
