// The code-style gate: `npm run lint:code` (Biome with biome.jsonc), first in `npm test`. The gate runs on a scratch
// copy of the configuration (and .gitignore, which it follows) with probe files beside it: it fails on a badly
// formatted file, on a lint warning and past 120 columns, passes clean code, and never touches generated or
// hand-laid-out files (generated/, docs/, the spec and its code samples, build output, YAML, Markdown).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const scripts = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

// The gate's own arguments, from package.json: `biome <args...> .`
const lintCode = scripts['lint:code'] ?? '';
const gateArgs = lintCode.split(' ').slice(1, -1);

let scratch: string;

/** Run the gate in the scratch folder on `paths`; resolve to its exit code and output. */
async function gate(paths: string[], extra: string[] = []) {
  return run(process.execPath, [biome, ...gateArgs, '--colors=off', ...extra, ...paths], {
    cwd: scratch,
    env: { ...process.env, NO_COLOR: '1' },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      output: (error.stdout ?? '') + (error.stderr ?? ''),
    }),
  );
}

/** Write a probe file into the scratch folder. */
async function probe(path: string, text: string) {
  await mkdir(dirname(join(scratch, path)), { recursive: true });
  await writeFile(join(scratch, path), text);
}

/** A line of exactly `width` columns that the formatter could break: a one-element array of one string. */
function arrayLine(width: number) {
  const head = "export const words = ['";
  const tail = "'];";
  return `${head}${'x'.repeat(width - head.length - tail.length)}${tail}\n`;
}

const UNFORMATTED = 'export const greeting = "hello"\n';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ryze-code-style-'));
  await copyFile(join(root, 'biome.jsonc'), join(scratch, 'biome.jsonc'));
  await copyFile(join(root, '.gitignore'), join(scratch, '.gitignore'));
  await probe('src/clean.ts', "export const greeting = 'hello';\n");
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('npm test', () => {
  it('runs the code-style gate first, before the concurrent checks', () => {
    expect(lintCode).toMatch(/^biome ci( --[a-z-]+)* \.$/);
    expect(gateArgs).toContain('--error-on-warnings');
    expect(scripts.test).toMatch(/^npm run lint:code --silent && concurrently /);
  });
});

describe('the code-style gate', () => {
  it('passes clean code', async () => {
    const result = await gate(['src/clean.ts']);
    expect(result.output).toContain('Checked 1 file');
    expect(result.code).toBe(0);
  });

  it('fails on a badly formatted file (double quotes, no semicolon)', async () => {
    await probe('src/unformatted.ts', UNFORMATTED);
    const result = await gate(['src/unformatted.ts']);
    expect(result.output).toContain('File content differs from formatting output');
    expect(result.code).not.toBe(0);
  });

  it('fails on a lint warning, not only on errors (an unused variable)', async () => {
    await probe('src/unused.ts', 'export function f(a: number): number {\n  const unused = 1;\n  return a;\n}\n');
    const result = await gate(['src/unused.ts']);
    expect(result.output).toContain('lint/correctness/noUnusedVariables');
    expect(result.code).not.toBe(0);
  });

  it('fails on a lint error (an assignment in a condition)', async () => {
    await probe(
      'scripts/assign.mjs',
      'export function f(a) {\n  let b = 0;\n  if ((b = a)) return b;\n  return 0;\n}\n',
    );
    const result = await gate(['scripts/assign.mjs']);
    expect(result.output).toContain('lint/suspicious/noAssignInExpressions');
    expect(result.code).not.toBe(0);
  });

  it('wraps at 120 columns: a breakable line of 120 passes, of 121 fails', async () => {
    await probe('src/width-120.ts', arrayLine(120));
    await probe('src/width-121.ts', arrayLine(121));
    expect((await gate(['src/width-120.ts'])).code).toBe(0);
    const wide = await gate(['src/width-121.ts']);
    expect(wide.output).toContain('File content differs from formatting output');
    expect(wide.code).not.toBe(0);
  });

  it('leaves generated and hand-laid-out files alone, even when named on the command line', async () => {
    const ignored = ['generated', 'docs', 'openapi/code_samples', 'dist', '.tmp', 'coverage'];
    for (const dir of ignored) {
      await probe(`${dir}/bad.ts`, UNFORMATTED);
      await probe(`${dir}/bad.json`, '{"a":1,\n"b":2}');
    }
    await probe('.github/workflows/bad.yml', 'on:   push\njobs:\n    x:   {runs-on: "u"}\n');
    await probe('notes.md', '# Notes\n\n| a | b |\n|-|-|\n| 1 | 2 |\n');
    const result = await gate(['src/clean.ts', ...ignored, '.github', 'notes.md'], ['--verbose']);
    // --verbose lists every file Biome processed: the clean probe, nothing else.
    const processed = [...result.output.matchAll(/^ {2}- (\S+)$/gm)].map((m) => m[1]);
    expect(processed).toEqual(['src/clean.ts']);
    expect(result.code).toBe(0);
  });
});
