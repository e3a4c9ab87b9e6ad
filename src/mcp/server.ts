// The MCP server: the SDK's low-level `Server` (DECISIONS A-02) answering `tools/list` with the curated tools
// (./tools.ts, schemas from generated/mcp-tools.json) and `tools/call` through the typed client, so every call has
// its retries, rate-limit handling and typed errors. No Node-only code (no `node:` import, no `process`): that is in the
// stdio bin, ./cli.ts and ./config.ts.
import type { CallToolResult, Server } from '@modelcontextprotocol/server';
import { RyzeApiError } from '../errors.js';
import { MIN_REDACTED_LENGTH } from '../redact.js';
import type { RyzeClient } from '../ryze-client.js';
import { sdk } from './sdk.js';
import {
  SPEC_VERSION,
  clientMethod,
  isToolName,
  ryzeTools,
  type ObjectSchema,
  type RyzeTool,
  type RyzeToolName,
} from './tools.js';

export interface RyzeMcpServerOptions {
  /** The client every tool call goes through (`createRyzeClient(...)`, over the API or a sandbox). */
  client: RyzeClient;
  /**
   * The token the client sends. The client never puts it in an error; the server also cuts it out of every text it
   * returns should it ever turn up there (a server echoing it in a message, an argument holding it).
   */
  token?: string;
  /** `true` when the client talks to the sandbox: the descriptions say so and `openWorldHint` is false (A-06). */
  sandbox?: boolean;
  /** Server name in the MCP handshake. Default `ryzeapi-chat`. */
  name?: string;
  /** Server version in the MCP handshake. Default: the version of the spec the tools were made from. */
  version?: string;
}

/** The documented wording for a missing or empty required argument (the API's own 400 messages). */
const REQUIRED: Record<string, string> = {
  instance: 'Instance name is required',
  number: 'Number is required',
};

const INSTRUCTIONS =
  'Tools to block or unblock a WhatsApp contact and to mute or unmute a WhatsApp chat through RyzeAPI. Each call ' +
  'names the instance (WhatsApp session) and the contact or chat. Every tool is idempotent and each has an ' +
  'opposite: block_contact / unblock_contact, mute_chat / unmute_chat. Errors come back as tool errors with the ' +
  "HTTP status and the API's message.";

type Check = (value: unknown) => Promise<string | undefined>;

/** A validator for `schema` (the SDK's JSON Schema 2020-12 validator): the problem, or `undefined`. */
function validator(schema: object): Check {
  const standard = sdk.fromJsonSchema(schema as never)['~standard'];
  return async (value) => {
    const result = await standard.validate(value);
    return result.issues ? result.issues.map((issue) => issue.message).join('; ') : undefined;
  };
}

/** A value as an error message shows it: strings as sent, anything else as JSON, long ones cut. */
function shown(value: unknown, max = 100): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** What a bad argument should have been: its schema's description, on one line. */
function expected(schema: Record<string, unknown>): string {
  return typeof schema.description === 'string'
    ? schema.description.replace(/\s+/g, ' ').trim()
    : 'see the input schema';
}

/** The property names an object schema lists, its `oneOf` variants' included. */
function listedKeys(schema: Record<string, unknown>): Set<string> {
  const variants = [schema, ...((schema.oneOf as Record<string, unknown>[] | undefined) ?? [])];
  return new Set(variants.flatMap((variant) => Object.keys((variant.properties as object | undefined) ?? {})));
}

interface CompiledTool {
  tool: RyzeTool;
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  checkProperty: Record<string, Check>;
  checkInput: Check;
  checkOutput: Check;
  /** The fields the output schema lists. */
  outputKeys: Set<string>;
}

function compile(tool: RyzeTool): CompiledTool {
  const { properties, required } = tool.inputSchema as ObjectSchema & {
    properties: Record<string, Record<string, unknown>>;
    required: string[];
  };
  return {
    tool,
    properties,
    required,
    checkProperty: Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, validator(schema)])),
    checkInput: validator(tool.inputSchema),
    checkOutput: validator(tool.outputSchema),
    outputKeys: listedKeys(tool.outputSchema),
  };
}

/**
 * What is wrong with a call's arguments, checked against the tool's input schema before any request (A-07): the
 * API's documented messages where it has one (`Number is required`, `Invalid duration: 5y`...), otherwise which
 * argument is wrong and what it should be.
 */
async function argumentProblem(compiled: CompiledTool, args: unknown): Promise<string | undefined> {
  const { tool, properties, required, checkProperty } = compiled;
  const names = Object.keys(properties).join(', ');
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    return `The arguments of ${tool.name} must be an object with ${names}.`;
  }
  const given = args as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(properties, key)) return `Unknown argument "${shown(key)}": ${tool.name} takes ${names}.`;
  }
  for (const key of required) {
    if (given[key] === undefined || given[key] === '') return REQUIRED[key] ?? `${key} is required`;
  }
  for (const [key, value] of Object.entries(given)) {
    if ((await checkProperty[key]!(value)) === undefined) continue;
    const schema = properties[key]!;
    if (key === 'duration') {
      const accepted = (schema.enum as string[]).map((spelling) => JSON.stringify(spelling)).join(', ');
      return `Invalid duration: ${shown(value)}\nAccepted values: ${accepted} (the empty string, like no duration, means no end).`;
    }
    return `Invalid ${key}: ${shown(value)}\nExpected: ${expected(schema)}`;
  }
  // Every argument passed on its own; the whole schema is the last word.
  const problem = await compiled.checkInput(given);
  return problem && `Invalid arguments for ${tool.name}: ${problem}`;
}

