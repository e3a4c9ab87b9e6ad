// Vitest global setup of the `package` project (vitest.config.ts): `npm pack` once, for every test file that
// installs the package as a consumer gets it (test/package.test.ts, test/mcp-package.test.ts). The tarball's path,
// its hash and its file list reach the tests through `inject('packed')`.
// It packs the dist/ that `npm test` has just built, with --ignore-scripts: the `prepack` rebuild would delete
// dist/ while other test files read it. Run `npm run build` first when running these files alone.
//
// `npm pack` is reproducible (same files, same bytes), so the tarball is kept under its content hash,
// .tmp/packed/<hash>/, and consumer projects installed from it are kept too (`consumerProject`, in the system's
// temporary folder): a run whose tarball and dependencies are those of an earlier run reuses that run's install
// instead of installing again (and npx, which keys its own cache by the package specs, reuses its install of the
// same tarball path). Any change to dist/, the manifest or the dependencies makes a new hash, so a new install.
// A clean clone installs everything.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

export interface Packed {
  /** The tarball's absolute path (.tmp/packed/<hash>/<name>-<version>.tgz). */
  tarball: string;
  /** The tarball's SHA-256, hex. */
  hash: string;
  /** The paths it holds, sorted. */
  files: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: Packed;
  }
}

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKED = join(root, '.tmp', 'packed');
// Outside the repository: Node and TypeScript look for packages in every parent folder's node_modules, and the
// repository's own would hide a missing optional peer from the tests that need it missing. One folder per checkout,
// so that pruning one checkout's old installs never removes another's.
const CONSUMERS = join(
  process.env.RYZE_CONSUMERS_DIR ?? join(tmpdir(), 'ryzeapi-chat-contract-consumers'),
  createHash('sha256').update(root).digest('hex').slice(0, 12),
);
/** Kept: this run's tarball and consumer projects and those of the run before; older ones are removed. */
const KEEP = 2;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Remove all but the `keep` most recently used entries of `dir` whose names match `pattern`. */
async function prune(dir: string, pattern: RegExp, keep: number, except: string) {
  const entries = await Promise.all(
    (await readdir(dir).catch(() => [] as string[]))
      .filter((name) => pattern.test(name) && join(dir, name) !== except)
      .map(async (name) => ({ name, used: (await stat(join(dir, name))).mtimeMs })),
  );
  entries.sort((a, b) => b.used - a.used);
  await Promise.all(entries.slice(keep - 1).map(({ name }) => rm(join(dir, name), { recursive: true, force: true })));
}

export default async function setup(project: TestProject) {
  for (const file of ['index.js', 'mock/cli.js', 'mcp/cli.js']) {
    if (!existsSync(join(root, 'dist', file)))
      throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm test does)`);
  }
  await mkdir(PACKED, { recursive: true });
  const scratch = await mkdtemp(join(PACKED, 'pack-'));
  try {
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    const hash = sha256(await readFile(join(scratch, info.filename)));
    const home = join(PACKED, hash.slice(0, 16));
    const tarball = join(home, info.filename);
    if (!existsSync(tarball)) {
      await mkdir(home, { recursive: true });
      await rename(join(scratch, info.filename), tarball);
    }
    const now = new Date();
    await utimes(home, now, now);
    await prune(PACKED, /^[0-9a-f]{16}$/, KEEP, home);
    project.provide('packed', { tarball, hash, files: info.files.map((f) => f.path).sort() });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

let npmVersionAsked: Promise<string> | undefined;
/**
 * npm's version: from the user agent npm gives the scripts it runs (`npm test`, `npx vitest`), else `npm --version`,
 * asked once per test worker (a file asks for several consumer projects).
 */
const npmVersion = () =>
  (npmVersionAsked ??= Promise.resolve(/^npm\/(\S+) /.exec(process.env.npm_config_user_agent ?? '')?.[1]).then(
    (version) => version ?? run('npm', ['--version']).then(({ stdout }) => stdout.trim()),
  ));

/**
 * A consumer project (`package.json` of type module) with `packages` installed by `npm install` (the tarball's path
 * among them), under <consumers>/<name>-<hash of the tarball, the packages, Node's and npm's versions>. Installed
 * once and reused while that hash holds ($RYZE_CONSUMERS_DIR, default <tmpdir>/ryzeapi-chat-contract-consumers, then
 * one folder per checkout); an install that fails leaves nothing behind and rejects with npm's output.
 * Tests write their files into a folder of their own inside it (`workFolder`), never next to node_modules; what a
 * test keeps from run to run goes in a dot-folder of its own (package.test.ts: tsc's .tsbuildinfo/).
 */
export async function consumerProject(name: string, packed: Packed, packages: string[]): Promise<string> {
  const key = sha256(
    JSON.stringify([
      packed.hash,
      packages.map((p) => (p === packed.tarball ? 'TARBALL' : p)),
      process.version,
      await npmVersion(),
    ]),
  );
  const dir = join(CONSUMERS, `${name}-${key.slice(0, 16)}`);
  const ready = join(dir, '.installed');
  if (!existsSync(ready)) {
    await mkdir(CONSUMERS, { recursive: true });
    const partial = await mkdtemp(join(CONSUMERS, `.partial-${name}-`));
    try {
      await writeFile(
        join(partial, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      );
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...packages], {
        cwd: partial,
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(`npm install ${packages.join(' ')} failed: ${error.stderr || error.message}`);
      });
      await writeFile(join(partial, '.installed'), `${packages.join('\n')}\n`);
      // Another run may have installed the same project meanwhile: then its copy is used.
      await rename(partial, dir).catch((error: unknown) => {
        if (!existsSync(ready)) throw error;
      });
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  }
  const now = new Date();
  await utimes(dir, now, now);
  await prune(CONSUMERS, new RegExp(`^${name}-[0-9a-f]{16}$`), KEEP, dir);
  return dir;
}

/** A fresh folder inside a consumer project for one test file's sources and outputs; remove it when done. */
export const workFolder = (consumer: string) => mkdtemp(join(consumer, 'run-'));
