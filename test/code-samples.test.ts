// The docs' code samples (x-codeSamples, from openapi/code_samples/) are run against the mock: the cURL sample
// in bash, the JavaScript sample in node, the Python sample in python3 (standard library only), the TypeScript
// sample through vitest (it is also type-checked by tsc). The mock validates each request against the spec, so
// a sample that drifts from the contract fails here.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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
  { lang: 'Python', label: 'Python', folder: 'python', file: 'post.py' },
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
  const samples = (operation as unknown as { 'x-codeSamples': { lang: string; label: string; source: string }[] })[
    'x-codeSamples'
  ];
  const pathFile = path.slice(1).replace(/\//g, '_');
  const file = (folder: string, name: string) => join(root, 'openapi', 'code_samples', folder, pathFile, name);
  const ok = responseExamples.find((e) => e.path === path && e.status === 200);

  describe(`${operation.operationId} code samples`, () => {
    it('has a cURL, a TypeScript, a JavaScript and a Python sample, each the text of its file', () => {
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
      await expect(run('bash', ['-c', source], { env: { ...env(), RYZE_TOKEN: '' } })).rejects.toMatchObject({
        code: 22,
      });
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

    it('the Python sample sends a documented request example and prints the documented answer', async () => {
      const source = readFileSync(file('python', 'post.py'), 'utf8');
      expect(source, 'standard library only').not.toMatch(/^\s*(import|from)\s+(?!json\b|os\b|sys\b|urllib\b)/m);
      const literal = /json\.dumps\((\{.*?\})\)/.exec(source)?.[1] ?? 'null';
      const body = JSON.parse(literal.replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false'));
      expect(requestExamples.filter((e) => e.path === path).map((e) => e.value)).toContainEqual(body);
      const { stdout, stderr } = await run('python3', [file('python', 'post.py')], { env: env(), cwd: root });
      expect(stderr).toBe('');
      expect(stdout.trim()).toBe(
        path.includes('block')
          ? '5511999999999@s.whatsapp.net blocked: true; 7 contacts blocked in all'
          : 'Chat muted for 8 hours (28800 s; 0 = no end)',
      );
    });

    it('the Python sample fails loudly (exit 1, the status and the body on stderr) when the request is refused', async () => {
      const failure = run('python3', [file('python', 'post.py')], { env: { ...env(), RYZE_TOKEN: '' }, cwd: root });
      await expect(failure).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^HTTP 401: .*Missing token/),
      });
    });

    it('the Python sample follows no redirect: the token never reaches another host', async () => {
      // A server that answers every request with a 303 to a second one, which records what reaches it. Python's
      // default handler would follow a 303 as a GET with the same headers, the token included.
      const reached: string[] = [];
      const listen = (server: Server) =>
        new Promise<number>((resolve) =>
          server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
        );
      const other = createServer((request, response) => {
        reached.push(`${request.method} ${request.url} token=${request.headers.token ?? ''}`);
        response.end('{}');
      });
      const otherPort = await listen(other);
      const redirecting = createServer((request, response) => {
        response.writeHead(303, { Location: `http://127.0.0.1:${otherPort}${request.url}` }).end();
      });
      const port = await listen(redirecting);
      try {
        const failure = run('python3', [file('python', 'post.py')], {
          env: { ...env(), RYZE_BASE_URL: `http://127.0.0.1:${port}` },
          cwd: root,
        });
        await expect(failure).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^HTTP 303/) });
        expect(reached).toEqual([]);
      } finally {
        await Promise.all([redirecting, other].map((server) => new Promise((resolve) => server.close(resolve))));
      }
    });

    it("the TypeScript sample succeeds against the mock, through this package's client", async () => {
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
