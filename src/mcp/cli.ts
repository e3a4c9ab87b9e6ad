#!/usr/bin/env node
// `ryzeapi-chat-mcp`: the MCP server over stdio. stdout is the protocol channel, so everything for people goes to
// stderr. Configuration: ./config.ts (and `ryzeapi-chat-mcp --help`).
import { readFile } from 'node:fs/promises';
import { createRyzeClient } from '../ryze-client.js';
import { MCP_CLIENT_OPTIONS, MCP_HELP, parseCommand, type McpConfig } from './config.js';

const VERSION = (
  JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

function fail(message: string, code: number): never {
  process.stderr.write(`ryzeapi-chat-mcp: ${message}\n`);
  process.exit(code);
}

/** A start-up problem of the configuration (exit code 2), as opposed to a missing dependency (1). */
class ConfigurationError extends Error {}

/** Mock mode: the in-process sandbox (its optional peer ajv is loaded with it), seeded from a JSON file if given. */
async function sandboxFetch(seedFile: string | undefined) {
  let seed: unknown = {};
  if (seedFile !== undefined) {
    const text = await readFile(seedFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new ConfigurationError(`--seed: cannot read ${seedFile} (${error.code ?? error.message})`);
    });
    try {
      seed = JSON.parse(text);
    } catch (error) {
      throw new ConfigurationError(`--seed: ${seedFile} is not valid JSON (${(error as Error).message})`);
    }
  }
  const { createSandbox, SandboxSeedError } = await import('../mock/sandbox.js');
  try {
    return createSandbox(seed as never).fetch;
  } catch (error) {
    // The sandbox names the field that is wrong.
    throw error instanceof SandboxSeedError ? new ConfigurationError(`--seed: ${error.message}`) : error;
  }
}

async function start(config: McpConfig) {
  // The SDK is an optional peer: loading the server module is what fails, with the install line, when it is absent.
  const { createRyzeMcpServer } = await import('./server.js');
  const { serveStdio } = await import('@modelcontextprotocol/server/stdio');
  const sandbox = config.mode === 'mock';
  const fetch = sandbox ? await sandboxFetch(config.seed) : undefined;
  let client;
  try {
    client = createRyzeClient({
      token: config.token,
      baseUrl: config.baseUrl,
      auth: config.auth,
      userAgent: `ryzeapi-chat-mcp/${VERSION}`,
      ...(fetch && { fetch }),
      ...MCP_CLIENT_OPTIONS,
    });
  } catch (error) {
    // The client's TypeError names its option, never the token: say which variable that is.
    throw new ConfigurationError(
      (error as Error).message.replace(/^baseUrl\b/, 'RYZE_BASE_URL').replace(/^token\b/, 'RYZE_TOKEN'),
    );
  }
  const handle = serveStdio(() => createRyzeMcpServer({ client, token: config.token, sandbox, version: VERSION }), {
    onerror: (error) => process.stderr.write(`ryzeapi-chat-mcp: ${error.message}\n`),
  });
  const target = sandbox ? 'against the in-process sandbox (nothing reaches RyzeAPI)' : `calling ${config.baseUrl}`;
  process.stderr.write(`ryzeapi-chat-mcp ${VERSION}: 4 tools over stdio, ${target}\n`);
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
    // A bad variable or seed (2), or a missing optional peer, whose message says what to install (1).
    fail((error as Error).message, error instanceof ConfigurationError ? 2 : 1);
  }
}
