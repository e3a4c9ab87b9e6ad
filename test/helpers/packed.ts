// Vitest global setup of the `package` project (vitest.config.ts): `npm pack` once, for every test file that
// installs the package as a consumer gets it (test/package.test.ts, test/mcp-package.test.ts). The tarball's path and
// its file list reach the tests through `inject('packed')`; the folder is removed when the run ends.
// It packs the dist/ that `npm test` has just built, with --ignore-scripts: the `prepack` rebuild would delete
// dist/ while other test files read it. Run `npm run build` first when running these files alone.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

export interface Packed {
  /** The tarball's absolute path. */
  tarball: string;
  /** The paths it holds, sorted. */
  files: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: Packed;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  for (const file of ['index.js', 'mock/cli.js', 'mcp/cli.js']) {
    if (!existsSync(join(root, 'dist', file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test does)`);
  }
  const scratch = await mkdtemp(join(tmpdir(), 'ryze-pack-'));
  const { stdout } = await promisify(execFile)('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
  project.provide('packed', { tarball: join(scratch, info.filename), files: info.files.map((f) => f.path).sort() });
  return () => rm(scratch, { recursive: true, force: true });
}
