#!/usr/bin/env node
// Builds docs/index.html: the hosted API reference, one self-contained page made by Redocly from the bundle.
// Redocly's defaults are not enough for a page that leaks nothing:
//   --inlineBundle                    Redoc's code is inlined instead of loaded from Redocly's CDN;
//   disableTelemetry (redocly.yaml)   no tracing beacons from the reader's browser (checked below);
//   logo                              Redoc's footer shows a logo from cdn.redoc.ly: replaced by an inline SVG;
//   Content-Security-Policy           a <meta> policy that lets the page load nothing from anywhere else, so
//                                     that holds on any static host and from file://, not only in our tests;
//   prerendered links                 Redoc prerenders links as paths (`/chat`) but routes by hash (`#/chat`),
//                                     and React's hydration keeps the prerendered attributes, so those links
//                                     would break in a new tab, from file:// and on static hosts: rewritten.
// Usage: node scripts/docs.mjs [--out FILE]   (default docs/index.html)
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { redoclyBin, redoclyEnv, root } from './generate.mjs';

const run = promisify(execFile);
export const DOCS_HTML = join(root, 'docs', 'index.html');
const BUNDLE = join(root, 'generated', 'openapi.yaml');

// Everything the page needs is inline or made in the page (blob: URLs for its workers and styles).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' blob:",
  "style-src 'unsafe-inline' blob:",
  "img-src data: blob:",
  "font-src data:",
  "connect-src 'self' blob: data:",
  "worker-src blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="14" viewBox="0 0 60 14">' +
  '<text x="0" y="11" font-family="sans-serif" font-size="11" fill="#555">Redocly</text></svg>';
const LOGO_DATA_URI = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;
const REDOC_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'];

export async function buildDocs(out = DOCS_HTML) {
  await mkdir(dirname(out), { recursive: true });
  await run(
    process.execPath,
    [
      redoclyBin,
      'build-docs',
      BUNDLE,
      '--output',
      out,
      '--inlineBundle',
      '--title',
      'RyzeAPI Chat - block and mute: API reference',
    ],
    { cwd: root, env: redoclyEnv, maxBuffer: 16 * 1024 * 1024 },
  );
  let html = await readFile(out, 'utf8');
  const options = /__redoc_options = (\{.*?\});/.exec(html)?.[1];
  if (!options || JSON.parse(options).disableTelemetry !== true) {
    throw new Error(`The built page does not disable Redoc telemetry (options: ${options}); check redocly.yaml`);
  }
  for (const logo of REDOC_LOGOS) {
    // If Redoc stops referencing its CDN logo, this build should be reviewed, not silently pass.
    if (!html.includes(logo)) throw new Error(`Redoc no longer references ${logo}: review scripts/docs.mjs`);
    html = html.split(logo).join(LOGO_DATA_URI);
  }
  // Only the prerendered markup (from <div id="redoc"> to Redoc's module script) is touched, never the code.
  const markupStart = html.indexOf('<div id="redoc">');
  const markupEnd = html.indexOf('<script type="module">', markupStart);
  if (markupStart < 0 || markupEnd < 0) throw new Error('Built page has no prerendered <div id="redoc">: review scripts/docs.mjs');
  const markup = html.slice(markupStart, markupEnd).replace(/href="\/(?!\/)/g, 'href="#/');
  html = html.slice(0, markupStart) + markup + html.slice(markupEnd);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;
  html = html.replace(/(<meta charset="utf8" \/>)/i, `$1\n  ${meta}`);
  if (!html.includes(meta)) throw new Error('Built page has no <meta charset>: cannot add the Content-Security-Policy');
  await writeFile(out, html);
  const bytes = Buffer.byteLength(html);
  return { out, bytes, gzipBytes: gzipSync(html).length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--out');
  const { out, bytes, gzipBytes } = await buildDocs(i > 0 ? resolve(process.argv[i + 1]) : undefined);
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(`built ${relative(root, out)}: ${kib(bytes)} (${kib(gzipBytes)} gzipped)`);
}
