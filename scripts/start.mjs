#!/usr/bin/env node
// `npm start`: regenerate the bundle and types, build the package and the docs page, then serve the mock
// (127.0.0.1:4010, the same server as the `ryzeapi-chat-mock` bin) and the docs (127.0.0.1:4011, with the bundle
// at /openapi.yaml and /openapi.json). Ctrl-C stops both.
// Ports: PORT (or --port) for the mock, DOCS_PORT (or --docs-port) for the docs; HOST (or --host) for both; 0 picks
// a free port. --no-build serves what generated/ and dist/ already hold (the tests use it, so that they never
// rewrite files other tests are reading).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildDocs } from './docs.mjs';
import { DEFAULT_DOCS_PORT, startDocsServer } from './docs-server.mjs';
import { generate, root } from './generate.mjs';
import { listenError, onShutdown, option, portOption } from './lib/cli.mjs';

const mockPort = portOption('port', 'PORT', 4010);
const docsPort = portOption('docs-port', 'DOCS_PORT', DEFAULT_DOCS_PORT);
const host = option('host', 'HOST', '127.0.0.1');

if (!process.argv.includes('--no-build')) {
  await generate();
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: root });
}
const { bytes } = await buildDocs();
console.log(`built ${process.argv.includes('--no-build') ? '' : 'generated/, dist/ and '}docs/index.html (${(bytes / 1024).toFixed(0)} KiB)`);
const { startMockServer } = await import('../dist/mock/server.js');

const started = [];
try {
  started.push(
    await startMockServer({ port: mockPort, host, log: (line) => console.log(`[mock] ${line}`) }).catch((e) => {
      throw new Error(listenError(e, 'mock', host, mockPort, 'PORT'));
    }),
  );
  started.push(
    await startDocsServer({ port: docsPort, host }).catch((e) => {
      throw new Error(listenError(e, 'docs server', host, docsPort, 'DOCS_PORT'));
    }),
  );
} catch (error) {
  await Promise.all(started.map((s) => s.close()));
  console.error(error.message);
  process.exit(1);
}
const [mock, docs] = started;
console.log(`Mock:  ${mock.url}   (pick answers with -H 'Prefer: example=NAME' or 'Prefer: code=STATUS')`);
console.log(`Docs:  ${docs.url}   (bundle: ${docs.url}/openapi.yaml, ${docs.url}/openapi.json)`);
console.log(
  `Try:   curl -s -X POST ${mock.url}/api/chat/mute/my-instance -H 'token: any-token' ` +
    `-H 'Content-Type: application/json' -d '{"number":"5511999999999","mute":true,"duration":"1w"}'`,
);
console.log('Ctrl-C stops both.');
onShutdown(() => Promise.all(started.map((s) => s.close())));
