// The docs' code samples (x-codeSamples, from openapi/code_samples/) are run against the mock: the cURL sample
// in bash, the JavaScript sample in node, the TypeScript sample through vitest (it is also type-checked by tsc).
// The mock validates each request against the spec, so a sample that drifts from the contract fails here.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_WORLD, startTestMock, type RunningMock } from './helpers/mock.js';
import { operations, requestExamples, responseExamples, schemaErrors } from './helpers/spec.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'sample-test-token';
const LANGUAGES = [
  { lang: 'curl', label: 'cURL', folder: 'curl', file: 'post.sh' },
  { lang: 'TypeScript', label: 'TypeScript (this package)', folder: 'typescript', file: 'post.ts' },
  { lang: 'JavaScript', label: 'JavaScript (fetch)', folder: 'javascript', file: 'post.js' },
] as const;

let mock: RunningMock;
beforeAll(async () => {
  // The world of the documented examples: blocking the sample's number makes 7 blocked contacts.
  mock = await startTestMock({ seed: EXAMPLE_WORLD });
});
afterAll(async () => {
  await mock?.close();
});

const env = () => ({ ...process.env, RYZE_BASE_URL: mock.url, RYZE_TOKEN: TOKEN, RYZE_INSTANCE: 'my-instance' });

for (const { path, operation } of operations) {
  const samples = (operation as unknown as { 'x-codeSamples': { lang: string; label: string; source: string }[] })['x-codeSamples'];
  const pathFile = path.slice(1).replace(/\//g, '_');
  const file = (folder: string, name: string) => join(root, 'openapi', 'code_samples', folder, pathFile, name);
  const ok = responseExamples.find((e) => e.path === path && e.status === 200);

  describe(`${operation.operationId} code samples`, () => {
    it('has a cURL, a TypeScript and a JavaScript sample, each the text of its file', () => {
      expect(samples.map((s) => [s.lang, s.label])).toEqual(LANGUAGES.map((l) => [l.lang, l.label]));
      for (const language of LANGUAGES) {
        const sample = samples.find((s) => s.lang === language.lang);
        expect(sample?.source).toBe(readFileSync(file(language.folder, language.file), 'utf8'));
      }
    });

    it('the cURL sample sends a documented request example and succeeds against the mock', async () => {
      const source = samples.find((s) => s.lang === 'curl')?.source ?? '';
      const body = JSON.parse(/-d '([^']*)'/.exec(source)?.[1] ?? 'null');
      expect(requestExamples.filter((e) => e.path === path).map((e) => e.value)).toContainEqual(body);
      const { stdout } = await run('bash', ['-c', source], { env: env() });
      expect(schemaErrors(ok!.schemaRef, JSON.parse(stdout))).toBe('');
    });

    it('the cURL sample fails loudly (non-zero exit) when the request is refused', async () => {
      const source = samples.find((s) => s.lang === 'curl')?.source ?? '';
      await expect(run('bash', ['-c', source], { env: { ...env(), RYZE_TOKEN: '' } })).rejects.toMatchObject({ code: 22 });
    });

    it('the JavaScript sample succeeds against the mock and prints the documented answer', async () => {
      const { stdout } = await run(process.execPath, [file('javascript', 'post.js')], { env: env(), cwd: root });
      // Both samples send a block or an 8-hour mute, so the stateful mock answers as the examples do.
      expect(stdout.trim()).toBe(
        path.includes('block')
          ? '5511999999999@s.whatsapp.net blocked: true; 7 contacts blocked in all'
          : 'Chat muted for 8 hours (28800 s; 0 = no end)',
      );
    });

    it('the TypeScript sample succeeds against the mock, through this package\'s client', async () => {
      const saved = { ...process.env };
      Object.assign(process.env, { RYZE_BASE_URL: mock.url, RYZE_TOKEN: TOKEN, RYZE_INSTANCE: 'my-instance' });
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        await import(/* @vite-ignore */ pathToFileURL(file('typescript', 'post.ts')).href);
        expect(log).toHaveBeenCalledTimes(1);
        expect(log.mock.calls[0]?.[0]).toBe(
          path.includes('block')
            ? '5511999999999@s.whatsapp.net blocked: true; 7 contacts blocked in all'
            : 'Chat muted for 8 hours (28800 s; 0 = no end)',
        );
      } finally {
        log.mockRestore();
        process.env = saved;
      }
    });
  });
}
