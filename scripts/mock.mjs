#!/usr/bin/env node
// The mock: Prism serving the bundled spec (generated/openapi.yaml) with request validation, security checks and
// the spec's named examples. Started programmatically, so tests and `npm run mock` run exactly the same server.
// Usage: node scripts/mock.mjs [--port N] [--host H]     (env PORT and HOST work too; default 127.0.0.1:4010)
import { Writable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listenError, onShutdown, option, portOption } from './lib/cli.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'generated', 'openapi.yaml');
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

/** The same configuration `prism mock` uses: validate requests and responses, check security, static examples. */
export const PRISM_CONFIG = Object.freeze({
  validateRequest: true,
  validateResponse: true,
  checkSecurity: true,
  errors: false,
  upstreamProxy: undefined,
  isProxy: false,
  mock: { dynamic: false, ignoreExamples: false },
});

/**
 * A log sink that prints one short line per Prism log record (level, message, method and path) and nothing
 * else: Prism's records carry the whole request, headers included, and headers carry tokens.
 * @param {(line: string) => void} [write] where each formatted line goes (default: stdout)
 */
export function lineLogStream(write = (line) => process.stdout.write(line)) {
  let buffered = '';
  return new Writable({
    write(chunk, _encoding, done) {
      buffered += chunk.toString('utf8');
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const raw = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        let record;
        try {
          record = JSON.parse(raw);
        } catch {
          continue;
        }
        const request = record.input ? ` ${String(record.input.method).toUpperCase()} ${record.input.url?.path ?? ''}` : '';
        const level = typeof record.level === 'string' ? record.level : 'info';
        write(`[mock] ${level.padEnd(5)}${request} ${record.msg ?? ''}\n`);
      }
      done();
    },
  });
}

/** A curl command that calls the mock at `url` (printed by `npm run mock` and `npm start`). */
export function tryCommand(url) {
  return (
    `curl -s -X POST ${url}/api/chat/mute/my-instance -H 'token: any-token' ` +
    `-H 'Content-Type: application/json' -d '{"number":"5511999999999","mute":true,"duration":"8h"}'`
  );
}

/**
 * Start the mock. Resolves to `{ url, port, close() }` once it listens. `port: 0` picks a free port.
 * `log`: a Writable for log lines (default: none, the mock is silent).
 * @param {{ port?: number, host?: string, spec?: string, log?: NodeJS.WritableStream }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startMock({ port = DEFAULT_PORT, host = DEFAULT_HOST, spec = BUNDLE, log } = {}) {
  // Loaded here, not at the top, so that bad command-line input is refused without loading Prism.
  const [{ default: prismCore }, { default: prismHttp }, { default: prismHttpServer }] = await Promise.all([
    import('@stoplight/prism-core'),
    import('@stoplight/prism-http'),
    import('@stoplight/prism-http-server'),
  ]);
  const logger = log
    ? prismCore.createLogger('mock', { level: 'info' }, log)
    : prismCore.createLogger('mock', { level: 'silent' });
  const operations = await prismHttp.getHttpOperationsFromSpec(spec);
  const server = prismHttpServer.createServer(operations, {
    cors: true,
    config: PRISM_CONFIG,
    components: { logger },
  });
  const address = await server.listen(port, host);
  const { port: actualPort } = new URL(address);
  return {
    url: `http://${host}:${actualPort}`,
    port: Number(actualPort),
    close: () => server.close(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = portOption('port', 'PORT', DEFAULT_PORT);
  const host = option('host', 'HOST', DEFAULT_HOST);
  let mock;
  try {
    mock = await startMock({ port, host, log: lineLogStream() });
  } catch (error) {
    console.error(listenError(error, 'mock', host, port, 'PORT'));
    process.exit(1);
  }
  console.log(`RyzeAPI chat mock (Prism) listening on ${mock.url}`);
  console.log('Try it:');
  console.log(`  ${tryCommand(mock.url)}`);
  console.log(`  add -H 'Prefer: example=chatMutedOneWeek' or -H 'Prefer: code=404' to pick another answer. Ctrl-C stops.`);
  onShutdown(() => mock.close());
}
