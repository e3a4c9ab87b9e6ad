#!/usr/bin/env node
// Turns the hand-written spec (openapi/) into the one bundle everything else reads, and the types made from it:
//   generated/openapi.yaml  bundled by Redocly (lint, mock, docs and diff read this)
//   generated/openapi.json  the same document as JSON (ajv in the tests, package consumers)
//   generated/schema.d.ts   TypeScript types made from the bundle by openapi-typescript, with one alias per
//                           component (root types): `PhoneNumber` for each schema, `ResponseNotFound`,
//                           `ParameterInstance`, `HeaderXRateLimitLimit`... for the other kinds
// Usage: node scripts/generate.mjs [--out DIR]   (default DIR: generated/)
// The output depends only on the spec and the pinned tool versions, so `npm run check:drift` can regenerate
// into a temporary folder and compare byte for byte.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const run = promisify(execFile);
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = join(root, 'openapi', 'openapi.yaml');
export const GENERATED_FILES = ['openapi.yaml', 'openapi.json', 'schema.d.ts'];

/** Environment for every Redocly call: no telemetry, ever. */
export const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
export const redoclyBin = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

function header(commentStart, hash) {
  const line = (text) => `${commentStart} ${text}`.trimEnd();
  return [
    line('GENERATED FILE - DO NOT EDIT.'),
    line('Made by scripts/generate.mjs from openapi/openapi.yaml; change the spec and run `npm run generate`.'),
    line(`Bundle SHA-256: ${hash}`),
  ].join('\n');
}

/** Bundle the spec with Redocly and return the bundled YAML text. */
async function bundle() {
  const scratch = await mkdtemp(join(tmpdir(), 'ryze-bundle-'));
  try {
    const out = join(scratch, 'openapi.yaml');
    await run(process.execPath, [redoclyBin, 'bundle', SOURCE, '--output', out], { cwd: root, env: redoclyEnv });
    return await readFile(out, 'utf8');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function generate(outDir = join(root, 'generated')) {
  const yamlText = (await bundle()).replace(/\s*$/, '\n');
  const document = parse(yamlText);
  const json = `${JSON.stringify(document, null, 2)}\n`;
  // The hash names the bundle's content (as JSON, so YAML formatting does not change it): any artefact that
  // carries it can be traced back to the spec it came from.
  const hash = createHash('sha256').update(json).digest('hex');

  // Root types: openapi-typescript appends `export type <Name> = components['<kind>']['<Name>']` for every
  // component, so `ryzeapi-chat-contract/schema` re-exports the aliases instead of keeping a hand-written list.
  // Schemas keep their names as written (no `Schema` prefix, no case change): they are the public names.
  const ast = await openapiTS(document, {
    silent: true,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    rootTypesKeepCasing: true,
  });
  const types = astToString(ast);

  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'openapi.yaml'), `${header('#', hash)}\n${yamlText}`);
  await writeFile(join(outDir, 'openapi.json'), json);
  await writeFile(join(outDir, 'schema.d.ts'), `${header('//', hash)}\n\n${types}`);
  return { outDir, hash };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--out');
  const outDir = i > 0 ? resolve(process.argv[i + 1]) : undefined;
  const { outDir: written, hash } = await generate(outDir);
  console.log(`generated ${GENERATED_FILES.map((f) => join(relative(root, written) || '.', f)).join(', ')}`);
  console.log(`bundle sha256 ${hash}`);
}
