// test/README.md stays true: its table lists every test file under test/ (*.test.ts, *.test-d.ts) and nothing else,
// each row's project is the vitest project that runs the file, and every support folder or file it names exists.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = await readFile(join(here, 'README.md'), 'utf8');

/** The rows of the Markdown table whose header starts with `| first |`: the backticked first cell and the others. */
function table(first: string): [string, string[]][] {
  const start = readme.indexOf(`| ${first} |`);
  if (start < 0) throw new Error(`no table headed "${first}" in test/README.md`);
  const lines = readme.slice(start).split('\n');
  const rows = lines.slice(
    2,
    lines.findIndex((line, i) => i > 1 && !line.startsWith('|')),
  );
  return rows.map((line) => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const name = /^`([^`]+)`$/.exec(cells[0]!)?.[1];
    if (!name) throw new Error(`test/README.md: the first cell of "${line}" is not one backticked path`);
    return [name, cells.slice(1)];
  });
}

const isTestFile = (name: string) => /\.test(-d)?\.ts$/.test(name);
const onDisk = (await readdir(here, { recursive: true }))
  .map((name) => name.split('\\').join('/'))
  .filter(isTestFile)
  .sort();
const listed = table('File');
const projectOf = new Map(listed.map(([name, cells]) => [name, cells[2]]));

/** The project vitest.config.ts puts a file in (the browser and runtime files have configs of their own). */
function configuredProject(name: string): string {
  if (name.startsWith('browser/')) return 'browser';
  if (name.startsWith('runtimes/')) return 'runtimes';
  const projects = (config as { test: { projects: { test: { name: string; include: string[] } }[] } }).test.projects;
  const packageProject = projects.find((p) => p.test.name === 'package')!;
  if (packageProject.test.include.includes(`test/${name}`)) return 'package';
  return name.endsWith('.test-d.ts') ? 'repository (typecheck)' : 'repository';
}

describe('test/README.md', () => {
  it('lists every test file, once', () => {
    const names = listed.map(([name]) => name);
    expect(onDisk.length).toBeGreaterThan(30);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    expect(
      onDisk.filter((name) => !names.includes(name)),
      'test files missing from test/README.md',
    ).toEqual([]);
  });

  it('lists no test file that does not exist, and nothing but test files in its first table', () => {
    expect(listed.map(([name]) => name).filter((name) => !onDisk.includes(name))).toEqual([]);
  });

  it('gives each file the project that runs it', () => {
    expect(
      onDisk
        .filter((name) => projectOf.get(name) !== configuredProject(name))
        .map((name) => `${name}: ${projectOf.get(name)}, runs in ${configuredProject(name)}`),
    ).toEqual([]);
  });

  it('names only support folders and files that exist', () => {
    const support = table('Folder or file');
    expect(support.length).toBeGreaterThan(3);
    for (const [name, [holds]] of support) {
      expect(existsSync(join(here, name)), name).toBe(true);
      for (const [, file] of holds!.matchAll(/`([^`]+\.[a-z]+)`/g)) {
        const path = name.endsWith('/') ? join(here, name, file!) : join(here, file!);
        expect(existsSync(path) || existsSync(join(here, file!)), `${name} ${file}`).toBe(true);
      }
    }
  });
});
