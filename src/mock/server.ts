// The HTTP mock: Prism's request validation, security check and example selection (prism-http, the engine of
// `prism mock`) behind our own small HTTP layer, which makes the answers faithful to the upstream API:
//   - a valid request gets the success example whose `x-match-request` fits its body (no Prefer needed);
//   - malformed JSON and every validation failure get the documented 400 envelope and message that fit best;
//   - a request without credentials gets the documented 401 message;
//   - unknown routes get a 404 envelope, not Prism's problem+json;
//   - every response carries the X-RateLimit-* headers.
// `Prefer: code=...` / `Prefer: example=...` still select any documented answer, as with Prism.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  asciiOnly,
  badRequestMessage,
  classifyViolations,
  clip,
  errorEnvelope,
  findOperation,
  hasCredentials,
  loadContract,
  missingTokenMessage,
  pathParameters,
  problemAnswer,
  selectExample,
  type MockContract,
  type MockOperation,
  type Violation,
} from './contract.js';

export const DEFAULT_MOCK_PORT = 4010;
export const DEFAULT_MOCK_HOST = '127.0.0.1';
/** The bundled spec shipped in the package (generated/openapi.json). */
export const DEFAULT_SPEC = new URL('../../generated/openapi.json', import.meta.url);
/** Bodies above this size are refused with the documented 400 (upstream documents no limit; this one is ours). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface MockServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The bundled spec (JSON), default: the one this package ships. */
  spec?: URL | string;
  /** Receives one line per request (method, path, status, example or reason). Never headers or bodies. */
  log?: (line: string) => void;
}

export interface RunningMockServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** Prism's pieces, loaded on demand: Prism is an optional peer dependency of this package. */
async function loadPrism() {
  try {
    const [http, core, preferences] = await Promise.all([
      import('@stoplight/prism-http'),
      import('@stoplight/prism-core'),
      import('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js'),
    ]);
    // CommonJS modules: under ESM their exports are the default export.
    return {
      http: http.default,
      core: core.default,
      preferences: preferences.default as unknown as {
        getHttpConfigFromRequest: (input: unknown) => { _tag: 'Left' | 'Right'; left?: unknown; right?: Record<string, unknown> };
      },
    };
  } catch (error) {
    throw new Error(
      'The mock needs Prism, which is an optional peer dependency of ryzeapi-chat-contract. Install it with:\n' +
        '  npm install --save-dev @stoplight/prism-http@5.12.0 @stoplight/prism-core@5.8.0 @stoplight/prism-http-server@5.12.2\n' +
        `(${(error as Error).message.split('\n')[0]})`,
    );
  }
}

function readBody(request: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
    request.on('error', reject);
  });
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isJsonType(contentType: string | undefined): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? '');
}

