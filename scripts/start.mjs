#!/usr/bin/env node
// `npm start`: regenerate the bundle and types, build the package and the docs, then serve the mock
// (127.0.0.1:4010, the same server as the `ryzeapi-chat-mock` bin) and the docs (127.0.0.1:4011: the page, the
// bundle at /openapi.yaml and /openapi.json, the agent-readable docs at /llms.txt).
//
// Stopping: Ctrl-C, SIGTERM or SIGHUP to this process, and SIGTERM to `npm start` itself (npm passes it to a
// shell that does not pass it on, so this script also stops when its parent goes away), stop both servers and
// any build step still running (each runs in its own process group, killed as a group): nothing is left
// holding a port.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listenError, onShutdown, parseCommandLine, portValue } from '../src/mock/lifecycle.js';

// The command line is checked before anything heavy is loaded, so a mistake is reported at once.
const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_MOCK_PORT = 4010;
const DEFAULT_DOCS_PORT = 4011;

const USAGE = `Usage: npm start [-- OPTIONS]   (or: node scripts/start.mjs [OPTIONS])
  --port N            the mock's port (default: PORT or ${DEFAULT_MOCK_PORT}; 0 picks a free port)
  --docs-port N       the docs server's port (default: DOCS_PORT or ${DEFAULT_DOCS_PORT})
  --host H            the address both listen on (default: HOST or 127.0.0.1)
  --allowed-host H    another Host name the docs server answers (repeatable), e.g. this machine's name when
                      --host is 0.0.0.0; loopback names and the --host address are always answered
  --seed FILE         start the mock from a sandbox seed (JSON or YAML: tokens, instances, block lists, mutes,
                      rate limit, clock); a bad seed stops here with the field it names
  --no-build          serve what generated/, dist/ and docs/ already hold (the docs page is built only when
                      it is missing or older than the bundle)
  -h, --help          this text`;

const args = parseCommandLine({
  usage: USAGE,
  options: {
    port: { type: 'string' },
    'docs-port': { type: 'string' },
    host: { type: 'string' },
    'allowed-host': { type: 'string', multiple: true },
    seed: { type: 'string' },
    'no-build': { type: 'boolean' },
  },
});
const mockPort = portValue(args.port, { flag: 'port', envName: 'PORT', fallback: DEFAULT_MOCK_PORT });
const docsPort = portValue(args['docs-port'], { flag: 'docs-port', envName: 'DOCS_PORT', fallback: DEFAULT_DOCS_PORT });
const host = args.host ?? (process.env.HOST || '127.0.0.1');

const steps = new Set();
const started = [];
let stopping = false;
onShutdown(
  async () => {
    stopping = true;
    for (const child of steps) {
      try {
        process.kill(-child.pid, 'SIGTERM'); // the step and everything it started
      } catch {
        // already gone
      }
    }
    await Promise.all(started.map((server) => server.close()));
  },
  { watchParent: process.env.npm_lifecycle_event === 'start' },
);

/** Whether docs/index.html exists and is at least as new as the bundle it shows (generated/openapi.yaml). */
function pageIsCurrent() {
  const modified = (path) =>
    statSync(new URL(path, new URL('..', import.meta.url)), { throwIfNoEntry: false })?.mtimeMs;
  const page = modified('docs/index.html');
  return page !== undefined && page >= (modified('generated/openapi.yaml') ?? Infinity);
}

/** Run one build step in its own process group; its output is passed through. */
function step(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: root, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
    steps.add(child);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      steps.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${commandArgs.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

try {
  if (!args['no-build']) {
    await step(process.execPath, ['scripts/generate.mjs']);
    await step(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent']);
    await step(process.execPath, ['scripts/docs.mjs']);
  } else if (!pageIsCurrent()) {
    await step(process.execPath, ['scripts/docs.mjs', '--page-only']);
  }
} catch (error) {
  if (stopping) await new Promise(() => {}); // the shutdown is under way and exits by itself
  console.error(error.message);
  process.exit(1);
}
const { startMockServer } = await import('../dist/mock/server.js');
const { startDocsServer } = await import('./docs-server.mjs');

try {
  started.push(
    await startMockServer({
      port: mockPort,
      host,
      ...(args.seed !== undefined && { seed: args.seed }),
      log: (line) => console.log(`[mock] ${line}`),
    }).catch((e) => {
      throw new Error(listenError(e, { what: 'mock', host, port: mockPort, hint: 'PORT=...' }));
    }),
  );
  started.push(
    await startDocsServer({ port: docsPort, host, allowedHosts: args['allowed-host'] ?? [] }).catch((e) => {
      throw new Error(listenError(e, { what: 'docs server', host, port: docsPort, hint: 'DOCS_PORT=...' }));
    }),
  );
} catch (error) {
  await Promise.all(started.map((s) => s.close()));
  console.error(error.message);
  process.exit(1);
}
const [mock, docs] = started;
console.log(`Mock:  ${mock.url}   (pick answers with -H 'Prefer: example=NAME' or 'Prefer: code=STATUS')`);
console.log(
  `Docs:  ${docs.url}   (bundle: ${docs.url}/openapi.yaml, ${docs.url}/openapi.json; for agents: ${docs.url}/llms.txt)`,
);
console.log(
  `Try:   curl -s -X POST ${mock.url}/api/chat/mute/my-instance -H 'token: any-token' ` +
    `-H 'Content-Type: application/json' -d '{"number":"5511999999999","mute":true,"duration":"1w"}'`,
);
console.log(`Ctrl-C stops both (or SIGTERM to pid ${process.pid}).`);
