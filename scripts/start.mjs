#!/usr/bin/env node
// `npm start`: regenerate the bundle and types, build the docs page, then serve the mock (127.0.0.1:4010) and the
// docs (127.0.0.1:4011, with the bundle at /openapi.yaml and /openapi.json). Ctrl-C stops both.
// Ports: PORT (or --port) for the mock, DOCS_PORT (or --docs-port) for the docs; HOST (or --host) for both.
import { buildDocs } from './docs.mjs';
import { DEFAULT_DOCS_PORT, startDocsServer } from './docs-server.mjs';
import { generate } from './generate.mjs';
import { listenError, onShutdown, option, portOption } from './lib/cli.mjs';
import { DEFAULT_HOST, DEFAULT_PORT, lineLogStream, startMock, tryCommand } from './mock.mjs';

const mockPort = portOption('port', 'PORT', DEFAULT_PORT);
const docsPort = portOption('docs-port', 'DOCS_PORT', DEFAULT_DOCS_PORT);
const host = option('host', 'HOST', DEFAULT_HOST);

await generate();
const { bytes } = await buildDocs();
console.log(`built generated/ and docs/index.html (${(bytes / 1024).toFixed(0)} KiB)`);

const started = [];
try {
  started.push(await startMock({ port: mockPort, host, log: lineLogStream() }).catch((e) => {
    throw new Error(listenError(e, 'mock', host, mockPort, 'PORT'));
  }));
  started.push(await startDocsServer({ port: docsPort, host }).catch((e) => {
    throw new Error(listenError(e, 'docs server', host, docsPort, 'DOCS_PORT'));
  }));
} catch (error) {
  await Promise.all(started.map((s) => s.close()));
  console.error(error.message);
  process.exit(1);
}
const [mock, docs] = started;
console.log(`Mock (Prism):  ${mock.url}`);
console.log(`Docs (Redoc):  ${docs.url}   (bundle: ${docs.url}/openapi.yaml, ${docs.url}/openapi.json)`);
console.log(`Try:           ${tryCommand(mock.url)}`);
console.log('Ctrl-C stops both.');
onShutdown(() => Promise.all(started.map((s) => s.close())));