/** A tool error: a text for the model, flagged `isError` so it can correct itself. */
function failure(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** A client error as the model reads it: the HTTP status and the server's message, and what to do about it. */
function apiFailure(error: RyzeApiError): string {
  const head =
    error.status === undefined
      ? `${error.kind}: ${error.message}`
      : `HTTP ${error.status} (${error.kind}): ${error.message}`;
  const reset = error.rateLimit && new Date(error.rateLimit.reset * 1000);
  const hint: Partial<Record<RyzeApiError['kind'], string>> = {
    rate_limited: reset
      ? `The rate limit of ${error.rateLimit!.limit} requests per window resets at ${Number.isNaN(reset.getTime()) ? `Unix time ${error.rateLimit!.reset}` : reset.toISOString()}; call again after that.`
      : 'The rate limit was reached; call again in a minute.',
    unauthorized: 'The token was refused: check it (RYZE_TOKEN for the ryzeapi-chat-mcp bin).',
    forbidden: 'The configured token does not own this instance.',
    timeout: 'Calling again is safe: every tool is idempotent.',
    network: 'Calling again is safe: every tool is idempotent.',
    unavailable: 'Calling again later is safe: every tool is idempotent.',
    invalid_response: `The change may have been applied. Calling again is safe: every tool is idempotent.\nBody: ${shown(error.body, 2000)}`,
  };
  const note = hint[error.kind];
  return note ? `${head}\n${note}` : head;
}

/** Creates the MCP server (not yet connected: `serveStdio(() => createRyzeMcpServer(...))`, or any transport). */
export function createRyzeMcpServer(options: RyzeMcpServerOptions): Server {
  const { client, token, sandbox = false, name = 'ryzeapi-chat', version = SPEC_VERSION } = options;
  const tools = ryzeTools({ sandbox });
  const compiled = new Map(tools.map((tool) => [tool.name, compile(tool)]));
  // The token as it appears in JSON text, and in JSON text inside JSON text (the content's text is the body as JSON).
  const jsonEscape = (text: string) => JSON.stringify(text).slice(1, -1);
  // The client's rule (DECISIONS.md C-02): a token shorter than MIN_REDACTED_LENGTH is not a credential, and
  // replacing it would mangle the server's words (`t` in "Instance not found").
  const needles =
    token && token.length >= MIN_REDACTED_LENGTH
      ? [...new Set([jsonEscape(jsonEscape(token)), jsonEscape(token)])]
      : [];
  /** The result with the token replaced by `[redacted]` wherever it is: texts and structured content alike. */
  const safe = (result: CallToolResult): CallToolResult => {
    if (needles.length === 0) return result;
    try {
      return JSON.parse(
        needles.reduce((json, needle) => json.split(needle).join('[redacted]'), JSON.stringify(result)),
      );
    } catch {
      return failure('[redacted]');
    }
  };

  async function call(toolName: RyzeToolName, args: unknown, signal: AbortSignal): Promise<CallToolResult> {
    const tool = compiled.get(toolName)!;
    const problem = await argumentProblem(tool, args ?? {});
    if (problem) return failure(`${problem}\nNothing was sent.`);
    let body: unknown;
    try {
      // The arguments passed the input schema, which is the method's parameters (instance + body less the constant).
      const method = client[clientMethod(toolName)] as (
        params: unknown,
        options: { signal: AbortSignal },
      ) => Promise<unknown>;
      body = await method.call(client, args, { signal });
    } catch (error) {
      if (error instanceof RyzeApiError) return failure(apiFailure(error));
      return failure(`${toolName} failed: ${String((error as Error)?.message ?? error)}`);
    }
    // The client tolerates fields the contract does not list (an additive change upstream, C-03); the output schema is
    // closed, so they are left out. The result must then match the output schema (MCP: results MUST conform): a body
    // that does not is reported, not passed on as structured content.
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      body = Object.fromEntries(Object.entries(body).filter(([key]) => tool.outputKeys.has(key)));
    }
    const off = await tool.checkOutput(body);
    if (off) {
      return failure(
        `RyzeAPI answered with a success body that is not the documented one (${off}); the change may have been ` +
          `applied. Calling again is safe: every tool is idempotent.\nBody: ${shown(body, 2000)}`,
      );
    }
    return {
      content: [{ type: 'text', text: JSON.stringify(body) }],
      structuredContent: body as Record<string, unknown>,
    };
  }

  const server = new sdk.Server({ name, version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler('tools/list', async () => ({ tools }));
  server.setRequestHandler('tools/call', async (request, context) => {
    const { name: toolName, arguments: args } = request.params;
    // An unknown tool is a protocol error (MCP: errors in finding the tool), not a tool result.
    if (!isToolName(toolName)) {
      throw new sdk.ProtocolError(sdk.ProtocolErrorCode.InvalidParams, `Unknown tool: ${shown(toolName)}`);
    }
    return safe(await call(toolName, args, context.mcpReq.signal));
  });
  return server;
}
