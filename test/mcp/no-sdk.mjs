// `node --import ./test/mcp/no-sdk.mjs ...`: makes the MCP SDK's packages unresolvable, as on a machine where the
// optional peer dependency was never installed (test/mcp-cli.test.ts checks the bin's message for that case).
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier.startsWith('@modelcontextprotocol/')) {
          const error = new Error("Cannot find package '" + specifier + "'");
          error.code = 'ERR_MODULE_NOT_FOUND';
          throw error;
        }
        return next(specifier, context);
      }
    `),
);
