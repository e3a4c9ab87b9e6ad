// `ryzeapi-chat-contract/mock`: the sandbox over HTTP (node:http), what `ryzeapi-chat-mock` and `npm start` serve.
// A thin adapter around the pipeline (./core.ts): it reads the request (body capped, slow clients timed out,
// malformed HTTP answered with the envelope), hands it over, and writes the answer with CORS headers. Prism's engine
// (prism-http's request and security validators, the engine of `prism mock`) validates every request; the seed is
// checked with the ajv that Prism itself depends on, and a YAML seed read with Prism's YAML parser, so the mock
// needs no peer dependency but Prism.
import { readFile } from 'node:fs/promises';
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import {
  clip,
  errorEnvelope,
  loadContract,
  type MockContract,
  type MockOperation,
  type Violation,
} from './contract.js';
import { MAX_BODY_BYTES, createMockCore, type MockCore, type MockValidator, type SandboxAnswer } from './core.js';
import { fetchThrough, sandboxOf, type Sandbox } from './fetch.js';
import { importPeers } from './peers.js';
import type { RateLimitOptions, SandboxSeed } from './seed.js';
import { closeServer, listen } from './lifecycle.js';
import { createAjv, seedChecks, type AjvClass } from './validate.js';

export { CONTROL_PREFIX, FAULT_HEADER, MAX_BODY_BYTES } from './core.js';
export type { MutedChat, SandboxControls, SandboxState } from './core.js';
export type { Sandbox, SandboxFetch } from './fetch.js';
export { SandboxSeedError } from './seed.js';
export type {
  ClockOptions,
  FaultRule,
  RateLimitOptions,
  SandboxSeed,
  SeedAccount,
  SeedInstance,
  SeedMute,
} from './seed.js';

export const DEFAULT_MOCK_PORT = 4010;
export const DEFAULT_MOCK_HOST = '127.0.0.1';
/** The bundled spec shipped in the package (generated/openapi.json). */
export const DEFAULT_SPEC = new URL('../../generated/openapi.json', import.meta.url);
/** A client has this long to send its request headers, then the whole request (Node's defaults are 60 s and 300 s). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface MockServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The bundled spec (JSON), default: the one this package ships. */
  spec?: URL | string;
  /** The sandbox's seed: an object, or the path of a JSON or YAML file (schema: sandbox-seed.schema.json). Checked before listening. */
  seed?: SandboxSeed | string;
  /** Replaces the seed's `rateLimit` (the bin's --rate-limit; a load test's `{ enforce: false }`). */
  rateLimit?: RateLimitOptions | false;
  /** Receives one line per request (method, path, status, example or reason). Never a token, a header or a body. */
  log?: (line: string) => void;
  /** How long a client may take to send its headers (default 10 s) and its whole request (default 30 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** The running mock: its address, `close()`, an in-process `fetch` through the same pipeline, and the controls. */
export interface RunningMockServer extends Sandbox {
  url: string;
  port: number;
  close: () => Promise<void>;
}

const PRISM = ['@stoplight/prism-core', '@stoplight/prism-http', '@stoplight/prism-http-server'] as const;

interface PrismValidators {
  validateInput(input: { resource: unknown; element: unknown }): { _tag: 'Left' | 'Right'; left?: Violation[] };
  validateSecurity(input: { resource: unknown; element: unknown }): { _tag: 'Left' | 'Right' };
}

/** Prism's pieces, loaded on demand: Prism is an optional peer dependency of this package. */
async function loadPrism() {
  const probes = Object.fromEntries(PRISM.map((name) => [name, () => import(name)]));
  const [http, validators] = await importPeers(
    'The mock',
    probes,
    // Only the pieces the mock uses: prism-http's entry point also loads its mocker and json-schema-faker (with
    // every faker locale), which takes longer than everything else the mock loads.
    () =>
      Promise.all([
        import('@stoplight/prism-http/dist/utils/operations.js'),
        import('@stoplight/prism-http/dist/validator/index.js'),
        import('@stoplight/prism-core'),
      ]),
    'Prism',
  );
  // CommonJS modules: under ESM their exports are the default export. Prism's own dependencies (ajv, its YAML
  // parser) are resolved from Prism's directory, where its package.json guarantees them.
  const fromPrism = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
  const ajvModule = fromPrism('ajv/dist/2020') as { Ajv2020?: AjvClass; default?: AjvClass };
  return {
    getHttpOperationsFromSpec: http.default.getHttpOperationsFromSpec,
    validators: validators.default as unknown as PrismValidators,
    Ajv: (ajvModule.Ajv2020 ?? ajvModule.default) as AjvClass,
    yaml: fromPrism('@stoplight/yaml') as {
      parseWithPointers(text: string): { data: unknown; diagnostics: { message: string; severity: number }[] };
    },
  };
}

