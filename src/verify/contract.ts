// What the verifier reads from the bundled spec: each operation's documented responses (status, schema, headers,
// named examples and where each lives in the bundle), and JSON Schema 2020-12 validators for bodies and headers
// with every object closed. Nothing here is hand-kept: a change to the spec changes what is checked. Browser-safe.
// For the package's own bundle the validators are precompiled by ajv's standalone code generation
// (generated/verify-validators.js, made by `npm run generate` from `verifierPointers`): nothing is compiled from
// strings at run time, so the verifier runs on workerd and under a strict Content-Security-Policy (DECISIONS.md
// T-07). Only a caller's own `spec` is compiled by ajv at run time. ajv stays an optional peer dependency either
// way: the precompiled code imports two of its runtime helpers.
import { installLine } from '../mock/peers.js';
import type { SchemaError } from '../mock/seed.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON pointer into the bundle, as written in the report (`#/components/schemas/ErrorResponse`). */
export type Pointer = string;

/** A named example of a response. */
export interface ExampleInfo {
  name: string;
  pointer: Pointer;
  value: unknown;
  /** `error.message` of an error example. */
  message?: string;
  /** `x-match-request`: body property -> accepted values (`null`: the property is absent). */
  match?: Record<string, unknown[]>;
}

export interface HeaderInfo {
  name: string;
  pointer: Pointer;
  required: boolean;
  schemaPointer: Pointer;
}

export interface ResponseInfo {
  status: number;
  /** Where the response is described: the shared component when it is one, else the operation's entry. */
  pointer: Pointer;
  /** The body schema (`#/components/schemas/...`), when the response has a JSON body. */
  schemaPointer?: Pointer;
  headers: HeaderInfo[];
  examples: ExampleInfo[];
}

export interface OperationInfo {
  operationId: string;
  method: string;
  /** The path template (`/api/chat/block/{instance}`). */
  path: string;
  pointer: Pointer;
  requestSchemaPointer?: Pointer;
  responses: Map<number, ResponseInfo>;
}

export interface ContractInfo {
  bundle: Json;
  operations: Map<string, OperationInfo>;
  /** The schema of the `instance` path parameter. */
  instanceSchemaPointer?: Pointer;
}

const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** The node a pointer names, or undefined. */
export function resolvePointer(bundle: Json, pointer: Pointer): unknown {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), bundle);
}

/** Follow `$ref`s from a node at `pointer`; returns the node and the pointer of where it really lives. */
function deref(bundle: Json, value: unknown, pointer: Pointer): { node: unknown; pointer: Pointer } {
  let node = value;
  let where = pointer;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 10; hops += 1) {
    where = node.$ref;
    node = resolvePointer(bundle, where);
  }
  return { node, pointer: where };
}

function schemaPointerOf(bundle: Json, media: unknown, at: Pointer): Pointer | undefined {
  if (!isObject(media) || media.schema === undefined) return undefined;
  return deref(bundle, media.schema, `${at}/schema`).pointer;
}

