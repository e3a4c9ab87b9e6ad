// A static server for the hosted docs: docs/index.html at `/`, and the bundle at /openapi.yaml and /openapi.json.
// It serves only those paths, from 127.0.0.1 by default, and sends the page's Content-Security-Policy as a header
// too. Used by `npm start` and the browser test.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { root } from './generate.mjs';
import { CONTENT_SECURITY_POLICY, DOCS_HTML } from './docs.mjs';

export const DEFAULT_DOCS_PORT = 4011;

const ROUTES = new Map([
  ['/', { file: DOCS_HTML, type: 'text/html; charset=utf-8' }],
  ['/index.html', { file: DOCS_HTML, type: 'text/html; charset=utf-8' }],
  ['/openapi.yaml', { file: join(root, 'generated', 'openapi.yaml'), type: 'application/yaml; charset=utf-8' }],
  ['/openapi.json', { file: join(root, 'generated', 'openapi.json'), type: 'application/json; charset=utf-8' }],
]);

/**
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDocsServer({ port = DEFAULT_DOCS_PORT, host = '127.0.0.1' } = {}) {
  const server = createServer(async (request, response) => {
    const common = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...common, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Only GET and HEAD are served here.\n');
      return;
    }
    const route = ROUTES.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!route) {
      response.writeHead(404, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found. This server has /, /openapi.yaml and /openapi.json.\n');
      return;
    }
    let body;
    try {
      body = await readFile(route.file);
    } catch {
      response.writeHead(503, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('The docs are not built yet: run `npm run docs`.\n');
      return;
    }
    response.writeHead(200, {
      ...common,
      'Content-Type': route.type,
      'Content-Length': body.length,
      ...(route.type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