/** A seed given as a file: JSON, or YAML (.yaml, .yml). */
async function readSeedFile(file: string, yaml: Awaited<ReturnType<typeof loadPrism>>['yaml']): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Invalid sandbox seed: cannot read ${file} (${error.code ?? error.message})`);
  });
  if (/\.ya?ml$/i.test(file)) {
    const { data, diagnostics } = yaml.parseWithPointers(text);
    const error = diagnostics.find((d) => d.severity === 0);
    if (error) throw new Error(`Invalid sandbox seed: ${file} is not valid YAML (${error.message})`);
    return data ?? {};
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Invalid sandbox seed: ${file} is not valid JSON (${(error as Error).message}); YAML seeds end in .yaml or .yml`,
    );
  }
}

/** How many verdicts of each kind Prism's adapter remembers, and the longest key it remembers one for. */
const MEMO_ENTRIES = 512;
const MEMO_MAX_KEY = 4096;

/** The last MEMO_ENTRIES results of a pure function, by key (the oldest forgotten first); long keys are not kept. */
class Memo<T> {
  private readonly entries = new Map<string, T>();

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): T {
    if (key.length > MEMO_MAX_KEY) return value;
    if (this.entries.size >= MEMO_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

/** A header value in a memo key: header values never hold a NUL or a line break (Node and `Headers` refuse them). */
const keyPart = (value: string | undefined) => (value === undefined ? '\0' : value);

/**
 * Prism's request and security validators as the pipeline's validator; seeds checked with Prism's ajv. Validation is
 * a pure function of the operation, the path and the body, and the security check one of the operation and the
 * two credential headers, so their last verdicts are remembered: a test suite or a load test that repeats a request
 * pays for Prism's checks once (DECISIONS.md M-31).
 */
function prismValidator(
  prism: Awaited<ReturnType<typeof loadPrism>>,
  operations: { iid?: string; id?: string }[],
  bundle: object,
): MockValidator {
  const resources = new Map(operations.map((o) => [o.iid ?? (o as { operationId?: string }).operationId ?? o.id, o]));
  const resourceOf = (operation: MockOperation) => resources.get(operation.operationId);
  const requests = new Memo<readonly Violation[]>();
  const credentials = new Memo<boolean>();
  const validate = (operation: MockOperation, path: string, input: { body?: unknown }): readonly Violation[] => {
    const withBody = 'body' in input;
    const element = {
      method: operation.method.toLowerCase(),
      url: { path, query: {} },
      // The pipeline has parsed the body as JSON; Prism is told so in a form it can always parse.
      headers: withBody ? { 'content-type': 'application/json', 'content-length': '1' } : {},
      ...(withBody ? { body: input.body } : {}),
    };
    const result = prism.validators.validateInput({ resource: resourceOf(operation), element });
    return result._tag === 'Left'
      ? (result.left ?? []).map(({ path: at, code, message }) => ({ path: at, code, message }))
      : [];
  };
  const secure = (operation: MockOperation, token: string | undefined, authorization: string | undefined) => {
    const headers = {
      ...(token === undefined ? {} : { token }),
      // Auth schemes are case-insensitive (RFC 9110 11.1) and the pipeline reads them so; Prism matches `Bearer`
      // exactly, so the scheme is spelt its way here and `bearer abc` gets the same answer on every transport.
      ...(authorization === undefined ? {} : { authorization: authorization.replace(/^bearer(?=\s)/i, 'Bearer') }),
    };
    const element = { method: operation.method.toLowerCase(), url: { path: operation.path, query: {} }, headers };
    return prism.validators.validateSecurity({ resource: resourceOf(operation), element })._tag === 'Right';
  };
  return {
    request(input) {
      const { operation, path } = input;
      const key = `${operation.operationId} ${path} ${'body' in input ? JSON.stringify(input.body) : '-'}`;
      return requests.get(key) ?? requests.set(key, validate(operation, path, input));
    },
    security(operation, header) {
      const token = header('token');
      const authorization = header('authorization');
      const key = `${operation.operationId}\n${keyPart(token)}\n${keyPart(authorization)}`;
      return credentials.get(key) ?? credentials.set(key, secure(operation, token, authorization));
    },
    ...seedChecks(createAjv(prism.Ajv, bundle)),
  };
}

function headerOf(request: IncomingMessage) {
  return (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/** Read the body up to the cap; past it, stop collecting (the caller answers and closes the connection). */
function readBody(request: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: { text: string; tooLarge: boolean }) => {
      settled = true;
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      request.off('data', onData);
      settle({ text: '', tooLarge: true });
    };
    request.on('data', onData);
    request.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      settle({ text: body.toString('utf8'), tooLarge: false });
    });
    request.on('error', reject);
    // The connection ended mid-body (the parser's error, if any, is answered by the clientError handler). Every
    // request closes, so the error is made only when the body was not read (its stack trace costs every request).
    request.on('close', () => {
      if (!settled) reject(new Aborted());
    });
  });
}

