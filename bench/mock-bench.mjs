// Mock benchmark (part of `npm run bench`): throughput and latency of the stateful sandbox over HTTP
// (dist/mock/server.js) against bare, silent Prism on the same spec, in the same run, with the same load
// (autocannon, from this process; each server in its own child process so they do not share a CPU with the load
// generator); its memory over a long load at 50 connections; then one in-process call against one HTTP call to the
// mock: the MSW handlers through setupServer (fetch intercepted, what most tests do) and through msw's getResponse (no
// interception), MSW's own floor (a trivial handler through setupServer), and `sandbox.fetch` with no MSW. Needs
// `npm run build` first (npm run bench does it). `--seconds`, `--memory-seconds` and `--calls` make a short run.
// The sandbox counts every request but never answers 429 here (`rateLimit: { enforce: false }`), so the load
// measures the whole pipeline: validation, state change, echo, live headers.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parseCommandLine } from '../src/mock/lifecycle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BODY = JSON.stringify({ number: '5511999999999', mute: true, duration: '8h' });
const HEADERS = { token: 'bench-token', 'content-type': 'application/json' };
const GOALS = { ratio: 1.2, p99: 5, growthMb: 50, inProcess: 5 };

/** Start a server in a child process (see mock-bench-server.mjs); resolves to its URL, a memory probe and a stop function. */
function serve(kind) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./mock-bench-server.mjs', import.meta.url)), ['--kind', kind], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    });
    const memory = async () => {
      child.send('memory');
      const [message] = await once(child, 'message');
      return message.memory;
    };
    child.once('message', (message) => resolve({ url: message.url, memory, stop: () => child.kill('SIGTERM') }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

function load(url, seconds, connections = 10) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/api/chat/mute/my-instance`,
        method: 'POST',
        headers: HEADERS,
        body: BODY,
        connections,
        duration: seconds,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function measure(kind, seconds) {
  const server = await serve(kind);
  try {
    await load(server.url, 1); // warm-up
    const result = await load(server.url, seconds);
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
    };
  } finally {
    server.stop();
  }
}

/** Memory of the sandbox server (after a forced GC) before and after a long load at 50 connections. */
async function memoryUnderLoad(seconds) {
  const server = await serve('ours');
  try {
    await load(server.url, 2, 50); // warm-up: code paths compiled, pools filled
    const before = await server.memory();
    const result = await load(server.url, seconds, 50);
    const after = await server.memory();
    const mb = (bytes) => bytes / 1024 / 1024;
    return {
      seconds,
      requests: result.requests.total,
      errors: result.errors + result.non2xx,
      p99: result.latency.p99,
      rssGrowthMb: mb(after.rss - before.rss),
      heapGrowthMb: mb(after.heapUsed - before.heapUsed),
    };
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
export async function benchMock({ seconds = 5, calls = 3000, memorySeconds = 60 } = {}) {
  // Alternate the two servers twice and keep each one's better run, so a noisy moment does not decide the ratio.
  const runs = { ours: [], prism: [] };
  for (let round = 0; round < 2; round += 1) {
    runs.prism.push(await measure('prism', seconds));
    runs.ours.push(await measure('ours', seconds));
  }
  const best = (list) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const ours = best(runs.ours);
  const prism = best(runs.prism);
  const memory = await memoryUnderLoad(memorySeconds);

  const http = await serve('ours');
  const { setupServer } = await import('msw/node');
  const { http: mswHttp, HttpResponse, getResponse } = await import('msw');
  const { createRyzeHandlers } = await import('../dist/msw.js');
  const { createSandbox } = await import('../dist/mock/sandbox.js');
  const unlimited = { rateLimit: { enforce: false } };
  const call =
    (base, fetcher = (...args) => fetch(...args)) =>
    async () => {
      const response = await fetcher(`${base}/api/chat/mute/my-instance`, {
        method: 'POST',
        headers: HEADERS,
        body: BODY,
      });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      await response.arrayBuffer();
    };
  const withMsw = async (handlers, fn) => {
    const msw = setupServer(...handlers);
    msw.listen({ onUnhandledRequest: 'bypass' });
    try {
      return await fn();
    } finally {
      msw.close();
    }
  };
  let viaHttp;
  let viaMsw;
  let viaGetResponse;
  let mswFloor;
  let viaSandbox;
  try {
    viaHttp = await perCall(call(http.url), calls);
    viaMsw = await withMsw(createRyzeHandlers({ baseUrl: 'https://ryzeapi.cloud', seed: unlimited }), () =>
      perCall(call('https://ryzeapi.cloud'), calls),
    );
    // The same handlers with no interception: the request the caller builds, resolved by msw's getResponse.
    const handlers = createRyzeHandlers({ baseUrl: 'https://ryzeapi.cloud', seed: unlimited });
    viaGetResponse = await perCall(
      call('https://ryzeapi.cloud', async (url, init) => getResponse(handlers, new Request(url, init))),
      calls,
    );
    // MSW's own cost: a handler that answers a constant at once.
    const trivial = mswHttp.post('https://ryzeapi.cloud/api/chat/mute/:instance', () =>
      HttpResponse.json({ success: true }),
    );
    mswFloor = await withMsw([trivial], () => perCall(call('https://ryzeapi.cloud'), calls));
    const sandbox = createSandbox(unlimited);
    viaSandbox = await perCall(call('https://ryzeapi.cloud', sandbox.fetch), calls);
  } finally {
    http.stop();
  }

  const ratio = ours.rps / prism.rps;
  const met = (ok) => (ok ? 'met' : 'not met');
  const faster = (x) => viaHttp.meanUs / x.meanUs;
  const markdown = [
    '## Mock',
    '',
    `autocannon, 10 connections, ${seconds} s per run after a 1 s warm-up, POST /api/chat/mute with a valid body;`,
    'each server alone in a child process; two alternating runs each, the better one kept. The sandbox keeps its',
    "state (the mute is applied, the chat JID echoed) and counts the token's requests (live headers, no 429 here).",
    '',
    '| Server | Requests/s | p50 latency | p99 latency |',
    '| --- | ---: | ---: | ---: |',
    `| bare Prism (prism-http-server, silent) | ${prism.rps.toFixed(0)} | ${prism.p50} ms | ${prism.p99} ms |`,
    `| the sandbox (Prism's validators + the stateful pipeline) | ${ours.rps.toFixed(0)} | ${ours.p50} ms | ${ours.p99} ms |`,
    '',
    `Throughput ratio sandbox / bare Prism: **${ratio.toFixed(2)}x** (goal >= ${GOALS.ratio}x: ${met(ratio >= GOALS.ratio)}); ` +
      `sandbox p99: **${ours.p99} ms** (goal <= ${GOALS.p99} ms: ${ours.p99 <= GOALS.p99 ? 'met' : `not met; bare Prism's p99 in the same run is ${prism.p99} ms`}).`,
    "The sandbox calls Prism's request and security validators directly (no routing, response negotiation or",
    "response validation: the answers are the spec's own examples, validated by the tests) and remembers their last",
    'verdicts (pure functions of the operation, the path, the body and the credential headers): a repeated request pays',
    "for Prism's checks once.",
    '',
    `Memory under load: ${memory.seconds} s at 50 connections, ${memory.requests} requests (${memory.errors} errors, p99 ${memory.p99} ms): ` +
      `RSS ${memory.rssGrowthMb >= 0 ? '+' : ''}${memory.rssGrowthMb.toFixed(1)} MB, heap ${memory.heapGrowthMb >= 0 ? '+' : ''}${memory.heapGrowthMb.toFixed(1)} MB ` +
      `after a forced GC (goal <= ${GOALS.growthMb} MB growth: ${met(memory.rssGrowthMb <= GOALS.growthMb)}).`,
    '',
    `One call, ${calls} sequential calls after 200 warm-up calls, fetch of the same request:`,
    '',
    '| Path | Mean per call | p99 per call | HTTP call / this |',
    '| --- | ---: | ---: | ---: |',
    `| HTTP mock on 127.0.0.1 | ${viaHttp.meanUs.toFixed(0)} us | ${viaHttp.p99Us.toFixed(0)} us | 1.0x |`,
    `| MSW handlers through setupServer (msw/node: fetch intercepted) | ${viaMsw.meanUs.toFixed(0)} us | ${viaMsw.p99Us.toFixed(0)} us | ${faster(viaMsw).toFixed(1)}x |`,
    `| MSW with a trivial handler through setupServer (MSW's interception alone) | ${mswFloor.meanUs.toFixed(0)} us | ${mswFloor.p99Us.toFixed(0)} us | ${faster(mswFloor).toFixed(1)}x |`,
    `| MSW handlers through msw's \`getResponse(handlers, request)\` (no interception) | ${viaGetResponse.meanUs.toFixed(0)} us | ${viaGetResponse.p99Us.toFixed(0)} us | ${faster(viaGetResponse).toFixed(1)}x |`,
    `| \`sandbox.fetch\` in-process (no MSW) | ${viaSandbox.meanUs.toFixed(0)} us | ${viaSandbox.p99Us.toFixed(0)} us | ${faster(viaSandbox).toFixed(1)}x |`,
    '',
    `One MSW call vs one HTTP call (goal >= ${GOALS.inProcess}x): through setupServer **${faster(viaMsw).toFixed(1)}x** ` +
      `(${met(faster(viaMsw) >= GOALS.inProcess)}; MSW's interception alone, a trivial handler, takes ${mswFloor.meanUs.toFixed(0)} us, ` +
      `so no handler behind it can pass ${faster(mswFloor).toFixed(1)}x); through msw's \`getResponse\` **${faster(viaGetResponse).toFixed(1)}x** ` +
      `(${met(faster(viaGetResponse) >= GOALS.inProcess)}); \`sandbox.fetch\`: **${faster(viaSandbox).toFixed(1)}x**.`,
    '',
  ].join('\n');
  return { ours, prism, ratio, memory, viaHttp, viaMsw, viaGetResponse, mswFloor, viaSandbox, markdown };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const usage = [
    'Usage: node bench/mock-bench.mjs [--seconds N] [--memory-seconds N] [--calls N]   (needs dist/: npm run build)',
    '  The mock benchmark alone; npm run bench runs it too (5 s per load run, 60 s of memory load, 3000 calls).',
    '  A short check: --seconds 2 --memory-seconds 3 --calls 500',
  ].join('\n');
  const flags = parseCommandLine({
    usage,
    options: { seconds: { type: 'string' }, 'memory-seconds': { type: 'string' }, calls: { type: 'string' } },
  });
  const count = (name, fallback) => {
    const value = flags[name] ?? String(fallback);
    if (!/^[1-9]\d*$/.test(value)) {
      console.error(`--${name} takes a whole number from 1 up (got "${value}")\n\n${usage}`);
      process.exit(2);
    }
    return Number(value);
  };
  const result = await benchMock({
    seconds: count('seconds', 5),
    memorySeconds: count('memory-seconds', 60),
    calls: count('calls', 3000),
  });
  console.log(result.markdown);
}
