// The server life shared by the mock, its bin, the docs server and `npm start` (src/mock/lifecycle.js), in-process:
// port 0 is read back, a taken port is refused with a readable reason, and closing ends every connection, one with an
// answer still under way included, at once (nothing holds the process or the port). Signals and flags are pinned
// through the commands that use them (mock-cli.test.ts, docs-server.test.ts, scripts-cli.test.ts).
import { Agent, createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, listen, listenError } from '../src/mock/lifecycle.js';

const servers: Server[] = [];
const server = () => {
  const made = createServer((req, response) => {
    if (req.url === '/held')
      response.writeHead(200).flushHeaders(); // never ended
    else response.end('ok');
  });
  servers.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => (s.listening ? closeServer(s) : undefined)));
});

/** A GET whose answer starts and never ends (the server holds it); resolves once the headers arrive. */
function heldGet(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/held', agent: new Agent({ keepAlive: true }) }, (res) => {
      res.on('error', () => {}); // the close cuts it
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listen and closeServer', () => {
  it('listens on port 0, reads the real port back, and gives the URL', async () => {
    const s = server();
    const { port, url } = await listen(s, { port: 0, host: '127.0.0.1' });
    expect(port).toBeGreaterThan(0);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(await (await fetch(url)).text()).toBe('ok');
  });

  it('refuses a port in use; listenError says which and how to pick another', async () => {
    const { port } = await listen(server(), { port: 0, host: '127.0.0.1' });
    const error = await listen(server(), { port, host: '127.0.0.1' }).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    expect(listenError(error, { what: 'docs server', host: '127.0.0.1', port, hint: 'DOCS_PORT=...' })).toBe(
      `Port ${port} on 127.0.0.1 is already in use, so the docs server cannot start: stop the other server or pick another port (DOCS_PORT=...).`,
    );
    expect(listenError(new Error('boom'), { what: 'mock', host: '127.0.0.1', port, hint: '--port 1' })).toBe(
      'The mock could not start: boom',
    );
  });

  it('closes at once with an answer still under way, and frees the port', async () => {
    const s = server();
    const { port } = await listen(s, { port: 0, host: '127.0.0.1' });
    await heldGet(port);
    const started = performance.now();
    await closeServer(s);
    expect(performance.now() - started).toBeLessThan(2_000); // server.close() alone would wait for the answer
    const again = await listen(server(), { port, host: '127.0.0.1' });
    expect(again.port).toBe(port);
  });
});
