// Starts the project's mock (src/mock/server.ts: the sandbox pipeline over node:http, Prism's engine validating) on
// 127.0.0.1 and a free port. Its clock is frozen at TEST_START, so every rate-limit reset it announces is known:
// a token's first request opens a window that ends at TEST_RESET (the X-RateLimit-Reset header example).
import {
  startMockServer,
  type MockServerOptions,
  type RunningMockServer,
  type SandboxSeed,
} from '../../src/mock/server.js';

export type RunningMock = RunningMockServer;

/** The spec's X-RateLimit-Reset example; the test mock's windows end there. */
export const TEST_RESET = 1795651260;
export const TEST_START = (TEST_RESET - 60) * 1000;

/**
 * The world the documented examples describe: `my-instance` has 6 contacts blocked besides 5511999999999, so
 * blocking that number answers `blocked_count: 7` and unblocking it 6, as in contactBlocked and contactUnblocked.
 */
export const EXAMPLE_WORLD: SandboxSeed = {
  instances: {
    'my-instance': {
      blocked: ['5511900000001', '5511900000002', '5511900000003', '5511900000004', '5511900000005', '5511900000006'],
    },
  },
};

export async function startTestMock(
  options: Pick<MockServerOptions, 'log'> & { seed?: SandboxSeed } = {},
): Promise<RunningMock> {
  const { seed = {}, ...rest } = options;
  return startMockServer({
    port: 0,
    host: '127.0.0.1',
    ...rest,
    seed: { clock: { start: TEST_START, frozen: true }, ...seed },
  });
}
