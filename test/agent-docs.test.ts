// The agent-readable docs (docs/llms.txt, docs/overview.md, one page per operation, docs/llms-full.txt;
// scripts/lib/agent-docs.mjs, DECISIONS.md D-31): committed, never edited by hand (a drift check), in the
// llmstxt.org shape, and each operation page says everything a caller needs, which this test reads back from
// the bundle fact by fact.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { agentDocsDrift } from '../scripts/docs.mjs';
import { GUIDES, agentDocs, pageName, preferSelector } from '../scripts/lib/agent-docs.mjs';
import {
  bundle,
  deref,
  operations,
  requestExamples,
  responseExamples,
  type Example,
  type Header,
  type Response,
} from './helpers/spec.js';

const docsFile = (name: string) => readFileSync(fileURLToPath(new URL(`../docs/${name}`, import.meta.url)), 'utf8');
const files = agentDocs(bundle) as Map<string, string>;
type Sample = { lang: string; label: string; source: string };

describe('the committed agent-readable docs', () => {
  it('are exactly what the bundle gives (run `npm run docs` after changing the spec)', async () => {
    expect(await agentDocsDrift()).toEqual([]);
  });

  it('are one index, one overview, one page per operation and one full file', () => {
    expect([...files.keys()]).toEqual([
      'llms.txt',
      'overview.md',
      ...operations.map(({ operation }) => pageName(operation.operationId)),
      'llms-full.txt',
    ]);
    expect(pageName('blockContact')).toBe('block-contact.md');
  });

  it('are checked both ways: a page edited by hand is drift, and `npm run docs -- --check` passes on the committed ones', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'ryze-agent-docs-'));
    try {
      for (const [name, text] of files) await writeFile(join(scratch, name), text);
      expect(await agentDocsDrift(scratch)).toEqual([]);
      await writeFile(join(scratch, 'mute-chat.md'), files.get('mute-chat.md')!.replace('`604800`', '`604801`'));
      await rm(join(scratch, 'llms.txt'));
      expect(await agentDocsDrift(scratch)).toEqual([
        'llms.txt: missing',
        expect.stringMatching(/^mute-chat\.md: differs from what the bundle gives, first at line \d+$/),
      ]);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/docs.mjs', '--check'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(stdout).toContain('No drift');
  }, 30_000);

  it('are the same bytes every time (so the drift check can compare them)', () => {
    expect(agentDocs(structuredClone(bundle))).toEqual(files);
  });
});

describe('llms.txt', () => {
  const text = files.get('llms.txt') ?? '';
  const lines = text.split('\n');

  it('has the llmstxt.org shape: an H1, a blockquote summary, then H2 sections of link lists', () => {
    const info = (bundle as unknown as { info: { title: string; summary: string } }).info;
    expect(lines[0]).toBe(`# ${info.title}`);
    expect(lines[2]).toBe(`> ${info.summary}`);
    const sections = lines.filter((l) => l.startsWith('## '));
    expect(sections).toEqual(['## Operations', '## Guide', '## Optional']);
    expect(lines.filter((l) => l.startsWith('# '))).toHaveLength(1);
    // Under each section, only list items that are links, with an optional note after a colon.
    const body = text.slice(text.indexOf('## Operations'));
    for (const line of body.split('\n').filter((l) => l && !l.startsWith('## '))) {
      expect(line).toMatch(/^- \[[^\]]+\]\([^)\s]+\)(: .+)?$/);
    }
  });

  it('links every page by a relative path, and each linked Markdown or text file is committed in docs/', () => {
    const targets = [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    for (const { operation } of operations) expect(targets).toContain(pageName(operation.operationId));
    expect(targets).toContain('overview.md');
    expect(targets).toContain('llms-full.txt');
    for (const [guide] of GUIDES) expect(targets).toContain(guide); // hand-written guides, e.g. the MCP server
    for (const target of targets) {
      expect(target, 'relative').not.toMatch(/^[a-z]+:|^\//);
      // openapi.yaml / .json are written next to the page by `npm run docs` (the docs server test checks them).
      if (/\.(md|txt)$/.test(target)) expect(() => docsFile(target), target).not.toThrow();
    }
  });
});

describe('llms-full.txt', () => {
  it('holds the overview and every operation page, whole', () => {
    const full = files.get('llms-full.txt') ?? '';
    for (const [name, text] of files) {
      if (name.endsWith('.md')) expect(full, name).toContain(text.trim());
    }
  });
});

