/**
 * Given the schema of an error response body, require the exact envelope
 * `{ success: false, error: { message: string } }` with no other properties at either level.
 */
export default function errorEnvelope(schema, _options, context) {
  const fail = (message, ...path) => [{ message, path: [...context.path, ...path] }];
  if (schema === null || typeof schema !== 'object' || schema.type !== 'object') {
    return fail('An error body must be an object schema (the error envelope).');
  }
  const required = new Set(schema.required ?? []);
  if (!required.has('success') || !required.has('error')) {
    return fail('The error envelope must require `success` and `error`.', 'required');
  }
  if (schema.additionalProperties !== false) {
    return fail('The error envelope must set additionalProperties: false.');
  }
  const keys = Object.keys(schema.properties ?? {})
    .sort()
    .join(',');
  if (keys !== 'error,success') {
    return fail(`The error envelope must have exactly the properties error and success (has: ${keys}).`, 'properties');
  }
  if (schema.properties.success.const !== false) {
    return fail('`success` must be const false in an error body.', 'properties', 'success');
  }
  const error = schema.properties.error;
  if (
    error === null ||
    typeof error !== 'object' ||
    error.type !== 'object' ||
    error.additionalProperties !== false ||
    !(error.required ?? []).includes('message') ||
    Object.keys(error.properties ?? {}).join(',') !== 'message' ||
    error.properties.message.type !== 'string'
  ) {
    return fail('`error` must be an object of exactly a required string `message`.', 'properties', 'error');
  }
  return [];
}
