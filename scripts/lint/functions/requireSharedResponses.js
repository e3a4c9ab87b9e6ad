// A shared response: `#/components/responses/Name` in a bundle, or a file `.../components/responses/Name.yaml`
// in a multi-file source.
const SHARED = /^(?:#\/components\/responses\/[^/]+|(?:[^#]*\/)?components\/responses\/[^/#]+\.ya?ml)$/;

/**
 * Given an operation as written (not resolved), require its responses to include each status in `codes`, each a
 * `$ref` to a shared response component. An operation without `responses` fails for every status.
 */
export default function requireSharedResponses(operation, options, context) {
  if (operation === null || typeof operation !== 'object') return [];
  const responses = operation.responses;
  if (responses === null || typeof responses !== 'object') {
    return [
      { message: `The operation declares no responses (needs ${options.codes.join(', ')}).`, path: [...context.path] },
    ];
  }
  const results = [];
  for (const code of options.codes) {
    const response = responses[code];
    if (response === undefined) {
      results.push({ message: `Missing the shared ${code} response.`, path: [...context.path, 'responses'] });
      continue;
    }
    const ref = response && typeof response === 'object' ? response.$ref : undefined;
    if (typeof ref !== 'string' || !SHARED.test(ref)) {
      results.push({
        message: `The ${code} response must be a $ref to a shared component in components/responses.`,
        path: [...context.path, 'responses', code],
      });
    }
  }
  return results;
}
