// docs/mcp.md's "From code" sample compiles against the package's types and the SDK's (type-checked only: running it
// would take over this process's stdio).
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { expectTypeOf, test } from 'vitest';
import { createRyzeClient } from '../../src/index.js';
import { createRyzeMcpServer, ryzeTools, type RyzeTool } from '../../src/mcp/index.js';

test('the documented wiring type-checks', () => {
  const start = (token: string) =>
    serveStdio(() => createRyzeMcpServer({ client: createRyzeClient({ token }), token }));
  expectTypeOf(start).returns.toHaveProperty('close');
  expectTypeOf(ryzeTools).returns.toEqualTypeOf<RyzeTool[]>();
  // @ts-expect-error the client is required
  createRyzeMcpServer({ token: 'x' });
});