describe('overview.md', () => {
  const text = files.get('overview.md') ?? '';
  it('is info.description with its in-page links turned into links to the operation pages', () => {
    for (const { operation } of operations) expect(text).toContain(`](${pageName(operation.operationId)})`);
    expect(text).not.toMatch(/\]\(#\//);
    for (const heading of [
      'Authentication',
      'Rate limits',
      'Errors',
      'Try it against the mock',
      'Seed and control it',
    ]) {
      expect(text).toContain(`## ${heading}`);
    }
  });

  it('a description that links to an in-page route with no Markdown page fails the build', () => {
    const broken = structuredClone(bundle) as unknown as { info: { description: string } };
    broken.info.description += '\n\nSee [the schemas](#/schemas/mutechatrequest).';
    expect(() => agentDocs(broken)).toThrow(/#\/schemas\/mutechatrequest/);
  });
});

for (const { path, operation } of operations) {
  const op = operation as typeof operation & { summary: string; 'x-codeSamples': Sample[]; parameters: unknown[] };
  const page = files.get(pageName(operation.operationId)) ?? '';

  describe(`${pageName(operation.operationId)}`, () => {
    it('says what the operation is and does: summary, method and path, its whole description', () => {
      expect(page.startsWith(`# ${op.summary}\n`)).toBe(true);
      expect(page).toContain(`\`POST ${path}\``);
      expect(page).toContain((operation as unknown as { description: string }).description.trim());
    });

    it('gives both ways to authenticate', () => {
      expect(page).toContain('`token: <token>` (header)');
      expect(page).toContain('`Authorization: Bearer <token>`');
    });

    it('gives every rule of the request: the parameter, each body property, each identifier kind', () => {
      expect(page).toContain('`instance` (in path, string, 1 to 128 characters, pattern `^[^/]+$`, required');
      const kinds = [
        'PhoneNumber',
        'UserJid',
        'LidJid',
        ...(path.includes('mute') ? ['GroupJid', 'NewsletterJid'] : []),
      ];
      for (const kind of kinds) {
        const schema = (bundle.components.schemas as Record<string, { pattern: string }>)[kind]!;
        expect(page).toContain(`| \`${kind}\` | \`${schema.pattern}\` |`);
      }
      if (path.includes('block')) expect(page).not.toContain('| `GroupJid` |');
      for (const property of path.includes('block') ? ['number', 'block'] : ['number', 'mute', 'duration']) {
        expect(page).toContain(`- \`${property}\` (`);
      }
    });

    it('shows every request example by name with its body', () => {
      for (const e of requestExamples.filter((x) => x.path === path)) {
        expect(page).toContain(`#### \`${e.name}\`: `);
        expect(page).toContain(JSON.stringify(e.value, null, 2));
      }
    });

    it('gives every response: status, every named example with its mock selector, every documented message', () => {
      for (const status of Object.keys(operation.responses)) expect(page).toMatch(new RegExp(`^### ${status} `, 'm'));
      for (const e of responseExamples.filter((x) => x.path === path)) {
        const selector = preferSelector(e.status, e.name);
        expect(page).toContain(`| ${e.status} | \`${e.name}\` | \`${selector}\` |`);
        const value = e.value as { error?: { message: string } };
        if (value.error) expect(page).toContain(`| \`${e.name}\` | \`${value.error.message}\` |`);
        else expect(page).toContain(JSON.stringify(e.value, null, 2));
      }
    });

    it('describes the rate-limit headers every response carries', () => {
      const headers = deref<Response>(operation.responses['200']!).headers ?? {};
      for (const [name, raw] of Object.entries(headers)) {
        const header = deref<Header>(raw) as Header & { description: string };
        expect(page).toContain(`| \`${name}\` | integer (`);
        expect(page).toContain(header.description.replace(/\s+/g, ' ').trim());
      }
    });

    it('shows every code sample, the cURL one first, each the text of its file', () => {
      const samples = op['x-codeSamples'];
      expect(samples[0]?.lang).toBe('curl');
      for (const sample of samples) {
        expect(page).toContain(`### ${sample.label}\n\n\`\`\``);
        expect(page).toContain(sample.source.trim());
      }
    });
  });
}

describe('the durations table (mute-chat.md and the page)', () => {
  const description = (bundle.components.schemas as Record<string, { description: string; enum: string[] }>)
    .MuteDuration!;
  // Rows: | `8h`, `8 hours` | 8 hours | `28800` |
  const rows = [...description.description.matchAll(/^\| (.+?) \| (.+?) \| `(\d+)` \|$/gm)].map((m) => ({
    spellings: [...(m[1] ?? '').matchAll(/`([^`]*)`/g)].map((s) => (s[1] === '""' ? '' : (s[1] ?? ''))),
    seconds: Number(m[3]),
  }));

  it('lists every accepted spelling once, with the seconds the mock and the examples give for it', () => {
    expect(rows.flatMap((r) => r.spellings).sort()).toEqual([...description.enum].sort());
    const answers = responseExamples.filter((e) => e.operationId === 'muteChat' && e.status === 200);
    for (const { spellings, seconds } of rows) {
      for (const spelling of spellings) {
        const answer = answers.find((e) => {
          const example = deref<Example>(
            (bundle.paths['/api/chat/mute/{instance}']!.post.responses['200'] as Response).content!['application/json']!
              .examples![e.name]!,
          ) as Example & { 'x-match-request'?: { mute?: unknown[]; duration?: unknown[] } };
          const match = example['x-match-request'];
          return match?.mute?.includes(true) && match.duration?.includes(spelling);
        });
        expect((answer?.value as { duration: number } | undefined)?.duration, spelling).toBe(seconds);
      }
    }
  });

  it('is in the mute page, under `duration`', () => {
    const page = files.get('mute-chat.md') ?? '';
    expect(page).toContain('| Spelling | Window | Seconds (`duration` in the response) |');
    expect(page).toContain('| `1w`, `7d`, `1 week` | one week | `604800` |');
  });
});

describe('the response examples name the mock selector that picks them (the page shows it beside each)', () => {
  it.each(responseExamples.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))('%s', (_, e) => {
    const response = deref<Response>(bundle.paths[e.path]!.post.responses[String(e.status)]!);
    const example = deref<Example>(response.content!['application/json']!.examples![e.name]!);
    expect((example.description ?? '').endsWith(`Mock: \`${preferSelector(e.status, e.name)}\`.`)).toBe(true);
  });
});
