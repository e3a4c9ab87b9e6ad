#!/usr/bin/env node
// Turns the hand-written spec (openapi/) into the one bundle everything else reads, and the types made from it:
//   generated/openapi.yaml  bundled by Redocly (lint, mock, docs and diff read this)
//   generated/openapi.json  the same document as JSON (ajv in the tests, package consumers)
//   generated/schema.d.ts   TypeScript types made from the bundle by openapi-typescript, with one alias per
//                           component (root types): `PhoneNumber` for each schema, `ResponseNotFound`,
//                           `ParameterInstance`, `HeaderXRateLimitLimit`... for the other kinds
//   generated/mcp-tools.json the input and output JSON Schemas of the MCP server's tools (src/mcp), cut from the
//                           bundle's request and response schemas (see MCP_TOOLS below and DECISIONS A-03)
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
import { parse } from 'yaml';
import { parseCommandLine } from '../src/mock/lifecycle.js';

const run = promisify(execFile);
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = join(root, 'openapi', 'openapi.yaml');
export const GENERATED_FILES = ['openapi.yaml', 'openapi.json', 'schema.d.ts', 'mcp-tools.json'];

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

// The MCP tools (src/mcp): one per action, each a request to one operation with one body field set to a constant.
// The tool's input is the path parameter `instance` plus the request body schema of the variant that accepts the
// constant, less that field and any in `omit`; its output is the 200 schema's variant(s) whose `state` field can
// hold the constant. The descriptions and annotations are written by hand in src/mcp/tools.ts.
export const MCP_TOOLS = [
  { name: 'block_contact', operationId: 'blockContact', field: 'block', value: true, state: 'blocked', omit: [] },
  { name: 'unblock_contact', operationId: 'blockContact', field: 'block', value: false, state: 'blocked', omit: [] },
  { name: 'mute_chat', operationId: 'muteChat', field: 'mute', value: true, state: 'muted', omit: [] },
  // `duration` is ignored by the server when unmuting (D-05): a tool parameter that does nothing is left out.
  { name: 'unmute_chat', operationId: 'muteChat', field: 'mute', value: false, state: 'muted', omit: ['duration'] },
];

/**
 * `schema` with every `$ref` (local, `#/...`) replaced by a copy of its target: MCP clients and model APIs do not
 * all resolve references, and these schemas have no cycles. Keywords beside a `$ref` win over the target's, except
 * `description`, which comes first and is followed by the target's own (the target's text is what a `See X`
 * pointed to).
 */
function inline(schema, document) {
  if (Array.isArray(schema)) return schema.map((item) => inline(item, document));
  if (schema === null || typeof schema !== 'object') return schema;
  const { $ref, ...rest } = schema;
  const own = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, inline(value, document)]));
  if ($ref === undefined) return own;
  if (!$ref.startsWith('#/')) throw new Error(`MCP tools: only local $refs can be inlined, not ${$ref}`);
  const target = inline(
    $ref
      .slice(2)
      .split('/')
      .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document),
    document,
  );
  if (target === undefined) throw new Error(`MCP tools: $ref ${$ref} points nowhere`);
  const both = own.description !== undefined && target.description !== undefined;
  return { ...target, ...own, ...(both && { description: `${own.description.trimEnd()}\n\n${target.description}` }) };
}

/** The part of `schema` (an inlined object schema or a `oneOf` of them, nested) whose `field` can be `value`. */
function variantFor(schema, field, value) {
  if (Array.isArray(schema.oneOf)) {
    const kept = schema.oneOf.map((variant) => variantFor(variant, field, value)).filter(Boolean);
    if (kept.length === 0) return undefined;
    if (kept.length === schema.oneOf.length) return schema;
    return kept.length === 1 ? kept[0] : { ...schema, oneOf: kept };
  }
  const property = schema.properties?.[field];
  if (property === undefined) return undefined;
  const accepts = 'const' in property ? property.const === value : property.type === typeof value;
  return accepts ? schema : undefined;
}

/** The input and output JSON Schemas of each MCP tool, from the bundled document. */
export function mcpToolSchemas(document) {
  const tools = {};
  for (const { name, operationId, field, value, state, omit } of MCP_TOOLS) {
    const found = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation?.operationId === operationId)
        .map(([method, operation]) => ({ path, method, operation })),
    );
    if (found.length !== 1) throw new Error(`MCP tools: ${name} needs exactly one operation ${operationId}`);
    const [{ path, method, operation }] = found;
    const parameters = operation.parameters.map((parameter) => inline(parameter, document));
    if (parameters.some((parameter) => parameter.in !== 'path'))
      throw new Error(`MCP tools: ${operationId} has non-path parameters`);

    const request = variantFor(
      inline(operation.requestBody.content['application/json'].schema, document),
      field,
      value,
    );
    if (request?.type !== 'object' || request.oneOf)
      throw new Error(`MCP tools: no single request body of ${operationId} takes ${field}: ${value}`);
    const dropped = new Set([field, ...omit]);
    const properties = {
      ...Object.fromEntries(
        parameters.map((parameter) => [parameter.name, { ...parameter.schema, description: parameter.description }]),
      ),
      ...Object.fromEntries(Object.entries(request.properties).filter(([key]) => !dropped.has(key))),
    };
    const required = [
      ...parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      ...request.required.filter((key) => !dropped.has(key)),
    ];

    const response = variantFor(
      inline(operation.responses['200'].content['application/json'].schema, document),
      state,
      value,
    );
    if (response === undefined) throw new Error(`MCP tools: no 200 body of ${operationId} has ${state}: ${value}`);
    tools[name] = {
      operationId,
      method: method.toUpperCase(),
      path,
      body: { [field]: value },
      // MCP wants an object at the root of both schemas (`type: object`); the request variants are closed objects.
      inputSchema: { type: 'object', properties, required, additionalProperties: request.additionalProperties },
      outputSchema: { type: 'object', ...response },
    };
  }
  return tools;
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
  // Loaded here, not at the top: openapi-typescript loads TypeScript (over 1 s), and the scripts that import only
  // `root` or the Redocly settings from this module need neither.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
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
  // JSON has no comments: the header lines and the hash are the first keys.
  const mcp = {
    $comment: header('', hash)
      .split('\n')
      .map((line) => line.trim()),
    bundleSha256: hash,
    specVersion: document.info.version,
    tools: mcpToolSchemas(document),
  };
  await writeFile(join(outDir, 'mcp-tools.json'), `${JSON.stringify(mcp, null, 2)}\n`);
  return { outDir, hash };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseCommandLine({
    usage: `Usage: node scripts/generate.mjs [--out DIR]   (default DIR: generated/)\n  Bundles openapi/openapi.yaml and writes ${GENERATED_FILES.join(', ')} into DIR.`,
    options: { out: { type: 'string' } },
  });
  const { outDir: written, hash } = await generate(args.out === undefined ? undefined : resolve(args.out));
  console.log(`generated ${GENERATED_FILES.map((f) => join(relative(root, written) || '.', f)).join(', ')}`);
  console.log(`bundle sha256 ${hash}`);
}
