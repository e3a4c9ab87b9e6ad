/**
 * Given an operation's `responses` object as written (not resolved), require each status in `codes` to be a
 * `$ref` to a shared response component (`#/components/responses/...`, or a file under components/responses/).
 */
export default function requireSharedResponses(responses, options, context) {
  if (responses === null || typeof responses !== 'object') return [];
  const results = [];
  for (const code of options.codes) {
    const response = responses[code];
    if (response === undefined) {
      results.push({ message: `Missing the shared ${code} response.`, path: [...context.path] });
      continue;
    }
    const ref = response && typeof response === 'object' ? response.$ref : undefined;
    if (typeof ref !== 'string' || !/components[/]responses[/]/.test(ref)) {
      results.push({
        message: `The ${code} response must be a $ref to a shared component in components/responses.`,
        path: [...context.path, code],
      });
    }
  }
  return results;
}
