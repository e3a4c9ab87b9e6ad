// Reads the bundle (generated/openapi.json, the same document the mock serves) and validates values against it
// with ajv under JSON Schema 2020-12, the dialect the spec declares.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const BUNDLE_PATH = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));

// Minimal structural types for the parts of the bundle the tests walk.
export interface Example {
  summary?: string;
  description?: string;
  value: unknown;
}
export interface MediaType {
  schema: { $ref?: string };
  examples?: Record<string, Example | { $ref: string }>;
}
export interface Header {
  required?: boolean;
  schema: Record<string, unknown>;
}
export interface Response {
  description: string;
  headers?: Record<string, Header | { $ref: string }>;
  content?: Record<string, MediaType>;
}
export interface Operation {
  operationId: string;
  requestBody: { content: Record<string, MediaType> };
  responses: Record<string, Response | { $ref: string }>;
}
export interface Bundle {
  openapi: string;
  jsonSchemaDialect: string;
  servers: { url: string }[];
  paths: Record<string, { post: Operation }>;
  components: Record<string, Record<string, unknown>>;
}

export const bundle: Bundle = JSON.parse(readFileSync(BUNDLE_PATH, 'utf8'));

/** Follow a local `$ref` (`#/components/...`) in the bundle; return other values unchanged. */
export function deref<T>(value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; hops < 10; hops += 1) {
    if (current === null || typeof current !== 'object' || !('$ref' in current)) return current as T;
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith('#/')) throw new Error(`Only local refs are expected in the bundle, got ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], bundle);
  }
  throw new Error('Reference chain too long');
}

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
const addFormats = addFormatsModule.default;
const BUNDLE_ID = 'https://ryzeapi-chat-contract.invalid/openapi.json';
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
// The OpenAPI document is added as one schema so every `#/components/...` ref resolves; its top-level OpenAPI
// fields are not JSON Schema keywords and are declared as such for strict mode.
ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'security', 'tags', 'paths', 'components']);
ajv.addSchema(bundle as object, BUNDLE_ID);

const cache = new Map<string, ValidateFunction>();
/** A validator for the schema at `ref` in the bundle, e.g. `#/components/schemas/ErrorResponse`. */
export function validatorFor(ref: string): ValidateFunction {
  let validate = cache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `${BUNDLE_ID}${ref}` });
    cache.set(ref, validate);
  }
  return validate;
}

/** Validate `value` against the schema at `ref`; return ajv's errors as readable text ('' when valid). */
export function schemaErrors(ref: string, value: unknown): string {
  const validate = validatorFor(ref);
  return validate(value) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}

/** JSON pointer (as a `#/...` ref) of a location in the bundle. */
export function pointer(...segments: string[]): string {
  return `#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

export interface OperationEntry {
  path: string;
  method: 'post';
  operation: Operation;
}
export const operations: OperationEntry[] = Object.entries(bundle.paths).map(([path, item]) => ({
  path,
  method: 'post',
  operation: item.post,
}));

export interface ResponseExample {
  path: string;
  operationId: string;
  status: number;
  name: string;
  value: unknown;
  /** `#/...` ref of the response body schema, for ajv. */
  schemaRef: string;
  headers: Record<string, Header>;
}

/** Every named example of every response of every operation in the bundle. */
export const responseExamples: ResponseExample[] = operations.flatMap(({ path, operation }) =>
  Object.entries(operation.responses).flatMap(([status, raw]) => {
    const response = deref<Response>(raw);
    const media = response.content?.['application/json'];
    if (!media) throw new Error(`${operation.operationId} ${status} has no application/json body`);
    const schemaRef =
      media.schema.$ref ?? pointer('paths', path, 'post', 'responses', status, 'content', 'application/json', 'schema');
    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([name, header]) => [name, deref<Header>(header)]),
    );
    return Object.entries(media.examples ?? {}).map(([name, example]) => ({
      path,
      operationId: operation.operationId,
      status: Number(status),
      name,
      value: deref<Example>(example).value,
      schemaRef,
      headers,
    }));
  }),
);

export interface RequestExample {
  path: string;
  operationId: string;
  name: string;
  value: unknown;
  schemaRef: string;
}

/** Every named example of every request body in the bundle. */
export const requestExamples: RequestExample[] = operations.flatMap(({ path, operation }) => {
  const media = operation.requestBody.content['application/json'];
  if (!media?.schema.$ref) throw new Error(`${operation.operationId} has no application/json request schema`);
  const schemaRef = media.schema.$ref;
  return Object.entries(media.examples ?? {}).map(([name, example]) => ({
    path,
    operationId: operation.operationId,
    name,
    value: deref<Example>(example).value,
    schemaRef,
  }));
});
