// The README's TypeScript samples compile, strictly, against the package's own types: the MSW wiring on its own, and
// the client's story (create, call, handle errors, the raw client) as one module, in the order a reader meets it.
// The sandbox.fetch sample is run, not only compiled, by sandbox.test.ts. Each sample is copied from README.md as it
// is written; 'ryzeapi-chat-contract' and its subpaths resolve to src/ (tsconfig paths), so no build is needed.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsgo = join(root, 'node_modules', '@typescript', 'native-preview', 'bin', 'tsgo');
const out = join(root, '.tmp', 'readme-samples');

/** The README's fenced blocks of one language, in order. */
function fencedBlocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
}

/** Type-check files with tsgo under the repository's strict options; resolves to the compiler's output. */
async function typeCheck(files: Record<string, string>): Promise<{ code: number; output: string }> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(out, name), text);
  const config = {
    extends: '../../tsconfig.json',
    compilerOptions: {
      noEmit: true,
      singleThreaded: true, // tsgo's own option: one thread, less CPU on a busy 2-core machine, the same errors
      paths: {
        'ryzeapi-chat-contract': ['../../src/index.ts'],
        'ryzeapi-chat-contract/msw': ['../../src/msw.ts'],
        'ryzeapi-chat-contract/sandbox': ['../../src/mock/sandbox.ts'],
      },
    },
    include: Object.keys(files),
  };
  await writeFile(join(out, 'tsconfig.json'), JSON.stringify(config));
  return new Promise((resolve) => {
    execFile(process.execPath, [tsgo, '-p', join(out, 'tsconfig.json')], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

let ts: string[] = [];
beforeAll(async () => {
  ts = fencedBlocks(await readFile(join(root, 'README.md'), 'utf8'), 'ts');
});
afterAll(() => rm(out, { recursive: true, force: true }));

describe("the README's TypeScript samples", () => {
  it('are the five the README shows: sandbox.fetch, MSW, the client, its errors, the raw client', () => {
    expect(ts).toHaveLength(5);
    expect(ts[0]).toContain('createSandbox(');
    expect(ts[1]).toContain("from 'ryzeapi-chat-contract/msw'");
    expect(ts[2]).toContain('createRyzeClient(');
    expect(ts[3]).toContain('error.kind');
    expect(ts[4]).toContain('ryze.api.POST(');
  });

  it('compile under the strict options, and a wrong call in them would not', async () => {
    const story = ts.slice(2).join('\n');
    const broken = story.replace("duration: '8h' }); // duration is optional", "duration: '9h' });");
    expect(broken).not.toBe(story);
    const result = await typeCheck({ 'msw.ts': ts[1]!, 'client.ts': story, 'broken.ts': broken });
    // The only error is the one planted in broken.ts: the samples themselves compile.
    const errors = result.output.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors, result.output).toHaveLength(1);
    expect(errors[0]).toMatch(/broken\.ts\(\d+,\d+\): error TS2322: Type '"9h"'/);
  });
});
