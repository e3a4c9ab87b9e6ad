// The official MCP TypeScript SDK (v2, `@modelcontextprotocol/server`), an optional peer dependency of this package
// (DECISIONS A-01): loaded here, once, so that a missing install says what to run instead of a bare
// ERR_MODULE_NOT_FOUND.
export const MCP_SDK_INSTALL = 'npm install @modelcontextprotocol/server@^2.4.0';

async function load() {
  try {
    return await import('@modelcontextprotocol/server');
  } catch (error) {
    throw new Error(
      'The RyzeAPI MCP server needs the official MCP TypeScript SDK, an optional peer dependency of ' +
        `ryzeapi-chat-contract (Node.js 20 or later). Install it with:\n  ${MCP_SDK_INSTALL}\n` +
        `(${String((error as Error).message).split('\n')[0]})`,
    );
  }
}

export const sdk = await load();