/** Read the operations and their documented responses from a bundled spec (`generated/openapi.json`). */
export function readContract(bundle: Json): ContractInfo {
  const operations = new Map<string, OperationInfo>();
  let instanceSchemaPointer: Pointer | undefined;
  for (const [path, item] of Object.entries(isObject(bundle.paths) ? bundle.paths : {})) {
    if (!isObject(item)) continue;
    for (const [method, raw] of Object.entries(item)) {
      if (!isObject(raw) || typeof raw.operationId !== 'string') continue;
      const pointer = `#/paths/${escapeToken(path)}/${method}`;
      for (const [i, parameter] of (Array.isArray(raw.parameters) ? raw.parameters : []).entries()) {
        const found = deref(bundle, parameter, `${pointer}/parameters/${i}`);
        if (isObject(found.node) && found.node.name === 'instance') instanceSchemaPointer ??= `${found.pointer}/schema`;
      }
      const requestBody = deref(bundle, raw.requestBody, `${pointer}/requestBody`);
      const requestContent =
        isObject(requestBody.node) && isObject(requestBody.node.content) ? requestBody.node.content : {};
      const requestSchemaPointer = schemaPointerOf(
        bundle,
        requestContent['application/json'],
        `${requestBody.pointer}/content/application~1json`,
      );
      const responses = new Map<number, ResponseInfo>();
      for (const [status, rawResponse] of Object.entries(isObject(raw.responses) ? raw.responses : {})) {
        const response = deref(bundle, rawResponse, `${pointer}/responses/${status}`);
        if (!isObject(response.node) || !/^\d{3}$/.test(status)) continue;
        const content = isObject(response.node.content) ? response.node.content : {};
        const mediaPointer = `${response.pointer}/content/application~1json`;
        const media = content['application/json'];
        const headers: HeaderInfo[] = Object.entries(isObject(response.node.headers) ? response.node.headers : {}).map(
          ([name, rawHeader]) => {
            const header = deref(bundle, rawHeader, `${response.pointer}/headers/${escapeToken(name)}`);
            return {
              name,
              pointer: header.pointer,
              required: isObject(header.node) && header.node.required === true,
              schemaPointer: `${header.pointer}/schema`,
            };
          },
        );
        const examples: ExampleInfo[] = Object.entries(
          isObject(media) && isObject(media.examples) ? media.examples : {},
        ).map(([name, rawExample]) => {
          const example = deref(bundle, rawExample, `${mediaPointer}/examples/${escapeToken(name)}`);
          const node = isObject(example.node) ? example.node : {};
          const error = isObject(node.value) && isObject(node.value.error) ? node.value.error : undefined;
          const match = node['x-match-request'];
          return {
            name,
            pointer: example.pointer,
            value: node.value,
            ...(typeof error?.message === 'string' ? { message: error.message } : {}),
            ...(isObject(match) ? { match: match as Record<string, unknown[]> } : {}),
          };
        });
        const schemaPointer = schemaPointerOf(bundle, media, mediaPointer);
        responses.set(Number(status), {
          status: Number(status),
          pointer: response.pointer,
          ...(schemaPointer ? { schemaPointer } : {}),
          headers,
          examples,
        });
      }
      operations.set(raw.operationId, {
        operationId: raw.operationId,
        method: method.toUpperCase(),
        path,
        pointer,
        ...(requestSchemaPointer ? { requestSchemaPointer } : {}),
        responses,
      });
    }
  }
  return { bundle, operations, ...(instanceSchemaPointer ? { instanceSchemaPointer } : {}) };
}

/** Whether a success example's `x-match-request` accepts a request body (an absent property matches `null`). */
export function matchesRequest(example: ExampleInfo, body: unknown): boolean {
  if (!example.match || !isObject(body)) return false;
  return Object.entries(example.match).every(([property, accepted]) => {
    const value = property in body ? body[property] : null;
    return accepted.some((candidate) => candidate === value);
  });
}

/**
 * A copy of a schema document in which every object schema that says nothing about extra properties refuses them
 * (`unevaluatedProperties: false`): the verifier judges bodies as closed objects (DECISIONS V-04) even if a later
 * edit of the spec forgets `additionalProperties: false`.
 */
export function closeObjects<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item) => closeObjects(item)) as T;
  if (!isObject(schema)) return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    // `examples`, `example`, `const`, `enum` and `default` hold instance data, not schemas.
    copy[key] = ['examples', 'example', 'const', 'enum', 'default', 'x-match-request'].includes(key)
      ? value
      : closeObjects(value);
  }
  const isObjectSchema = copy.type === 'object' || (copy.type === undefined && isObject(copy.properties));
  if (isObjectSchema && !('additionalProperties' in copy) && !('unevaluatedProperties' in copy))
    copy.unevaluatedProperties = false;
  return copy as T;
}

/** An error as ajv reports it: the same shape the sandbox reads (src/mock/seed.ts). */
export type { SchemaError } from '../mock/seed.js';

interface Validate {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** The few ajv features used, so the package's types do not depend on ajv (an optional peer). */
export interface AjvInstance {
  addSchema(schema: object, key?: string): unknown;
  compile(schema: object): Validate;
}
export type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

/** Validators compiled ahead of time for a known bundle (generated/verify-validators.js): pointer -> function. */
export interface PrecompiledValidators {
  validators: Readonly<Record<Pointer, Validate>>;
}

/** The outcome of checking a value against a schema. */
export type SchemaVerdict =
  | { valid: true; variant: Pointer }
  | { valid: false; variant: Pointer; errors: string[]; location: Pointer };

export const BUNDLE_ID = 'https://ryzeapi-chat-contract.invalid/openapi.json';
/** The options of the verifier's ajv, at run time and in the precompiled code alike. */
export const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false } as const;

