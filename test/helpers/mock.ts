// Starts the project's mock (src/mock/server.ts: Prism's engine behind our faithful HTTP layer) on 127.0.0.1 and
// a free port.
import { startMockServer, type MockServerOptions, type RunningMockServer } from '../../src/mock/server.js';

export type RunningMock = RunningMockServer;

export async function startTestMock(options: Pick<MockServerOptions, 'log'> = {}): Promise<RunningMock> {
  return startMockServer({ port: 0, host: '127.0.0.1', ...options });
}
