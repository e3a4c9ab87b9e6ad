// The cases of our custom Spectral rules (scripts/lint/ryze.spectral.yaml), in the style of GitHub's
// rest-api-description guardrail tests: take the small base document (base.yaml, which passes every rule),
// change one thing, and say what the rules must report. `pass`: nothing at all. `fail`: the case's rule, and no
// other rule. rules.test.ts runs them; every rule needs at least one case of each kind.

/** Where a change applies: keys from the document root. The parent must exist in the base document. */
export type Path = readonly (string | number)[];
/** Stands for "remove the value at this path" in a case. */
export const REMOVE = Symbol('remove');

export interface LintCase {
  expect: 'pass' | 'fail';
  why: string;
  at: Path;
  set: unknown;
}

const pass = (why: string, at: Path, set: unknown): LintCase => ({ expect: 'pass', why, at, set });
const fail = (why: string, at: Path, set: unknown): LintCase => ({ expect: 'fail', why, at, set });

const OP = ['paths', '/api/chat/block/{instance}', 'post'];
const OK = [...OP, 'responses', '200'];
const OK_EXAMPLE = [...OK, 'content', 'application/json', 'examples', 'blocked'];
const REQUEST = [...OP, 'requestBody', 'content', 'application/json'];
const SCHEMAS = ['components', 'schemas'];
const ERROR = [...SCHEMAS, 'ErrorResponse'];
const MATCH = [...OK_EXAMPLE, 'x-match-request'];
const ref = (pointer: string) => ({ $ref: `#/components/${pointer}` });
const int = { type: 'integer' };
/** The base's shared error response, written inline: right in every way but for not being shared. */
const INLINE_ERROR = {
  description: 'The request failed.',
  headers: Object.fromEntries(
    ['Limit', 'Remaining', 'Reset'].map((h) => [`X-RateLimit-${h}`, ref(`headers/X-RateLimit-${h}`)]),
  ),
  content: {
    'application/json': {
      schema: ref('schemas/ErrorResponse'),
      examples: { failed: { summary: 'It failed', value: { success: false, error: { message: 'Conflict' } } } },
    },
  },
};

