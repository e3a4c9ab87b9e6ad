// The precompiled validators, generated/sandbox-validators.js and generated/verify-validators.js (made by
// scripts/generate.mjs with ajv's standalone code generation, DECISIONS T-07), against ajv compiling the same schemas
// at run time: the same verdict and the same error objects on every example of the spec and on a set of bad inputs
// (each example broken one place at a time, and arbitrary JSON), so the sandbox and the verifier behave exactly as
// before. Also: they cover every schema the runtime asks for, and carry the hash of the bundle they were made from.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as sandboxPrecompiled from '../generated/sandbox-validators.js';
import * as verifyPrecompiled from '../generated/verify-validators.js';
import { loadContract } from '../src/mock/contract.js';
import seedSchema from '../src/mock/seed.schema.json' with { type: 'json' };
import { compileSandboxValidators, sandboxSchemas, type AjvClass, type AjvValidate } from '../src/mock/validate.js';
import {
  ContractValidator,
  readContract,
  verifierPointers,
  type AjvConstructor,
  type PrecompiledValidators,
} from '../src/verify/contract.js';
import { BUNDLE_PATH, bundle, requestExamples, responseExamples } from './helpers/spec.js';

const document = bundle as unknown as Record<string, unknown>;
const mockContract = loadContract(document);
const atRunTime = compileSandboxValidators(Ajv2020 as unknown as AjvClass, bundle, mockContract);
const verifyContract = readContract(document);
const pointers = verifierPointers(verifyContract);
const verifyAtRunTime = new ContractValidator(Ajv2020 as unknown as AjvConstructor, verifyContract);
const verifyAhead = new ContractValidator(verifyPrecompiled as PrecompiledValidators, verifyContract);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a validator says about a value: its verdict and its error objects, copied before the next call. */
function outcome(validate: AjvValidate, value: unknown) {
  const valid = validate(value);
  return { valid, errors: structuredClone(validate.errors ?? null) };
}

/** Odd values that break most schemas: wrong types, bounds, lengths (in UTF-16 and in code points), unicode. */
const ODD: unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 53,
  '',
  'x'.repeat(600),
  '\u{1F600}'.repeat(300),
  'a/b',
  true,
  [],
  {},
  ['a'],
  { extra: 1 },
];

/** A value broken one place at a time: each node replaced by each odd value, each property dropped, one added. */
function broken(value: unknown, depth = 0): unknown[] {
  const out: unknown[] = [...ODD];
  if (depth > 5) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      for (const bad of broken(item, depth + 1)) out.push(value.map((old, j) => (j === i ? bad : old)));
    });
    if (value.length > 0) out.push([...value, value[0]]);
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const { [key]: _, ...rest } = value;
      out.push(rest);
      for (const bad of broken(value[key], depth + 1)) out.push({ ...value, [key]: bad });
    }
    out.push({ ...value, unexpected: true });
  }
  return out;
}

/** The two validators agree on every value; returns how many were invalid, so a test can require some. */
function expectSame(ahead: AjvValidate, runtime: AjvValidate, values: readonly unknown[]): number {
  let invalid = 0;
  for (const value of values) {
    const expected = outcome(runtime, value);
    expect(outcome(ahead, value), JSON.stringify(value)?.slice(0, 200)).toEqual(expected);
    if (!expected.valid) invalid += 1;
  }
  return invalid;
}

describe('the files', () => {
  it('carry the hash of the bundle they were made from, and import nothing but two of ajv’s runtime helpers', () => {
    const hash = createHash('sha256').update(readFileSync(BUNDLE_PATH)).digest('hex');
    expect(sandboxPrecompiled.bundleSha256).toBe(hash);
    expect(verifyPrecompiled.bundleSha256).toBe(hash);
    for (const name of ['sandbox-validators.js', 'verify-validators.js']) {
      const text = readFileSync(new URL(`../generated/${name}`, import.meta.url), 'utf8');
      expect(text.startsWith('// GENERATED FILE - DO NOT EDIT.')).toBe(true);
      expect(text).toContain(`Bundle SHA-256: ${hash}`);
      const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
      expect(imports.length).toBeGreaterThan(0);
      for (const from of imports) expect(from).toMatch(/^ajv\/dist\/runtime\/(equal|ucs2length)\.js$/);
      expect(text).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
    }
  });

  it('hold every schema the sandbox and the verifier ask for, and no other', () => {
    const schemas = sandboxSchemas(bundle, mockContract);
    expect(Object.keys(sandboxPrecompiled.bodies).sort()).toEqual(Object.keys(schemas.bodies).sort());
    expect(Object.keys(sandboxPrecompiled.bodies).sort()).toEqual(['blockContact', 'muteChat']);
    expect(Object.keys(verifyPrecompiled.validators).sort()).toEqual(pointers);
    // The response bodies, the members of their unions, and the rate-limit headers.
    expect(pointers).toEqual(
      expect.arrayContaining([
        '#/components/schemas/ErrorResponse',
        '#/components/schemas/MuteChatResponse',
        '#/components/schemas/ChatMuted8HoursResponse',
        '#/components/headers/X-RateLimit-Reset/schema',
      ]),
    );
  });
});

