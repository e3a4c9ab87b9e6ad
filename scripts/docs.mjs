#!/usr/bin/env node
// `npm run docs`: the hosted docs, from the bundle, into docs/.
//
// 1. docs/index.html, the API reference: one self-contained page made by Redocly (`build-docs`, Redoc 3), with
//    the bundle next to it (docs/openapi.yaml and docs/openapi.json, which the page links to). Build outputs,
//    not committed. Redocly's defaults are not enough for a page that leaks nothing:
//      --inlineBundle          Redoc's code is inlined instead of loaded from Redocly's CDN;
//      telemetry: off          (redocly.yaml) build-docs then writes `disableTelemetry: true` into the page, so
//                              the reader's browser sends no tracing beacons: checked below (D-27);
//      logo                    Redoc's footer shows a logo from cdn.redoc.ly: replaced by an inline SVG;
//      Content-Security-Policy a <meta> policy that lets the page load nothing from anywhere else, so that holds
//                              on any static host and from file://, not only behind our server;
//      prerendered links       Redoc prerenders links as paths (`/section/errors`) but routes by hash
//                              (`#/section/errors`), and React's hydration keeps the prerendered attributes, so
//                              those links would break in a new tab, from file:// and on static hosts: rewritten;
//      weight                  the page must stay within PAGE_BUDGET_GZIP bytes gzipped (D-32): checked below.
//    Everything else the page shows comes from the spec's own text and Redoc's options in redocly.yaml
//    (code sample languages, links to the files below) and the page-only decorators of
//    scripts/redocly/docs-page.mjs (D-28, D-30).
// 2. The agent-readable docs (scripts/lib/agent-docs.mjs, D-31): docs/llms.txt, docs/overview.md, one
//    docs/<operation>.md per operation and docs/llms-full.txt. Committed, and drift-checked: `--check` (and
//    test/agent-docs.test.ts) fails when they are not what the bundle gives.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { redoclyBin, redoclyEnv, root } from './generate.mjs';
import { agentDocs } from './lib/agent-docs.mjs';
import { parseCommandLine } from '../src/mock/lifecycle.js';

const run = promisify(execFile);
export const DOCS_DIR = join(root, 'docs');
export const DOCS_HTML = join(DOCS_DIR, 'index.html');
const BUNDLE_YAML = join(root, 'generated', 'openapi.yaml');
const BUNDLE_JSON = join(root, 'generated', 'openapi.json');
/** The page's weight budget: 720 KB gzipped (zlib's default level, what static hosts serve). D-32. */
export const PAGE_BUDGET_GZIP = 720_000;

// Everything the page needs is inline or made in the page (blob: URLs for its workers and styles).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' blob:",
  "style-src 'unsafe-inline' blob:",
  'img-src data: blob:',
  'font-src data:',
  "connect-src 'self' blob: data:",
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="14" viewBox="0 0 60 14">' +
  '<text x="0" y="11" font-family="sans-serif" font-size="11" fill="#555">Redocly</text></svg>';
const LOGO_DATA_URI = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;
const REDOC_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

/** The bundle, parsed (generated/openapi.json). */
export async function readBundle() {
  return JSON.parse(await readFile(BUNDLE_JSON, 'utf8'));
}

/**
 * Build the HTML page into `out` (default docs/index.html) and copy the bundle next to it. Throws, writing
 * nothing, when the page would send telemetry, load anything from another origin, or weigh more than `budget`
 * bytes gzipped (default PAGE_BUDGET_GZIP; the option exists for the test that proves the check).
 * @returns {Promise<{ out: string, bytes: number, gzipBytes: number, budget: number }>}
 */
export async function buildDocs(out = DOCS_HTML, { budget = PAGE_BUDGET_GZIP } = {}) {
  return writeDocsPage(await renderDocsPage(), out, { budget });
}

/**
 * Render the page with Redocly (`build-docs`) and make it leak nothing (see the top of this file); returns its
 * HTML. Throws when the page would send telemetry or load anything from another origin.
 */
