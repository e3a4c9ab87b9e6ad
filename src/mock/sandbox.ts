// `ryzeapi-chat-contract/sandbox`: the sandbox in-process, with no server and no MSW. `createSandbox(seed)` gives a
// fetch-compatible `sandbox.fetch` that answers like the HTTP mock (the same pipeline, ./core.ts; requests validated
// on the bundle's own schemas) and the controls (state, reset, clock, faults). No `node:` import, and no code made from
// strings: the validators are precompiled by ajv (generated/sandbox-validators.js), so it runs on workerd and under a
// Content-Security-Policy without 'unsafe-eval' (DECISIONS.md T-07). `ajv` stays an optional peer dependency (the
// precompiled code imports its runtime helpers).
//
//   import { createSandbox } from 'ryzeapi-chat-contract/sandbox';
//   const sandbox = createSandbox({ clock: { start: '2030-01-01T00:00:00Z', frozen: true } });
//   const ryze = createRyzeClient({ token: 'test-token', fetch: sandbox.fetch });
import { sandboxOf, type Sandbox } from './fetch.js';
import { createSandboxCore } from './embedded.js';
import type { SandboxSeed } from './seed.js';

export { CONTROL_PREFIX, FAULT_HEADER, MAX_BODY_BYTES } from './core.js';
export type { MutedChat, SandboxControls, SandboxState } from './core.js';
export type { Sandbox, SandboxFetch } from './fetch.js';
export type { RateLimitState } from './state.js';
export { SandboxSeedError } from './seed.js';
export type {
  ClockOptions,
  FaultRule,
  RateLimitOptions,
  SandboxSeed,
  SeedAccount,
  SeedInstance,
  SeedMute,
} from './seed.js';

/**
 * An in-process sandbox. A bad seed throws a SandboxSeedError naming the field. `sandbox.fetch` is bound: pass
 * it as is. The controls (`state`, `reset`, `advance`, `now`, `setFaults`, `setConnected`, `rateLimit`) act at once.
 */
export function createSandbox(seed: SandboxSeed = {}): Sandbox {
  return sandboxOf(createSandboxCore(seed));
}