describe('the sandbox’s validators give the same verdicts and errors as ajv at run time', () => {
  const seeds: unknown[] = [
    {},
    {
      $schema: './node_modules/ryzeapi-chat-contract/dist/mock/seed.schema.json',
      ...Object.fromEntries(
        (['accounts', 'instances', 'clock'] as const).map((key) => [key, seedSchema.properties[key].examples[0]]),
      ),
      rateLimit: { limit: 12, windowSeconds: 60, enforce: true },
      faults: [{ operation: 'blockContact', instance: 'my-instance', status: 503, rate: 0.5 }, { latencyMs: 200 }],
      randomSeed: 42,
    },
    {
      rateLimit: false,
      instances: {
        other: {
          connected: false,
          muted: [
            { number: '120363025246125486@g.us', duration: '8h' },
            { number: '5511988887777', until: '2030-01-01T08:00:00Z' },
            { number: '5511988887778', until: null },
          ],
        },
      },
    },
  ];

  it('on seeds: valid ones, and each broken one place at a time', () => {
    expect(expectSame(sandboxPrecompiled.seed, atRunTime.seed, seeds.slice(0, 3))).toBe(0);
    const bad = seeds.flatMap((seed) => broken(seed));
    expect(bad.length).toBeGreaterThan(500);
    expect(expectSame(sandboxPrecompiled.seed, atRunTime.seed, bad)).toBeGreaterThan(bad.length / 2);
  });

  it('on fault lists', () => {
    const faults = (seeds[1] as { faults: unknown[] }).faults;
    const values = [faults, [], ...broken(faults), Array.from({ length: 101 }, () => ({ status: 500 }))];
    expect(expectSame(sandboxPrecompiled.faults, atRunTime.faults, values)).toBeGreaterThan(10);
  });

  it('on instance names', () => {
    const names = ['my-instance', 'x', 'a'.repeat(128), 'a'.repeat(129), ...ODD, ' ', 'é', '\u{1F600}'.repeat(64)];
    expect(expectSame(sandboxPrecompiled.instance, atRunTime.instance, names)).toBeGreaterThan(5);
  });

  it('on request bodies: every example of the spec, and each broken one place at a time', () => {
    let invalid = 0;
    for (const [operationId, ahead] of Object.entries(sandboxPrecompiled.bodies)) {
      const examples = requestExamples.filter((e) => e.operationId === operationId).map((e) => e.value);
      expect(examples.length).toBeGreaterThan(1);
      const runtime = atRunTime.bodies[operationId]!;
      expect(expectSame(ahead, runtime, examples)).toBe(0);
      // Another operation's examples, and every example broken.
      const others = requestExamples.filter((e) => e.operationId !== operationId).map((e) => e.value);
      invalid += expectSame(ahead, runtime, [...others, ...examples.flatMap((e) => broken(e))]);
    }
    expect(invalid).toBeGreaterThan(100);
  });

  it('on arbitrary JSON (fast-check)', () => {
    const pairs: [AjvValidate, AjvValidate][] = [
      [sandboxPrecompiled.seed, atRunTime.seed],
      [sandboxPrecompiled.faults, atRunTime.faults],
      [sandboxPrecompiled.instance, atRunTime.instance],
      ...Object.entries(sandboxPrecompiled.bodies).map(
        ([id, ahead]) => [ahead, atRunTime.bodies[id]!] as [AjvValidate, AjvValidate],
      ),
    ];
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        for (const [ahead, runtime] of pairs) expect(outcome(ahead, value)).toEqual(outcome(runtime, value));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the verifier’s validators give the same verdicts and errors as ajv at run time', () => {
  const bodies = responseExamples.map((e) => e.value);
  const headers = [0, 1, 99, 100, 1_000_000, 1_000_001, 253402300799, 253402300800, -1, 1.5, '100', null];

  it('on every response example of the spec against every schema, and each example broken one place at a time', () => {
    let checked = 0;
    let invalid = 0;
    for (const pointer of pointers) {
      const values = pointer.includes('/headers/') ? headers : [...bodies, ...bodies.flatMap((e) => broken(e))];
      for (const value of values) {
        const expected = verifyAtRunTime.errors(pointer, value);
        expect(verifyAhead.errors(pointer, value), `${pointer} ${JSON.stringify(value)?.slice(0, 200)}`).toEqual(
          expected,
        );
        checked += 1;
        if (expected.length > 0) invalid += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(checked / 2);
  });

  it('each example is valid against its own schema, with the same variant; and the verdicts on broken ones match', () => {
    for (const example of responseExamples) {
      const pointer = verifyContract.operations.get(example.operationId)!.responses.get(example.status)!.schemaPointer!;
      const verdict = verifyAhead.check(pointer, example.value);
      expect(verdict).toEqual(verifyAtRunTime.check(pointer, example.value));
      expect(verdict.valid, `${example.operationId} ${example.status} ${example.name}`).toBe(true);
      for (const bad of broken(example.value).slice(0, 60))
        expect(verifyAhead.check(pointer, bad)).toEqual(verifyAtRunTime.check(pointer, bad));
    }
  });

  it('on arbitrary JSON (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        for (const pointer of pointers)
          expect(verifyAhead.errors(pointer, value)).toEqual(verifyAtRunTime.errors(pointer, value));
      }),
      { numRuns: 200 },
    );
  });
});
