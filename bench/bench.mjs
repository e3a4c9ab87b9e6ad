#!/usr/bin/env node
// `npm run bench`: calls per second of raw fetch, bare openapi-fetch and createRyzeClient, against the same
// local node:http server (bench/server.mjs, its own process on 127.0.0.1), plus the client's bundle size.
// Writes bench/RESULTS.md. Each round runs every task (in a rotating order, so none always goes first); the
// figures are the medians over the rounds. Run it on an idle machine: the numbers are only comparable with
// each other, within one run.
// Usage: npm run bench [-- --rounds N --time MS]   (needs dist/: `npm run bench` builds it first)
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import createClient from 'openapi-fetch';
import { Bench } from 'tinybench';
import { createRyzeClient } from '../dist/index.js';
import { sizes } from '../scripts/check-size.mjs';
import { parseCommandLine } from '../src/mock/lifecycle.js';
import { benchMock } from './mock-bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = parseCommandLine({
  usage: 'Usage: npm run bench [-- --rounds N --time MS]   (default: 9 rounds of 1000 ms per task; needs dist/)',
  options: { rounds: { type: 'string' }, time: { type: 'string' } },
});
const ROUNDS = Number(args.rounds ?? 9);
const TIME = Number(args.time ?? 1000);
const TOKEN = 'bench-token-0123456789';
const INSTANCE = 'my-instance';
const NUMBER = '5511999999999';

