// Validators built with ajv (JSON Schema 2020-12, the dialect the spec declares): the seed and fault checks every
// transport uses, and the request validator of the in-process transports (createSandbox, the MSW handlers). The
// HTTP server validates requests with Prism's engine instead (./server.ts). Browser-safe.
import type { MockValidator } from './core.js';
import type { MockContract, MockOperation, Violation } from './contract.js';
import type { SchemaError } from './seed.js';
import seedSchema from './seed.schema.json' with { type: 'json' };

// seed.schema.json refers to the bundle by its path in the package (`../../generated/openapi.json` from dist/mock/),
// which editors follow; ajv resolves it against these ids.
const PACKAGE = 'https://ryzeapi-chat-contract.invalid';
const SEED_KEY = `${PACKAGE}/dist/mock/seed.schema.json`;
export const BUNDLE_REF = `${PACKAGE}/generated/openapi.json`;

/** The few ajv features used here, so the package's types do not depend on ajv. */
export interface AjvLike {
  addSchema(schema: object, key?: string): unknown;
  compile(schema: object): AjvValidate;
}
export interface AjvValidate {
  (data: unknown): boolean;
  errors?: SchemaError[] | null | undefined;
}
export type AjvClass = new (options: Record<string, unknown>) => AjvLike;

type Json = Record<string, unknown>;

/** An ajv instance with the bundle and the seed schema added (lenient: the bundle is an OpenAPI document). */
export function createAjv(Ajv: AjvClass, bundle: object): AjvLike {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(bundle, BUNDLE_REF);
  ajv.addSchema(seedSchema, SEED_KEY);
  return ajv;
}

const errorsOf = (validate: AjvValidate, value: unknown): readonly SchemaError[] =>
  validate(value) ? [] : [...(validate.errors ?? [])];

/** The seed and fault-list checks of a MockValidator. */
export function seedChecks(ajv: AjvLike): Pick<MockValidator, 'seed' | 'faults'> {
  const seed = ajv.compile({ $ref: SEED_KEY });
  const faults = ajv.compile({ $ref: `${SEED_KEY}#/properties/faults` });
  return { seed: (value) => errorsOf(seed, value), faults: (value) => errorsOf(faults, value) };
}

/** An ajv error as a violation in Prism's shape, which the shared classifier reads. */
function toViolation(error: SchemaError): Violation {
  return {
    path: ['body', ...error.instancePath.split('/').filter(Boolean)],
    code: error.keyword,
    message: `${error.instancePath ? `property ${error.instancePath.slice(1)}` : 'body'} ${error.message ?? ''}`,
  };
}

/** A request validator on the bundle's own schemas: the operation's request body and the `instance` path parameter. */
export function createAjvValidator(Ajv: AjvClass, bundle: object, contract: MockContract): MockValidator {
  const ajv = createAjv(Ajv, bundle);
  const paths = (bundle as { paths?: Record<string, Record<string, Json>> }).paths ?? {};
  const bodies = new Map<string, AjvValidate>();
  for (const operation of contract.operations) {
    const requestBody = paths[operation.path]?.[operation.method.toLowerCase()]?.requestBody as Json | undefined;
    const schema = (requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema as
      | Json
      | undefined;
    if (typeof schema?.$ref === 'string')
      bodies.set(operation.operationId, ajv.compile({ $ref: `${BUNDLE_REF}${schema.$ref}` }));
  }
  const instance = ajv.compile({ $ref: `${BUNDLE_REF}#/components/parameters/Instance/schema` });
  return {
    request({ operation, instance: name, ...input }: { operation: MockOperation; instance: string; body?: unknown }) {
      const violations: Violation[] = instance(name)
        ? []
        : [{ path: ['path', 'instance'], code: 'instance', message: 'the instance name is not valid' }];
      const body = bodies.get(operation.operationId);
      if ('body' in input && body && !body(input.body)) violations.push(...(body.errors ?? []).map(toViolation));
      return violations;
    },
    ...seedChecks(ajv),
  };
}
