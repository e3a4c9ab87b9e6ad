// Types of ./mock-fuzz-lib.mjs for the TypeScript tests that import it.
import type fc from 'fast-check';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
export interface FuzzCounts {
  requests: number;
  http: number;
  raw: number;
  statuses: Record<string, number>;
  serverErrors: number;
  withoutEnvelope: number;
  hangs: number;
  unanswered: number;
  problems: string[];
}
export const FUZZ_SEED: import('../src/mock/seed.js').SandboxSeed;
export const httpRequest: fc.Arbitrary<FuzzRequest>;
export const rawRequest: fc.Arbitrary<string>;
export function checkHttp(
  input: FuzzRequest,
  status: number,
  headerOf: (name: string) => string | null,
  text: string,
): string | undefined;
export function fuzz(options: {
  url: string;
  http: number;
  raw: number;
  concurrency?: number;
  seed?: number;
  timeoutMs?: number;
  onProgress?: (done: number, counts: FuzzCounts) => void;
}): Promise<FuzzCounts>;
