// A static server for the hosted docs (`npm start`, the browser test, the docs bench): docs/index.html at `/`,
// the bundle at /openapi.yaml and /openapi.json, and the agent-readable docs (/llms.txt, /llms-full.txt and the
// Markdown pages) with their own content types. It serves only those paths, from 127.0.0.1 by default, and:
//   - answers every request, and nothing a client sends ends the process: a malformed request target gets 400,
//     a method other than GET or HEAD 405, anything else unknown 404, and a failure of its own a 500 that
//     names it;
//   - answers only requests whose Host is a loopback name, the address it is bound to, or one of
//     `allowedHosts` (421 otherwise), so a page on another site cannot read it through DNS rebinding;
//   - sends X-Content-Type-Options, Referrer-Policy and a Content-Security-Policy with `frame-ancestors 'none'`
//     (which a <meta> policy cannot set) on every response; the page's own policy on the page.
// Listening (port 0 read back) and closing (every connection) are the mock's own (src/mock/lifecycle.js).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { CONTENT_SECURITY_POLICY, DOCS_DIR, DOCS_HTML, readBundle } from './docs.mjs';
import { closeServer, listen } from '../src/mock/lifecycle.js';
import { root } from './generate.mjs';
import { GUIDES, agentDocs } from './lib/agent-docs.mjs';

export const DEFAULT_DOCS_PORT = 4011;
/** The page's policy, plus what only a header can say: no site may frame the page. */
export const PAGE_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
/** Everything else is data: it may run nothing and be framed by no one. */
export const DATA_POLICY_HEADER = "default-src 'none'; frame-ancestors 'none'; sandbox";
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Path -> file. The agent-readable docs are the committed files the bundle names (docs/llms.txt...). */
async function routes() {
  const map = new Map([
    ['/', DOCS_HTML],
    ['/index.html', DOCS_HTML],
    ['/openapi.yaml', join(root, 'generated', 'openapi.yaml')],
    ['/openapi.json', join(root, 'generated', 'openapi.json')],
  ]);
  const bundle = await readBundle().catch(() => undefined);
  if (bundle) for (const name of agentDocs(bundle).keys()) map.set(`/${name}`, join(DOCS_DIR, name));
  for (const [name] of GUIDES) map.set(`/${name}`, join(DOCS_DIR, name));
  return map;
}

/** The path of a request target: origin-form (`/a?b`) or absolute-form (`http://host/a`); undefined if neither. */
function targetPath(target) {
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0];
  if (/^https?:\/\//i.test(target)) {
    try {
      return new URL(target).pathname;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The host name of a Host header (`127.0.0.1:4011` -> `127.0.0.1`, `[::1]:4011` -> `[::1]`), lower case. */
function hostName(header) {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header.trim());
  return match?.[1]?.toLowerCase();
}

/**
 * @param {{ port?: number, host?: string, allowedHosts?: string[] }} [options]
 *   `allowedHosts`: more Host names to answer, e.g. the machine's name when bound to 0.0.0.0.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDocsServer({ port = DEFAULT_DOCS_PORT, host = '127.0.0.1', allowedHosts = [] } = {}) {
  const files = await routes();
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const hosts = new Set([...LOOPBACK_HOSTS, bound, ...allowedHosts].map((h) => h.toLowerCase()));

  const send = (request, response, status, type, body, extra = {}) => {
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    response.writeHead(status, {
      'Content-Type': type,
      'Content-Length': payload.length,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': type.startsWith('text/html') ? PAGE_POLICY_HEADER : DATA_POLICY_HEADER,
      ...extra,
    });
    response.end(request.method === 'HEAD' ? undefined : payload);
  };
  const text = (request, response, status, message, extra) =>
    send(request, response, status, TYPES['.txt'], `${message}\n`, extra);

  async function handle(request, response) {
    request.resume(); // a body is never read: drain it
    const name = hostName(request.headers.host ?? '');
    if (!name) return text(request, response, 400, 'Bad request: a Host header is required.');
    if (!hosts.has(name)) {
      return text(
        request,
        response,
        421,
        `This docs server does not answer for the host "${name}": it answers ${[...hosts].join(', ')}.`,
      );
    }
    const path = targetPath(request.url ?? '');
    if (path === undefined) return text(request, response, 400, 'Bad request: the request target is not a path.');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(request, response, 405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
    }
    const file = files.get(path);
    if (!file) return text(request, response, 404, `Not found. This server has ${[...files.keys()].join(', ')}.`);
    let body;
    try {
      body = await readFile(file);
    } catch {
      return text(request, response, 503, 'The docs are not built yet: run `npm run docs`.');
    }
    return send(request, response, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      // Our own failure, never a client's mistake: say so, and keep serving.
      if (!response.headersSent) text(request, response, 500, `The docs server failed: ${error?.message ?? error}`);
      else response.destroy();
    });
  });
  // Once listening, a server error (say, out of file descriptors on accept) is reported, never fatal.
  const listening = await listen(server, { port, host, onError: (error) => console.error(`[docs] ${error.message}`) });
  return { ...listening, close: () => closeServer(server) };
}
