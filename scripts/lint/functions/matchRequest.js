const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const SCALAR = new Set(['string', 'number', 'boolean']);

/** Every property a request body schema can carry, across allOf/anyOf/oneOf branches: name -> its schemas. */
function requestProperties(schema, found = new Map(), seen = new Set()) {
  if (!isObject(schema) || seen.has(schema)) return found;
  seen.add(schema);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    found.set(name, [...(found.get(name) ?? []), property]);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(schema[key])) for (const branch of schema[key]) requestProperties(branch, found, seen);
  }
  return found;
}

/** Whether a schema could accept a value, judged on `const`, `enum` and `type` (and on branches, recursively). */
function admits(schema, value) {
  if (!isObject(schema)) return true;
  if ('const' in schema && schema.const !== value) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (schema.type !== undefined) {
    const kind = Number.isInteger(value) ? ['integer', 'number'] : [typeof value];
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => kind.includes(type))) return false;
  }
  const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (branches.length > 0 && !branches.some((branch) => admits(branch, value))) return false;
  return (schema.allOf ?? []).every((branch) => admits(branch, value));
}

/** The shape of one `x-match-request`: property name -> non-empty list of scalars the property's schema admits. */
function checkShape(match, properties, at) {
  if (!isObject(match) || Object.keys(match).length === 0) {
    return [
      {
        message:
          '`x-match-request` must be an object mapping at least one request-body property to its accepted values.',
        path: at,
      },
    ];
  }
  const results = [];
  for (const [name, accepted] of Object.entries(match)) {
    const where = [...at, name];
    if (!properties.has(name)) {
      const known = [...properties.keys()].join(', ') || 'none';
      results.push({
        message: `"${name}" is not a property of the operation's request body (it has: ${known}).`,
        path: where,
      });
    } else if (!Array.isArray(accepted) || accepted.length === 0) {
      results.push({ message: `"${name}" must list the values it accepts (a non-empty array).`, path: where });
    } else {
      accepted.forEach((value, i) => {
        if (value !== null && !SCALAR.has(typeof value)) {
          results.push({
            message: `"${name}" values are compared with ===: use strings, numbers, booleans or null.`,
            path: [...where, i],
          });
        } else if (value !== null && !properties.get(name).some((schema) => admits(schema, value))) {
          results.push({
            message: `"${name}" can never be ${JSON.stringify(value)}: its schema does not accept it.`,
            path: [...where, i],
          });
        }
      });
    }
  }
  return results;
}

/**
 * Given an operation (resolved), check every `x-match-request` on the Example objects of its bodies: it belongs
 * on examples of success (2xx) responses only, and names request-body properties with the values that select
 * the example (`null`: the property is absent). See openapi/EXTENSIONS.md.
 */
export default function matchRequest(operation, _options, context) {
  if (!isObject(operation)) return [];
  const results = [];
  const properties = new Map();
  for (const media of Object.values(operation.requestBody?.content ?? {})) requestProperties(media?.schema, properties);
  const examplesOf = (content, path) =>
    Object.entries(isObject(content) ? content : {}).flatMap(([type, media]) =>
      Object.entries(isObject(media?.examples) ? media.examples : {})
        .filter(([, example]) => isObject(example) && 'x-match-request' in example)
        .map(([name, example]) => ({
          match: example['x-match-request'],
          at: [...path, type, 'examples', name, 'x-match-request'],
        })),
    );
  for (const { at } of examplesOf(operation.requestBody?.content, [...context.path, 'requestBody', 'content'])) {
    results.push({
      message: '`x-match-request` belongs on success response examples, not on request examples.',
      path: at,
    });
  }
  for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
    for (const { match, at } of examplesOf(response?.content, [...context.path, 'responses', status, 'content'])) {
      if (/^2(?:\d\d|XX)$/i.test(status)) results.push(...checkShape(match, properties, at));
      else
        results.push({
          message: `\`x-match-request\` belongs on success (2xx) examples only, not on a ${status} example.`,
          path: at,
        });
    }
  }
  return results;
}