/** An ajv instance holding the bundle with every object closed, under BUNDLE_ID. */
export function createContractAjv(
  Ajv: AjvConstructor,
  bundle: Json,
  options: Record<string, unknown> = {},
): AjvInstance {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  ajv.addSchema(closeObjects(bundle), BUNDLE_ID);
  return ajv;
}

/** The leaf schemas of a union (`oneOf`/`anyOf` of `$ref`s, nested), or the schema itself. */
export function variantsOf(bundle: Json, pointer: Pointer): Pointer[] {
  const node = resolvePointer(bundle, pointer);
  const members = isObject(node) ? (node.oneOf ?? node.anyOf) : undefined;
  if (!Array.isArray(members) || !members.every((m) => isObject(m) && typeof m.$ref === 'string')) return [pointer];
  return members.flatMap((member) => variantsOf(bundle, (member as { $ref: string }).$ref));
}

/**
 * Every schema the checks (./checks.ts) can validate against: each response body schema with the members of its
 * unions (nested ones included) and each response header's schema. What generated/verify-validators.js holds.
 */
export function verifierPointers(contract: ContractInfo): Pointer[] {
  const found = new Set<Pointer>();
  const add = (pointer: Pointer) => {
    if (found.has(pointer)) return;
    found.add(pointer);
    const node = resolvePointer(contract.bundle, pointer);
    const members = isObject(node) ? (node.oneOf ?? node.anyOf) : undefined;
    if (Array.isArray(members) && members.every((m) => isObject(m) && typeof m.$ref === 'string'))
      for (const member of members) add((member as { $ref: string }).$ref);
  };
  for (const operation of contract.operations.values()) {
    for (const response of operation.responses.values()) {
      if (response.schemaPointer) add(response.schemaPointer);
      for (const header of response.headers) add(header.schemaPointer);
    }
  }
  return [...found].sort();
}

/** Short name of a pointer: `#/components/schemas/ErrorResponse` -> `ErrorResponse`. */
export const nameOf = (pointer: Pointer): string =>
  pointer.split('/').pop()?.replace(/~1/g, '/').replace(/~0/g, '~') ?? pointer;

function clipJson(value: unknown, max = 60): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** The value at an ajv instancePath. */
function valueAt(data: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined), data);
}

/** ajv's errors as short lines grouped by place: `/duration: 28801 must be equal to constant 28800; must be <= 28800`. */
export function describeErrors(errors: readonly SchemaError[], data: unknown): string[] {
  const byPlace = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const place = error.instancePath || '/';
    let text = error.message ?? error.keyword;
    const { params } = error;
    if (error.keyword === 'additionalProperties')
      text = `has a property the schema does not allow: "${String(params.additionalProperty)}"`;
    else if (error.keyword === 'unevaluatedProperties')
      text = `has a property the schema does not allow: "${String(params.unevaluatedProperty)}"`;
    else if (error.keyword === 'required')
      text = `is missing the required property "${String(params.missingProperty)}"`;
    else if (error.keyword === 'const') text = `must be ${clipJson(params.allowedValue)}`;
    else if (error.keyword === 'enum') text = `must be one of ${clipJson(params.allowedValues, 120)}`;
    const list = byPlace.get(place) ?? [];
    if (!list.includes(text)) list.push(text);
    byPlace.set(place, list);
  }
  return [...byPlace].map(([place, texts]) => {
    const hasValue = place !== '/' && !texts.every((t) => t.startsWith('is missing') || t.startsWith('has a property'));
    return `${place}${hasValue ? ` = ${clipJson(valueAt(data, place))}` : ''}: ${texts.join('; ')}`;
  });
}

/**
 * JSON Schema 2020-12 validation of answers against the bundle, objects closed. Given ajv's class, it compiles each
 * schema on first use (code generation from strings); given precompiled validators, it only looks them up.
 */
export class ContractValidator {
  private readonly ajv: AjvInstance | undefined;
  private readonly precompiled: PrecompiledValidators['validators'] | undefined;
  private readonly cache = new Map<Pointer, Validate>();

  constructor(
    source: AjvConstructor | PrecompiledValidators,
    private readonly contract: ContractInfo,
  ) {
    if (typeof source === 'function') this.ajv = createContractAjv(source, contract.bundle);
    else this.precompiled = source.validators;
  }

