// The drift guard is itself tested: it passes on the committed files and fails on a hand edit. The files are
// generated once, here, by the command itself run on the hand edit (`--keep` leaves what it regenerated), and each
// copy is compared with them (driftProblems); `npm test` runs the command on generated/.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftProblems } from '../scripts/check-drift.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const script = join(root, 'scripts', 'check-drift.mjs');
let scratch: string;
let fresh: string;
/** The command's verdict on a copy of generated/ with schema.d.ts edited by hand. */
let edited: { dir: string; code: number; output: string };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'drift-test-'));
  fresh = join(scratch, 'fresh');
  const dir = join(scratch, 'edited');
  await cp(join(root, 'generated'), dir, { recursive: true });
  const file = join(dir, 'schema.d.ts');
  await writeFile(file, (await readFile(file, 'utf8')).replace('blocked_count', 'blockedCount'));
  edited = { dir, ...(await check(dir, ['--keep', fresh])) };
}, 60_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function check(dir: string, extra: string[] = []): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, '--against', dir, ...extra], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('check:drift', () => {
  it('passes on an exact copy of the committed generated/ files', async () => {
    const copy = join(scratch, 'same');
    await cp(join(root, 'generated'), copy, { recursive: true });
    expect(await driftProblems(copy, fresh)).toEqual([]);
  });

  it('fails, naming file and line, when a generated file was edited by hand', async () => {
    expect(await driftProblems(edited.dir, fresh)).toEqual([
      expect.stringMatching(/^schema\.d\.ts: differs .* first at line \d+/),
    ]);
    const { code, output } = edited;
    expect(code).toBe(1);
    expect(output).toMatch(/schema\.d\.ts: differs .* first at line \d+/);
    expect(output).toContain('blockedCount');
  });

  it('refuses to regenerate into a folder that exists (--keep), before regenerating anything (exit 2)', async () => {
    const { code, output } = await check(join(root, 'generated'), ['--keep', edited.dir]);
    expect(code).toBe(2);
    expect(output).toBe(`--keep takes a folder that does not exist yet: ${edited.dir} exists\n`);
    expect(await driftProblems(edited.dir, fresh)).toHaveLength(1); // the edited copy is still there, untouched
  });

  it('fails when a generated file is missing', async () => {
    const copy = join(scratch, 'missing');
    await cp(join(root, 'generated'), copy, { recursive: true });
    await rm(join(copy, 'openapi.json'));
    expect(await driftProblems(copy, fresh)).toEqual([`openapi.json: missing from ${copy}`]);
  });

  it('stamps every generated text file with the do-not-edit header and the same bundle hash', async () => {
    const yaml = await readFile(join(root, 'generated', 'openapi.yaml'), 'utf8');
    const dts = await readFile(join(root, 'generated', 'schema.d.ts'), 'utf8');
    const hash = /Bundle SHA-256: ([0-9a-f]{64})/.exec(yaml)?.[1];
    expect(hash).toBeDefined();
    expect(yaml.startsWith('# GENERATED FILE - DO NOT EDIT.')).toBe(true);
    expect(dts.startsWith('// GENERATED FILE - DO NOT EDIT.')).toBe(true);
    expect(dts).toContain(`Bundle SHA-256: ${hash}`);
    const { createHash } = await import('node:crypto');
    const json = await readFile(join(root, 'generated', 'openapi.json'), 'utf8');
    expect(createHash('sha256').update(json).digest('hex')).toBe(hash);
  });

  it('generates the root types: schema.d.ts has one alias per component, schemas under their own names', async () => {
    const dts = await readFile(join(root, 'generated', 'schema.d.ts'), 'utf8');
    const { components } = JSON.parse(await readFile(join(root, 'generated', 'openapi.json'), 'utf8')) as {
      components: Record<string, Record<string, unknown>>;
    };
    const schemas = Object.keys(components.schemas ?? {});
    expect(schemas.length).toBeGreaterThan(0);
    for (const name of schemas) expect(dts).toContain(`export type ${name} = components['schemas']['${name}'];`);
    expect(dts).toContain("export type ParameterInstance = components['parameters']['Instance'];");
    expect(dts).toContain("export type ResponseNotFound = components['responses']['NotFound'];");
  });
});
