// The package's optional peers, read from package.json, and what the mock prints when Prism is missing.
import { readFileSync } from 'node:fs';

export const PEERS = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    peerDependencies: Record<string, string>;
  }
).peerDependencies;

/** The install line the mock prints when Prism is missing: derived from peerDependencies, as the mock derives it. */
export const PRISM_INSTALL = `npm install --save-dev ${Object.keys(PEERS)
  .filter((name) => name.startsWith('@stoplight/prism-'))
  .map((name) => `${name}@${PEERS[name]}`)
  .join(' ')}`;
