#!/usr/bin/env node
// Turns the hand-written spec (openapi/) into the one bundle everything else reads, and the types made from it:
//   generated/openapi.yaml  bundled by Redocly (lint, mock, docs and diff read this)
//   generated/openapi.json  the same document as JSON (ajv in the tests, package consumers)
//   generated/schema.d.ts   TypeScript types made from the bundle by openapi-typescript, with one alias per
//                           component (root types): `PhoneNumber` for each schema, `ResponseNotFound`,
//                           `ParameterInstance`, `HeaderXRateLimitLimit`... for the other kinds
//   generated/mcp-tools.json the input and output JSON Schemas of the MCP server's tools (src/mcp), cut from the
//                           bundle's request and response schemas (see MCP_TOOLS below and DECISIONS A-03)
//   generated/sandbox-validators.js (+ .d.ts) the sandbox's validators (seed, fault list, instance name, request
//                           bodies), and generated/verify-validators.js (+ .d.ts) the verifier's (every response body
//                           and header schema, objects closed), precompiled by ajv's standalone code generation so
//                           no code is made from strings at run time (DECISIONS T-07; see validatorModules below)
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
export const GENERATED_FILES = [
  'openapi.yaml',
  'openapi.json',
  'schema.d.ts',
  'mcp-tools.json',
  'sandbox-validators.js',
  'sandbox-validators.d.ts',
  'verify-validators.js',
  'verify-validators.d.ts',
];

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

/**
 * The schema lists and ajv set-ups the runtime uses, from the TypeScript sources themselves (src/mock/validate.ts,
 * src/verify/contract.ts), bundled on the fly with esbuild: what is precompiled is exactly what the runtime asks for,
 * built with the same ids and options, with no second copy of that logic here.
 */
