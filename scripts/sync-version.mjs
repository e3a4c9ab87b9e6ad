#!/usr/bin/env node
// After `changeset version` has raised package.json's version, give the spec the same version (info.version in
// openapi/openapi.yaml), regenerate generated/ and rewrite the agent docs (docs/llms.txt and the pages, which state
// the version), so the package, the spec and every generated artefact carry one version.
// `npm run version-packages` runs both.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine } from '../src/mock/lifecycle.js';
import { writeAgentDocs } from './docs.mjs';
import { generate, root } from './generate.mjs';

/** Set `info.version` in the spec's YAML text, touching nothing else. Throws when there is no info.version. */
export function setInfoVersion(source, version) {
  const lines = source.split('\n');
  const info = lines.indexOf('info:');
  if (info < 0) throw new Error('The spec has no top-level info:');
  for (let i = info + 1; i < lines.length && /^(\s|$)/.test(lines[i]); i += 1) {
    if (/^ {2}version: /.test(lines[i])) {
      lines[i] = `  version: ${version}`;
      return lines.join('\n');
    }
  }
  throw new Error('The spec has no info.version');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  parseCommandLine({
    usage:
      "Usage: node scripts/sync-version.mjs   (npm run version-packages runs it)\n  Sets the spec's info.version to package.json's version, regenerates generated/ and rewrites the agent docs.",
    options: {},
  });
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const file = join(root, 'openapi', 'openapi.yaml');
  await writeFile(file, setInfoVersion(await readFile(file, 'utf8'), version));
  await generate();
  const docs = await writeAgentDocs();
  console.log(
    `spec info.version set to ${version}; generated/ rebuilt; wrote ${docs.map((n) => `docs/${n}`).join(', ')}`,
  );
}
