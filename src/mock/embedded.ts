// The in-process pipeline: ./core.ts with the ajv validator. Shared by `createSandbox` (./sandbox.ts) and the MSW
// handlers (../msw.ts). Browser-safe; `ajv` is an optional peer dependency, loaded here.
import bundle from '../../generated/openapi.json' with { type: 'json' };
import { loadContract, type MockContract } from './contract.js';
import { CONTROL_PREFIX, createMockCore, type MockCore } from './core.js';
export { fetchThrough, sandboxOf, type Sandbox, type SandboxFetch } from './fetch.js';
import { importPeers } from './peers.js';
import type { SandboxSeed } from './seed.js';
import { createAjvValidator, type AjvClass } from './validate.js';

const { Ajv2020 } = await importPeers(
  'The sandbox (ryzeapi-chat-contract/sandbox)',
  { ajv: () => import('ajv/dist/2020.js') },
  () => import('ajv/dist/2020.js'),
);

const contract: MockContract = loadContract(bundle as unknown as Record<string, unknown>);
let validator: ReturnType<typeof createAjvValidator> | undefined;

/** Whether the sandbox answers this path: an API route's shape (any method) or the control prefix. */
export function ownsPath(pathname: string): boolean {
  return (
    pathname === CONTROL_PREFIX ||
    pathname.startsWith(`${CONTROL_PREFIX}/`) ||
    contract.operations.some((op) => op.pattern.test(pathname))
  );
}

/** The pipeline with the ajv validator (compiled once per process). Throws SandboxSeedError on a bad seed. */
export function createSandboxCore(seed: SandboxSeed = {}): MockCore {
  validator ??= createAjvValidator(Ajv2020 as unknown as AjvClass, bundle, contract);
  return createMockCore(contract, validator, seed);
}
