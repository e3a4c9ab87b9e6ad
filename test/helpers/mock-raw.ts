// Raw HTTP over a socket, for what fetch cannot send: malformed requests, oversized uploads, slow clients.
import { connect } from 'node:net';

export interface RawReply {
  /** Everything the server sent. */
  text: string;
  /** The status of the first response, if any. */
  status?: number;
  /** The parsed JSON body of the first response, if it is JSON. */
  body?: unknown;
  headers: Record<string, string>;
  /** The server closed the connection (as opposed to our deadline ending the wait). */
  closed: boolean;
  /** Milliseconds until the server closed or the deadline passed. */
  ms: number;
}

/** Parse the first HTTP response out of raw bytes. */
export function parseRaw(text: string): Pick<RawReply, 'status' | 'body' | 'headers'> {
  const end = text.indexOf('\r\n\r\n');
  if (!/^HTTP\/1\.[01] \d{3}/.test(text) || end < 0) return { headers: {} };
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const length = Number(headers['content-length'] ?? Number.NaN);
  const rest = text.slice(end + 4);
  const raw = Number.isFinite(length) ? rest.slice(0, length) : rest;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  return { status: Number(statusLine.split(' ')[1]), body, headers };
}

/**
 * Send `chunks` (written one after another, `gapMs` apart) and collect what comes back until the server closes the
 * connection or `deadlineMs` passes. `keepOpen`: do not half-close after the last chunk.
 */
export function rawRequest(
  port: number,
  chunks: (string | Buffer)[],
  { deadlineMs = 5_000, gapMs = 0, keepOpen = false }: { deadlineMs?: number; gapMs?: number; keepOpen?: boolean } = {},
): Promise<RawReply> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      resolve({ text, closed, ms: performance.now() - started, ...parseRaw(text) });
    };
    const deadline = setTimeout(() => finish(false), deadlineMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (settled || socket.destroyed) return;
        if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        const flushed = socket.write(chunk);
        if (!flushed) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
      if (!keepOpen && !socket.destroyed) socket.end();
    });
  });
}

/** A well-formed request head for the block route (body not included). */
export function head(lines: string[] = [], path = '/api/chat/block/my-instance', method = 'POST'): string {
  return [
    `${method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'token: raw-test-token',
    'Content-Type: application/json',
    ...lines,
    '',
    '',
  ].join('\r\n');
}
