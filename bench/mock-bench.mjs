// Mock benchmark (part of `npm run bench`): throughput and latency of our mock (dist/mock/server.js) against bare,
// silent Prism on the same spec, in the same run, with the same load (autocannon, from this process; each server in
// its own child process so they do not share a CPU with the load generator); then one in-process MSW call against
// one HTTP call to the mock. Needs `npm run build` first (npm run bench does it).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const BODY = JSON.stringify({ number: '5511999999999', mute: true, duration: '8h' });
const HEADERS = { token: 'bench-token', 'content-type': 'application/json' };

/** Start a server in a child process (see mock-bench-server.mjs); resolves to its URL and a stop function. */
function serve(kind) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./mock-bench-server.mjs', import.meta.url)), [kind], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve({ url: message.url, stop: () => child.kill('SIGTERM') }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

function load(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${url}/api/chat/mute/my-instance`, method: 'POST', headers: HEADERS, body: BODY, connections: 10, duration: seconds },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function measure(kind, seconds) {
  const server = await serve(kind);
  try {
    await load(server.url, 1); // warm-up
    const result = await load(server.url, seconds);
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
  } finally {
    server.stop();
  }
}

async function perCall(fn, calls) {
  for (let i = 0; i < 200; i += 1) await fn(); // warm-up
  const times = [];
  for (let i = 0; i < calls; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { meanUs: mean * 1000, p99Us: times[Math.floor(times.length * 0.99)] * 1000 };
}

/** Run every mock measurement; returns the figures and a Markdown section for bench/RESULTS.md. */
export async function benchMock({ seconds = Number(process.env.BENCH_SECONDS ?? 5), calls = 3000 } = {}) {
  // Alternate the two servers twice and keep each one's better run, so a noisy moment does not decide the ratio.
  const runs = { ours: [], prism: [] };
  for (let round = 0; round < 2; round += 1) {
    runs.prism.push(await measure('prism', seconds));
    runs.ours.push(await measure('ours', seconds));
  }
  const best = (list) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const ours = best(runs.ours);
  const prism = best(runs.prism);

  const http = await serve('ours');
  const { setupServer } = await import('msw/node');
  const { createRyzeHandlers } = await import('../dist/msw.js');
  const call = (base) => async () => {
    const response = await fetch(`${base}/api/chat/mute/my-instance`, { method: 'POST', headers: HEADERS, body: BODY });
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    await response.arrayBuffer();
  };
  let viaHttp;
  let viaMsw;
  try {
    viaHttp = await perCall(call(http.url), calls);
    const msw = setupServer(...createRyzeHandlers({ baseUrl: 'https://ryzeapi.cloud' }));
    msw.listen({ onUnhandledRequest: 'bypass' });
    try {
      viaMsw = await perCall(call('https://ryzeapi.cloud'), calls);
    } finally {
      msw.close();
    }
  } finally {
    http.stop();
  }

  const ratio = ours.rps / prism.rps;
  const markdown = [
    '## Mock',
    '',
    `autocannon, 10 connections, ${seconds} s per run after a 1 s warm-up, POST /api/chat/mute with a valid body;`,
    'each server alone in a child process; two alternating runs each, the better one kept.',
    '',
    '| Server | Requests/s | p50 latency | p99 latency |',
    '| --- | ---: | ---: | ---: |',
    `| bare Prism (prism-http-server, silent) | ${prism.rps.toFixed(0)} | ${prism.p50} ms | ${prism.p99} ms |`,
    `| our mock (Prism engine + faithful layer) | ${ours.rps.toFixed(0)} | ${ours.p50} ms | ${ours.p99} ms |`,
    '',
    `Throughput ratio ours / bare Prism: **${ratio.toFixed(2)}x** (goal >= 0.9x: ${ratio >= 0.9 ? 'met' : 'not met'}); ` +
      `our p99: **${ours.p99} ms** (goal <= 5 ms: ${ours.p99 <= 5 ? 'met' : `not met; bare Prism's p99 in the same run is ${prism.p99} ms`}).`,
    'Our layer hands Prism the operation it has already routed and skips Prism\'s per-request response validation',
    '(the answers are the spec\'s own examples, validated by the tests), which is why it outruns bare Prism.',
    '',
    `One call, ${calls} sequential calls after 200 warm-up calls, typed fetch of the same request:`,
    '',
    '| Path | Mean per call | p99 per call |',
    '| --- | ---: | ---: |',
    `| HTTP mock on 127.0.0.1 | ${viaHttp.meanUs.toFixed(0)} us | ${viaHttp.p99Us.toFixed(0)} us |`,
    `| MSW handlers in-process (msw/node) | ${viaMsw.meanUs.toFixed(0)} us | ${viaMsw.p99Us.toFixed(0)} us |`,
    '',
  ].join('\n');
  return { ours, prism, ratio, viaHttp, viaMsw, markdown };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchMock();
  console.log(result.markdown);
}
