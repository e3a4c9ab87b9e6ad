// The Node.js versions the README's quick start names for the toolchain ("20.19+, 22.12+, 24 or 26") against what
// the dev dependencies declare: every one of them accepts the floor of each line, and the floors are not lower than
// the strictest of them (Redocly refuses 22 before 22.12, and 20 before 20.19).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const semver = require('semver') as { satisfies(version: string, range: string): boolean };
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** engines.node of every direct dev dependency that declares one. */
const engines = Object.keys(pkg.devDependencies).flatMap((name) => {
  const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { engines?: { node?: string } };
  return manifest.engines?.node ? [[name, manifest.engines.node] as const] : [];
});

const FLOORS = ['20.19.0', '22.12.0', '24.0.0', '26.0.0'];

describe('the toolchain on the Node.js versions the README names', () => {
  it('the quick start names them', () => {
    expect(readme).toContain('with Node.js 20.19+, 22.12+, 24 or 26 (');
    expect(engines.map(([name]) => name)).toEqual(expect.arrayContaining(['@redocly/cli', 'vitest']));
  });

  it.each(FLOORS)('every dev dependency accepts Node %s', (version) => {
    const refusing = engines.filter(([, range]) => !semver.satisfies(version, range));
    expect(refusing).toEqual([]);
  });

  it.each(['20.18.0', '22.11.0'])('Node %s, just below a floor, is refused by some of them', (version) => {
    const refusing = engines.filter(([, range]) => !semver.satisfies(version, range)).map(([name]) => name);
    expect(refusing.length).toBeGreaterThan(0);
  });
});
