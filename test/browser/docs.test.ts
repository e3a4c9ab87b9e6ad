// Real-browser test of the hosted docs (npm run test:browser): Debian chromium driven by playwright-core opens
// docs/index.html, over HTTP from the docs server and from file://, and proves that both operations are listed at
// the top of the navigation and linked from the intro, that every response code, request and response example
// (each request body, each response example with the `Prefer` header that selects it), the durations table and
// every code sample render, that the page's own links resolve, including its links to the agent-readable
// Markdown and the bundle, that the defects a reader reported are gone, and that the page makes no request
// outside its own origin.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs, DOCS_HTML } from '../../scripts/docs.mjs';
import { startDocsServer } from '../../scripts/docs-server.mjs';
import { pageName, preferSelector } from '../../scripts/lib/agent-docs.mjs';
import { chromiumLaunchOptions } from '../../scripts/lib/chromium.mjs';
import { CHECKS_DIR, writeCheckResult } from '../../scripts/lib/check-result.mjs';
import { bundle, deref, operations, type Example, type MediaType, type Response } from '../helpers/spec.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
// The only hosts the page may link to (links are listed, never fetched).
const EXTERNAL_LINK_HOSTS = ['docs.ryzeapi.cloud', 'opensource.org', 'redocly.com', 'stoplight.io'];
// The files the page links to next to itself, and the type the docs server gives each.
const OWN_FILE_TYPES: Record<string, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

let browser: Browser;
let context: BrowserContext;
let docs: { url: string; close: () => Promise<void> };
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await buildDocs();
  docs = await startDocsServer({ port: 0 });
  browser = await chromium.launch(chromiumLaunchOptions(['--disable-quic', '--no-first-run']));
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (page) => watch(page));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await docs?.close();
});

/** Console errors (a Content-Security-Policy violation is one) and uncaught page errors fail the run. */
function watch(page: Page) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

/** Wait until the locator is visible (fails the test on timeout with the given label). */
async function visible(locator: Locator, label: string) {
  await locator.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error(`not visible: ${label}`);
  });
}

/** The items of the dropdown menu that is open now (Redoc keeps other menus' items in the DOM, hidden). */
async function openMenuItems(page: Page): Promise<string[]> {
  const items = page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ visible: true });
  await items.first().waitFor({ state: 'visible' });
  const texts = (await items.allInnerTexts()).map((t) => t.trim());
  await page.keyboard.press('Escape');
  return texts;
}

/** Open a dropdown and pick the item with this exact text. */
async function choose(page: Page, dropdown: Locator, item: string) {
  const items = page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ visible: true });
  await dropdown.click();
  // A menu closed with Escape takes a second click to open again.
  if (
    !(await items
      .first()
      .waitFor({ state: 'visible', timeout: 1_000 })
      .then(
        () => true,
        () => false,
      ))
  )
    await dropdown.click();
  await items.getByText(item, { exact: true }).click();
}

/**
 * Wait until Redoc has hydrated its prerendered HTML: the prerendered links are path-style (`/section/errors`),
 * the live ones hash-style (`#/section/errors`), which is what makes the page work from file:// and any static
 * host.
 */
async function hydrated(page: Page) {
  await page.locator('#api-content').waitFor();
  await page.waitForFunction(
    () => document.querySelector('a[href^="#/"]') !== null && document.querySelector('#redoc a[href^="/"]') === null,
    undefined,
    { timeout: 15_000 },
  );
}

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await hydrated(page);
  return page;
}

const plain = (markdown: string) => markdown.replace(/`/g, '').replace(/\s+/g, ' ').trim();
const examplesOf = (media: MediaType) =>
  Object.entries(media.examples ?? {}).map(([name, e]) => ({ name, ...deref<Example>(e) }));

/** The operations in spec order, with what the page must show for each. */
const expected = operations.map(({ operation }) => {
  const op = operation as typeof operation & { summary: string; 'x-codeSamples': { label: string; source: string }[] };
  const requestMedia = operation.requestBody.content['application/json'] as MediaType;
  const responses = Object.entries(operation.responses).map(([status, raw]) => ({
    status,
    examples: examplesOf(deref<Response>(raw).content?.['application/json'] as MediaType),
  }));
  return {
    id: operation.operationId,
    summary: op.summary,
    // Redoc's route for an untagged operation: the page drops the lone tag (scripts/redocly/docs-page.mjs).
    route: `#/other/${operation.operationId.toLowerCase()}`,
    requests: examplesOf(requestMedia),
    samples: op['x-codeSamples'],
    responses,
  };
});
const info = (bundle as unknown as { info: { title: string } }).info;
const resetExample = (bundle.components.headers as Record<string, { example: number }>)['X-RateLimit-Reset']!.example;

