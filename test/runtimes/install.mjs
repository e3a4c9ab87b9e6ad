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

const runtimes = JSON.parse(readFileSync(new URL('./runtimes.json', import.meta.url), 'utf8'));
delete runtimes.$comment;
const USAGE = `Usage: node test/runtimes/install.mjs [--env] [name ...]   (npm run runtimes:install)
  Installs (or finds) the runtimes in their cache and prints where they are; --env prints RYZE_RUNTIME_<NAME>=<binary>.
  Names: ${Object.keys(runtimes).join(', ')} (default: all).`;

/** Strict flags, as every script here: a bad command line prints the reason and the usage and exits 2. */
function commandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      options: { env: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const unknown = parsed.positionals.filter((name) => !runtimes[name]);
  if (unknown.length > 0) {
    console.error(`Unknown runtime "${unknown[0]}".\n\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}
const { values, positionals } = commandLine();

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
