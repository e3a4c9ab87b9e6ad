// What the mock knows about the contract, read from the bundled spec: routes, named examples, which success
// example answers which request (`x-match-request`), and the documented error messages. Pure and browser-safe:
// the sandbox pipeline (./core.ts) reads it for every transport (HTTP, MSW, in-process fetch).

/** A named example of a response, with the request bodies it answers (success examples only). */
export interface MockExample {
  name: string;
  value: unknown;
  /** From `x-match-request`: body property -> accepted values; `null` matches an absent property. */
  match?: Record<string, unknown[]>;
}

export interface MockOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/api/chat/mute/{instance}`. */
  path: string;
  /** Matches a request path; the parameter may be empty, so a missing instance name gets its documented 400. */
  pattern: RegExp;
  /** Named examples per status, in spec order. */
  responses: Map<number, MockExample[]>;
}

export interface MockContract {
  operations: MockOperation[];
  /** Every response carries these, with the spec's example values. */
  rateLimitHeaders: Record<string, string>;
}

/** One request problem, in the terms the upstream error messages use. */
export type RequestProblem =
  | { kind: 'instance-missing' }
  | { kind: 'invalid-json'; detail: string }
  | { kind: 'number-required' }
  | { kind: 'invalid-duration'; value: unknown }
  | { kind: 'invalid-body'; detail: string };

/** A request violation as a validator reports it: where (`['body', 'duration']`), which keyword, and text. */
export interface Violation {
  path?: readonly (string | number)[] | undefined;
  code: string | number;
  message: string;
}

/** The documented 400 examples the mock answers with, by their stable example names. */
export const BAD_REQUEST_EXAMPLES = {
  invalidBody: 'invalidRequestBody',
  numberRequired: 'numberRequired',
  invalidDuration: 'invalidDuration',
  instanceMissing: 'instanceNameRequired',
} as const;
/** The documented 401 example for a request without usable credentials. */
export const MISSING_TOKEN_EXAMPLE = 'missingToken';
/** The documented 404 example for an instance that does not exist. */
export const INSTANCE_NOT_FOUND_EXAMPLE = 'instanceNotFound';
export const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function deref(bundle: Json, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 10; hops += 1) {
    const ref: string = current.$ref;
    current = ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), bundle);
  }
  return current;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Read the contract from the bundled spec (`generated/openapi.json`). */
export function loadContract(bundle: Json): MockContract {
  const operations: MockOperation[] = [];
  let rateLimitHeaders: Record<string, string> = {};
  for (const [path, item] of Object.entries(isObject(bundle.paths) ? bundle.paths : {})) {
    if (!isObject(item)) continue;
    for (const [method, rawOperation] of Object.entries(item)) {
      if (!isObject(rawOperation) || typeof rawOperation.operationId !== 'string') continue;
      const pattern = new RegExp(
        `^${path
          .split(/\{[^}]+\}/)
          .map(escapeRegExp)
          .join('([^/]*)')}$`,
      );
      const responses = new Map<number, MockExample[]>();
      for (const [status, rawResponse] of Object.entries(
        isObject(rawOperation.responses) ? rawOperation.responses : {},
      )) {
        const response = deref(bundle, rawResponse);
        if (!isObject(response)) continue;
        const media = isObject(response.content) ? response.content['application/json'] : undefined;
        const examples = isObject(media) && isObject(media.examples) ? media.examples : {};
        responses.set(
          Number(status),
          Object.entries(examples).map(([name, rawExample]) => {
            const example = deref(bundle, rawExample);
            const match = isObject(example) ? example['x-match-request'] : undefined;
            return {
              name,
              value: isObject(example) ? example.value : undefined,
              ...(isObject(match) ? { match: match as Record<string, unknown[]> } : {}),
            };
          }),
        );
        if (Object.keys(rateLimitHeaders).length === 0 && isObject(response.headers)) {
          rateLimitHeaders = Object.fromEntries(
            RATE_LIMIT_HEADERS.map((name) => {
              const header = deref(bundle, (response.headers as Json)[name]);
              return [name, String(isObject(header) ? header.example : '')];
            }),
          );
        }
      }
      operations.push({
        operationId: rawOperation.operationId,
        method: method.toUpperCase(),
        path,
        pattern,
        responses,
      });
    }
  }
  return { operations, rateLimitHeaders };
}

/** The operation a request is for: same path shape and method. `undefined` when no route matches. */
export function findOperation(contract: MockContract, method: string, pathname: string): MockOperation | undefined {
  const upper = method.toUpperCase();
  return contract.operations.find((op) => op.method === upper && op.pattern.test(pathname));
}

/** Whether a success example's `x-match-request` accepts this request body. */
export function matchesRequest(example: MockExample, body: unknown): boolean {
  if (!example.match || !isObject(body)) return false;
  for (const property in example.match) {
    const value = property in body ? body[property] : null;
    if (!example.match[property]!.includes(value)) return false;
  }
  return true;
}

/** The example that answers this body: the first whose `x-match-request` accepts it, else the first one. */
export function selectExample(examples: readonly MockExample[], body: unknown): MockExample | undefined {
  return examples.find((example) => matchesRequest(example, body)) ?? examples[0];
}

/** The contract's cap on `error.message` (ErrorDetail.message maxLength). */
export const MAX_MESSAGE_LENGTH = 1024;

/** Shorten text echoed from a request (a value, a path) so messages stay readable and within the contract. */
export function clip(text: string, max = 100): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** The error envelope every failure uses; the message never exceeds the contract's cap. */
export function errorEnvelope(message: string): { success: false; error: { message: string } } {
  return { success: false, error: { message: clip(message, MAX_MESSAGE_LENGTH) } };
}

const isBodyPath = (violation: Violation, property: string) =>
  violation.path?.[0] === 'body' && violation.path[violation.path.length - 1] === property;

/**
 * Which documented problem best explains a request body's validation violations, in the order the upstream
 * server checks: the body's shape, then `number`, then `duration`. (The path is checked before, by the pipeline.)
 */
export function classifyViolations(violations: readonly Violation[], body: unknown): RequestProblem {
  // Validators report some violations (a missing body) without a path.
  violations = violations.map((v) => ({
    ...v,
    path: Array.isArray(v.path) ? v.path : [],
    message: String(v.message ?? ''),
  }));
  if (!isObject(body)) return { kind: 'invalid-body', detail: 'the body must be a JSON object' };
  const numberMissing =
    !('number' in body) ||
    body.number === '' ||
    body.number === null ||
    violations.some((v) => v.code === 'required' && /'number'/.test(v.message));
  if (numberMissing) return { kind: 'number-required' };
  if (violations.some((v) => isBodyPath(v, 'duration')) && 'duration' in body) {
    return { kind: 'invalid-duration', value: body.duration };
  }
  const first = violations.find((v) => v.code !== 'oneOf') ?? violations[0];
  return {
    kind: 'invalid-body',
    detail: first ? first.message.replace(/^Request body /, '') : 'the body does not match the contract',
  };
}

/** The `error.message` of a named error example. */
export function exampleMessage(operation: MockOperation, status: number, name: string): string | undefined {
  const example = operation.responses.get(status)?.find((e) => e.name === name);
  const message = isObject(example?.value) && isObject(example.value.error) ? example.value.error.message : undefined;
  return typeof message === 'string' ? message : undefined;
}

/** Replace the part after the first `: ` of a documented message (`Invalid duration: 5y`) with `detail`. */
function withDetail(documented: string, detail: string): string {
  const colon = documented.indexOf(': ');
  return colon < 0 ? documented : `${documented.slice(0, colon)}: ${detail}`;
}

/**
 * The documented 400 message for a problem, taken from the operation's own named examples, so each operation
 * answers in its page's wording (`Invalid request body` for block, `Invalid request body: <detail>` for mute).
 */
export function badRequestMessage(operation: MockOperation, problem: RequestProblem): string {
  const invalidBody = exampleMessage(operation, 400, BAD_REQUEST_EXAMPLES.invalidBody) ?? 'Invalid request body';
  switch (problem.kind) {
    case 'instance-missing':
      return exampleMessage(operation, 400, BAD_REQUEST_EXAMPLES.instanceMissing) ?? invalidBody;
    case 'number-required':
      return exampleMessage(operation, 400, BAD_REQUEST_EXAMPLES.numberRequired) ?? invalidBody;
    case 'invalid-duration': {
      const documented = exampleMessage(operation, 400, BAD_REQUEST_EXAMPLES.invalidDuration);
      const value = typeof problem.value === 'string' ? problem.value : JSON.stringify(problem.value);
      return documented ? withDetail(documented, clip(value)) : invalidBody;
    }
    case 'invalid-json':
    case 'invalid-body':
      return withDetail(invalidBody, clip(problem.detail, 200));
  }
}

/** Escape everything but printable ASCII (`\uXXXX`), so text can travel in an HTTP header. */
export function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
