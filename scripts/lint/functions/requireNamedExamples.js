/**
 * Given a media type object, require named `examples` (at least one, each an Example object with a summary and a
 * value) and no lone `example`.
 */
export default function requireNamedExamples(mediaType, _options, context) {
  if (mediaType === null || typeof mediaType !== 'object') return [];
  const results = [];
  if (mediaType.example !== undefined) {
    results.push({
      message: 'Use named `examples` instead of a lone `example`, so mock users can select it by name.',
      path: [...context.path, 'example'],
    });
  }
  const examples = mediaType.examples;
  if (
    examples === null ||
    typeof examples !== 'object' ||
    Array.isArray(examples) ||
    Object.keys(examples).length === 0
  ) {
    results.push({ message: 'The body has no named examples.', path: [...context.path] });
    return results;
  }
  for (const [name, example] of Object.entries(examples)) {
    const at = [...context.path, 'examples', name];
    if (example === null || typeof example !== 'object' || Array.isArray(example)) {
      results.push({ message: `The example "${name}" must be an Example object ({summary, value}).`, path: at });
      continue;
    }
    if (typeof example.summary !== 'string' || example.summary.trim() === '') {
      results.push({ message: `The example "${name}" has no summary.`, path: at });
    }
    if (!('value' in example) && !('externalValue' in example)) {
      results.push({ message: `The example "${name}" has no value.`, path: at });
    }
  }
  return results;
}
