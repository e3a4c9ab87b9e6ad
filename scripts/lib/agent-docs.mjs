// The agent-readable docs (DECISIONS.md D-31): from the bundle alone, the Markdown that `npm run docs` writes
// next to the HTML page.
//   llms.txt          the index, in the llmstxt.org shape: an H1, a one-paragraph summary in a blockquote, a
//                     line of detail, then sections of links to the pages below (relative, so they work on any
//                     host and from a clone);
//   overview.md       info.description (authentication, rate limits, errors, the mock...), servers, security;
//   <operation>.md    one page per operation with everything a caller needs: what it does, authentication both
//                     ways, the request with every rule (parameters, body schema in words, identifier kinds, the
//                     durations table), every response with its status, headers, body schema in words, named
//                     examples, documented messages and the mock's `Prefer` selector, and the code samples;
//   llms-full.txt     all the pages in one file.
// Pure: the same bundle gives the same bytes, so the committed files are drift-checked (test/agent-docs.test.ts,
// `npm run docs -- --check`). Nothing here is copied by hand: every sentence is the spec's own text or a fixed
// phrase wrapped around the spec's values.

/** @typedef {Record<string, any>} Json */

const HTTP_REASONS = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
const FENCES = { curl: 'sh', typescript: 'ts', javascript: 'js', python: 'python', payload: 'json' };

/** `blockContact` -> `block-contact.md` */
export function pageName(operationId) {
  return `${operationId.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.md`;
}

const code = (value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === '' ? '`""` (empty)' : text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
};
const indent = (text, spaces) =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');
const clean = (text) => String(text ?? '').trim();
const json = (value) => `\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;

/** One named example: its heading with the summary, its description and its value. */
const exampleLines = (name, example) => [
  `#### \`${name}\`: ${example.summary}`,
  '',
  clean(example.description),
  '',
  json(example.value),
  '',
];
const firstSentence = (text) => {
  const flat = clean(text).replace(/\s+/g, ' ');
  const end = flat.search(/\.(\s|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
};

/** Reads the bundle: local refs, names of referenced components, the operations in document order. */
function reader(bundle) {
  const resolveRef = (ref) => {
    if (!ref.startsWith('#/')) throw new Error(`Only local refs are expected in the bundle, got ${ref}`);
    return ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node, key) => node?.[key], bundle);
  };
  /** @returns {{ node: Json, name?: string }} */
  const deref = (value) => {
    let node = value;
    let name;
    for (let hops = 0; node && typeof node === 'object' && typeof node.$ref === 'string'; hops += 1) {
      if (hops > 10) throw new Error('Reference chain too long');
      name = node.$ref.split('/').pop();
      const { $ref, ...siblings } = node;
      node = { ...resolveRef($ref), ...siblings };
    }
    return { node, name };
  };
  const operations = [];
  for (const [path, item] of Object.entries(bundle.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) continue;
      operations.push({ path, method, operation, page: pageName(operation.operationId) });
    }
  }
  return { deref, operations };
}

/**
 * Rewrites the page's in-page links (Redoc routes such as `#/other/blockcontact`) to the Markdown pages. An
 * in-page link this does not know fails the build, so a new kind of link is never left dangling.
 */
function linkRewriter(operations, tags) {
  const routes = new Map();
  for (const { operation, page } of operations) {
    const id = operation.operationId.toLowerCase();
    routes.set(`#/other/${id}`, page);
    for (const tag of operation.tags ?? []) routes.set(`#/${tag.toLowerCase()}/${id}`, page);
  }
  for (const tag of tags) routes.set(`#/${tag.toLowerCase()}`, 'overview.md');
  return (text) =>
    text.replace(/\]\((#\/[^)]*)\)/g, (_, route) => {
      const target = routes.get(route);
      if (!target)
        throw new Error(
          `A description links to ${route}, which has no Markdown page: extend scripts/lib/agent-docs.mjs`,
        );
      return `](${target})`;
    });
}

