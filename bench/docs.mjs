// Docs benchmark (part of `npm run bench`): the page's weight against its budget, and how long a reader waits in
// Chromium (Debian chromium, headless, no cache: a new browser context per load) for the first operation to be
// visible when following a link to it, and for the page to be interactive (Redoc hydrated).
// Usage: node bench/docs.mjs [--rounds N]   (needs chromium: CHROMIUM_PATH or /usr/bin/chromium)
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS, chromiumLaunchOptions } from '../scripts/lib/chromium.mjs';
import { parseCommandLine } from '../src/mock/lifecycle.js';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/** One load of `url`: ms from navigation start until `summary`'s heading is in the viewport, and until hydrated. */
async function load(browser, url, summary) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const visible = await page.waitForFunction(
      (text) => {
        const heading = [...document.querySelectorAll('#api-content h2')].find((h) => h.textContent?.includes(text));
        const box = heading?.getBoundingClientRect();
        return box && box.height > 0 && box.top >= 0 && box.top < window.innerHeight ? performance.now() : false;
      },
      summary,
      { polling: 'raf', timeout: 30_000 },
    );
    const interactive = await page.waitForFunction(
      () =>
        document.querySelector('a[href^="#/"]') && !document.querySelector('#redoc a[href^="/"]')
          ? performance.now()
          : false,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    return { visible: await visible.jsonValue(), interactive: await interactive.jsonValue() };
  } finally {
    await context.close();
  }
}

/** Measure; resolves to the figures and a Markdown section for bench/RESULTS.md. */
export async function benchDocs({ rounds = 9 } = {}) {
  // Loaded here, not at the top: a bad command line is refused without loading Redocly or Playwright.
  const { chromium } = await import('playwright-core');
  const { buildDocs, readBundle } = await import('../scripts/docs.mjs');
  const { startDocsServer } = await import('../scripts/docs-server.mjs');
  const launch = chromiumLaunchOptions();
  const { executablePath } = launch;
  const page = await buildDocs();
  const weight = `${kb(page.bytes)}, **${kb(page.gzipBytes)} gzipped** (budget ${kb(page.budget)}, checked by every \`npm run docs\`)`;
  if (!existsSync(executablePath)) {
    const markdown = `## Docs page\n\nWeight: ${weight}. Load times not measured: no chromium at ${executablePath}.\n`;
    return { page, markdown };
  }
  const bundle = await readBundle();
  const [path, item] = Object.entries(bundle.paths)[0];
  const operation = Object.values(item).find((o) => o?.operationId);
  const route = `#/other/${operation.operationId.toLowerCase()}`;
  const server = await startDocsServer({ port: 0 });
  const browser = await chromium.launch(launch);
  try {
    const url = `${server.url}/${route}`;
    await load(browser, url, operation.summary); // warm-up: the OS file cache, chromium's own start
    const samples = [];
    for (let i = 0; i < rounds; i++) samples.push(await load(browser, url, operation.summary));
    const visible = samples.map((s) => s.visible);
    const interactive = samples.map((s) => s.interactive);
    const ms = (values) =>
      `**${Math.round(median(values))} ms** (${Math.round(Math.min(...values))} to ${Math.round(Math.max(...values))})`;
    const markdown = [
      '## Docs page',
      '',
      `Chromium ${browser.version()} (headless, ${CHROMIUM_FLAGS.slice(1).join(' ')}), the page from the docs server on loopback, a`,
      `fresh browser context (no cache) per load, ${rounds} loads after one warm-up; median (min to max), from navigation start.`,
      '',
      '| Measure | Value |',
      '| --- | --- |',
      `| Page weight (docs/index.html) | ${weight} |`,
      `| First operation visible: \`${operation.summary}\` (\`POST ${path}\`), opened by its link \`${route}\` | ${ms(visible)} |`,
      `| Interactive (Redoc hydrated: its links work) | ${ms(interactive)} |`,
      '',
    ].join('\n');
    return { page, visible, interactive, markdown };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseCommandLine({
    usage: 'Usage: node bench/docs.mjs [--rounds N]   (default 9; needs chromium: CHROMIUM_PATH or /usr/bin/chromium)',
    options: { rounds: { type: 'string' } },
  });
  console.log((await benchDocs({ rounds: Number(args.rounds ?? 9) })).markdown);
}
