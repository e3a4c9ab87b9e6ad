#!/usr/bin/env node
// `npm run fuzz`: at least 100,000 random and malformed requests against the sandbox over HTTP (dist/mock, in its
// own process, seeded with FUZZ_SEED), through the fuzzer in ./mock-fuzz-lib.mjs. Writes the counts to
// bench/MOCK-FUZZ.md and exits 1 on any 500, answer without the envelope, or hang. `npm test` runs a sample of it.
// Usage: npm run fuzz [-- --http N --raw N --seed S --concurrency C]
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../src/mock/lifecycle.js';

const values = parseCommandLine({
  usage:
    'Usage: npm run fuzz [-- --http N --raw N --seed S --concurrency C --out FILE]\n' +
    '  defaults: 90000 well-formed and 12000 malformed requests, seed 20261201, 16 at a time, bench/MOCK-FUZZ.md',
  options: {
    http: { type: 'string' },
    raw: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    out: { type: 'string' },
  },
});
const http = Number(values.http ?? 90_000);
const raw = Number(values.raw ?? 12_000);
const seed = Number(values.seed ?? 20261201);
const concurrency = Number(values.concurrency ?? 16);
const out = values.out ?? fileURLToPath(new URL('./MOCK-FUZZ.md', import.meta.url));

const child = fork(fileURLToPath(new URL('./mock-bench-server.mjs', import.meta.url)), ['--kind', 'fuzz'], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const url = await new Promise((resolve, reject) => {
  child.once('message', (message) => resolve(message.url));
  child.once('exit', (code) => reject(new Error(`the mock exited with ${code}`)));
});
const started = performance.now();
let counts;
try {
  const { fuzz } = await import('./mock-fuzz-lib.mjs'); // after the flags: a bad one is refused at once
  counts = await fuzz({
    url,
    http,
    raw,
    seed,
    concurrency,
    onProgress: (done, c) =>
      console.log(`${done} sent: ${c.serverErrors} 500s, ${c.withoutEnvelope} without envelope, ${c.hangs} hangs`),
  });
} finally {
  child.kill('SIGTERM');
}
const seconds = (performance.now() - started) / 1000;
const ok = counts.serverErrors === 0 && counts.withoutEnvelope === 0 && counts.hangs === 0;
const statuses = Object.entries(counts.statuses)
  .sort(([a], [b]) => Number(a) - Number(b))
  .map(([s, n]) => `${s}: ${n}`)
  .join(', ');
const markdown = [
  '# Sandbox fuzz results',
  '',
  `Written by \`npm run fuzz\` (bench/mock-fuzz.mjs) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}.`,
  `The HTTP mock (dist/mock, its own process, seed FUZZ_SEED in bench/mock-fuzz-lib.mjs), ${concurrency} requests at a time, fast-check seed ${seed}, ${seconds.toFixed(0)} s.`,
  '',
  '| Requests | Well-formed (fetch) | Malformed (raw socket) | 500s not asked for | Answers without the envelope | Hangs | Closed unanswered |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  `| ${counts.requests} | ${counts.http} | ${counts.raw} | ${counts.serverErrors} | ${counts.withoutEnvelope} | ${counts.hangs} | ${counts.unanswered} |`,
  '',
  `Statuses: ${statuses}. (A 500 appears only where the request asked for it with \`Prefer: code=500\` or \`Sandbox-Fault: status=500\`; 405 and some 404s are`,
  'the control API under /__sandbox; 408 would be a request that never finished arriving.)',
  '',
  ok
    ? 'Result: **pass** (0 unasked 500s, every answer with the envelope, 0 hangs).'
    : `Result: **fail**. First problems:\n\n${counts.problems.map((p) => `- ${p}`).join('\n')}`,
  '',
].join('\n');
await writeFile(out, markdown);
console.log(markdown);
process.exit(ok ? 0 : 1);
