// The page-only Redocly decorators (scripts/redocly/docs-page.mjs, DECISIONS.md D-28, D-30): each one on a tiny
// document, both ways, then proof that Redocly applies them to what `npm run docs` renders and to nothing else.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import docsPagePlugin from '../scripts/redocly/docs-page.mjs';
import { redoclyBin, redoclyEnv } from '../scripts/generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
type Visitor = Record<string, { leave: (node: Record<string, unknown>) => void }>;
const decorator = (id: string) => (docsPagePlugin().decorators.oas3 as Record<string, () => Visitor>)[id]!();

function tinyDocument(tags: string[][]) {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    tags: [...new Set(tags.flat())].map((name) => ({ name })),
    paths: Object.fromEntries(
      tags.map((t, i) => [`/p${i}`, { summary: 'a path item', post: { operationId: `op${i}`, tags: t } }]),
    ),
  };
}

describe('one-tag-flat', () => {
  it('drops the lone tag, from the operations and the root, so Redoc lists the operations at the top level', () => {
    const doc = tinyDocument([['Chat'], ['Chat']]);
    decorator('one-tag-flat').Root!.leave(doc);
    expect('tags' in doc).toBe(false);
    for (const item of Object.values(doc.paths)) expect('tags' in item.post).toBe(false);
  });

  it('keeps two tags or more: that is a real grouping', () => {
    const doc = tinyDocument([['Chat'], ['Groups']]);
    const before = structuredClone(doc);
    decorator('one-tag-flat').Root!.leave(doc);
    expect(doc).toEqual(before);
  });
});

describe('const-without-range', () => {
  it('drops bounds equal to the const (Redoc would print "[ 28800 .. 28800 ]")', () => {
    const schema = { type: 'integer', format: 'int32', const: 28800, minimum: 28800, maximum: 28800 };
    decorator('const-without-range').Schema!.leave(schema);
    expect(schema).toEqual({ type: 'integer', format: 'int32', const: 28800 });
  });

  it('keeps a real range, and bounds without a const', () => {
    for (const schema of [
      { type: 'integer', const: 0, minimum: 0, maximum: 604800 },
      { type: 'integer', minimum: 5, maximum: 5 },
    ]) {
      const before = structuredClone(schema);
      decorator('const-without-range').Schema!.leave(schema);
      expect(schema).toEqual(before);
    }
  });
});

describe('scope (redocly.yaml)', () => {
  it('applies to the bundle as build-docs reads it (generated/openapi.yaml), and never to the bundle itself', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'ryze-docs-page-'));
    try {
      const out = join(scratch, 'page.yaml');
      // The same API build-docs resolves from this path: the `chat-docs` API of redocly.yaml.
      await promisify(execFile)(process.execPath, [redoclyBin, 'bundle', 'generated/openapi.yaml', '--output', out], {
        cwd: root,
        env: redoclyEnv,
      });
      const page = parse(await readFile(out, 'utf8'));
      const bundle = parse(await readFile(join(root, 'generated', 'openapi.yaml'), 'utf8'));
      const duration = (doc: typeof page) => doc.components.schemas.ChatMuted8HoursResponse.properties.duration;

      expect(bundle.tags).toEqual([expect.objectContaining({ name: 'Chat' })]);
      expect(bundle.paths['/api/chat/mute/{instance}'].post.tags).toEqual(['Chat']);
      expect(duration(bundle)).toMatchObject({ const: 28800, minimum: 28800, maximum: 28800 });

      expect(page.tags).toBeUndefined();
      expect(page.paths['/api/chat/mute/{instance}'].post.tags).toBeUndefined();
      expect(duration(page)).toEqual({
        type: 'integer',
        format: 'int32',
        const: 28800,
        description: duration(bundle).description,
        examples: [28800],
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