async function validatorPlan() {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: {
      contents: [
        "export { AJV_OPTIONS as SANDBOX_AJV_OPTIONS, createAjv, sandboxSchemas } from './src/mock/validate.ts';",
        "export { loadContract } from './src/mock/contract.ts';",
        "export { AJV_OPTIONS as VERIFY_AJV_OPTIONS, BUNDLE_ID, createContractAjv, readContract, verifierPointers } from './src/verify/contract.ts';",
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'validator-plan.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    logLevel: 'silent',
    // The modules' lazy imports (ajv itself, the generated validators) are never called here.
    plugins: [
      {
        name: 'lazy-imports',
        setup(context) {
          context.onResolve({ filter: /generated\/[a-z-]+-validators\.js$/ }, ({ path }) => ({ path, external: true }));
        },
      },
    ],
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

/** The runtime helpers the standalone code may ask for: ajv's own modules, kept as imports of the optional peer. */
const AJV_RUNTIME_HELPERS = new Set(['equal', 'ucs2length']);

/**
 * ajv's standalone module for the named validators, each the function `ajv.compile(schema)` returns (the very
 * function the runtime would build), as ESM, followed by `tail` (more exports). ajv 8 writes its runtime helpers as
 * `require(...)` even in ESM mode: they become imports of `ajv/dist/runtime/<name>.js`, read through `ajvRuntime` (a
 * CommonJS module's default export is `module.exports` in Node and under esbuild, its `default` in other bundlers).
 * esbuild then drops what nothing uses (ajv declares every schema object as a constant, mostly unused) and prints
 * the rest one statement a line; it changes no behaviour (no minification, no syntax lowering).
 */
async function standaloneModule(standaloneCode, ajv, schemas, tail) {
  const compiled = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, ajv.compile(schema)]));
  // standaloneCode looks the exports up with getSchema: hand it the compiled functions by name.
  const view = Object.create(ajv, { getSchema: { value: (name) => compiled[name] } });
  let code = standaloneCode(view, Object.fromEntries(Object.keys(compiled).map((name) => [name, name]))).replace(
    /^"use strict";\n?/,
    '',
  );
  const helpers = new Set();
  code = code.replace(/require\("ajv\/dist\/runtime\/([a-z0-9]+)"\)\.default/gi, (_, helper) => {
    if (!AJV_RUNTIME_HELPERS.has(helper)) throw new Error(`validators: unexpected ajv runtime helper ${helper}`);
    helpers.add(helper);
    return `ajvRuntime(ajvRuntime_${helper})`;
  });
  for (const banned of [/\brequire\(/, /\bnew Function\b/, /\beval\(/]) {
    if (banned.test(code)) throw new Error(`validators: the standalone code contains ${banned}`);
  }
  const imports = [...helpers]
    .sort()
    .map((helper) => `import * as ajvRuntime_${helper} from 'ajv/dist/runtime/${helper}.js';`);
  const { transform } = await import('esbuild');
  const text = [
    ...imports,
    'const ajvRuntime = (module) => (typeof module.default === "function" ? module.default : module.default.default);',
    code.trim(),
    ...tail,
  ].join('\n');
  return (await transform(text, { format: 'esm', treeShaking: true, logLevel: 'silent' })).code;
}

const VALIDATE_TYPE = `/** A validator as ajv builds it: true when valid; otherwise \`errors\` holds ajv's error objects. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string }[] | null;
}`;

/** The sandbox's and the verifier's validators, precompiled (DECISIONS T-07): file name -> text. */
export async function validatorModules(document, hash) {
  const [plan, { default: Ajv2020 }, { default: standaloneCode }, { version: esbuildVersion }, ajvManifest, seedText] =
    await Promise.all([
      validatorPlan(),
      import('ajv/dist/2020.js'),
      import('ajv/dist/standalone/index.js'),
      import('esbuild'),
      readFile(join(root, 'node_modules', 'ajv', 'package.json'), 'utf8').then(JSON.parse),
      readFile(join(root, 'src', 'mock', 'seed.schema.json'), 'utf8'),
    ]);
  // `lines` only breaks the code into lines (readable diffs); `source` and `esm` make standalone code possible.
  const code = { source: true, esm: true, lines: true };
  const stamp = (commentStart, options, from) =>
    [
      header(commentStart, hash),
      `${commentStart} ${from}`,
      `${commentStart} ajv ${ajvManifest.version} standalone code (JSON Schema 2020-12, options ${JSON.stringify(options)}), printed by`,
      `${commentStart} esbuild ${esbuildVersion}: no code is made from strings at run time (DECISIONS T-07). ajv stays an optional peer:`,
      `${commentStart} its runtime helpers are imported.`,
    ].join('\n');

  // The sandbox: the bundle and seed.schema.json, under the ids src/mock/validate.ts gives them.
  const schemas = plan.sandboxSchemas(document, plan.loadContract(document));
  const bodyNames = Object.keys(schemas.bodies)
    .sort()
    .map((id) => [id, `body_${id}`]);
  const sandboxCode = await standaloneModule(
    standaloneCode,
    plan.createAjv(Ajv2020, document, { code }),
    {
      seed: schemas.seed,
      faults: schemas.faults,
      instance: schemas.instance,
      ...Object.fromEntries(bodyNames.map(([id, name]) => [name, schemas.bodies[id]])),
    },
    [
      `export const bodies = { ${bodyNames.map(([id, name]) => `${JSON.stringify(id)}: ${name}`).join(', ')} };`,
      `export const bundleSha256 = ${JSON.stringify(hash)};`,
    ],
  );
  const seedFrom = `Seed schema: src/mock/seed.schema.json, SHA-256 ${createHash('sha256').update(seedText).digest('hex')}.`;
  const sandboxJs = `${stamp('//', plan.SANDBOX_AJV_OPTIONS, seedFrom)}\n${sandboxCode}`;
  const sandboxDts = [
    stamp('//', plan.SANDBOX_AJV_OPTIONS, seedFrom),
    VALIDATE_TYPE,
    '/** The seed (seed.schema.json), the fault list (its `faults`), and the `instance` path parameter. */',
    'export const seed: ValidateFunction;',
    'export const faults: ValidateFunction;',
    'export const instance: ValidateFunction;',
    '/** Request body validators by operationId. */',
    'export const bodies: Readonly<Record<string, ValidateFunction>>;',
    'export const bundleSha256: string;',
    '',
  ].join('\n');

  // The verifier: every schema its checks can ask for, in the bundle with every object closed (src/verify/contract.ts).
  const pointers = plan.verifierPointers(plan.readContract(document));
  const verifyFrom = `Schemas: ${pointers.length} (verifierPointers in src/verify/contract.ts), in the bundle with every object closed.`;
  const verifyCode = await standaloneModule(
    standaloneCode,
    plan.createContractAjv(Ajv2020, document, { code }),
    Object.fromEntries(pointers.map((pointer, i) => [`v${i}`, { $ref: `${plan.BUNDLE_ID}${pointer}` }])),
    [
      `export const validators = { ${pointers.map((pointer, i) => `${JSON.stringify(pointer)}: v${i}`).join(', ')} };`,
      `export const bundleSha256 = ${JSON.stringify(hash)};`,
    ],
  );
  const verifyJs = `${stamp('//', plan.VERIFY_AJV_OPTIONS, verifyFrom)}\n${verifyCode}`;
  const verifyDts = [
    stamp('//', plan.VERIFY_AJV_OPTIONS, verifyFrom),
    VALIDATE_TYPE,
    '/** Validators by JSON pointer into the bundle (`#/components/schemas/ErrorResponse`). */',
    'export const validators: Readonly<Record<string, ValidateFunction>>;',
    'export const bundleSha256: string;',
    '',
  ].join('\n');
  return {
    'sandbox-validators.js': sandboxJs,
    'sandbox-validators.d.ts': sandboxDts,
    'verify-validators.js': verifyJs,
    'verify-validators.d.ts': verifyDts,
  };
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
  for (const [file, text] of Object.entries(await validatorModules(document, hash))) {
    await writeFile(join(outDir, file), text);
  }
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
