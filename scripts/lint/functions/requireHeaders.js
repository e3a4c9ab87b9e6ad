/** Given a response object, require each header in `headers` to be declared (case-insensitively) and required. */
export default function requireHeaders(response, options, context) {
  if (response === null || typeof response !== 'object') return [];
  const declared = new Map(
    Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]),
  );
  const results = [];
  for (const name of options.headers) {
    const header = declared.get(name.toLowerCase());
    if (header === undefined) {
      results.push({ message: `The response does not declare the ${name} header.`, path: [...context.path] });
    } else if (header?.required !== true) {
      results.push({
        message: `The ${name} header must be marked required: true.`,
        path: [...context.path, 'headers'],
      });
    }
  }
  return results;
}