/** Start the mock. Resolves once it listens; `close()` stops it. */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const { port = DEFAULT_MOCK_PORT, host = DEFAULT_MOCK_HOST, log } = options;
  const specUrl = options.spec ?? DEFAULT_SPEC;
  const prism = await loadPrism();
  const specText = await readFile(specUrl, 'utf8');
  const contract: MockContract = loadContract(JSON.parse(specText));
  const specPath = typeof specUrl === 'string' ? specUrl : decodeURIComponent(specUrl.pathname);
  const operations = await prism.http.getHttpOperationsFromSpec(specPath);
  // Our layer has already matched the route, so Prism's router is given only that operation.
  const prismOperation = new Map(
    contract.operations.map((op) => [
      op.operationId,
      operations.filter((o) => o.iid === op.operationId || ((o as { operationId?: string }).operationId ?? '') === op.operationId),
    ]),
  );
  const config = {
    validateRequest: true,
    // Responses are the spec's own examples, proven valid by `npm run lint` and the tests (every example is
    // checked with ajv and replayed): validating each again per request would only cost time.
    validateResponse: false,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false as const,
    mock: { dynamic: false, ignoreExamples: false },
  };
  const engine = prism.http.createInstance(config, { logger: prism.core.createLogger('mock', { level: 'silent' }) });

  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    extraHeaders: Record<string, string> = {},
  ) => {
    const payload = JSON.stringify(body);
    response.writeHead(status, {
      ...contract.rateLimitHeaders,
      ...extraHeaders,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(payload),
    });
    response.end(payload);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = (request.method ?? 'GET').toUpperCase();
    // The request target is a path; resolving it as a relative URL would read `//x` as a host.
    const target = request.url ?? '/';
    const url = new URL(`http://mock.invalid${target.startsWith('/') ? '' : '/'}${target}`);
    const cors: Record<string, string> = {
      'Access-Control-Allow-Origin': request.headers.origin ?? '*',
      'Access-Control-Expose-Headers': 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, sl-violations',
    };
    const done = (status: number, detail: string) => log?.(`${method} ${url.pathname} ${status} ${detail}`);

    // A browser's CORS preflight: answered for any origin (the real API answers only authorised ones).
    if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
      response.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization, token, Prefer',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
      response.end();
      done(204, 'preflight');
      return;
    }

    const { text, tooLarge } = await readBody(request);
    const operation: MockOperation | undefined = findOperation(contract, method, url.pathname);
    if (!operation) {
      send(response, 404, errorEnvelope(`Not found: ${method} ${clip(url.pathname)} is not a route of this API`), cors);
      done(404, 'no such route');
      return;
    }
    // The upstream API authenticates before it looks at the body.
    if (!hasCredentials((name) => headerValue(request, name))) {
      send(response, 401, errorEnvelope(missingTokenMessage(operation)), cors);
      done(401, 'no credentials');
      return;
    }
    if (tooLarge) {
      send(response, 400, errorEnvelope(badRequestMessage(operation, { kind: 'invalid-body', detail: 'body too large' })), cors);
      done(400, 'body too large');
      return;
    }

    let body: unknown = text.length > 0 ? text : null;
    if (text.length > 0 && isJsonType(request.headers['content-type'])) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        const detail = (error as Error).message;
        send(response, 400, errorEnvelope(badRequestMessage(operation, { kind: 'invalid-json', detail })), cors);
        done(400, 'malformed JSON');
        return;
      }
    }

    const input = {
      method: method.toLowerCase(),
      url: { path: url.pathname, query: Object.fromEntries(url.searchParams) },
      headers: request.headers as Record<string, string>,
      body,
    };
    const preferences = prism.preferences.getHttpConfigFromRequest(input);
    if (preferences._tag === 'Left') {
      send(response, 400, errorEnvelope(`Invalid Prefer header for the mock: use code=<status> and/or example=<name>`), cors);
      done(400, 'invalid Prefer header');
      return;
    }
    const chosen = (preferences.right ?? {}) as { code?: number; exampleKey?: string };
    const requestConfig = {
      ...config,
      mock: {
        ...config.mock,
        ...(chosen.code !== undefined ? { code: chosen.code } : {}),
        ...(chosen.exampleKey !== undefined ? { exampleKey: chosen.exampleKey } : {}),
      },
    };
    const candidates = prismOperation.get(operation.operationId);
    const result = await engine.request(input as never, candidates?.length ? candidates : operations, requestConfig as never)();
    if (result._tag === 'Left') {
      // Prism names its refusals by problem type, in `name` or at the start of `message`
      // (https://stoplight.io/prism/errors#NOT_FOUND: ...): a Prefer code or example the spec does not define,
      // or no route for the method. Both are the caller's to fix, so they get a 404 or 400 envelope, not a 500.
      const error = result.left as { name?: string; status?: number; title?: string; detail?: string; message?: string };
      const text = `${error.name ?? ''} ${error.message ?? ''}`;
      const type = /#([A-Z_]+)/.exec(text)?.[1] ?? '';
      const status = /NOT_FOUND|NO_PATH_MATCHED|NO_METHOD_MATCHED|NO_RESPONSE_DEFINED/.test(type)
        ? 404
        : /UNPROCESSABLE_ENTITY|NOT_ACCEPTABLE|INVALID_CONTENT_TYPE/.test(type)
          ? 400
          : 500;
      const reason = (error.detail || error.message || error.title || 'the mock cannot answer this request')
        .replace(/^https:\/\/stoplight\.io\/prism\/errors#[A-Z_]+:\s*/, '');
      send(response, status, errorEnvelope(`Mock: ${reason}`), cors);
      done(status, reason);
      return;
    }

    const { output, validations } = result.right;
    const violations = validations.input as unknown as Violation[];
    let status = output.statusCode;
    let responseBody: unknown = output.body;
    let detail = '';
    const headers: Record<string, string> = { ...cors };
    for (const [name, value] of Object.entries(output.headers ?? {})) {
      if (name.toLowerCase() !== 'content-type') headers[name] = String(value);
    }
    if (violations.length > 0) {
      const value = JSON.stringify(violations.map((v) => ({ location: ['request', ...(v.path ?? [])], code: v.code, message: v.message })));
      // A header carries Latin-1 only, and a violation can quote any text from the body: escape it.
      const ascii = asciiOnly(value);
      headers['sl-violations'] = ascii.length > 8000 ? `${ascii.slice(0, 8000)}...` : ascii;
    }
    if (status === 401 && violations.some((v) => v.code === 401)) {
      responseBody = errorEnvelope(missingTokenMessage(operation));
      detail = 'no credentials';
    } else if (status === 400 && violations.length > 0) {
      const problem = classifyViolations(violations, body, pathParameters(operation, url.pathname));
      const answer = problemAnswer(operation, problem);
      status = answer.status;
      responseBody = errorEnvelope(answer.message);
      detail = problem.kind;
    } else if (status === 200 && chosen.exampleKey === undefined) {
      const example = selectExample(operation.responses.get(200) ?? [], body);
      if (example) {
        responseBody = example.value;
        detail = example.name;
      }
    } else {
      detail = chosen.exampleKey ?? `Prefer code=${chosen.code ?? status}`;
    }
    status = status === 422 ? 400 : status;
    send(response, status, responseBody, headers);
    done(status, detail);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const cors = { 'Access-Control-Allow-Origin': request.headers.origin ?? '*' };
      if (!response.headersSent) send(response, 500, errorEnvelope(`Mock failure: ${(error as Error).message}`), cors);
      else response.end();
      log?.(`${request.method} ${request.url?.split('?')[0]} 500 ${(error as Error).message}`);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
