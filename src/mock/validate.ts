// Validators on JSON Schema 2020-12 (the dialect the spec declares): the seed and fault checks every transport uses,
// and the request validator of the in-process transports (createSandbox, the MSW handlers). The HTTP server validates
// requests with Prism's engine instead (./server.ts). Browser-safe.
// The in-process transports run validators precompiled from these very schemas by ajv's standalone code generation
// (generated/sandbox-validators.js, made by `npm run generate`): no code is generated from strings at run time, so
// they run on workerd and under a strict Content-Security-Policy (DECISIONS.md T-07). `sandboxSchemas` names what
// is precompiled; `compileSandboxValidators` builds the same set with ajv at run time (the tests compare the two).
import type { MockValidator } from './core.js';
import type { MockContract, MockOperation, Violation } from './contract.js';
import type { SchemaError } from './seed.js';
import seedSchema from './seed.schema.json' with { type: 'json' };

// seed.schema.json refers to the bundle by its path in the package (`../../generated/openapi.json` from dist/mock/),
// which editors follow; ajv resolves it against these ids.
const PACKAGE = 'https://ryzeapi-chat-contract.invalid';
export const SEED_KEY = `${PACKAGE}/dist/mock/seed.schema.json`;
export const BUNDLE_REF = `${PACKAGE}/generated/openapi.json`;
/** The options of every ajv instance here, and of the precompiled code (lenient: the bundle is an OpenAPI document). */
export const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false } as const;

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

/** The validators of the in-process transports: precompiled (generated/sandbox-validators.js) or built by ajv. */
export interface SandboxValidators {
  seed: AjvValidate;
  faults: AjvValidate;
  instance: AjvValidate;
  /** Request body validators by operationId. */
  bodies: Readonly<Record<string, AjvValidate>>;
}

/** The schemas the in-process transports validate with: each a `$ref` into the bundle or the seed schema. */
export function sandboxSchemas(
  bundle: object,
  contract: MockContract,
): { seed: Json; faults: Json; instance: Json; bodies: Record<string, Json> } {
  const paths = (bundle as { paths?: Record<string, Record<string, Json>> }).paths ?? {};
  const bodies: Record<string, Json> = {};
  for (const operation of contract.operations) {
    const requestBody = paths[operation.path]?.[operation.method.toLowerCase()]?.requestBody as Json | undefined;
    const schema = (requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema as
      | Json
      | undefined;
    if (typeof schema?.$ref === 'string') bodies[operation.operationId] = { $ref: `${BUNDLE_REF}${schema.$ref}` };
  }
  return {
    seed: { $ref: SEED_KEY },
    faults: { $ref: `${SEED_KEY}#/properties/faults` },
    instance: { $ref: `${BUNDLE_REF}#/components/parameters/Instance/schema` },
    bodies,
  };
}

/** An ajv instance with the bundle and the seed schema added. */
export function createAjv(Ajv: AjvClass, bundle: object, options: Record<string, unknown> = {}): AjvLike {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  ajv.addSchema(bundle, BUNDLE_REF);
  ajv.addSchema(seedSchema, SEED_KEY);
  return ajv;
}

/** The sandbox's validators compiled by ajv at run time (code generation from strings: not on workerd, T-07). */
export function compileSandboxValidators(Ajv: AjvClass, bundle: object, contract: MockContract): SandboxValidators {
  const ajv = createAjv(Ajv, bundle);
  const schemas = sandboxSchemas(bundle, contract);
  return {
    seed: ajv.compile(schemas.seed),
    faults: ajv.compile(schemas.faults),
    instance: ajv.compile(schemas.instance),
    bodies: Object.fromEntries(Object.entries(schemas.bodies).map(([id, schema]) => [id, ajv.compile(schema)])),
  };
}

const errorsOf = (validate: AjvValidate, value: unknown): readonly SchemaError[] =>
  validate(value) ? [] : [...(validate.errors ?? [])];

/** The seed and fault-list checks of a MockValidator, compiled by ajv (the HTTP server, with Prism's ajv). */
export function seedChecks(ajv: AjvLike): Pick<MockValidator, 'seed' | 'faults'> {
  const schemas = sandboxSchemas({}, { operations: [], rateLimitHeaders: {} });
  return checksOf(ajv.compile(schemas.seed), ajv.compile(schemas.faults));
}

const checksOf = (seed: AjvValidate, faults: AjvValidate): Pick<MockValidator, 'seed' | 'faults'> => ({
  seed: (value) => errorsOf(seed, value),
  faults: (value) => errorsOf(faults, value),
});

/** An ajv error as a violation in Prism's shape, which the shared classifier reads. */
function toViolation(error: SchemaError): Violation {
  return {
    path: ['body', ...error.instancePath.split('/').filter(Boolean)],
    code: error.keyword,
    message: `${error.instancePath ? `property ${error.instancePath.slice(1)}` : 'body'} ${error.message ?? ''}`,
  };
}

/** A request validator on the bundle's own schemas (the operation's request body, the `instance` path parameter). */
export function sandboxValidator(validators: SandboxValidators): MockValidator {
  const { instance, bodies } = validators;
  return {
    request({ operation, instance: name, ...input }: { operation: MockOperation; instance: string; body?: unknown }) {
      const violations: Violation[] = instance(name)
        ? []
        : [{ path: ['path', 'instance'], code: 'instance', message: 'the instance name is not valid' }];
      const body = Object.hasOwn(bodies, operation.operationId) ? bodies[operation.operationId] : undefined;
      if ('body' in input && body && !body(input.body)) violations.push(...(body.errors ?? []).map(toViolation));
      return violations;
    },
    ...checksOf(validators.seed, validators.faults),
  };
}

/** The request validator with its validators compiled by ajv at run time. */
export function createAjvValidator(Ajv: AjvClass, bundle: object, contract: MockContract): MockValidator {
  return sandboxValidator(compileSandboxValidators(Ajv, bundle, contract));
}
