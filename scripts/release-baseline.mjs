#!/usr/bin/env node
// At release time, after the version bump: make the current bundle the baseline the breaking-change gate compares
// with (openapi/baseline/openapi.yaml). Refuses while the gate fails or generated/ is stale.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkBreaking, BASELINE } from './check-breaking.mjs';
import { root } from './generate.mjs';

const verdict = await checkBreaking();
if (!verdict.ok) {
  console.error(`Not releasing: ${verdict.problems.join('; ')}`);
  process.exit(1);
}
await copyFile(join(root, 'generated', 'openapi.yaml'), BASELINE);
console.log(`openapi/baseline/openapi.yaml is now the ${verdict.version} bundle.`);
