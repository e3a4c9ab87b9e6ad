// `ryzeapi-chat-contract/mcp`: an MCP (Model Context Protocol) server with four curated tools (block_contact,
// unblock_contact, mute_chat, unmute_chat) over the typed client. Needs the optional peer dependency
// `@modelcontextprotocol/server` (v2, Node.js 20+). The stdio bin is `ryzeapi-chat-mcp`.
//
//   import { createRyzeClient } from 'ryzeapi-chat-contract';
//   import { createRyzeMcpServer } from 'ryzeapi-chat-contract/mcp';
//   import { serveStdio } from '@modelcontextprotocol/server/stdio';
//   serveStdio(() => createRyzeMcpServer({ client: createRyzeClient({ token }), token }));
export { createRyzeMcpServer } from './server.js';
export type { RyzeMcpServerOptions } from './server.js';
export { ryzeTools } from './tools.js';
export type { ObjectSchema, RyzeTool, RyzeToolAnnotations, RyzeToolName } from './tools.js';
export { MCP_SDK_INSTALL } from './sdk.js';
