// The breaking-change gate (scripts/check-breaking.mjs) proven both ways: a deliberately breaking change and a
// deliberately additive one, each with a version bump that is too small and one that is enough; plus the
// one-version rule (spec = package.json) and the changelog entry. The revisions are the real bundle, changed.
// `redocly diff` rates each change once (its first revision); every version of that change is then checked against
// that verdict. Changing info.version is itself a patch-level change, so it never moves a change's verdict.
// `npm test`'s gate is the command run here on the committed state (its verdict: .tmp/checks/breaking.json).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkBreaking, diffReport, requiredVersion } from '../scripts/check-breaking.mjs';
import { CHECKS_DIR } from '../scripts/lib/check-result.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const RESULT = join(CHECKS_DIR, 'breaking.json');
let scratch: string;
let bundle: Record<string, any>;
/** One `redocly diff` per change, made by the first revision of that change. */
const reports = new Map<string, ReturnType<typeof diffReport>>();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gate-test-'));
  bundle = parse(await readFile(join(root, 'openapi', 'baseline', 'openapi.yaml'), 'utf8'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

type Change = (doc: Record<string, any>) => void;
const CHANGES: Record<string, Change> = {
  // Breaking: a request that used to be valid ("permanent") is now refused.
  breaking: (doc) => {
    doc.components.schemas.MuteDuration.enum = doc.components.schemas.MuteDuration.enum.filter(
      (v: string) => v !== 'permanent',
    );
  },
  // Additive: a new operation.
  additive: (doc) => {
    doc.paths['/api/chat/archive/{instance}'] = structuredClone(doc.paths['/api/chat/mute/{instance}']);
    doc.paths['/api/chat/archive/{instance}'].post.operationId = 'archiveChat';
  },
  // Documentation only.
  wording: (doc) => {
    doc.info.description += '\nOne more sentence.';
  },
};

/** Write a changed copy of the released bundle with `version`, a package.json and a changelog; run the gate. */
async function gate(
  change: keyof typeof CHANGES | 'none',
  version: string,
  packageVersion = version,
  changelogVersion = version,
) {
  const doc = structuredClone(bundle);
  if (change !== 'none') CHANGES[change]!(doc);
  doc.info.version = version;
  const dir = await mkdtemp(join(scratch, `${change}-`));
  const revision = join(dir, 'openapi.yaml');
  await writeFile(revision, stringify(doc));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: packageVersion }));
  await writeFile(join(dir, 'CHANGELOG.md'), `# x\n\n## ${changelogVersion}\n\n- notes\n`);
  if (!reports.has(change)) reports.set(change, diffReport({ revision }));
  const verdict = await checkBreaking({
    revision,
    packageJson: join(dir, 'package.json'),
    changelogFile: join(dir, 'CHANGELOG.md'),
    report: await reports.get(change)!,
  });
  return { ...verdict, dir };
}

