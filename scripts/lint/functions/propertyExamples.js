// Keywords whose value is one subschema, or a list or a name map of subschemas, walked for nested properties.
const ONE = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
];
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAP = ['patternProperties', 'dependentSchemas', '$defs'];

/**
 * Given a schema (resolved), require every property it declares, at any depth, to have a non-empty `examples`
 * list, written on the property or on the schema it `$ref`s: openapi-typescript turns it into `@example` in the
 * generated types and Redoc shows it beside the property.
 */
export default function propertyExamples(schema, _options, context) {
  const results = [];
  const seen = new Set();
  const walk = (node, path) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || seen.has(node)) return;
    seen.add(node);
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      const examples = property?.examples;
      if (!Array.isArray(examples) || examples.length === 0) {
        results.push({
          message: `The property "${name}" has no \`examples\` (neither on itself nor on the schema it references).`,
          path: [...path, 'properties', name],
        });
      }
      walk(property, [...path, 'properties', name]);
    }
    for (const key of ONE) walk(node[key], [...path, key]);
    for (const key of LIST)
      if (Array.isArray(node[key])) for (const [i, item] of node[key].entries()) walk(item, [...path, key, i]);
    for (const key of MAP) for (const [name, item] of Object.entries(node[key] ?? {})) walk(item, [...path, key, name]);
  };
  walk(schema, [...context.path]);
  return results;
}
