// A server for the mock benchmark and the fuzzer, alone in its process, by `--kind`: `ours` (dist/mock/server.js, counting
// requests but never answering 429, so a load test measures the pipeline), `fuzz` (ours with the fuzzer's seed) or
// `prism` (bare Prism, prism-http-server with a silent logger and the same configuration `prism mock` uses). Sends
// its URL to the parent, and its memory use when asked.
import { parseCommandLine } from '../src/mock/lifecycle.js';

const { kind } = parseCommandLine({
  usage:
    'Usage: node bench/mock-bench-server.mjs --kind ours|fuzz|prism   (forked by bench/mock-bench.mjs and bench/mock-fuzz.mjs)',
  options: { kind: { type: 'string' } },
});
let url;
if (kind === 'ours' || kind === 'fuzz') {
  const { startMockServer } = await import('../dist/mock/server.js');
  const seed = kind === 'fuzz' ? (await import('./mock-fuzz-lib.mjs')).FUZZ_SEED : { rateLimit: { enforce: false } };
  ({ url } = await startMockServer({ port: 0, seed }));
} else if (kind === 'prism') {
  const [{ default: core }, { default: http }, { default: httpServer }] = await Promise.all([
    import('@stoplight/prism-core'),
    import('@stoplight/prism-http'),
    import('@stoplight/prism-http-server'),
  ]);
  const spec = new URL('../generated/openapi.json', import.meta.url).pathname;
  const server = httpServer.createServer(await http.getHttpOperationsFromSpec(spec), {
    cors: true,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: false, ignoreExamples: false },
    },
    components: { logger: core.createLogger('bench', { level: 'silent' }) },
  });
  url = (await server.listen(0, '127.0.0.1')).replace('localhost', '127.0.0.1');
} else {
  throw new Error(`unknown server kind ${kind}`);
}
process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.();
    process.send?.({ memory: process.memoryUsage() });
  }
});
process.send?.({ url });
process.on('SIGTERM', () => process.exit(0));
