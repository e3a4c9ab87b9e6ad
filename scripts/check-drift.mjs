#!/usr/bin/env node
// Drift check: regenerate from the spec into a temporary folder and compare, byte for byte, with the committed
// generated/ files. Fails (exit 1) on any difference, naming the file and the first differing line.
// Usage: node scripts/check-drift.mjs [--against DIR] [--keep DIR | --fresh DIR] [--result FILE]   (default DIR: generated/)
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine } from '../src/mock/lifecycle.js';
import { GENERATED_FILES, generate, root } from './generate.mjs';
import { clearCheckResult, writeCheckResult } from './lib/check-result.mjs';

/** How the files in `committedDir` differ from the ones in `freshDir` (just generated): one entry per file. */
export async function driftProblems(committedDir, freshDir) {
  const problems = [];
  for (const file of GENERATED_FILES) {
    const fresh = await readFile(join(freshDir, file), 'utf8');
    let committed;
    try {
      committed = await readFile(join(committedDir, file), 'utf8');
    } catch {
      problems.push(`${file}: missing from ${committedDir}`);
      continue;
    }
    if (fresh === committed) continue;
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const line = a.findIndex((text, n) => text !== b[n]);
    const at = line === -1 ? Math.min(a.length, b.length) : line;
    const [was, now] = [a[at], b[at]];
    let column = 0;
    while (was !== undefined && now !== undefined && column < was.length && was[column] === now[column]) column += 1;
    // Long lines (JSON descriptions) are cut to a window around the first differing character.
    const excerpt = (text) =>
      text === undefined ? '<end of file>' : JSON.stringify(text.slice(Math.max(0, column - 40), column + 60));
    problems.push(
      `${file}: differs from what the spec produces, first at line ${at + 1}, column ${column + 1}\n` +
        `    committed:   ${excerpt(was)}\n` +
        `    regenerated: ${excerpt(now)}`,
    );
  }
  return problems;
}

/**
 * Regenerate into a temporary folder and compare with `committedDir` (default generated/). With `keep` (a folder
 * that does not exist yet), regenerate into that folder instead and leave the files there: what the spec produces.
 * With `fresh`, regenerate nothing: compare with the files already there (made from the spec by `--keep`, or by
 * `npm run generate -- --out DIR`).
 */
export async function checkDrift(committedDir = join(root, 'generated'), { keep, fresh } = {}) {
  if (fresh !== undefined) return driftProblems(committedDir, fresh);
  if (keep !== undefined && existsSync(keep)) throw new Error(`${keep} exists: --keep takes a new folder`);
  const scratch = keep ?? (await mkdtemp(join(tmpdir(), 'ryze-drift-')));
  try {
    await generate(scratch);
    return await driftProblems(committedDir, scratch);
  } finally {
    if (keep === undefined) await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseCommandLine({
    usage:
      'Usage: node scripts/check-drift.mjs [--against DIR] [--keep DIR | --fresh DIR] [--result FILE]   (default DIR: generated/)\n' +
      '  Regenerates from the spec into a temporary folder and fails (exit 1) on any difference with DIR.\n' +
      '  --keep DIR     regenerate into DIR (a new folder) and keep the files there: what the spec produces\n' +
      '  --fresh DIR    regenerate nothing: compare with DIR, made from the spec earlier (--keep, or generate --out)\n' +
      '  --result FILE  also write the verdict as JSON (test/drift.test.ts, run by npm test: .tmp/checks/drift.json)',
    options: {
      against: { type: 'string' },
      keep: { type: 'string' },
      fresh: { type: 'string' },
      result: { type: 'string' },
    },
  });
  if (args.keep !== undefined && args.fresh !== undefined) {
    console.error('--keep regenerates and --fresh does not: give one of them, not both');
    process.exit(2);
  }
  if (args.keep !== undefined && existsSync(args.keep)) {
    console.error(`--keep takes a folder that does not exist yet: ${args.keep} exists`);
    process.exit(2);
  }
  await clearCheckResult(args.result);
  const problems = await checkDrift(args.against === undefined ? undefined : resolve(args.against), {
    keep: args.keep === undefined ? undefined : resolve(args.keep),
    fresh: args.fresh === undefined ? undefined : resolve(args.fresh),
  });
  await writeCheckResult(args.result, {
    check: 'drift',
    ok: problems.length === 0,
    summary:
      problems.length === 0
        ? `No drift: ${GENERATED_FILES.length} generated files match the spec.`
        : `Drift in ${problems.length} of ${GENERATED_FILES.length} generated files: ${problems.map((p) => p.split(':')[0]).join(', ')}`,
    figures: { files: GENERATED_FILES, drifted: problems.map((p) => p.split(':')[0]) },
  });
  if (problems.length > 0) {
    console.error(`Drift: generated/ is not what the spec produces.\n  ${problems.join('\n  ')}`);
    console.error('Run `npm run generate` and commit the result (never edit generated/ by hand).');
    process.exit(1);
  }
  console.log(`No drift: ${GENERATED_FILES.length} generated files match the spec.`);
}
