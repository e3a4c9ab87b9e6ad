// In-process mock for consumers' unit tests: MSW request handlers that answer like the HTTP mock (`ryzeapi-chat-mock`)
// without a server. Same source: the bundled spec's named examples, the same request-aware selection
// (`x-match-request`), the same documented error messages (./mock/contract.ts), and request bodies validated
// against the spec's own schemas (ajv, JSON Schema 2020-12). `msw` and `ajv` are optional peer dependencies.
//
//   import { setupServer } from 'msw/node';
//   import { createRyzeHandlers } from 'ryzeapi-chat-contract/msw';
//   const server = setupServer(...createRyzeHandlers());
// First import: keeps msw 2 from printing Node 26's localStorage warning while it loads (./msw-env.ts, T-04).
import { restoreLocalStorage } from './msw-env.js';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { http, HttpResponse, type HttpHandler } from 'msw';
import bundle from '../generated/openapi.json' with { type: 'json' };
import {
  badRequestMessage,
  classifyViolations,
  problemAnswer,
  errorEnvelope,
  hasCredentials,
  loadContract,
  missingTokenMessage,
  selectExample,
  type MockContract,
  type MockOperation,
  type Violation,
} from './mock/contract.js';

restoreLocalStorage();

export interface RyzeHandlersOptions {
  /**
   * Which origin to intercept, e.g. `https://ryzeapi.cloud` or `http://127.0.0.1:4010`. Default: any origin, so the
   * client's default production URL and a mock URL are both answered in-process.
   */
  baseUrl?: string;
}

type Json = Record<string, unknown>;
const contract: MockContract = loadContract(bundle as unknown as Json);
let validators: Map<string, ValidateFunction> | undefined;
let ajv: Ajv2020 | undefined;
let instanceCheck: ValidateFunction | undefined;

/** The spec's schema of the `instance` path parameter, compiled once. */
function instanceValidator(): ValidateFunction {
  validatorFor(contract.operations[0]!);
  instanceCheck ??= ajv!.compile({ $ref: 'bundle#/components/parameters/Instance/schema' });
  return instanceCheck;
}

/** Request-body validators per operation, compiled once from the bundle's own schemas. */
function validatorFor(operation: MockOperation): ValidateFunction | undefined {
  if (!validators) {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(bundle as object, 'bundle');
    validators = new Map();
    const paths = (bundle as unknown as { paths: Record<string, Record<string, Json>> }).paths;
    for (const op of contract.operations) {
      const requestBody = paths[op.path]?.[op.method.toLowerCase()]?.requestBody as Json | undefined;
      const schema = (requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema as Json | undefined;
      if (typeof schema?.$ref === 'string') validators.set(op.operationId, ajv.compile({ $ref: `bundle${schema.$ref}` }));
    }
  }
  return validators.get(operation.operationId);
}

/** An ajv error in the shape the shared classifier reads (the same paths and keywords Prism reports). */
const toViolation = (error: ErrorObject): Violation => ({
  path: ['body', ...error.instancePath.split('/').filter(Boolean)],
  code: error.keyword,
  message: `${error.instancePath ? `property ${error.instancePath.slice(1)}` : 'body'} ${error.message ?? ''}`,
});

/** Parse a `Prefer` header the way Prism does: `code=404`, `example=chatUnmuted`, or both. */
function preferences(header: string | null): { code?: number; example?: string } | 'invalid' {
  if (!header) return {};
  const result: { code?: number; example?: string } = {};
  for (const part of header.split(/[,;]/)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    if (key === 'code') {
      if (!/^\d{3}$/.test(value ?? '')) return 'invalid';
      result.code = Number(value);
    } else if (key === 'example' && value) result.example = value;
  }
  return result;
}

function answer(operation: MockOperation, request: Request, instance: string, text: string): Response {
  const headers = { ...contract.rateLimitHeaders };
  const reply = (status: number, body: unknown) => HttpResponse.json(body as Json, { status, headers });

  // The same order as the HTTP mock: credentials, then the body, then Prefer, then validation.
  if (!hasCredentials((name) => request.headers.get(name))) return reply(401, errorEnvelope(missingTokenMessage(operation)));
  let body: unknown = text.length > 0 ? text : null;
  if (text.length > 0 && /^application\/([\w.+-]+\+)?json\b/i.test(request.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text);
    } catch (error) {
      return reply(400, errorEnvelope(badRequestMessage(operation, { kind: 'invalid-json', detail: (error as Error).message })));
    }
  }
  const prefer = preferences(request.headers.get('prefer'));
  if (prefer === 'invalid') return reply(400, errorEnvelope('Invalid Prefer header for the mock: use code=<status> and/or example=<name>'));
  const validate = validatorFor(operation);
  const instanceOk = instanceValidator()(instance);
  if (instance === '' || !instanceOk || (validate && !validate(body))) {
    const violations = [
      ...(instanceOk ? [] : [{ path: ['path', 'instance'], code: 'instance', message: 'invalid instance name' }]),
      ...(validate?.errors ?? []).map(toViolation),
    ];
    const { status, message } = problemAnswer(operation, classifyViolations(violations, body, { instance }));
    return reply(status, errorEnvelope(message));
  }

  const status = prefer.code ?? 200;
  const examples = operation.responses.get(status);
  if (!examples) return reply(404, errorEnvelope(`Mock: requested status code ${status} is not defined in the document.`));
  if (prefer.example !== undefined) {
    const chosen = examples.find((e) => e.name === prefer.example);
    if (!chosen) return reply(404, errorEnvelope(`Mock: response for exampleKey ${prefer.example} does not exist.`));
    return reply(status, chosen.value);
  }
  const chosen = status === 200 ? selectExample(examples, body) : examples[0];
  return reply(status, chosen?.value ?? null);
}

/** MSW handlers for both chat operations, answering like the HTTP mock. */
export function createRyzeHandlers(options: RyzeHandlersOptions = {}): HttpHandler[] {
  const origin = options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : '*';
  return contract.operations.map((operation) => {
    const route = `${origin}${operation.path.replace(/\{([^}]+)\}/g, ':$1')}`;
    return http.post(route, async ({ request, params }) => {
      const instance = typeof params.instance === 'string' ? params.instance : '';
      return answer(operation, request, instance, await request.text());
    });
  });
}
