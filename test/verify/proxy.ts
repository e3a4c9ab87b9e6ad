// A small HTTP proxy for tests: forwards every request to `target` and passes each JSON answer through `change`,
// keeping the status and every header. Put in front of the HTTP sandbox, it is a server that drifts in one way.
// Listens on 127.0.0.1, port 0; the test that starts it closes it.
import { createServer } from 'node:http';

export interface DriftProxy {
  url: string;
  close(): Promise<void>;
}

export async function startDriftProxy(
  target: string,
  change: (request: { method: string; path: string }, body: unknown) => unknown,
): Promise<DriftProxy> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
            headers.set(name, value);
        }
        const body = Buffer.concat(chunks);
        const upstream = await fetch(`${target}${request.url ?? '/'}`, {
          method: request.method ?? 'GET',
          headers,
          ...(body.length ? { body } : {}),
          redirect: 'manual',
        });
        let text = await upstream.text();
        try {
          text = JSON.stringify(
            change({ method: request.method ?? 'GET', path: request.url ?? '/' }, JSON.parse(text)),
          );
        } catch {
          // not JSON: passed on as it is
        }
        const out: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
        });
        response.writeHead(upstream.status, { ...out, 'content-length': String(Buffer.byteLength(text)) });
        response.end(text);
      } catch (error) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`proxy: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
