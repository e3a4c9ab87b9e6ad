// The bin's configuration: credentials and the API address from the environment (secrets never on the command line,
// where process lists show them), the mode from the arguments (DECISIONS A-08). Pure: no process access here.
import { parseArgs } from 'node:util';
import { PRODUCTION_BASE_URL, type AuthScheme } from '../api-client.js';

export const MCP_HELP = `Usage: ryzeapi-chat-mcp [--mock [--seed FILE]] [--help] [--version]

An MCP (Model Context Protocol) server over stdio with four tools: block_contact, unblock_contact, mute_chat and
unmute_chat, over RyzeAPI's chat endpoints. Needs the optional peer dependency @modelcontextprotocol/server.

Environment:
  RYZE_TOKEN      account or instance token (required unless --mock); sent in a header only, never logged
  RYZE_BASE_URL   API address (default ${PRODUCTION_BASE_URL})
  RYZE_AUTH       how the token is sent: "token" (the token header, default) or "bearer" (Authorization: Bearer)

Options:
  --mock          run against the in-process sandbox, no token needed: nothing reaches RyzeAPI or WhatsApp
                  (RYZE_BASE_URL is not used; RYZE_TOKEN is, if set). Needs the optional peer ajv too.
  --seed FILE     with --mock: the sandbox seed, a JSON file (tokens, instances, block lists, mutes, rate limit,
                  clock, faults; schema: ryzeapi-chat-contract/sandbox-seed.schema.json)
  --help          this text
  --version       the package version`;

export interface McpConfig {
  mode: 'api' | 'mock';
  /** The token (in mock mode RYZE_TOKEN if set, else a placeholder the default sandbox accepts). */
  token: string;
  baseUrl: string;
  auth: AuthScheme;
  /** Mock mode: the seed file to read. */
  seed?: string;
}

export type ParsedCommand = { help: true } | { version: true } | { config: McpConfig } | { error: string };

/** The placeholder token of mock mode: any non-empty token passes a sandbox that declares none. */
export const MOCK_TOKEN = 'sandbox-token';

/** Reads the arguments and the environment. Messages never repeat the token. */
export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedCommand {
  let values: { mock?: boolean; seed?: string; help?: boolean; version?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        mock: { type: 'boolean' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: `${(error as Error).message}\nRun ryzeapi-chat-mcp --help for the options.` };
  }
  if (values.help) return { help: true };
  if (values.version) return { version: true };
  if (values.seed !== undefined && !values.mock) return { error: '--seed works with --mock only.' };

  const auth = env.RYZE_AUTH || 'token';
  if (auth !== 'token' && auth !== 'bearer') {
    return { error: `RYZE_AUTH must be "token" or "bearer", not "${auth.slice(0, 40)}".` };
  }
  const baseUrl = env.RYZE_BASE_URL || PRODUCTION_BASE_URL;
  const token = env.RYZE_TOKEN;
  if (values.mock) {
    return {
      config: {
        mode: 'mock',
        token: token || MOCK_TOKEN,
        baseUrl,
        auth,
        ...(values.seed !== undefined && { seed: values.seed }),
      },
    };
  }
  if (!token) {
    return {
      error:
        'RYZE_TOKEN is not set. Put your RyzeAPI account or instance token in the server\'s environment (the "env" ' +
        "of its entry in your MCP client's configuration), or start with --mock to try the tools on the sandbox.",
    };
  }
  return { config: { mode: 'api', token, baseUrl, auth } };
}

/**
 * The client's options for a tool call: MCP clients give up on a request after about 60 s, so an attempt
 * may take 15 s and a 429 is waited out only when its window resets within 10 s; beyond that the tool returns the
 * 429 at once, with the reset time.
 */
export const MCP_CLIENT_OPTIONS = { timeoutMs: 15_000, retry: { attempts: 3, maxRateLimitWaitMs: 10_000 } } as const;