  private compiled(pointer: Pointer): Validate {
    let validate = this.cache.get(pointer);
    if (!validate) {
      if (this.precompiled) {
        if (!Object.hasOwn(this.precompiled, pointer))
          throw new Error(`ryzeapi-chat-contract: no precompiled validator for ${pointer} (run \`npm run generate\`)`);
        validate = this.precompiled[pointer]!;
      } else validate = this.ajv!.compile({ $ref: `${BUNDLE_ID}${pointer}` });
      this.cache.set(pointer, validate);
    }
    return validate;
  }

  /** Errors of a value against the schema at `pointer` (none when valid). */
  errors(pointer: Pointer, data: unknown): SchemaError[] {
    const validate = this.compiled(pointer);
    return validate(data) ? [] : [...(validate.errors ?? [])];
  }

  /** The leaf schemas of a union (`oneOf`/`anyOf` of `$ref`s, nested), or the schema itself. */
  variants(pointer: Pointer): Pointer[] {
    return variantsOf(this.contract.bundle, pointer);
  }

  /**
   * Check `data` against the schema at `pointer`. Valid: which variant it is. Invalid: the errors against the
   * closest variant (the one with the fewest errors), so a report names the field that drifted, not a union's noise.
   */
  check(pointer: Pointer, data: unknown): SchemaVerdict {
    const variants = this.variants(pointer);
    const errors = this.errors(pointer, data);
    if (errors.length === 0) {
      return { valid: true, variant: variants.find((variant) => this.errors(variant, data).length === 0) ?? pointer };
    }
    let best = { variant: pointer, errors };
    if (variants.length > 1) {
      const scored = variants.map((variant) => ({ variant, errors: this.errors(variant, data) }));
      // Every variant valid on its own but the union not: a oneOf matched more than once.
      if (scored.every((s) => s.errors.length === 0) || scored.filter((s) => s.errors.length === 0).length > 1) {
        return {
          valid: false,
          variant: pointer,
          errors: [`/: matches more than one of ${variants.map(nameOf).join(', ')}`],
          location: pointer,
        };
      }
      best = scored.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
    }
    return {
      valid: false,
      variant: best.variant,
      errors: describeErrors(best.errors, data),
      location: this.locate(best.variant, best.errors),
    };
  }

  /** The most specific place in the spec an error points to: the property of the variant, when there is one. */
  private locate(variant: Pointer, errors: readonly SchemaError[]): Pointer {
    const first = errors.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
    const property = first?.instancePath.split('/')[1];
    const node = resolvePointer(this.contract.bundle, variant);
    if (property && isObject(node) && isObject(node.properties) && property in node.properties)
      return `${variant}/properties/${escapeToken(property)}`;
    return variant;
  }
}

/** Load ajv's JSON Schema 2020-12 class; a missing optional peer gets the install line. */
export async function loadAjv(
  load: () => Promise<unknown> = () => import('ajv/dist/2020.js'),
): Promise<AjvConstructor> {
  let module: unknown;
  try {
    module = await load();
  } catch (error) {
    throw new AjvMissingError(await installLine(['ajv']), (error as Error).message);
  }
  const candidates = [
    module,
    (module as Json | undefined)?.default,
    ((module as Json | undefined)?.default as Json | undefined)?.default,
    (module as Json | undefined)?.Ajv2020,
  ];
  const Ajv = candidates.find((candidate) => typeof candidate === 'function');
  if (!Ajv) throw new AjvMissingError(await installLine(['ajv']), 'ajv/dist/2020.js does not export the Ajv2020 class');
  return Ajv as AjvConstructor;
}

/**
 * The validators precompiled for the package's own bundle (generated/verify-validators.js). They import two of ajv's
 * runtime helpers, so a missing ajv gets the same AjvMissingError as `loadAjv`.
 */
export async function loadPrecompiled(
  loadAjvModule?: () => Promise<unknown>,
  load: () => Promise<PrecompiledValidators> = () => import('../../generated/verify-validators.js'),
): Promise<PrecompiledValidators> {
  try {
    return await load();
  } catch (error) {
    await loadAjv(loadAjvModule);
    throw error;
  }
}

/** ajv (an optional peer dependency) cannot be loaded. */
export class AjvMissingError extends Error {
  override name = 'AjvMissingError';
  constructor(installLine: string, cause: string) {
    super(
      'The verifier validates answers with ajv (JSON Schema 2020-12), an optional peer dependency of ryzeapi-chat-contract. Install it with:\n' +
        `  ${installLine}\n(${cause.split('\n')[0]})`,
    );
  }
}
