// The fault matrix of createRyzeClient (issue 11): real local servers that misbehave, one case per way a server can
// hurt a client, each run in both auth modes. Every case must reject with its documented kind (DECISIONS.md C-01 to
// C-07), send exactly the requests the retry rules allow, leave no unhandled rejection, and keep the token out of
// the error's message, stack, JSON, inspect output and cause chain. A second server on another origin counts what
// a redirect would have sent it: nothing.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RyzeApiErrorKind, type RyzeClientOptions, RyzeApiError, createRyzeClient } from '../src/index.js';

const TOKEN = 'fault-matrix-SECRET-7f3a9c21';
const NUMBER = '5511999999999';
const BLOCKED = {
  success: true,
  message: 'Contact blocked successfully',
  contact_jid: `${NUMBER}@s.whatsapp.net`,
  blocked_count: 7,
  blocked: true,
};
const RATE = { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0' };
const nowSeconds = () => Math.floor(Date.now() / 1000);
const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  reason?: string,
) => {
  const text = JSON.stringify(body);
  res.writeHead(status, reason ?? '', {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};
const envelope = (message: string) => ({ success: false, error: { message } });
const GZIP_BOMB = gzipSync(Buffer.alloc(16 * 1024 * 1024)); // about 16 KB on the wire, 16 MiB inflated

let hostile: Server;
let thief: Server;
let hostileUrl: string;
let thiefUrl: string;
/** Requests per case (the instance segment names the case), and what the other origin received. */
const counts = new Map<string, number>();
const stolen: { url: string; token: string | undefined; authorization: string | undefined }[] = [];
const userAgents: (string | undefined)[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

type Behaviour = (req: IncomingMessage, res: ServerResponse, count: number) => void;

const BEHAVIOURS: Record<string, Behaviour> = {
  ok: (_, res) => json(res, 200, BLOCKED),
  'reset-mid-body': (_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
    res.write('{"success":true,"mess');
    setTimeout(() => res.socket?.resetAndDestroy(), 10);
  },
  'html-200': (_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<html><body>Captive portal: please log in</body></html>');
  },
  'invalid-json-200': (_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"success":true,"blocked":tru');
  },
  'invalid-json-500': (_, res) => {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end('{"success":false,"error":');
  },
  'huge-body': (_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    // 64 MiB at most, so a client that never stops reading fails the test instead of hanging it.
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    Readable.from(
      (function* () {
        for (let i = 0; i < 1024; i++) yield chunk;
      })(),
    )
      .on('error', () => {})
      .pipe(res)
      .on('error', () => {});
  },
  'gzip-bomb': (_, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
      'Content-Length': GZIP_BOMB.length,
    });
    res.end(GZIP_BOMB);
  },
  trickle: (_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 20);
    res.on('close', () => clearInterval(timer));
  },
  '429-far': (_, res) =>
    json(res, 429, envelope('Rate limit exceeded. Try again later.'), {
      ...RATE,
      'X-RateLimit-Reset': String(nowSeconds() + 3600),
    }),
  '429-past': (_, res) =>
    json(res, 429, envelope('Rate limit exceeded. Try again later.'), {
      ...RATE,
      'X-RateLimit-Reset': String(nowSeconds() - 30),
    }),
  '429-garbage': (_, res) =>
    json(res, 429, envelope('Rate limit exceeded. Try again later.'), { ...RATE, 'X-RateLimit-Reset': 'soon' }),
  '503-always': (_, res) => json(res, 503, envelope('Instance is not connected to WhatsApp')),
  '503-flapping': (_, res, count) =>
    count % 2 ? json(res, 503, envelope('Instance is not connected to WhatsApp')) : json(res, 200, BLOCKED),
  'echo-body': (_, res) => json(res, 401, envelope(`Invalid token ${TOKEN}`)),
  'echo-header': (_, res) =>
    json(res, 404, envelope('Instance not found'), { 'X-Debug-Token': TOKEN, 'Set-Cookie': `t=${TOKEN}` }),
  'echo-reason': (_, res) => json(res, 401, envelope('Invalid token'), {}, `Unauthorized ${TOKEN}`),
  // A malformed response whose bad byte comes just before the token: Node's HTTP parser keeps the bytes from
  // there on in its error (HTTPParserError `data`), inside fetch's `cause`.
  'echo-malformed': (req) => req.socket.end(`HTTP/1.1 200 OK\r\nX-Echo: \u0001${TOKEN}\r\nContent-Length: 2\r\n\r\n{}`),
};
for (const status of [301, 302, 303, 307, 308]) {
  BEHAVIOURS[`redirect-${status}`] = (_, res) => {
    res.writeHead(status, { Location: `${thiefUrl}/api/chat/block/stolen`, 'Content-Length': '0' });
    res.end();
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  hostile = createServer((req, res) => {
    const name = decodeURIComponent(req.url!.split('/').pop()!);
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    userAgents.push(req.headers['user-agent']);
    req.resume();
    req.on('end', () => (BEHAVIOURS[name] ?? BEHAVIOURS.ok!)(req, res, count));
  });
  thief = createServer((req, res) => {
    stolen.push({
      url: req.url!,
      token: req.headers.token as string | undefined,
      authorization: req.headers.authorization,
    });
    req.resume();
    json(res, 200, BLOCKED);
  });
  hostileUrl = await listen(hostile);
  thiefUrl = await listen(thief);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  for (const server of [hostile, thief]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
});

afterEach(async () => {
  // Let any rejection nobody handled surface before checking.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
  expect(stolen).toEqual([]);
});

const client = (auth: 'token' | 'bearer', options: Partial<RyzeClientOptions> = {}) =>
  createRyzeClient({
    token: TOKEN,
    auth,
    baseUrl: hostileUrl,
    timeoutMs: 20_000,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });

/** Every text a RyzeApiError shows (message, stack, JSON, inspect) and each link of its cause chain shows. */
function shownTexts(error: unknown): string[] {
  const texts: string[] = [];
  for (
    let link = error, depth = 0;
    link !== undefined && depth < 10;
    link = (link as { cause?: unknown }).cause, depth++
  ) {
    texts.push(inspect(link, { depth: Infinity, showHidden: true }), String(link));
    if (link instanceof Error) texts.push(link.message, String(link.stack));
    texts.push(JSON.stringify(link) ?? '');
  }
  return texts;
}

async function rejection(promise: Promise<unknown>): Promise<RyzeApiError> {
  const error = await promise.then(
    (value) => new Error(`resolved with ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RyzeApiError);
  return error as RyzeApiError;
}

// case, expected kind, requests sent (3 = the retries the rules allow for this kind), client options
const CASES: [string, RyzeApiErrorKind, number, Partial<RyzeClientOptions>?][] = [
  ['reset-mid-body', 'network', 3],
  ['html-200', 'invalid_response', 1],
  ['invalid-json-200', 'invalid_response', 1],
  ['invalid-json-500', 'server', 1],
  ['huge-body', 'response_too_large', 1],
  ['gzip-bomb', 'response_too_large', 1],
  ['trickle', 'timeout', 3, { timeoutMs: 150 }],
  ['429-far', 'rate_limited', 1],
  ['429-past', 'rate_limited', 3],
  ['429-garbage', 'rate_limited', 3],
  ['503-always', 'unavailable', 3],
  ['redirect-301', 'redirect', 1],
  ['redirect-302', 'redirect', 1],
  ['redirect-303', 'redirect', 1],
  ['redirect-307', 'redirect', 1],
  ['redirect-308', 'redirect', 1],
  ['echo-body', 'unauthorized', 1],
  ['echo-header', 'not_found', 1],
  ['echo-reason', 'unauthorized', 1],
  ['echo-malformed', 'network', 3],
];

describe.each(['token', 'bearer'] as const)('auth %s', (auth) => {
  it.each(CASES)('%s rejects with %s after %i request(s), the token nowhere', async (name, kind, requests, options) => {
    const instance = `${name}-${auth}`;
    BEHAVIOURS[instance] = BEHAVIOURS[name]!;
    const error = await rejection(client(auth, options).blockContact({ instance, number: NUMBER }));
    expect(error.kind).toBe(kind);
    expect(error.attempts).toBe(requests);
    expect(counts.get(instance)).toBe(requests);
    expect(shownTexts(error).filter((text) => text.includes(TOKEN))).toEqual([]);
    expect(shownTexts(error.body).filter((text) => text.includes(TOKEN))).toEqual([]);
  });

  it('a flapping 503 is retried until the success', async () => {
    const instance = `503-flapping-${auth}`;
    BEHAVIOURS[instance] = BEHAVIOURS['503-flapping']!;
    expect(await client(auth).blockContact({ instance, number: NUMBER })).toEqual(BLOCKED);
    expect(counts.get(instance)).toBe(2);
  });

  it('client.api does not follow redirects either: the 3xx comes back, the other origin gets nothing', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const { response, data } = await client(auth).api.POST('/api/chat/block/{instance}', {
        params: { path: { instance: `redirect-${status}` } },
        body: { number: NUMBER, block: true },
      });
      expect(response.status).toBe(status);
      expect(data).toBeUndefined();
    }
  });
});

describe('what the rules say in detail', () => {
  it('the server’s words are kept; only the echoed token is replaced', async () => {
    const error = await rejection(client('token').blockContact({ instance: 'echo-body', number: NUMBER }));
    expect(error.message).toBe('Invalid token [redacted]');
    expect(error.body).toEqual(envelope('Invalid token [redacted]'));
  });

  it('an echoing header or reason phrase leaves the rest of the response readable', async () => {
    const header = await rejection(client('token').blockContact({ instance: 'echo-header', number: NUMBER }));
    expect(header.status).toBe(404);
    expect(header.message).toBe('Instance not found');
    expect(header.response?.headers.get('x-debug-token')).toBe('[redacted]');
    const reason = await rejection(client('token').blockContact({ instance: 'echo-reason', number: NUMBER }));
    expect(reason.response?.statusText).toBe('Unauthorized [redacted]');
  });

  it('a redirect says what happened and keeps where it pointed', async () => {
    const error = await rejection(client('token').blockContact({ instance: 'redirect-307', number: NUMBER }));
    expect(error.message).toBe('blockContact: HTTP 307 redirect, not followed');
    expect(error.status).toBe(307);
    expect(error.response?.headers.get('location')).toBe(`${thiefUrl}/api/chat/block/stolen`);
  });

  it('a fetch of your own that follows redirects still never makes one a success', async () => {
    const following = client('token', {
      fetch: (request) => fetch(new Request(request, { redirect: 'follow', headers: { token: 'other-credential' } })),
    });
    const error = await rejection(following.blockContact({ instance: 'redirect-302', number: NUMBER }));
    expect(error.kind).toBe('redirect');
    expect(error.status).toBe(200);
    stolen.length = 0; // this fetch chose to follow (with a credential of its own); the client refused the answer
  });

  it('the size cap is an option: a body within it is read, one past it is refused', async () => {
    const small = client('token', { maxResponseBytes: 64 });
    await expect(small.blockContact({ instance: 'ok', number: NUMBER })).rejects.toMatchObject({
      kind: 'response_too_large',
      status: 200,
      body: undefined,
    });
    expect(await client('token', { maxResponseBytes: 200 }).blockContact({ instance: 'ok', number: NUMBER })).toEqual(
      BLOCKED,
    );
  });

  it("without userAgent, Node's fetch sends its own User-Agent (`node`); with it, the one given", async () => {
    userAgents.length = 0;
    await client('token').blockContact({ instance: 'ok', number: NUMBER });
    await client('token', { userAgent: 'my-app/1.2' }).blockContact({ instance: 'ok', number: NUMBER });
    expect(userAgents).toEqual(['node', 'my-app/1.2']);
  });

  it('200 concurrent calls across the cases all settle, each as its case says', async () => {
    const expected: Record<string, string> = {
      ok: 'ok',
      'html-200': 'invalid_response',
      '503-always': 'unavailable',
      'redirect-301': 'redirect',
      'echo-header': 'not_found',
      'huge-body': 'response_too_large',
      'reset-mid-body': 'network',
      '429-far': 'rate_limited',
    };
    const names = Object.keys(expected);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        client(i % 2 ? 'bearer' : 'token', { timeoutMs: 60_000 }).blockContact({
          instance: names[i % names.length]!,
          number: NUMBER,
        }),
      ),
    );
    const seen = outcomes.map(
      (o, i) => `${names[i % names.length]}: ${o.status === 'fulfilled' ? 'ok' : (o.reason as RyzeApiError).kind}`,
    );
    expect(outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof RyzeApiError)).toBe(true);
    expect([...new Set(seen)].sort()).toEqual(names.map((name) => `${name}: ${expected[name]}`).sort());
  });
});