export const cases: Record<string, LintCase[]> = {
  'ryze-operation-id-camel-case': [
    pass('the id has three words', [...OP, 'operationId'], 'muteChatNow'),
    pass('a word carries digits', [...OP, 'operationId'], 'blockContactV2'),
    fail('the id is snake_case', [...OP, 'operationId'], 'block_contact'),
    fail('the id is one word', [...OP, 'operationId'], 'block'),
    fail('the id has a run of capitals', [...OP, 'operationId'], 'getHTTPStatus'),
    fail('there is no id', [...OP, 'operationId'], REMOVE),
  ],
  'ryze-shared-error-responses': [
    pass('an extra status outside the shared seven (409) is written inline', [...OP, 'responses', '409'], INLINE_ERROR),
    fail('the 404 is written inline, perfect but not shared', [...OP, 'responses', '404'], INLINE_ERROR),
    fail('the 503 is missing', [...OP, 'responses', '503'], REMOVE),
  ],
  'ryze-rate-limit-headers': [
    pass('header names match in any case', [...OK, 'headers'], {
      'x-ratelimit-limit': { required: true, schema: int },
      'X-Ratelimit-Remaining': { required: true, schema: int },
      'X-RATELIMIT-RESET': { required: true, schema: int },
    }),
    fail('the 200 declares X-RateLimit-Reset without required: true', [...OK, 'headers', 'X-RateLimit-Reset'], {
      schema: int,
    }),
    fail('the 200 does not declare X-RateLimit-Limit', [...OK, 'headers', 'X-RateLimit-Limit'], REMOVE),
    fail(
      'the shared header component is not required',
      ['components', 'headers', 'X-RateLimit-Remaining', 'required'],
      false,
    ),
  ],
  'ryze-response-named-examples': [
    pass('a named example may point to an external value', [...OK_EXAMPLE], {
      summary: 'Blocked',
      externalValue: 'https://example.com/blocked.json',
    }),
    fail('the 200 body has a lone `example`', [...OK, 'content', 'application/json'], {
      schema: ref('schemas/BlockResponse'),
      example: { success: true, blocked: true },
    }),
    fail('the 200 body has no examples', [...OK, 'content', 'application/json', 'examples'], {}),
    fail('the 200 example has no summary', [...OK_EXAMPLE, 'summary'], REMOVE),
    fail('the 200 example has no value', [...OK_EXAMPLE, 'value'], REMOVE),
  ],
  'ryze-request-named-examples': [
    pass('the body has a second named example', [...REQUEST, 'examples', 'unblock'], {
      summary: 'Unblock',
      value: { number: '5511999999999', block: false },
    }),
    fail('a request example has a value but no summary', [...REQUEST, 'examples', 'unblock'], {
      value: { number: '5511999999999', block: false },
    }),
    fail('the request body has a lone `example`', REQUEST, {
      schema: ref('schemas/BlockRequest'),
      example: { number: '1', block: true },
    }),
  ],
  'ryze-error-envelope': [
    pass('the envelope lists its fields in another order and carries annotations', ERROR, {
      title: 'ErrorResponse',
      description: 'Every failure.',
      type: 'object',
      additionalProperties: false,
      required: ['error', 'success'],
      properties: {
        error: ref('schemas/ErrorDetail'),
        success: { description: 'Always false.', type: 'boolean', const: false, examples: [false] },
      },
    }),
    pass('`error` is inline instead of a $ref', [...ERROR, 'properties', 'error'], {
      type: 'object',
      required: ['message'],
      additionalProperties: false,
      properties: { message: { type: 'string', minLength: 1, examples: ['Instance not found'] } },
      examples: [{ message: 'Instance not found' }],
    }),
    fail('the envelope has a third property', [...ERROR, 'properties', 'retryAfter'], {
      type: 'integer',
      examples: [30],
    }),
    fail('the envelope is open to other properties', [...ERROR, 'additionalProperties'], REMOVE),
    fail('`success` is not const false', [...ERROR, 'properties', 'success', 'const'], REMOVE),
    fail('`error.message` is not a string', [...SCHEMAS, 'ErrorDetail', 'properties', 'message', 'type'], 'integer'),
  ],
  'ryze-known-extensions': [
    pass('servers carry x-internal', ['servers'], [{ url: 'https://ryzeapi.cloud', 'x-internal': false }]),
    pass(
      'the operation carries x-codeSamples',
      [...OP, 'x-codeSamples'],
      [{ lang: 'curl', label: 'cURL', source: 'curl ...' }],
    ),
    pass('a header is named x-request-id (a name, not an extension)', [...OK, 'headers', 'x-request-id'], {
      schema: { type: 'string' },
    }),
    pass(
      'a property is named x-trace-id (a name, not an extension)',
      [...SCHEMAS, 'BlockResponse', 'properties', 'x-trace-id'],
      { type: 'string', examples: ['abc'] },
    ),
    pass('an example value has an x- key (payload, not an extension)', [...OK_EXAMPLE, 'value', 'x-note'], 'payload'),
    fail(
      'the operation uses x-code-samples, the old Redoc spelling',
      [...OP, 'x-code-samples'],
      [{ lang: 'curl', source: 'curl ...' }],
    ),
    fail('info carries x-logo, which we do not document', ['info', 'x-logo'], { url: 'https://example.com/logo.png' }),
  ],
  'ryze-match-request': [
    pass('null accepts an absent property', MATCH, { block: [true], number: [null] }),
    pass('the property is declared in one oneOf branch of the request', [...SCHEMAS, 'BlockRequest'], {
      oneOf: [
        { type: 'object', properties: { block: { const: true, examples: [true] } } },
        ref('schemas/BlockResponse'),
      ],
    }),
    fail(
      'it is on an error example',
      ['components', 'responses', 'Error', 'content', 'application/json', 'examples', 'failed', 'x-match-request'],
      { block: [true] },
    ),
    fail('it is on a request example', [...REQUEST, 'examples', 'block', 'x-match-request'], { block: [true] }),
    fail('it is a list, not a map', MATCH, ['block']),
    fail('it names no property', MATCH, {}),
    fail('it names a response property, not a request one', MATCH, { blocked: [true] }),
    fail('a property accepts an empty list', MATCH, { block: [] }),
    fail('a property accepts a bare value, not a list', MATCH, { block: true }),
    fail('a value is an object, which never equals a body value', MATCH, { block: [{ value: true }] }),
    fail('a value is one the property schema refuses', MATCH, { block: ['true'] }),
  ],
  'ryze-property-examples': [
    pass(
      'the examples are on the schema the property references',
      [...SCHEMAS, 'BlockRequest', 'properties', 'block'],
      ref('schemas/BlockResponse/properties/blocked'),
    ),
    fail('a property has no examples', [...SCHEMAS, 'BlockRequest', 'properties', 'number', 'examples'], REMOVE),
    fail('a property has the singular `example`', [...SCHEMAS, 'BlockRequest', 'properties', 'number'], {
      type: 'string',
      example: '5511999999999',
    }),
    fail('a property has an empty examples list', [...SCHEMAS, 'BlockRequest', 'properties', 'number', 'examples'], []),
    fail('a $ref property points to a schema without examples', [...SCHEMAS, 'ErrorDetail', 'examples'], REMOVE),
  ],
};