describe('breaking-change gate', () => {
  it('computes the smallest version each impact needs', () => {
    expect(requiredVersion([1, 4, 2], 'major')).toEqual([2, 0, 0]);
    expect(requiredVersion([1, 4, 2], 'minor')).toEqual([1, 5, 0]);
    expect(requiredVersion([1, 4, 2], 'patch')).toEqual([1, 4, 3]);
    expect(requiredVersion([1, 4, 2], 'none')).toEqual([1, 4, 2]);
  });

  it("passes the committed state (npm test's gate): the bundle matches the last release; its verdict for CI's summary", async () => {
    const { stdout, stderr } = await run(process.execPath, ['scripts/check-breaking.mjs', '--result', RESULT], {
      cwd: root,
    });
    expect(stderr).not.toContain('FAIL');
    expect(stdout).toMatch(/^Breaking-change gate: \d+ changes since \d+\.\d+\.\d+ /);
    const result = JSON.parse(await readFile(RESULT, 'utf8'));
    expect(result).toMatchObject({ check: 'breaking', ok: true, figures: { problems: [] } });
  });

  it.each([
    ['1.0.0', false],
    ['1.0.1', false],
    ['1.1.0', false],
    ['2.0.0', true],
  ])('a breaking change (a request value refused) released as %s: ok=%s', async (version, ok) => {
    const verdict = await gate('breaking', version);
    expect(verdict.impact).toBe('major');
    expect(verdict.ok).toBe(ok);
    if (!ok)
      expect(verdict.problems.join('\n')).toContain('need a major release: set info.version and package.json to 2.0.0');
  });

  it.each([
    ['1.0.0', false],
    ['1.0.1', false],
    ['1.1.0', true],
    ['2.0.0', true],
  ])('an additive change (a new operation) released as %s: ok=%s', async (version, ok) => {
    const verdict = await gate('additive', version);
    expect(verdict.impact).toBe('minor');
    expect(verdict.ok).toBe(ok);
    if (!ok) expect(verdict.problems.join('\n')).toContain('need a minor release');
  });

  it('a wording change needs a patch release', async () => {
    expect((await gate('wording', '1.0.0')).ok).toBe(false);
    const verdict = await gate('wording', '1.0.1');
    expect(verdict.impact).toBe('patch');
    expect(verdict.ok).toBe(true);
  });

  it('fails when the spec and package.json disagree, or the changelog lacks the version', async () => {
    const split = await gate('additive', '1.1.0', '1.0.0');
    expect(split.ok).toBe(false);
    expect(split.problems.join('\n')).toContain(
      'info.version (1.1.0) and package.json (1.0.0) must be the same version',
    );
    const noNotes = await gate('additive', '1.1.0', '1.1.0', '1.0.0');
    expect(noNotes.ok).toBe(false);
    expect(noNotes.problems.join('\n')).toContain('has no "## 1.1.0" entry');
  });

  it('the command exits 1 with the reason for a breaking change without a major bump, 0 with it', async () => {
    const bad = await gate('breaking', '1.1.0');
    // The change's `redocly diff` report, made once above (the committed-state case runs the command's own diff).
    const report = join(scratch, 'breaking-report.json');
    await writeFile(report, JSON.stringify(await reports.get('breaking')));
    const cli = (dir: string) =>
      run(
        process.execPath,
        [
          'scripts/check-breaking.mjs',
          '--revision',
          join(dir, 'openapi.yaml'),
          '--package',
          join(dir, 'package.json'),
          '--changelog',
          join(dir, 'CHANGELOG.md'),
          '--report',
          report,
        ],
        { cwd: root },
      );
    await expect(cli(bad.dir)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('FAIL: the changes since 1.0.0 need a major release'),
    });
    const good = await gate('breaking', '2.0.0');
    const { stdout } = await cli(good.dir);
    expect(stdout).toContain('needs a major release (>= 2.0.0); version is 2.0.0');
  });
});

describe('one version: npm run version-packages gives the spec the package version', () => {
  it('sets info.version and nothing else, in the real spec text', async () => {
    const { setInfoVersion } = await import('../scripts/sync-version.mjs');
    const source = await readFile(join(root, 'openapi', 'openapi.yaml'), 'utf8');
    const updated = setInfoVersion(source, '1.2.3');
    expect(parse(updated).info.version).toBe('1.2.3');
    const changed = source.split('\n').filter((line, i) => line !== updated.split('\n')[i]);
    expect(changed).toEqual([`  version: ${parse(source).info.version}`]);
    expect(() => setInfoVersion('openapi: 3.1.0\npaths: {}\n', '1.0.0')).toThrow(/no top-level info/);
  });

  it('the committed spec, package.json and CHANGELOG.md agree on the version', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    const spec = parse(await readFile(join(root, 'openapi', 'openapi.yaml'), 'utf8'));
    expect(spec.info.version).toBe(pkg.version);
    expect(await readFile(join(root, 'CHANGELOG.md'), 'utf8')).toMatch(
      new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}$`, 'm'),
    );
  });
});