/** A one-line phrase for a schema's type and constraints: `string, 7 to 15 characters, pattern ...`. */
function typePhrase(schema) {
  const parts = [];
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (type) parts.push(schema.format ? `${type} (${schema.format})` : type);
  if ('const' in schema) {
    parts.push(`always ${code(schema.const)}`);
    return parts.join(', ');
  }
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map(code).join(', ')}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    parts.push(
      schema.maxLength === undefined
        ? `at least ${schema.minLength} characters`
        : `${schema.minLength ?? 0} to ${schema.maxLength} characters`,
    );
  }
  if (schema.pattern) parts.push(`pattern ${code(schema.pattern)}`);
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    parts.push(
      schema.maximum === undefined
        ? `at least ${schema.minimum}`
        : schema.minimum === undefined
          ? `at most ${schema.maximum}`
          : `from ${schema.minimum} to ${schema.maximum}`,
    );
  }
  return parts.join(', ');
}

const isStringChoice = (deref, schema) =>
  Array.isArray(schema.oneOf) && schema.oneOf.every((variant) => deref(variant).node.type === 'string');

/** A table of the string kinds a `oneOf` accepts (the identifier kinds of `number`, `contact_jid`...). */
function kindsTable(deref, schema) {
  const rows = schema.oneOf.map((variant) => {
    const { node, name } = deref(variant);
    const length = node.minLength !== undefined ? `${node.minLength} to ${node.maxLength}` : '';
    const example = node.examples?.[0] ?? node.example;
    return `| \`${name ?? node.title}\` | ${code(node.pattern)} | ${length} | ${example === undefined ? '' : code(example)} | ${clean(node.description).replace(/\s+/g, ' ')} |`;
  });
  return ['| Kind | Pattern | Characters | Example | What it names |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/**
 * The schema in words, as a Markdown list: each property with its type, whether it is required, its rules and
 * its description; `oneOf` variants one by one; string kinds as a table. A named schema is spelled out once per
 * page: `seen` maps the names already described to where (`under 400`), and later uses point there.
 */
function describeSchema(deref, value, seen, where, depth = 0) {
  if (depth > 8) throw new Error('Schema nesting too deep for the Markdown docs');
  const { node: schema, name } = deref(value);
  if (name && seen.has(name) && (schema.oneOf || schema.type === 'object'))
    return `\`${name}\`, described ${seen.get(name)}.`;
  if (name) seen.set(name, where);
  if (Array.isArray(schema.oneOf)) {
    if (isStringChoice(deref, schema)) return ['One of these kinds:', '', kindsTable(deref, schema)].join('\n');
    const lines = ['One of:', ''];
    for (const variant of schema.oneOf) {
      const { node, name: variantName } = deref(variant);
      lines.push(`- **\`${variantName ?? node.title}\`**: ${clean(node.description).replace(/\n+/g, ' ')}`);
      const inner = node.oneOf || node.type === 'object' ? describeSchema(deref, variant, seen, where, depth + 1) : '';
      if (inner) lines.push('', indent(inner, 2), '');
    }
    return lines.join('\n').replace(/\n+$/, '');
  }
  if (schema.type === 'object') return describeObject(deref, schema, seen, where, depth);
  return `${name ? `\`${name}\`: ` : ''}${typePhrase(schema)}.`;
}

function describeObject(deref, schema, seen, where, depth) {
  const required = new Set(schema.required ?? []);
  const lines = [];
  for (const [property, raw] of Object.entries(schema.properties ?? {})) {
    const { node, name } = deref(raw);
    const facts = [];
    if (name) facts.push(`\`${name}\``);
    if (Array.isArray(node.oneOf)) {
      const names = node.oneOf.map((v) => `\`${deref(v).name ?? deref(v).node.title}\``);
      facts.push(isStringChoice(deref, node) ? `one of the kinds ${names.join(', ')}` : `one of ${names.join(', ')}`);
    } else {
      const phrase = typePhrase(node);
      if (phrase) facts.push(phrase);
    }
    facts.push(required.has(property) ? 'required' : 'optional');
    const description = clean(node.description);
    const oneParagraph = description && !description.includes('\n\n') && !description.includes('|');
    lines.push(`- \`${property}\` (${facts.join(', ')})${oneParagraph ? `: ${description.replace(/\n/g, ' ')}` : ''}`);
    if (description && !oneParagraph) lines.push('', indent(description, 2), '');
    if (Array.isArray(node.oneOf) || node.type === 'object') {
      const inner =
        name && seen.has(name)
          ? `The kinds of \`${name}\` are listed ${seen.get(name)}.`
          : isStringChoice(deref, node)
            ? kindsTable(deref, node)
            : describeSchema(deref, raw, seen, where, depth + 1);
      if (name) seen.set(name, seen.get(name) ?? where);
      lines.push('', indent(inner, 2), '');
    }
  }
  if (schema.additionalProperties === false) lines.push('- No other property is allowed.');
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n+$/, '');
}