describe('the docs page, served over HTTP', () => {
  it('renders the overview with every section the upstream pages explain, plus the mock and the client', async () => {
    const page = await open(`${docs.url}/`);
    const text = await page.locator('#api-content').innerText();
    expect(text).toContain(info.title);
    for (const heading of [
      'Authentication',
      'Rate limits',
      'Errors',
      'Browsers (CORS)',
      'Idempotency',
      'Webhooks',
      'Try it against the mock',
      'Use the TypeScript client',
    ]) {
      await visible(page.locator('#api-content h2', { hasText: heading }).first(), heading);
    }
    expect(text).toContain('X-RateLimit-Reset');
    expect(text).toContain('Prefer: example=NAME');
    await page.close();
  });

  it('lists both operations at the top of the navigation, with nothing to unfold', async () => {
    const page = await open(`${docs.url}/`);
    const menu = page.locator('[data-component-name="Menu/Menu"]').first();
    for (const op of expected) await visible(menu.getByText(op.summary, { exact: true }), `sidebar: ${op.summary}`);
    expect(await menu.getByText('Chat', { exact: true }).count()).toBe(0);
    await page.close();
  });

  it('links each operation from the intro, and the links lead to the operation', async () => {
    for (const op of expected) {
      const page = await open(`${docs.url}/`);
      const link = page.locator('#api-content a', { hasText: op.summary }).first();
      expect(await link.getAttribute('href')).toBe(op.route);
      await link.click();
      await visible(page.locator('#api-content h2', { hasText: op.summary }).first(), op.summary);
      expect(new URL(page.url()).hash).toBe(op.route);
      await page.close();
    }
  });

  it('labels the mock server for package users: the bin to run, no Markdown backticks, no command of this repository', async () => {
    const page = await open(`${docs.url}/`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Local mock (npx ryzeapi-chat-mock)');
    expect(text).not.toContain('`');
    expect(text).not.toContain('npm run mock');
    await page.close();
  });

  for (const [index, op] of expected.entries()) {
    describe(op.id, () => {
      let page: Page;
      const requestPanel = () => page.locator('[data-component-name="Panel/Panel"]', { hasText: 'POST' }).nth(index);
      const responsePanel = () =>
        page.locator('[data-component-name="Panel/Panel"]', { hasText: /^Response/ }).nth(index);
      beforeAll(async () => {
        page = await open(`${docs.url}/${op.route}`);
      });
      afterAll(async () => {
        await page.close();
      });

      it('shows the operation with its summary', async () => {
        await visible(page.locator('#api-content h2', { hasText: op.summary }).first(), op.summary);
      });

      it('shows the body of each request example when it is picked (Payload comes first)', async () => {
        const panel = requestPanel();
        expect(
          (
            await panel
              .getByRole('button', { name: /^(Payload|cURL|TypeScript|JavaScript|Python)/ })
              .first()
              .innerText()
          ).trim(),
        ).toBe('Payload');
        const picker = panel
          .locator('[data-component-name="Dropdown/Dropdown"]', { hasText: op.requests[0]?.summary ?? '' })
          .first();
        await picker.click();
        expect((await openMenuItems(page)).sort()).toEqual(op.requests.map((r) => r.summary).sort());
        let current = op.requests[0]?.summary ?? '';
        for (const example of op.requests) {
          await choose(
            page,
            panel.locator('[data-component-name="Dropdown/Dropdown"]', { hasText: current }).first(),
            example.summary ?? '',
          );
          current = example.summary ?? '';
          await visible(
            panel.locator('[data-component-name="Markdown/Markdown"]', { hasText: plain(example.description ?? '') }),
            example.summary ?? '',
          );
          const shown = await panel.locator('[data-component-name="JsonViewer/JsonViewer"]').first().innerText();
          expect(JSON.parse(shown), example.name).toEqual(example.value);
        }
      });

      it('shows each code sample (cURL, TypeScript, JavaScript, Python) with the text of its file', async () => {
        expect(op.samples.map((s) => s.label)).toEqual([
          'cURL',
          'TypeScript (this package)',
          'JavaScript (fetch)',
          'Python',
        ]);
        const panel = requestPanel();
        for (const sample of op.samples) {
          await choose(
            page,
            panel.getByRole('button', {
              name: /^(cURL|TypeScript \(this package\)|JavaScript \(fetch\)|Python|Payload)$/,
            }),
            sample.label,
          );
          const code = await panel.locator('[data-component-name="CodeBlock/CodeBlock"]').first().innerText();
          const lines = sample.source
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#'));
          for (const line of lines.slice(0, 3)) expect(code, `${sample.label}: ${line}`).toContain(line);
        }
        await choose(page, panel.getByRole('button', { name: 'Python', exact: true }), 'Payload');
      });

      it('shows every documented response code, each named example with the `Prefer` header that selects it', async () => {
        const panel = responsePanel();
        const tabs = (await panel.getByRole('button').allInnerTexts())
          .map((t) => t.trim())
          .filter((t) => /^\d{3}$/.test(t));
        expect(tabs).toEqual(op.responses.map((r) => r.status));
        for (const response of op.responses) {
          await panel.getByRole('button', { name: response.status, exact: true }).click();
          for (const [i, example] of response.examples.entries()) {
            // With several examples they are picked from a dropdown (the first is selected); a lone example is
            // shown by its description.
            if (response.examples.length > 1) {
              const picker = panel
                .locator('[data-component-name="Dropdown/Dropdown"]', {
                  hasText: response.examples[i === 0 ? 0 : i - 1]?.summary ?? '',
                })
                .first();
              if (i === 0) {
                await picker.click();
                expect((await openMenuItems(page)).sort(), response.status).toEqual(
                  response.examples.map((e) => e.summary).sort(),
                );
              } else {
                await choose(page, picker, example.summary ?? '');
              }
            }
            const description = panel
              .locator('[data-component-name="Markdown/Markdown"]', { hasText: plain(example.description ?? '') })
              .first();
            await visible(description, `${op.id} ${response.status} ${example.name}`);
            expect(await description.innerText()).toContain(preferSelector(response.status, example.name));
            const body = await panel.locator('[data-component-name="JsonViewer/JsonViewer"]').first().innerText();
            expect(JSON.parse(body), `${response.status} ${example.name}`).toEqual(example.value);
          }
        }
      });

      it('prints no collapsed range for a const (no "[ 28800 .. 28800 ]"), and no rate-limit reset in the past', async () => {
        const text = await page.locator('#api-content').innerText();
        expect(text).not.toMatch(/\[ (\d+) \.\. \1 \]/);
        expect(text).toContain(`Example:\n${resetExample}`);
        expect(resetExample * 1000).toBeGreaterThan(Date.now());
      });
    });
  }

  it('shows the durations table (spelling, window, seconds) under `duration` in the mute request', async () => {
    const page = await open(`${docs.url}/#/other/mutechat`);
    const table = page.locator('#api-content table', { hasText: 'Spelling' }).first();
    await visible(table, 'durations table');
    const rows = (await table.locator('tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toBe('Spelling Window Seconds (duration in the response)');
    expect(rows.slice(1)).toEqual([
      '8h, 8 hours 8 hours 28800',
      '1w, 7d, 1 week one week 604800',
      'always, forever, permanent no end 0',
      '"" (empty), or the field left out no end 0',
    ]);
    await page.close();
  });

  it('links its Markdown (llms.txt, every operation page) and the bundle, and each link resolves with its type', async () => {
    const page = await open(`${docs.url}/`);
    const own = [
      ...new Set(
        (
          await page.locator('#api-content a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
        ).filter((h) => !h.startsWith('#') && !/^[a-z]+:/i.test(h)),
      ),
    ].sort();
    const pages = operations.map(({ operation }) => pageName(operation.operationId));
    expect(own).toEqual(['llms-full.txt', 'llms.txt', 'openapi.json', 'openapi.yaml', 'overview.md', ...pages].sort());
    for (const href of own) {
      const answer = await page.evaluate(async (url) => {
        const response = await fetch(url);
        return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
      }, href);
      expect(answer.status, href).toBe(200);
      expect(answer.type, href).toBe(OWN_FILE_TYPES[href.slice(href.lastIndexOf('.'))]);
      expect(answer.text, href).toBe(readFileSync(join(dirname(DOCS_HTML), href), 'utf8'));
    }
    console.log(`own files linked: ${own.length} (all resolve): ${own.join(', ')}`);
    await page.close();
  });

  it('has no broken in-page link, and links out only to the expected hosts', async () => {
    const page = await open(`${docs.url}/`);
    const hrefs = new Set<string>();
    for (const route of ['#/', ...expected.map((o) => o.route)]) {
      await page.goto(`${docs.url}/${route}`);
      await hydrated(page);
      for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
        hrefs.add(href);
    }
    const internal = [...hrefs].filter((h) => h.startsWith('#'));
    const external = [...hrefs].filter((h) => /^[a-z]+:/i.test(h)).sort();
    expect(internal.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const href of internal) {
      // Redoc's links are `#/route` or `#/route#anchor`: the route must render, and the anchor (or the route's own
      // section) must exist as an element id.
      const [, route = '/', anchor] = /^#([^#]*)(?:#(.*))?$/.exec(href) ?? [];
      await page.goto(`${docs.url}/#${route}`);
      await hydrated(page);
      const target = anchor ?? route.replace(/^\//, '');
      const found =
        target === ''
          ? true
          : await page.evaluate((id) => document.getElementById(decodeURIComponent(id)) !== null, target);
      if (!found) broken.push(href);
    }
    await writeCheckResult(`${CHECKS_DIR}/links.json`, {
      check: 'links',
      ok: broken.length === 0,
      summary: `${internal.length} in-page (${broken.length === 0 ? 'all resolve' : `${broken.length} broken`}), ${external.length} external (listed, not fetched)`,
      figures: { internal: internal.length, broken, external },
    });
    expect(broken).toEqual([]);
    console.log(
      `links: ${internal.length} in-page (all resolve), ${external.length} external (listed, not fetched):\n  ${external.join('\n  ')}`,
    );
    for (const href of external) {
      expect(href, 'external links must be absolute https URLs').toMatch(/^https:\/\//);
      const url = new URL(href);
      expect(url.protocol, href).toBe('https:');
      expect(EXTERNAL_LINK_HOSTS, href).toContain(url.hostname);
    }
    await page.close();
  });

  it('saves a screenshot of the mute operation under docs/', async () => {
    const page = await open(`${docs.url}/#/other/mutechat`);
    await page.locator('#api-content h2', { hasText: 'Mute or unmute a chat' }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });
});

describe('the docs page, opened from file://', () => {
  it('renders both operations with no server at all, and its own links point at files next to it', async () => {
    const page = await open(`${pathToFileURL(DOCS_HTML).href}#/`);
    const own = (
      await page.locator('#api-content a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
    ).filter((h) => !h.startsWith('#') && !/^[a-z]+:/i.test(h));
    expect(own.length).toBeGreaterThan(0);
    for (const href of own) expect(existsSync(join(dirname(DOCS_HTML), href)), href).toBe(true);
    for (const op of expected) {
      await page.goto(`${pathToFileURL(DOCS_HTML).href}${op.route}`);
      await hydrated(page);
      await visible(page.locator('#api-content h2', { hasText: op.summary }).first(), op.summary);
    }
    expect(page.url().startsWith('file://')).toBe(true);
    await page.close();
  });
});

describe('privacy', () => {
  it("made no request outside the page's own origin, and no console or page error", () => {
    const own = new URL(docs.url).origin;
    const outside = requests.filter((url) => {
      if (url.startsWith('blob:') || url.startsWith('data:')) return false;
      if (url.startsWith('file://')) return !url.startsWith(pathToFileURL(root).href);
      return new URL(url).origin !== own;
    });
    expect(requests.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