/** Why Node's parser refused a request, in words. */
function malformedReason(code: string | undefined, headersTimeoutMs: number, requestTimeoutMs: number): string {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return `the request did not arrive in time (headers within ${headersTimeoutMs / 1000} s, all of it within ${requestTimeoutMs / 1000} s)`;
    case 'HPE_HEADER_OVERFLOW':
      return 'the request headers are over the 16 KiB limit';
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return 'the Content-Length header is not valid';
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CHUNK_SIZE':
      return 'the chunked body is malformed';
    case 'HPE_INVALID_METHOD':
      return 'the method is not valid';
    case 'HPE_INVALID_EOF_STATE':
      return 'the connection ended before the request was complete';
    default:
      return `it is not valid HTTP/1.1 (${code ?? 'unknown error'})`;
  }
}

/** The request ended before its body did: nothing to answer here. */
class Aborted extends Error {}

const CORS_HEADERS = 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, sl-violations';

/** Start the mock. Resolves once it listens (a bad seed or spec is refused before); `close()` stops it. */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const { port = DEFAULT_MOCK_PORT, host = DEFAULT_MOCK_HOST, log } = options;
  const { headersTimeoutMs = DEFAULT_HEADERS_TIMEOUT_MS, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS } = options;
  if (typeof host !== 'string' || host.trim() === '')
    throw new TypeError('host must be an address such as 127.0.0.1 (an empty host would listen on every interface)');
  const prism = await loadPrism();
  const specUrl = options.spec ?? DEFAULT_SPEC;
  const bundle = JSON.parse(await readFile(specUrl, 'utf8')) as Record<string, unknown>;
  const contract: MockContract = loadContract(bundle);
  const specPath = typeof specUrl === 'string' ? specUrl : decodeURIComponent(specUrl.pathname);
  const operations = (await prism.getHttpOperationsFromSpec(specPath)) as { iid?: string }[];
  const given = typeof options.seed === 'string' ? await readSeedFile(options.seed, prism.yaml) : options.seed;
  const seed =
    options.rateLimit === undefined ? given : { ...(given as SandboxSeed | undefined), rateLimit: options.rateLimit };
  const core: MockCore = createMockCore(
    contract,
    prismValidator(prism, operations, bundle),
    seed as SandboxSeed | undefined,
  );

  const send = (request: IncomingMessage, response: ServerResponse, answer: SandboxAnswer, close: boolean) => {
    if (response.headersSent || !request.socket.writable) return;
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    const headers: Record<string, string | number> = {
      'Access-Control-Allow-Origin': request.headers.origin ?? '*',
      'Access-Control-Expose-Headers': CORS_HEADERS,
    };
    Object.assign(headers, answer.headers);
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(payload);
    if (close) headers.Connection = 'close';
    response.writeHead(answer.status, headers);
    response.end(payload);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const done = (status: number, detail: string) =>
      log?.(`${method} ${clip(target.split('?')[0] ?? '', 200)} ${status} ${detail}`);
    // A browser's CORS preflight: answered for any origin (the real API answers only authorised ones, M-09).
    if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
      response.writeHead(204, {
        'Access-Control-Allow-Origin': request.headers.origin ?? '*',
        'Access-Control-Expose-Headers': CORS_HEADERS,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization, token, Prefer, Sandbox-Fault',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
      response.end();
      return done(204, 'preflight');
    }
    const declared = Number(request.headers['content-length']);
    const { text, tooLarge } = declared > MAX_BODY_BYTES ? { text: '', tooLarge: true } : await readBody(request);
    const answer = core.handle({ method, url: target, header: headerOf(request), body: text, bodyTooLarge: tooLarge });
    if (answer.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    send(request, response, answer, tooLarge);
    if (tooLarge) {
      // Stop reading an oversized upload: drain what is in flight for a moment (so the client reads the answer
      // rather than a reset), then close the connection.
      request.resume();
      response.once('finish', () => setTimeout(() => request.socket.destroy(), 200).unref());
    }
    done(answer.status, answer.detail);
  };

  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs / 2),
      // Node answers a request without Host with a bare 400 of its own; the pipeline answers it like any other.
      requireHostHeader: false,
    },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        if (error instanceof Aborted) return;
        send(
          request,
          response,
          {
            status: 500,
            headers: core.idleHeaders(),
            body: errorEnvelope(`Mock failure: ${(error as Error).message}`),
            delayMs: 0,
            detail: '',
          },
          true,
        );
        log?.(`${request.method} ${clip(request.url?.split('?')[0] ?? '', 200)} 500 ${(error as Error).message}`);
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  // An `Expect` other than 100-continue is ignored (RFC 9110 allows it), not answered with a bare 417.
  server.on('checkExpectation', (request, response) => server.emit('request', request, response));
  // Do not invite a body the mock would refuse anyway.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!(Number(request.headers['content-length']) > MAX_BODY_BYTES)) response.writeContinue();
    server.emit('request', request, response);
  });
  /** An answer written straight to the socket (no request object exists), then the connection closed. */
  const rawAnswer = (socket: Socket, status: number, message: string) => {
    const body = JSON.stringify(errorEnvelope(message));
    const headers = {
      ...core.idleHeaders(),
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
    setTimeout(() => socket.destroy(), 200).unref();
  };
  // Malformed HTTP and slow clients: the envelope, wherever the socket still allows an answer. A request read in
  // full before the bad bytes is answered first (pipelining), then the 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const answer = () => {
      if (!socket.writable) return void socket.destroy();
      rawAnswer(socket, status, `Bad request: ${malformedReason(error.code, headersTimeoutMs, requestTimeoutMs)}`);
      log?.(`- - ${status} malformed HTTP: ${error.code ?? error.message}`);
    };
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (pending && !pending.writableFinished && (pending.headersSent || pending.req.complete)) {
      pending.once('finish', answer).once('close', () => socket.destroy());
      return;
    }
    answer();
  });
  // CONNECT (a proxy tunnel) is no method of this API; without this, Node would drop the connection unanswered.
  server.on('connect', (request: IncomingMessage, socket: Socket) => {
    rawAnswer(socket, 404, `Not found: CONNECT ${clip(request.url ?? '', 100)} is not a route of this API`);
    log?.(`CONNECT ${clip(request.url ?? '', 200)} 404 no such route`);
  });

  const { port: actualPort, url } = await listen(server, {
    port,
    host,
    onError: (error) => log?.(`- - server error: ${error.message}`),
  });
  return {
    ...sandboxOf(core, fetchThrough(core)),
    url,
    port: actualPort,
    close: () => closeServer(server),
  };
}
