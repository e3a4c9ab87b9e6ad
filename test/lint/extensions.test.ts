// One home per fact: openapi/EXTENSIONS.md documents every `x-` extension. This test holds the three places that
// name extensions to one list: the documented sections, the `allowed` list of the ryze-known-extensions lint rule,
// and the extensions the spec uses (found in the bundle by the rule's own walker, so a header or property whose
// name starts with `x-` is not counted).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import knownExtensions from '../../scripts/lint/functions/knownExtensions.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');

/** The `x-` keys used in a document, as the lint rule sees them (its walker, with nothing allowed). */
function extensionsIn(document: unknown): string[] {
  const found = knownExtensions(document, { allowed: [] }, { path: [] }) as { path: (string | number)[] }[];
  return [...new Set(found.map((result) => String(result.path[result.path.length - 1])))].sort();
}

/** EXTENSIONS.md, one entry per `## \`x-...\`` section. */
const sections = read('openapi', 'EXTENSIONS.md')
  .split(/^## /m)
  .slice(1)
  .map((text) => ({ name: /^`(x-[^`]+)`/.exec(text)?.[1] ?? text.split('\n')[0], text }));
const documented = sections.map((section) => section.name).sort();

const ruleset = parse(read('scripts', 'lint', 'ryze.spectral.yaml')) as {
  rules: Record<string, { then: { functionOptions?: { allowed?: string[] } } }>;
};
const allowed = [...(ruleset.rules['ryze-known-extensions']?.then.functionOptions?.allowed ?? [])].sort();
const used = extensionsIn(JSON.parse(read('generated', 'openapi.json')));

describe('openapi/EXTENSIONS.md', () => {
  it('documents extensions, each in a section named after it', () => {
    expect(documented.length).toBeGreaterThan(0);
    for (const name of documented) expect(name).toMatch(/^x-[A-Za-z][A-Za-z-]*$/);
  });

  it('documents exactly the extensions the lint rule allows', () => {
    expect(allowed.length).toBeGreaterThan(0);
    expect(documented).toEqual(allowed);
  });

  it('documents exactly the extensions the spec uses (none undocumented, none stale)', () => {
    expect(used.length).toBeGreaterThan(0);
    expect(documented).toEqual(used);
  });

  for (const { name, text } of sections) {
    it(`${name}: gives its purpose, where it applies, its value type, who reads it, and a YAML example that uses it`, () => {
      for (const field of ['Purpose', 'Applies to', 'Value', 'Read by', 'Example'])
        expect(text).toContain(`- **${field}**:`);
      const example = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
      expect(example, 'a ```yaml example').toBeDefined();
      expect(extensionsIn(parse(example ?? ''))).toEqual([name]);
    });
  }
});

describe('the walker that finds extensions', () => {
  it('counts x- keys of specification objects, not names or payload', () => {
    const document = {
      servers: [{ url: 'https://example.com', 'x-internal': false }],
      paths: { '/a': { post: { 'x-codeSamples': [], responses: { '200': { headers: { 'x-request-id': {} } } } } } },
      components: {
        schemas: { A: { properties: { 'x-trace-id': { examples: [{ 'x-in-payload': 1 }] } } } },
        examples: { B: { 'x-match-request': { a: [1] }, value: { 'x-in-value': 1 } } },
      },
    };
    expect(extensionsIn(document)).toEqual(['x-codeSamples', 'x-internal', 'x-match-request']);
  });
});
