#!/usr/bin/env node
// At release time, after the version bump: make the current bundle the baseline the breaking-change gate compares
// with (openapi/baseline/openapi.yaml). Refuses while the gate fails or generated/ is stale.
import { execFile } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { checkBreaking, BASELINE } from './check-breaking.mjs';
import { parseCommandLine } from '../src/mock/lifecycle.js';
import { root } from './generate.mjs';

parseCommandLine({
  usage:
    'Usage: node scripts/release-baseline.mjs   (npm run release:baseline)\n' +
    '  Copies generated/openapi.yaml to openapi/baseline/openapi.yaml, once the drift check and the breaking-change gate pass.',
  options: {},
});

// A stale generated/ must not become the baseline: the drift check regenerates and compares first.
try {
  await promisify(execFile)(process.execPath, [join(root, 'scripts', 'check-drift.mjs')], { cwd: root });
} catch (error) {
  console.error(`Not releasing: generated/ is not what the spec produces.\n${error.stderr ?? error.message}`);
  process.exit(1);
}
const verdict = await checkBreaking();
if (!verdict.ok) {
  console.error(`Not releasing: ${verdict.problems.join('; ')}`);
  process.exit(1);
}
await copyFile(join(root, 'generated', 'openapi.yaml'), BASELINE);
console.log(`openapi/baseline/openapi.yaml is now the ${verdict.version} bundle.`);
