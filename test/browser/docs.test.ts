// Real-browser test of the hosted docs (npm run test:browser): Debian chromium driven by playwright-core opens
// docs/index.html, over HTTP from the docs server and from file://, and proves that both operations, every
// response code, the request and response examples and the code samples render, that the page's own links
// resolve, and that the page makes no request outside its own origin.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs, DOCS_HTML } from '../../scripts/docs.mjs';
import { startDocsServer } from '../../scripts/docs-server.mjs';
import { bundle, deref, operations, type Example, type MediaType, type Response } from '../helpers/spec.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
// The only hosts the page may link to (links are listed, never fetched).
const EXTERNAL_LINK_HOSTS = ['docs.ryzeapi.cloud', 'opensource.org', 'redocly.com', 'stoplight.io'];

let browser: Browser;
let context: BrowserContext;
let docs: { url: string; close: () => Promise<void> };
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await buildDocs();
  docs = await startDocsServer({ port: 0 });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
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

/**
 * Wait until Redoc has hydrated its prerendered HTML: the prerendered links are path-style (`/chat`), the live
 * ones hash-style (`#/chat`), which is what makes the page work from file:// and any static host.
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

/** The operations in spec order, with what the page must show for each. */
const expected = operations.map(({ operation }) => {
  const op = operation as typeof operation & { summary: string; 'x-codeSamples': { label: string; source: string }[] };
  const requestMedia = operation.requestBody.content['application/json'] as MediaType;
  const responses = Object.entries(operation.responses).map(([status, raw]) => {
    const media = deref<Response>(raw).content?.['application/json'] as MediaType;
    return {
      status,
      summaries: Object.values(media.examples ?? {}).map((e) => deref<Example>(e).summary ?? ''),
      firstDescription: deref<Example>(Object.values(media.examples ?? {})[0] as Example).description ?? '',
      firstValue: deref<Example>(Object.values(media.examples ?? {})[0] as Example).value,
    };
  });
  return {
    id: operation.operationId,
    summary: op.summary,
    route: `#/chat/${operation.operationId.toLowerCase()}`,
    requestSummaries: Object.values(requestMedia.examples ?? {}).map((e) => deref<Example>(e).summary ?? ''),
    samples: op['x-codeSamples'],
    responses,
  };
});

