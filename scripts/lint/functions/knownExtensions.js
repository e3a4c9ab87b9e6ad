/** Walk the whole document and report every `x-` key that is not in `allowed`. Example payloads are skipped. */
export default function knownExtensions(document, options, context) {
  const allowed = new Set(options.allowed);
  const results = [];
  const seen = new Set();
  const walk = (node, path) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-') && !allowed.has(key)) {
        results.push({ message: `Undocumented specification extension "${key}".`, path: [...path, key] });
      }
      // An example's value is payload, not specification: it may hold any key.
      if (key === 'value' && path.length >= 2 && path[path.length - 2] === 'examples') continue;
      walk(value, [...path, key]);
    }
  };
  walk(document, [...context.path]);
  return results;
}
