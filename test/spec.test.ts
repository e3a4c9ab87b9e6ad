// The bundle itself: dialect, layout, and every example a valid instance of its schema (ajv, 2020-12).
import { describe, expect, it } from 'vitest';
import {
  bundle,
  deref,
  pointer,
  requestExamples,
  responseExamples,
  schemaErrors,
  type Example,
} from './helpers/spec.js';

describe('bundle', () => {
  it('is OpenAPI 3.1 under the JSON Schema 2020-12 dialect, the one Prism validates request bodies with', () => {
    expect(bundle.openapi).toMatch(/^3\.1\./);
    expect(bundle.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('declares production and the local mock as servers', () => {
    expect(bundle.servers.map((s) => s.url)).toEqual(['https://ryzeapi.cloud', 'http://127.0.0.1:4010']);
  });

  it('names every response example uniquely within its operation, so `Prefer: example=NAME` is unambiguous', () => {
    const byOperation = new Map<string, string[]>();
    for (const e of responseExamples)
      byOperation.set(e.operationId, [...(byOperation.get(e.operationId) ?? []), e.name]);
    for (const [operationId, names] of byOperation) {
      expect(new Set(names).size, `duplicate example names in ${operationId}: ${names.join(', ')}`).toBe(names.length);
    }
  });

  it('has examples to check (guards the loops below against an empty walk)', () => {
    expect(responseExamples.length).toBeGreaterThanOrEqual(2 * 8);
    expect(requestExamples.length).toBeGreaterThanOrEqual(4);
  });
});

describe('every response example is a valid instance of its response schema', () => {
  it.each(responseExamples.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))('%s', (_, e) => {
    expect(schemaErrors(e.schemaRef, e.value)).toBe('');
  });
});

describe('every request example is a valid instance of its request schema', () => {
  it.each(requestExamples.map((e) => [`${e.operationId} ${e.name}`, e] as const))('%s', (_, e) => {
    expect(schemaErrors(e.schemaRef, e.value)).toBe('');
  });
});

describe('every component example and every schema-level example is valid', () => {
  const schemas = Object.entries(bundle.components.schemas ?? {}) as [
    string,
    { examples?: unknown[]; properties?: Record<string, { examples?: unknown[] }> },
  ][];
  const cases = schemas.flatMap(([name, schema]) => [
    ...(schema.examples ?? []).map(
      (value, i) => [`${name} examples[${i}]`, pointer('components', 'schemas', name), value] as const,
    ),
    ...Object.entries(schema.properties ?? {}).flatMap(([prop, propSchema]) =>
      (propSchema.examples ?? []).map(
        (value, i) =>
          [
            `${name}.${prop} examples[${i}]`,
            pointer('components', 'schemas', name, 'properties', prop),
            value,
          ] as const,
      ),
    ),
  ]);
  const headers = Object.entries(bundle.components.headers ?? {}) as [
    string,
    { example: unknown; schema: { examples?: unknown[] } },
  ][];
  const headerCases = headers.flatMap(([name, header]) => [
    [`header ${name} example`, pointer('components', 'headers', name, 'schema'), header.example] as const,
    ...(header.schema.examples ?? []).map(
      (v, i) => [`header ${name} schema examples[${i}]`, pointer('components', 'headers', name, 'schema'), v] as const,
    ),
  ]);
  it.each([...cases, ...headerCases])('%s', (_, ref, value) => {
    expect(schemaErrors(ref, value)).toBe('');
  });

  it('covers every example component', () => {
    const used = new Set([...responseExamples, ...requestExamples].map((e) => JSON.stringify(e.value)));
    for (const [name, example] of Object.entries(bundle.components.examples ?? {})) {
      expect(
        used.has(JSON.stringify(deref<Example>(example as Example).value)),
        `${name} is not used by any body`,
      ).toBe(true);
    }
  });
});

describe('the schemas refuse what the upstream docs rule out', () => {
  const mute = '#/components/schemas/MuteChatRequest';
  const block = '#/components/schemas/BlockContactRequest';
  it.each([
    ['block without number', block, { block: true }],
    ['block without block', block, { number: '5511999999999' }],
    ['block a group', block, { number: '120363025246125486@g.us', block: true }],
    ['block a channel', block, { number: '120363144038483540@newsletter', block: true }],
    ['number with + and spaces', block, { number: '+55 11 99999-9999', block: true }],
    ['number as a JSON number', block, { number: 5511999999999, block: true }],
    ['block as a string', block, { number: '5511999999999', block: 'true' }],
    ['unknown property', block, { number: '5511999999999', block: true, extra: 1 }],
    ['mute with an unknown duration', mute, { number: '5511999999999', mute: true, duration: '5y' }],
    ['mute with an upper-case duration', mute, { number: '5511999999999', mute: true, duration: '8H' }],
    ['mute with a numeric duration', mute, { number: '5511999999999', mute: true, duration: 28800 }],
    ['mute without mute', mute, { number: '5511999999999' }],
    ['mute as a string', mute, { number: '5511999999999', mute: 'true' }],
    ['mute with an empty number', mute, { number: '', mute: true }],
  ])('%s', (_, ref, value) => {
    expect(schemaErrors(ref, value)).not.toBe('');
  });

  it.each([
    ['a group', { number: '120363025246125486@g.us', mute: true }],
    ['a channel', { number: '120363144038483540@newsletter', mute: false }],
    ['a hidden JID', { number: '123456789012345@lid', mute: true, duration: '' }],
    ['every documented duration', { number: '5511999999999', mute: true, duration: '1 week' }],
  ])('mute accepts %s', (_, value) => {
    expect(schemaErrors(mute, value)).toBe('');
  });

  it('accepts every documented duration spelling and nothing else', () => {
    const documented = ['8h', '8 hours', '1w', '7d', '1 week', 'always', 'forever', 'permanent', ''];
    for (const duration of documented) {
      expect(schemaErrors(mute, { number: '5511999999999', mute: true, duration })).toBe('');
    }
    for (const duration of ['8', '8 hour', '1 weeks', 'never', ' 8h', 'Always', null]) {
      expect(schemaErrors(mute, { number: '5511999999999', mute: true, duration }), String(duration)).not.toBe('');
    }
  });

  it('refuses a mute response whose message and duration disagree', () => {
    const response = '#/components/schemas/MuteChatResponse';
    const base = { success: true, chat_jid: '5511999999999@s.whatsapp.net', muted: true };
    expect(schemaErrors(response, { ...base, message: 'Chat muted for 8 hours', duration: 28800 })).toBe('');
    expect(schemaErrors(response, { ...base, message: 'Chat muted for 8 hours', duration: 604800 })).not.toBe('');
    expect(schemaErrors(response, { ...base, message: 'Chat muted permanently', duration: 3600 })).not.toBe('');
    expect(schemaErrors(response, { ...base, muted: false, message: 'Chat muted permanently', duration: 0 })).not.toBe(
      '',
    );
  });

  it('refuses an error body that is not exactly the envelope', () => {
    const ref = '#/components/schemas/ErrorResponse';
    expect(schemaErrors(ref, { success: false, error: { message: 'Invalid token' } })).toBe('');
    expect(schemaErrors(ref, { success: false, error: { message: 'x', code: 401 } })).not.toBe('');
    expect(schemaErrors(ref, { success: true, error: { message: 'x' } })).not.toBe('');
    expect(schemaErrors(ref, { error: { message: 'x' } })).not.toBe('');
    expect(schemaErrors(ref, { success: false, error: { message: '   ' } })).not.toBe('');
  });
});
