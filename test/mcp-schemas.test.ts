// The MCP tools' schemas (generated/mcp-tools.json, made by scripts/generate.mjs) against the bundle they are cut
// from, checked by behaviour rather than by repeating the generator: every argument accepts and refuses exactly the
// values the bundle's schema for it does, every output schema exactly the bodies the bundle's response variant does,
// and every documented example lands on the tool it belongs to (DECISIONS A-03).
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { driftProblems } from '../scripts/check-drift.mjs';
import generated from '../generated/mcp-tools.json' with { type: 'json' };
import { bundle, deref, operations, pointer, responseExamples, validatorFor, type Example } from './helpers/spec.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const components = bundle.components as Record<'schemas' | 'examples' | 'parameters', Record<string, unknown>>;
type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };
const tools = generated.tools as unknown as Record<
  string,
  { operationId: string; body: Record<string, boolean>; inputSchema: Schema; outputSchema: Schema }
>;

// What each tool stands for, written out here independently of the generator: the request variant it sends, the
// body field it fixes, and the response variant it returns.
const EXPECTED = {
  block_contact: {
    operationId: 'blockContact',
    request: 'BlockContactRequest',
    field: 'block',
    value: true,
    response: 'ContactBlockedResponse',
    dropped: ['block'],
  },
  unblock_contact: {
    operationId: 'blockContact',
    request: 'BlockContactRequest',
    field: 'block',
    value: false,
    response: 'ContactUnblockedResponse',
    dropped: ['block'],
  },
  mute_chat: {
    operationId: 'muteChat',
    request: 'MuteRequest',
    field: 'mute',
    value: true,
    response: 'ChatMutedResponse',
    dropped: ['mute'],
  },
  unmute_chat: {
    operationId: 'muteChat',
    request: 'UnmuteRequest',
    field: 'mute',
    value: false,
    response: 'ChatUnmutedResponse',
    dropped: ['mute', 'duration'],
  },
} as const;

// A strict 2020-12 validator for the tool schemas on their own (no bundle to resolve against): strict mode refuses
// any keyword that is not JSON Schema, so an OpenAPI-only keyword leaking into a tool schema fails here.
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
const accepts = (schema: object) => {
  const validate = ajv.compile(schema);
  return (value: unknown) => validate(value);
};

/** Every scalar the bundle shows anywhere (schema `examples`, parameter `example`, named examples' values). */
function scalars(node: unknown, out = new Set<unknown>()): Set<unknown> {
  if (node === null || typeof node !== 'object') out.add(node);
  else for (const value of Object.values(node)) scalars(value, out);
  return out;
}
const CORPUS = [
  ...scalars(components.examples),
  ...scalars(Object.values(components.schemas).map((schema) => (schema as { examples?: unknown }).examples)),
  ...[
    '',
    ' ',
    '+5511999999999',
    '5511999999999 ',
    '0511999999999',
    '551199',
    '5511999999999@s.whatsapp.net',
    '123@lid',
  ],
  ...[
    '120363025246125486@g.us',
    '120363144038483540@newsletter',
    '8H',
    '5y',
    '8  hours',
    'always ',
    'a/b',
    'x'.repeat(129),
  ],
  ...[0, 1, 28800, 604800, -1, 2 ** 31, 5511999999999, 1.5, null, true, false, {}, [], ['8h']],
];

describe('generated/mcp-tools.json', () => {
  it('is stamped with the hash of the bundle it was made from, like every generated file', async () => {
    const json = await readFile(join(root, 'generated', 'openapi.json'), 'utf8');
    const hash = createHash('sha256').update(json).digest('hex');
    expect(generated.bundleSha256).toBe(hash);
    expect(generated.$comment).toEqual([
      'GENERATED FILE - DO NOT EDIT.',
      'Made by scripts/generate.mjs from openapi/openapi.yaml; change the spec and run `npm run generate`.',
      `Bundle SHA-256: ${hash}`,
    ]);
    expect(generated.specVersion).toBe((bundle as unknown as { info: { version: string } }).info.version);
  });

  it('fails the drift check when edited by hand', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'mcp-drift-'));
    try {
      await cp(join(root, 'generated'), scratch, { recursive: true });
      const file = join(scratch, 'mcp-tools.json');
      await writeFile(file, (await readFile(file, 'utf8')).replace('"8 hours"', '"8 HOURS"'));
      // The drift check's comparison, in-process, against the committed files as the fresh generation: that they are
      // what the generator makes is proven by test/drift.test.ts (and `npm test`'s check:drift), which also runs the
      // command on a hand edit; generating a third time here would prove nothing more.
      expect(await driftProblems(scratch, join(root, 'generated'))).toEqual([
        expect.stringMatching(/^mcp-tools\.json: differs .* first at line \d+/),
      ]);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('has the four tools, each tied to its operation and body constant', () => {
    expect(Object.keys(tools)).toEqual(Object.keys(EXPECTED));
    for (const [name, expected] of Object.entries(EXPECTED)) {
      expect(tools[name]!.operationId, name).toBe(expected.operationId);
      expect(tools[name]!.body, name).toEqual({ [expected.field]: expected.value });
      expect(operations.map((entry) => entry.operation.operationId)).toContain(expected.operationId);
    }
  });
});

