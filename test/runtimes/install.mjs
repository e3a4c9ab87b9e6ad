#!/usr/bin/env node
// Puts every runtime of runtimes.json in a cache outside the repository, one folder per package and version
// (`$RYZE_RUNTIMES_DIR`, default `$XDG_CACHE_HOME/ryzeapi-chat-contract/runtimes` or `~/.cache/...`). A runtime
// already there is reused; a missing one is installed with npm from the registry (the binary ships inside the
// package; npm's own cache keeps the tarball too). Nothing else is downloaded. Prints each runtime's path and
// version, and with --env the shell variables the other scripts read (RYZE_RUNTIME_<NAME>=<binary>).
//   node test/runtimes/install.mjs [--env] [name ...]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { env: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const runtimes = JSON.parse(readFileSync(new URL('./runtimes.json', import.meta.url), 'utf8'));
delete runtimes.$comment;

function cacheDir() {
  return (
    process.env.RYZE_RUNTIMES_DIR ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ryzeapi-chat-contract', 'runtimes')
  );
}

const names = positionals.length > 0 ? positionals : Object.keys(runtimes);
const root = cacheDir();
mkdirSync(root, { recursive: true });
const lines = [];
for (const name of names) {
  const runtime = runtimes[name];
  if (!runtime) throw new Error(`unknown runtime "${name}": one of ${Object.keys(runtimes).join(', ')}`);
  const dir = join(root, `${runtime.package}@${runtime.version}`);
  const bin = join(dir, runtime.bin);
  if (!existsSync(bin)) {
    const started = Date.now();
    // Install into a scratch folder and rename it into place, so an interrupted install never looks complete.
    const scratch = `${dir}.partial-${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        private: true,
        description: `${runtime.package}@${runtime.version} for ryzeapi-chat-contract's runtime tests`,
      }),
    );
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--prefer-offline',
        '--loglevel=error',
        `${runtime.package}@${runtime.version}`,
      ],
      {
        cwd: scratch,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (!existsSync(join(scratch, runtime.bin)))
      throw new Error(`${runtime.package}@${runtime.version} installed no ${runtime.bin}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
    console.error(`installed ${runtime.package}@${runtime.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  lines.push(
    values.env
      ? `export RYZE_RUNTIME_${name.toUpperCase()}=${JSON.stringify(bin)}`
      : `${name}\t${runtime.package}@${runtime.version}\t${bin}`,
  );
}
console.log(lines.join('\n'));
