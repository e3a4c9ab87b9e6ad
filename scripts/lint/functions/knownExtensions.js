// Maps whose keys are names chosen by the author (header names, property names, status codes, media types,
// component names...), not fields of a specification object: their keys are never extensions, but their values
// are specification objects and are walked.
const NAME_MAPS = new Set([
  'paths',
  'webhooks',
  'headers',
  'properties',
  'patternProperties',
  '$defs',
  'dependentSchemas',
  'responses',
  'content',
  'encoding',
  'callbacks',
  'links',
  'variables',
  'scopes',
  'mapping',
  'schemas',
  'parameters',
  'requestBodies',
  'securitySchemes',
  'pathItems',
]);
// Fields whose value is payload (instance data), not specification: never walked.
const PAYLOAD = new Set(['example', 'default', 'const', 'enum']);

/**
 * Walk the whole document and report every `x-` key in a specification-object position that is not in `allowed`.
 * Keys of name maps (a header called `x-trace`, a property called `x-id`) and payloads (examples, defaults,
 * consts, enums) are not extensions and are not reported.
 */
export default function knownExtensions(document, options, context) {
  const allowed = new Set(options.allowed);
  const results = [];
  const seen = new Set();
  const walk = (node, path, isNameMap) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, [...path, i], false);
      return;
    }
    const parentKey = path[path.length - 1];
    for (const [key, value] of Object.entries(node)) {
      if (isNameMap) {
        walk(value, [...path, key], false);
        continue;
      }
      if (key.startsWith('x-')) {
        if (!allowed.has(key)) {
          results.push({
            message: `Undocumented specification extension "${key}" (see openapi/EXTENSIONS.md).`,
            path: [...path, key],
          });
        }
        continue; // an extension's own content is free-form
      }
      if (PAYLOAD.has(key)) continue;
      // `examples` is payload in a schema (an array) and a name map of Example objects elsewhere; an Example
      // object's `value` is payload.
      if (key === 'examples') {
        if (!Array.isArray(value)) walk(value, [...path, key], true);
        continue;
      }
      if (key === 'value' && path[path.length - 2] === 'examples') continue;
      // `components` maps kinds to name maps: `components.schemas` etc. are name maps.
      walk(value, [...path, key], NAME_MAPS.has(key) && !(key === 'parameters' && parentKey !== 'components'));
    }
  };
  walk(document, [...context.path], false);
  return results;
}