export async function renderDocsPage() {
  // Redocly writes its page to a scratch folder; only a page that passes every check reaches its destination.
  const scratch = await mkdtemp(join(tmpdir(), 'ryze-docs-'));
  let html;
  try {
    const raw = join(scratch, 'index.html');
    await run(
      process.execPath,
      [
        redoclyBin,
        'build-docs',
        BUNDLE_YAML,
        '--output',
        raw,
        '--inlineBundle',
        '--title',
        'RyzeAPI Chat - block and mute: API reference',
      ],
      { cwd: root, env: redoclyEnv, maxBuffer: 16 * 1024 * 1024 },
    );
    html = await readFile(raw, 'utf8');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const options = /__redoc_options = (\{.*?\});/.exec(html)?.[1];
  if (!options || JSON.parse(options).disableTelemetry !== true) {
    throw new Error(
      `The built page does not disable Redoc telemetry (options: ${options}): keep \`telemetry: off\` in redocly.yaml`,
    );
  }
  for (const logo of REDOC_LOGOS) {
    // If Redoc stops referencing its CDN logo, this build should be reviewed, not silently pass.
    if (!html.includes(logo)) throw new Error(`Redoc no longer references ${logo}: review scripts/docs.mjs`);
    html = html.split(logo).join(LOGO_DATA_URI);
  }
  // Only the prerendered markup (from <div id="redoc"> to Redoc's module script) is touched, never the code.
  const markupStart = html.indexOf('<div id="redoc">');
  const markupEnd = html.indexOf('<script type="module">', markupStart);
  if (markupStart < 0 || markupEnd < 0)
    throw new Error('Built page has no prerendered <div id="redoc">: review scripts/docs.mjs');
  const markup = html.slice(markupStart, markupEnd).replace(/href="\/(?!\/)/g, 'href="#/');
  html = html.slice(0, markupStart) + markup + html.slice(markupEnd);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;
  html = html.replace(/(<meta charset="utf8" \/>)/i, `$1\n  ${meta}`);
  if (!html.includes(meta)) throw new Error('Built page has no <meta charset>: cannot add the Content-Security-Policy');
  return html;
}

/**
 * Write a rendered page (`renderDocsPage`) to `out` with the bundle next to it. Throws, writing nothing, when the
 * page weighs more than `budget` bytes gzipped.
 * @returns {Promise<{ out: string, bytes: number, gzipBytes: number, budget: number }>}
 */
export async function writeDocsPage(html, out = DOCS_HTML, { budget = PAGE_BUDGET_GZIP } = {}) {
  const bytes = Buffer.byteLength(html);
  const gzipBytes = gzipSync(html).length;
  if (gzipBytes > budget) {
    throw new Error(
      `The docs page weighs ${gzipBytes} B gzipped, over its budget of ${budget} B (DECISIONS.md D-32): ` +
        'trim what the spec or the Redoc options add to it.',
    );
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
  await copyFile(BUNDLE_YAML, join(dirname(out), 'openapi.yaml'));
  await copyFile(BUNDLE_JSON, join(dirname(out), 'openapi.json'));
  return { out, bytes, gzipBytes, budget };
}

/** Write the agent-readable docs into `dir` (default docs/); returns the names written. */
export async function writeAgentDocs(dir = DOCS_DIR, bundle) {
  const files = agentDocs(bundle ?? (await readBundle()));
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  return [...files.keys()];
}

/** Compare the agent-readable docs in `dir` with what the bundle gives; returns one line per difference. */
export async function agentDocsDrift(dir = DOCS_DIR, bundle) {
  const problems = [];
  for (const [name, text] of agentDocs(bundle ?? (await readBundle()))) {
    const committed = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (committed === undefined) problems.push(`${name}: missing`);
    else if (committed !== text) {
      const line = committed.split('\n').findIndex((l, i) => l !== text.split('\n')[i]);
      problems.push(`${name}: differs from what the bundle gives, first at line ${line + 1}`);
    }
  }
  return problems;
}

const USAGE = `Usage: node scripts/docs.mjs [--out FILE] [--page-only | --check]
  Builds docs/index.html (or FILE) with the bundle next to it, and writes the agent-readable docs
  (llms.txt, overview.md, one page per operation, llms-full.txt) into docs/.
  --page-only  build the HTML page only
  --check      write nothing: fail (exit 1) if the committed agent-readable docs are not what the bundle gives`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = parseCommandLine({
    usage: USAGE,
    options: { out: { type: 'string' }, 'page-only': { type: 'boolean' }, check: { type: 'boolean' } },
  });
  if (args.check) {
    const problems = await agentDocsDrift();
    if (problems.length) {
      console.error(
        `Drift: the agent-readable docs in docs/ are not what the bundle gives.\n  ${problems.join('\n  ')}`,
      );
      console.error('Run `npm run docs` and commit the result (never edit them by hand).');
      process.exit(1);
    }
    console.log('No drift: the agent-readable docs match the bundle.');
    process.exit(0);
  }
  const { out, bytes, gzipBytes, budget } = await buildDocs(args.out ? resolve(args.out) : undefined);
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  console.log(`built ${relative(root, out)}: ${kb(bytes)}, ${kb(gzipBytes)} gzipped (budget ${kb(budget)})`);
  if (!args['page-only']) console.log(`wrote ${(await writeAgentDocs()).map((n) => `docs/${n}`).join(', ')}`);
}
