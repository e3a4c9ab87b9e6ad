// How deep arrays and objects nest in JSON text, counted without parsing: the sandbox refuses request bodies nested
// too deep before parsing them, and the verifier refuses answers the same way. Browser-safe.

/** The deepest nesting of arrays and objects in JSON text, counted without parsing, up to `limit + 1`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return deepest;
}
