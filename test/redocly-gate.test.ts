// The Redocly half of the lint gate (scripts/lib/redocly-lint.mjs, used by scripts/lint.mjs), both ways: a tiny
// configuration and a tiny document that pass, then the same with one thing changed, a configuration warning
// (the `openapi.disableTelemetry` key that Redocly 2.77 does not know, which it prints on stderr only) or a
// document warning; and the gate's exit code with a configuration warning (its Redocly half alone, `--only redocly`:
// the Spectral half has its own cases in test/lint/rules.test.ts, and `npm test` runs the whole gate).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redoclyFindings } from '../scripts/lib/redocly-lint.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = 'telemetry: off\nextends:\n  - recommended\n';
const DOCUMENT = `openapi: 3.1.0
info:
  title: Tiny
  version: '1'
  license:
    name: MIT
    url: https://opensource.org/license/mit
servers:
  - url: https://api.tiny.test
paths: {}
`;

let scratch: string;
const file = async (name: string, text: string) => {
  const path = join(scratch, name);
  await writeFile(path, text);
  return path;
};
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ryze-redocly-gate-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('redoclyFindings', () => {
  it('passes a clean configuration and a clean document (nothing found)', async () => {
    const result = await redoclyFindings({
      targets: [await file('ok.yaml', DOCUMENT)],
      config: await file('ok-config.yaml', CONFIG),
    });
    expect(result).toMatchObject({ config: 0, errors: 0, warnings: 0, total: 0, lines: [] });
  });

  it('fails on a configuration warning, which `redocly lint` leaves out of its JSON totals', async () => {
    const config = await file('warned-config.yaml', `${CONFIG}openapi:\n  disableTelemetry: true\n`);
    const result = await redoclyFindings({ targets: [await file('ok.yaml', DOCUMENT)], config });
    expect(result.config).toBe(1);
    expect(result.total).toBe(1);
    expect(result.lines).toEqual([
      expect.stringMatching(
        /^redocly config .*warned-config\.yaml:5 #\/openapi\/disableTelemetry: Property `disableTelemetry` is not expected here\.$/,
      ),
    ]);
  });

  it('fails on a document warning (recommended `info-license`), and names the document that has it', async () => {
    const target = await file('unlicensed.yaml', DOCUMENT.replace(/ {2}license:\n.*\n.*\n/, ''));
    // Several documents are linted by one `redocly lint`: the clean one first, then the one with the warning.
    const result = await redoclyFindings({
      targets: [await file('ok.yaml', DOCUMENT), target],
      config: await file('ok-config.yaml', CONFIG),
    });
    expect(result).toMatchObject({ config: 0, errors: 0, warnings: 1, total: 1 });
    expect(result.lines).toEqual([expect.stringMatching(/^redocly warn info-license \S*unlicensed\.yaml#/)]);
  });

  it("finds nothing wrong with the project's redocly.yaml (telemetry off is at the top level, where 2.77 reads it)", async () => {
    expect(await redoclyFindings({ targets: [] })).toMatchObject({ config: 0, total: 0 });
  });
});

describe('scripts/lint.mjs', () => {
  it('exits 1 on a Redocly configuration warning, and names it', async () => {
    const config = await file('gate-config.yaml', `${CONFIG}openapi:\n  disableTelemetry: true\n`);
    const gate = promisify(execFile)(
      process.execPath,
      ['scripts/lint.mjs', '--only', 'redocly', '--redocly-config', config],
      { cwd: root },
    );
    await expect(gate).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /redocly config .*gate-config\.yaml:5 #\/openapi\/disableTelemetry: .*\nRedocly \(2 documents\): 0 errors, 0 warnings; configuration: 1 problems\n$/,
      ),
      stderr: expect.stringContaining('Lint failed: 1 findings.'),
    });
  }, 60_000);

  it('refuses an --only that names no linter (exit 2, with its usage)', async () => {
    const gate = promisify(execFile)(process.execPath, ['scripts/lint.mjs', '--only', 'biome'], { cwd: root });
    await expect(gate).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(
        /^--only must be spectral or redocly, not "biome"\n\nUsage: node scripts\/lint\.mjs/,
      ),
    });
  });

  it('refuses an unknown option with its usage (exit 2)', async () => {
    const gate = promisify(execFile)(process.execPath, ['scripts/lint.mjs', '--redocly-confg', 'x'], { cwd: root });
    await expect(gate).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Usage: node scripts/lint.mjs'),
    });
  });
});