describe('the docs page, served over HTTP', () => {
  it('renders the overview with every section the upstream pages explain, plus the mock and the client', async () => {
    const page = await open(`${docs.url}/`);
    const text = await page.locator('#api-content').innerText();
    expect(text).toContain((bundle as unknown as { info: { title: string } }).info.title);
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

  for (const [index, op] of expected.entries()) {
    describe(op.id, () => {
      let page: Page;
      beforeAll(async () => {
        page = await open(`${docs.url}/${op.route}`);
      });
      afterAll(async () => {
        await page.close();
      });

      it('shows the operation with its summary', async () => {
        await visible(page.locator('#api-content h2', { hasText: op.summary }).first(), op.summary);
      });

      it('lists every request example by its summary', async () => {
        const panel = page.locator('[data-component-name="Panel/Panel"]', { hasText: 'POST' }).nth(index);
        await panel.locator('[data-component-name="Dropdown/Dropdown"]', { hasText: op.requestSummaries[0] ?? '' }).first().click();
        expect((await openMenuItems(page)).sort()).toEqual([...op.requestSummaries].sort());
      });

      it('shows each code sample (cURL, TypeScript, JavaScript) with the text of its file', async () => {
        expect(op.samples.map((s) => s.label)).toEqual(['cURL', 'TypeScript (this package)', 'JavaScript (fetch)']);
        const panel = page.locator('[data-component-name="Panel/Panel"]', { hasText: 'POST' }).nth(index);
        for (const sample of op.samples) {
          await panel.getByRole('button', { name: /^(cURL|TypeScript \(this package\)|JavaScript \(fetch\)|Payload)$/ }).click();
          await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]', { hasText: sample.label }).filter({ visible: true }).click();
          const code = await panel.locator('[data-component-name="CodeBlock/CodeBlock"]').first().innerText();
          const lines = sample.source.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
          for (const line of lines.slice(0, 3)) expect(code, `${sample.label}: ${line}`).toContain(line);
        }
      });

      it('shows every documented response code with all its named examples', async () => {
        const panel = page.locator('[data-component-name="Panel/Panel"]', { hasText: /^Response/ }).nth(index);
        const tabs = (await panel.getByRole('button').allInnerTexts()).map((t) => t.trim()).filter((t) => /^\d{3}$/.test(t));
        expect(tabs).toEqual(op.responses.map((r) => r.status));
        for (const response of op.responses) {
          await panel.getByRole('button', { name: response.status, exact: true }).click();
          // With several examples the first one's summary is the selected item of a dropdown; a lone example is
          // shown by its description.
          const selected =
            response.summaries.length > 1
              ? panel.locator('[data-component-name="Dropdown/Dropdown"]', { hasText: response.summaries[0] ?? '' }).first()
              : panel.locator('[data-component-name="Markdown/Markdown"]', { hasText: response.firstDescription }).first();
          await visible(selected, `${op.id} ${response.status}: ${response.summaries[0]}`);
          const body = await panel.locator('[data-component-name="JsonViewer/JsonViewer"]').first().innerText();
          const first = response.firstValue as { message?: string; error?: { message: string } };
          expect(body).toContain(first.error?.message ?? first.message ?? '');
          if (response.summaries.length > 1) {
            await selected.click();
            expect((await openMenuItems(page)).sort(), response.status).toEqual([...response.summaries].sort());
          }
        }
      });
    });
  }

  it('has no broken in-page link, and links out only to the expected hosts', async () => {
    const page = await open(`${docs.url}/`);
    const hrefs = new Set<string>();
    for (const route of ['#/', '#/chat', ...expected.map((o) => o.route)]) {
      await page.goto(`${docs.url}/${route}`);
      await hydrated(page);
      for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) hrefs.add(href);
    }
    const internal = [...hrefs].filter((h) => h.startsWith('#'));
    const external = [...hrefs].filter((h) => !h.startsWith('#')).sort();
    expect(internal.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const href of internal) {
      // Redoc's links are `#/route` or `#/route#anchor`: the route must render, and the anchor (or the route's own
      // section) must exist as an element id.
      const [, route = '/', anchor] = /^#([^#]*)(?:#(.*))?$/.exec(href) ?? [];
      await page.goto(`${docs.url}/#${route}`);
      await hydrated(page);
      const target = anchor ?? route.replace(/^\//, '');
      const found = target === '' ? true : await page.evaluate((id) => document.getElementById(decodeURIComponent(id)) !== null, target);
      if (!found) broken.push(href);
    }
    expect(broken).toEqual([]);
    console.log(`links: ${internal.length} in-page (all resolve), ${external.length} external (listed, not fetched):\n  ${external.join('\n  ')}`);
    for (const href of external) {
      expect(href, 'external links must be absolute https URLs').toMatch(/^https:\/\//);
      const url = new URL(href);
      expect(url.protocol, href).toBe('https:');
      expect(EXTERNAL_LINK_HOSTS, href).toContain(url.hostname);
    }
    await page.close();
  });

  it('saves a screenshot of the mute operation under docs/', async () => {
    const page = await open(`${docs.url}/#/chat/mutechat`);
    await page.locator('#api-content h2', { hasText: 'Mute or unmute a chat' }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });
});

describe('the docs page, opened from file://', () => {
  it('renders both operations with no server at all', async () => {
    const page = await open(`${pathToFileURL(DOCS_HTML).href}#/chat`);
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
  it('made no request outside the page\'s own origin, and no console or page error', () => {
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
