// The in-process pipeline: ./core.ts with the sandbox's validators. Shared by `createSandbox` (./sandbox.ts) and the
// MSW handlers (../msw.ts). Browser-safe. The validators are precompiled (generated/sandbox-validators.js, ajv's
// standalone code: no code generation from strings at run time, DECISIONS.md T-07); they import two of ajv's runtime
// helpers, so `ajv` stays an optional peer dependency, and a missing one gets its install line here.
import bundle from '../../generated/openapi.json' with { type: 'json' };
import { loadContract, type MockContract } from './contract.js';
import { CONTROL_PREFIX, createMockCore, type MockCore } from './core.js';
export { fetchThrough, sandboxOf, type Sandbox, type SandboxFetch } from './fetch.js';
import { importPeers } from './peers.js';
import type { SandboxSeed } from './seed.js';
import { sandboxValidator, type SandboxValidators } from './validate.js';

const precompiled: SandboxValidators = await importPeers(
  'The sandbox (ryzeapi-chat-contract/sandbox)',
  { ajv: () => import('ajv/dist/2020.js') },
  () => import('../../generated/sandbox-validators.js'),
);

const contract: MockContract = loadContract(bundle as unknown as Record<string, unknown>);
let validator: ReturnType<typeof sandboxValidator> | undefined;

/** Whether the sandbox answers this path: an API route's shape (any method) or the control prefix. */
export function ownsPath(pathname: string): boolean {
  return (
    pathname === CONTROL_PREFIX ||
    pathname.startsWith(`${CONTROL_PREFIX}/`) ||
    contract.operations.some((op) => op.pattern.test(pathname))
  );
}

/** The pipeline with the precompiled validators. Throws SandboxSeedError on a bad seed. */
export function createSandboxCore(seed: SandboxSeed = {}): MockCore {
  validator ??= sandboxValidator(precompiled);
  return createMockCore(contract, validator, seed);
}