const server = fork(join(here, 'server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const [{ port }] = await once(server, 'message');
const baseUrl = `http://127.0.0.1:${port}`;

const bare = createClient({ baseUrl, headers: { token: TOKEN } });
const ryze = createRyzeClient({ token: TOKEN, baseUrl });
const lean = createRyzeClient({ token: TOKEN, baseUrl, timeoutMs: false, retry: false });
const check = (data) => {
  if (data?.blocked !== true) throw new Error(`unexpected answer ${JSON.stringify(data)}`);
};
const params = { path: { instance: INSTANCE } };
const body = { number: NUMBER, block: true };

const RAW = 'raw fetch';
const BARE = 'openapi-fetch (bare)';
const CLIENT = 'createRyzeClient (defaults: 30 s timeout, retries)';
const LEAN = 'createRyzeClient (no timeout, no retry)';
const overServer = {
  [RAW]: async () => {
    const response = await fetch(`${baseUrl}/api/chat/block/${INSTANCE}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', token: TOKEN },
      body: JSON.stringify(body),
    });
    check(await response.json());
  },
  [BARE]: async () => check((await bare.POST('/api/chat/block/{instance}', { params, body })).data),
  [CLIENT]: async () => check(await ryze.blockContact({ instance: INSTANCE, number: NUMBER })),
  [LEAN]: async () => check(await lean.blockContact({ instance: INSTANCE, number: NUMBER })),
};

// The same calls with an in-process fetch that answers at once: the client-side cost alone, without the
// network's noise.
const answer = JSON.stringify({
  success: true,
  message: 'Contact blocked successfully',
  contact_jid: '5511999999999@s.whatsapp.net',
  blocked_count: 7,
  blocked: true,
});
const answerHeaders = {
  'Content-Type': 'application/json',
  'X-RateLimit-Limit': '100',
  'X-RateLimit-Remaining': '99',
  'X-RateLimit-Reset': '1795651260',
};
const local = async () => new Response(answer, { status: 200, headers: answerHeaders });
const bareLocal = createClient({ baseUrl, headers: { token: TOKEN }, fetch: local });
const ryzeLocal = createRyzeClient({ token: TOKEN, baseUrl, fetch: local });
const leanLocal = createRyzeClient({ token: TOKEN, baseUrl, fetch: local, timeoutMs: false, retry: false });
const inProcess = {
  [BARE]: async () => check((await bareLocal.POST('/api/chat/block/{instance}', { params, body })).data),
  [CLIENT]: async () => check(await ryzeLocal.blockContact({ instance: INSTANCE, number: NUMBER })),
  [LEAN]: async () => check(await leanLocal.blockContact({ instance: INSTANCE, number: NUMBER })),
};

/** Runs `tasks` for ROUNDS rounds (rotating their order); returns each task's throughput per round. */
async function measure(label, tasks) {
  const names = Object.keys(tasks);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: TIME, warmupTime: 200, throws: true });
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      bench.add(name, tasks[name]);
    }
    await bench.run();
    for (const task of bench.tasks) samples[task.name].push(task.result.throughput.mean);
    process.stderr.write(
      `${label} round ${round + 1}/${ROUNDS}: ${bench.tasks.map((t) => `${t.name} ${Math.round(t.result.throughput.mean)}/s`).join(', ')}\n`,
    );
  }
  return samples;
}

let server$, local$;
try {
  server$ = await measure('server', overServer);
  local$ = await measure('in-process', inProcess);
} finally {
  server.disconnect();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n) => Math.round(n).toLocaleString('en');
const pct = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
/** Per round, time per call of `name` over time per call of `base` (paired, so rounds' drift cancels). */
const ratios = (samples, name, base) => samples[name].map((hz, i) => samples[base][i] / hz);
const rows = (samples) =>
  Object.keys(samples).map((name) => {
    const hz = median(samples[name]);
    const r = ratios(samples, name, BARE);
    return `| ${name} | ${fmt(hz)} | ${(1e6 / hz).toFixed(1)} | ${name === BARE ? '0%' : `${pct(median(r))} (${pct(Math.min(...r))} to ${pct(Math.max(...r))})`} |`;
  });
const cost = median(ratios(server$, CLIENT, BARE));
const localCost = median(ratios(local$, CLIENT, BARE));
const rawVsBare = median(ratios(server$, BARE, RAW));
const extra = 1e6 / median(local$[CLIENT]) - 1e6 / median(local$[BARE]);
const size = await sizes();

const report = `# Benchmark results

Written by \`npm run bench\` (bench/bench.mjs) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}.

One call = \`POST /api/chat/block/{instance}\`, answered with the documented 200 body and the rate-limit headers;
the answer is parsed and checked. Calls run one at a time. tinybench, ${ROUNDS} rounds of ${TIME} ms per task, the
task order rotating each round. Calls/s are medians over the rounds; the cost column is the median, over the
rounds, of the time per call relative to bare openapi-fetch in the same round (min to max in brackets).

## Against a local server

A node:http server in its own process on 127.0.0.1 (bench/server.mjs), keep-alive connections.

| Task | Calls/s | µs per call | Time per call vs bare openapi-fetch |
| --- | ---: | ---: | --- |
${rows(server$).join('\n')}

**createRyzeClient costs ${pct(cost)} per call over bare openapi-fetch** (goal: at most +5%: ${cost <= 1.05 ? 'met' : 'not met'}).
The client-side cost measured below without the network (${extra.toFixed(1)} µs per call) comes to
${pct(1 + extra / (1e6 / median(server$[BARE])))} of a bare openapi-fetch call here: the steadier estimate of the same figure.
Bare openapi-fetch itself costs ${pct(rawVsBare)} over raw fetch (mostly the \`Request\` it always builds).
On this 2-core machine the server and the client share the CPUs, so single rounds vary by ±15%; differences
of a few percent between the openapi-fetch rows are within that noise.

## Client-side cost alone

The same calls with an in-process \`fetch\` that answers at once (no network, no server): what the client
itself spends per call.

| Task | Calls/s | µs per call | Time per call vs bare openapi-fetch |
| --- | ---: | ---: | --- |
${rows(local$).join('\n')}

The client's extras per call (${pct(localCost)} here, ${(1e6 / median(local$[CLIENT]) - 1e6 / median(local$[BARE])).toFixed(1)} µs with the defaults, ${(1e6 / median(local$[LEAN]) - 1e6 / median(local$[BARE])).toFixed(1)} µs without a time
limit): an AbortController for the time limit and the caller's signal, which fetch then follows (the larger
part: the \`Request\` gets a signal that bare openapi-fetch does not give it), a timer, reading the body with a
stream reader that counts bytes against the size cap and parsing it once, the exact check of the answer against
the documented variants, and parsing the three rate-limit headers. Against a server, even on loopback, this is a
small part of a call, as the first table shows.

## Size

The client (createRyzeClient + RyzeApiError + openapi-fetch; esbuild --minify, gzip -9): **${size.client.gzipped} B**
min+gzip (${size.client.minified} B minified; budget ${size.budget} B, checked by \`npm test\`). The whole main entry
with the helpers: ${size.entry.gzipped} B.
`;
// The mock's own figures (issue: a mock consumers can build against): ours vs bare Prism, MSW vs HTTP.
server.kill();
const mock = await benchMock();
const full = `${report}\n${mock.markdown}\n${(await (await import('./docs.mjs')).benchDocs()).markdown}`;
await writeFile(join(here, 'RESULTS.md'), full);
console.log(full);
