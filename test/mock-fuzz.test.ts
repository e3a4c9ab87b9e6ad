// A sample of the sandbox fuzzer (bench/mock-fuzz-lib.mjs; the full run, 100,000+ requests, is `npm run fuzz` with
// its counts in bench/MOCK-FUZZ.md): random well-formed requests and raw-socket malformed ones against the HTTP mock.
// Every one must get an answer (no hang), a documented status (no 500 unless asked for), the envelope on every error,
// a valid body on every success, the rate-limit headers; and the mock must still work afterwards (no crash). The
// fast-check seed changes every run and is printed, so a failure can be replayed with FUZZ_SEED=<seed>.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_SEED, checkHttp, fuzz, httpRequest } from '../bench/mock-fuzz-lib.mjs';
import { CHECKS_DIR, writeCheckResult } from '../scripts/lib/check-result.mjs';
import { startMockServer, type RunningMockServer } from '../src/mock/server.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const HTTP_RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const RAW_RUNS = Math.ceil(HTTP_RUNS / 4);
let mock: RunningMockServer;
let summary = '';

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: FUZZ_SEED });
});
afterAll(async () => {
  await mock?.close();
  console.log(summary);
});

describe('fuzzing the sandbox over HTTP', () => {
  it(`answers ${HTTP_RUNS} random well-formed and ${RAW_RUNS} malformed requests, each with a documented status and body`, async () => {
    const counts = await fuzz({ url: mock.url, http: HTTP_RUNS, raw: RAW_RUNS, concurrency: 4, seed: SEED });
    summary = `fuzz: ${counts.requests} requests (${counts.raw} malformed); statuses ${JSON.stringify(counts.statuses)}; seed ${SEED}`;
    const { problems, ...figures } = counts;
    const ok =
      problems.length === 0 && counts.serverErrors + counts.withoutEnvelope + counts.hangs + counts.unanswered === 0;
    await writeCheckResult(`${CHECKS_DIR}/fuzz.json`, {
      check: 'fuzz',
      ok,
      summary: summary.slice('fuzz: '.length),
      figures: { ...figures, seed: SEED, problems: problems.length },
    });
    expect(counts.problems, `FUZZ_SEED=${SEED}`).toEqual([]);
    expect([counts.serverErrors, counts.withoutEnvelope, counts.hangs, counts.unanswered]).toEqual([0, 0, 0, 0]);
    expect(counts.requests).toBe(HTTP_RUNS + RAW_RUNS);
    // The sample reached several kinds of answer (success, validation, auth, routing...).
    expect(Object.keys(counts.statuses).length).toBeGreaterThan(4);
  }, 120_000);

  it('answers 300 random requests sent all at once, then still works', async () => {
    const batch = fc.sample(httpRequest, { numRuns: 300, seed: SEED });
    const problems = await Promise.all(
      batch.map(async (input) => {
        const response = await fetch(`${mock.url}${input.path}`, {
          method: input.method,
          headers: input.headers,
          ...(input.method === 'GET' || input.method === 'HEAD' ? {} : { body: input.body }),
          signal: AbortSignal.timeout(30_000),
        }).catch((error: Error) => (error.name === 'TimeoutError' ? error : undefined));
        if (response instanceof Error) return `hang: ${input.path}`;
        if (!response) return undefined; // a header value fetch itself refuses to send
        return checkHttp(input, response.status, (name: string) => response.headers.get(name), await response.text());
      }),
    );
    expect(problems.filter(Boolean), `FUZZ_SEED=${SEED}`).toEqual([]);
    const response = await fetch(`${mock.url}/api/chat/mute/my-instance`, {
      method: 'POST',
      headers: { token: 'fuzz-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ number: '5511999999999', mute: false }),
    });
    expect(response.status).toBe(200);
  }, 120_000);
});
