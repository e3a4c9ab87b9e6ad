// `node --import ./test/verify/no-ajv.mjs ...`: makes ajv unresolvable, as on a machine where the optional peer
// dependency was never installed (test/verify.test.ts checks the verifier's message for that case).
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === 'ajv' || specifier.startsWith('ajv/')) {
          const error = new Error("Cannot find package '" + specifier + "'");
          error.code = 'ERR_MODULE_NOT_FOUND';
          throw error;
        }
        return next(specifier, context);
      }
    `),
);