/** The mock's `Prefer` header that selects a named response example (DECISIONS.md D-20). */
export function preferSelector(status, name) {
  return String(status) === '200' ? `Prefer: example=${name}` : `Prefer: code=${status}, example=${name}`;
}

function authenticationSection(bundle, deref, operation) {
  const requirements = operation.security ?? bundle.security ?? [];
  const lines = ['## Authentication', ''];
  if (requirements.length === 0) return [...lines, 'None.'].join('\n');
  lines.push(
    requirements.length > 1 ? 'Send the token in one of these ways (any one is enough):' : 'Send the token this way:',
    '',
  );
  for (const requirement of requirements) {
    for (const schemeName of Object.keys(requirement)) {
      const { node: scheme } = deref({ $ref: `#/components/securitySchemes/${schemeName}` });
      const how =
        scheme.type === 'apiKey'
          ? `\`${scheme.name}: <token>\` (${scheme.in})`
          : scheme.type === 'http' && scheme.scheme === 'bearer'
            ? '`Authorization: Bearer <token>`'
            : scheme.type;
      lines.push(`- **${schemeName}**: ${how}. ${clean(scheme.description).replace(/\s+/g, ' ')}`);
    }
  }
  return lines.join('\n');
}

function headersTable(deref, headers) {
  const rows = Object.entries(headers ?? {}).map(([header, raw]) => {
    const { node } = deref(raw);
    return `| \`${header}\` | ${typePhrase(node.schema ?? {})}${node.required ? ', always sent' : ''} | ${clean(node.description).replace(/\s+/g, ' ')} | ${node.example === undefined ? '' : code(node.example)} |`;
  });
  return ['| Header | Type | Meaning | Example |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function codeSamples(operation) {
  const lines = ['## Code samples', ''];
  lines.push(
    'Each sample reads `RYZE_TOKEN`, `RYZE_INSTANCE` and `RYZE_BASE_URL` from the environment; set `RYZE_BASE_URL` to',
    '`http://127.0.0.1:4010` to run it against the mock.',
    '',
  );
  for (const sample of operation['x-codeSamples'] ?? []) {
    const fence = FENCES[sample.lang.toLowerCase()] ?? '';
    lines.push(
      `### ${sample.label ?? sample.lang}`,
      '',
      `\`\`\`${fence}`,
      sample.source.replace(/\n+$/, ''),
      '```',
      '',
    );
  }
  return lines.join('\n').replace(/\n+$/, '');
}

function operationPage(bundle, deref, rewrite, { path, method, operation }) {
  const out = [];
  const verb = method.toUpperCase();
  out.push(`# ${operation.summary}`, '');
  out.push(`\`${verb} ${path}\` (operationId \`${operation.operationId}\`)`, '');
  out.push(rewrite(clean(operation.description)), '');
  out.push(authenticationSection(bundle, deref, operation), '');

  // Request.
  out.push('## Request', '');
  out.push(`\`${verb} {server}${path}\`, where \`{server}\` is one of:`, '');
  for (const server of operation.servers ?? bundle.servers ?? [])
    out.push(`- \`${server.url}\`: ${server.description}`);
  out.push('');
  const seen = new Map();
  const parameters = (operation.parameters ?? []).map((p) => deref(p).node);
  if (parameters.length) {
    out.push('### Parameters', '');
    for (const p of parameters) {
      const example = p.example ?? p.schema?.examples?.[0];
      out.push(
        `- \`${p.name}\` (in ${p.in}, ${typePhrase(p.schema ?? {})}, ${p.required ? 'required' : 'optional'}${example === undefined ? '' : `, e.g. ${code(example)}`}): ${clean(p.description).replace(/\s+/g, ' ')}`,
      );
    }
    out.push('');
  }
  const body = operation.requestBody ? deref(operation.requestBody).node : undefined;
  for (const [mediaType, media] of Object.entries(body?.content ?? {})) {
    const { node: schema, name } = deref(media.schema);
    out.push('### Body', '');
    out.push(
      `\`${mediaType}\`, ${body.required ? 'required' : 'optional'}: \`${name ?? schema.title}\`. ${clean(schema.description).replace(/\s+/g, ' ')}`,
      '',
    );
    out.push(describeSchema(deref, media.schema, seen, 'under Body above'), '');
    out.push('### Request examples', '');
    for (const [exampleName, raw] of Object.entries(media.examples ?? {})) {
      const { node: example } = deref(raw);
      out.push(...exampleLines(exampleName, example));
    }
  }

  // Responses.
  out.push('## Responses', '');
  const selectors = [];
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    const { node: response, name: responseName } = deref(raw);
    out.push(`### ${status} ${HTTP_REASONS[status] ?? ''}`.trimEnd(), '');
    out.push(rewrite(clean(response.description)), '');
    const headerNames = Object.keys(response.headers ?? {});
    if (headerNames.length)
      out.push(`Headers: ${headerNames.map((h) => `\`${h}\``).join(', ')} (see [Rate limits](#rate-limits)).`, '');
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      const { node: schema, name } = deref(media.schema);
      const shared = responseName ? ` (the shared response \`${responseName}\`)` : '';
      out.push(
        `Body${shared}: \`${mediaType}\`, \`${name ?? schema.title}\`. ${clean(schema.description).replace(/\s+/g, ' ')}`,
        '',
      );
      out.push(describeSchema(deref, media.schema, seen, `under ${status} above`), '');
      const examples = Object.entries(media.examples ?? {}).map(([exampleName, rawExample]) => [
        exampleName,
        deref(rawExample).node,
      ]);
      if (Number(status) >= 400) {
        out.push('Documented messages (`error.message`), one named example each:', '');
        out.push('| Example | Message | When |', '| --- | --- | --- |');
        for (const [exampleName, example] of examples) {
          const selector = preferSelector(status, exampleName);
          selectors.push([status, exampleName, selector]);
          out.push(
            `| \`${exampleName}\` | ${code(example.value?.error?.message ?? '')} | ${clean(example.summary)}: ${clean(example.description).replace(/\s+/g, ' ')} |`,
          );
        }
        out.push('');
      } else {
        for (const [exampleName, example] of examples) {
          const selector = preferSelector(status, exampleName);
          selectors.push([status, exampleName, selector]);
          out.push(...exampleLines(exampleName, example));
        }
      }
    }
  }

  // Rate limits: the headers every response carries, described once.
  const firstHeaders = Object.values(operation.responses ?? {})
    .map((raw) => deref(raw).node.headers)
    .find((h) => h && Object.keys(h).length);
  if (firstHeaders) {
    out.push('## Rate limits', '');
    out.push(
      'Every response above, success or error, carries these headers:',
      '',
      headersTable(deref, firstHeaders),
      '',
    );
  }

  // Mock.
  out.push('## Mock', '');
  out.push(
    'The mock that ships with the npm package `ryzeapi-chat-contract` (`npx ryzeapi-chat-mock`, then',
    '`http://127.0.0.1:4010`) answers this operation from this contract; see [the overview](overview.md) for what it',
    'checks and how it picks an answer. The `Prefer` request header asks it for one documented answer:',
    '',
    '| Status | Example | Header |',
    '| --- | --- | --- |',
    ...selectors.map(([status, exampleName, selector]) => `| ${status} | \`${exampleName}\` | \`${selector}\` |`),
    '',
  );
  out.push(codeSamples(operation), '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function overviewPage(bundle, deref, rewrite, operations) {
  const { info } = bundle;
  const out = [`# ${info.title}`, ''];
  out.push(`> ${clean(info.summary)}`, '');
  out.push(
    `OpenAPI ${bundle.openapi} description, version ${info.version}. Each operation has its own page: ${operations.map(({ operation, page }) => `[${operation.summary}](${page})`).join(', ')}.`,
    '',
  );
  out.push(rewrite(clean(info.description)), '');
  out.push('## Servers', '');
  for (const server of bundle.servers ?? []) out.push(`- \`${server.url}\`: ${server.description}`);
  out.push('', '## Security schemes', '');
  for (const [schemeName, raw] of Object.entries(bundle.components?.securitySchemes ?? {})) {
    out.push(`- **${schemeName}**: ${clean(deref(raw).node.description).replace(/\s+/g, ' ')}`);
  }
  const links = [
    info.contact?.url && `Upstream documentation: ${info.contact.url}`,
    info.license && `License of this contract: ${info.license.name} (${info.license.url})`,
  ].filter(Boolean);
  if (links.length) out.push('', '## About', '', ...links.map((l) => `- ${l}`));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/**
 * Hand-written guides in docs/ that llms.txt lists beside the generated pages (file, title, what it covers).
 * They are not made from the bundle, so the drift check leaves them alone; test/agent-docs.test.ts checks that each
 * exists and the docs server serves each.
 * @type {[file: string, title: string, about: string][]}
 */
export const GUIDES = [
  [
    'mcp.md',
    'MCP server',
    'the `ryzeapi-chat-mcp` tools for agents (block, unblock, mute, unmute), how to add them to an MCP client, and the sandbox mode',
  ],
];

function llmsIndex(bundle, operations, overviewHeadings) {
  const { info } = bundle;
  const out = [`# ${info.title}`, '', `> ${clean(info.summary)}`, ''];
  out.push(
    `OpenAPI ${bundle.openapi} contract, version ${info.version}: ${operations.length} operations, JSON in and out, a token in a header. Each page below is Markdown made from the contract, with everything a caller needs.`,
    '',
  );
  out.push('## Operations', '');
  for (const { path, method, operation, page } of operations) {
    out.push(
      `- [${operation.summary}](${page}): \`${method.toUpperCase()} ${path}\` (\`${operation.operationId}\`). ${firstSentence(operation.description)}`,
    );
  }
  out.push('', '## Guide', '');
  out.push(`- [Overview](overview.md): ${overviewHeadings.join(', ')}; servers and security schemes.`);
  for (const [file, title, about] of GUIDES) out.push(`- [${title}](${file}): ${about}`);
  out.push('', '## Optional', '');
  out.push('- [llms-full.txt](llms-full.txt): the overview and every operation page in one file');
  out.push('- [OpenAPI description, YAML](openapi.yaml): the bundled contract itself (also as [JSON](openapi.json))');
  return `${out.join('\n')}\n`;
}

/**
 * Every agent-readable file, by name, made from the bundle (`generated/openapi.json`, parsed).
 * @param {Json} bundle
 * @returns {Map<string, string>}
 */
export function agentDocs(bundle) {
  const { deref, operations } = reader(bundle);
  const rewrite = linkRewriter(
    operations,
    (bundle.tags ?? []).map((t) => t.name),
  );
  const files = new Map();
  const overview = overviewPage(bundle, deref, rewrite, operations);
  const headings = [...clean(bundle.info.description).matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  const pages = operations.map((op) => [op.page, `${operationPage(bundle, deref, rewrite, op).replace(/\n+$/, '')}\n`]);
  files.set('llms.txt', llmsIndex(bundle, operations, headings));
  files.set('overview.md', overview);
  for (const [name, text] of pages) files.set(name, text);
  const full = [
    `# ${bundle.info.title}: the full Markdown docs`,
    '',
    `> ${clean(bundle.info.summary)}`,
    '',
    'This file is the overview and every operation page, one after the other; llms.txt indexes them.',
    '',
    ...[overview, ...pages.map(([, text]) => text)].map((text) => `---\n\n${text.replace(/\n+$/, '')}\n`),
  ].join('\n');
  files.set('llms-full.txt', full);
  return files;
}