describe.each(Object.entries(EXPECTED))('tool %s', (name, expected) => {
  const tool = tools[name]!;
  const requestRef = pointer('components', 'schemas', expected.request);
  const request = deref<Schema>(components.schemas[expected.request] as Schema);

  it('has self-contained schemas with an object at the root and no union at the root of the input', () => {
    for (const schema of [tool.inputSchema, tool.outputSchema]) {
      expect(schema.type).toBe('object');
      expect(JSON.stringify(schema)).not.toContain('"$ref"');
    }
    for (const keyword of ['oneOf', 'anyOf', 'allOf', 'not', 'if'])
      expect(tool.inputSchema).not.toHaveProperty(keyword);
    expect(tool.inputSchema.additionalProperties).toBe(false);
  });

  it('takes the instance and the body of its request variant, less the fixed field', () => {
    const body = Object.keys(request.properties!).filter(
      (key) => !(expected.dropped as readonly string[]).includes(key),
    );
    expect(Object.keys(tool.inputSchema.properties!)).toEqual(['instance', ...body]);
    expect(tool.inputSchema.required).toEqual([
      'instance',
      ...request.required!.filter((key) => !(expected.dropped as readonly string[]).includes(key)),
    ]);
    expect(request.properties![expected.field]).toMatchObject(
      expected.field === 'block' ? { type: 'boolean' } : { const: expected.value },
    );
  });

  it.each(['instance', 'number', 'duration'])('argument %s accepts exactly what the bundle accepts', (key) => {
    const property = tool.inputSchema.properties![key];
    if (property === undefined) {
      expect((expected.dropped as readonly string[]).includes(key) || !(key in request.properties!)).toBe(true);
      return;
    }
    const ref =
      key === 'instance'
        ? pointer('components', 'parameters', 'Instance', 'schema')
        : `${requestRef}/properties/${key}`;
    const mine = accepts(property);
    const theirs = validatorFor(ref);
    const disagreements = CORPUS.filter((value) => mine(value) !== theirs(value));
    expect(disagreements).toEqual([]);
    // The corpus exercises both sides.
    expect(CORPUS.some((value) => mine(value))).toBe(true);
    expect(CORPUS.some((value) => !mine(value))).toBe(true);
  });

  it("keeps the contract's descriptions, and for duration the table of windows too", () => {
    const property = tool.inputSchema.properties!;
    expect(property.instance!.description).toBe(
      (components.parameters.Instance as { description: string }).description,
    );
    if (property.duration) {
      // A description beside the $ref (if the spec gives one) comes first, then the referenced schema's own.
      const own = (request.properties!.duration as { description?: string }).description;
      if (own !== undefined) expect(String(property.duration.description).startsWith(own.trim())).toBe(true);
      expect(property.duration.description).toContain(
        (components.schemas.MuteDuration as { description: string }).description.trim(),
      );
      expect(property.duration.description).toContain('| `8h`, `8 hours` | 8 hours | `28800` |');
    }
  });

  it('accepts every documented request example of its variant (instance added, fixed field removed)', () => {
    const { operation } = operations.find((entry) => entry.operation.operationId === expected.operationId)!;
    const examples = Object.entries(operation.requestBody.content['application/json']!.examples ?? {})
      .map(([example, raw]) => [example, deref<Example>(raw).value as Record<string, unknown>] as const)
      .filter(([, value]) => value[expected.field] === expected.value);
    expect(examples.length).toBeGreaterThan(0);
    const validate = accepts(tool.inputSchema);
    for (const [example, value] of examples) {
      const args = Object.fromEntries(
        Object.entries({ instance: 'my-instance', ...value }).filter(
          ([key]) => !(expected.dropped as readonly string[]).includes(key),
        ),
      );
      expect(validate(args), example).toBe(true);
    }
  });

  it('returns exactly the bodies of its response variant: every 200 example with its state, and no other', () => {
    const mine = accepts(tool.outputSchema);
    const theirs = validatorFor(pointer('components', 'schemas', expected.response));
    const state = expected.field === 'block' ? 'blocked' : 'muted';
    const successes = responseExamples.filter(
      (example) => example.operationId === expected.operationId && example.status === 200,
    );
    expect(successes.length).toBeGreaterThan(1);
    for (const example of successes) {
      const body = example.value as Record<string, unknown>;
      expect(mine(body), example.name).toBe(body[state] === expected.value);
      // Bodies one change away from a documented one, each judged as the bundle judges it.
      const variants = [
        { ...body, extra: 1 },
        { ...body, [state]: !body[state] },
        { ...body, duration: 604800 },
        { ...body, duration: 0 },
        { ...body, duration: 28800 },
        { ...body, message: 'Chat muted for 8 hours' },
        { ...body, blocked_count: -1 },
        { ...body, blocked_count: 0 },
        { ...body, blocked_count: 2 ** 31 },
        { ...body, chat_jid: 'nope' },
        Object.fromEntries(Object.entries(body).slice(1)),
      ];
      for (const variant of [body, ...variants])
        expect(mine(variant), `${example.name} ${JSON.stringify(variant)}`).toBe(theirs(variant));
    }
  });
});
