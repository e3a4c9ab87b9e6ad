// Starts the project's mock (scripts/mock.mjs: Prism on the bundle) on 127.0.0.1 and a free port.
import { startMock } from '../../scripts/mock.mjs';

export interface RunningMock { url: string; port: number; close: () => Promise<void> }

export async function startTestMock(options: { log?: NodeJS.WritableStream } = {}): Promise<RunningMock> {
  return (await startMock({ port: 0, host: '127.0.0.1', ...options })) as RunningMock;
}
