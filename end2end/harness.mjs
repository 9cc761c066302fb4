// Shared set-up for the browser tests: the release build served by nginx with the repository's
// production config (deploy/nginx/nginx.conf: its headers, Content-Security-Policy and
// precompressed files), and Debian's Chromium driven by playwright-core. Every page is watched
// for console errors (a CSP violation is one), page errors and requests that leave the origin.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveNginx } from './nginx.mjs';

export const DIST = fileURLToPath(new URL('../dist', import.meta.url));
export const LANGS = ['en', 'ko', 'ja'];

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function start() {
  const server = await serveNginx(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
  return {
    url: server.url,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A page that records console errors, page errors, CSP violations and foreign requests. The
 * site's service worker is blocked unless `options.serviceWorkers` is 'allow' (the offline
 * tests), so that what a test holds back or counts is what the page itself asked for.
 */
export async function watchedPage(env, options = {}) {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on('console', (msg) => {
    // Playwright's own note when it blocks the site's service worker (see above).
    if (msg.text() === 'Service Worker registration blocked by Playwright') return;
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // Chromium logs a violation too; the event names the directive, for a clearer failure.
  await context.exposeBinding('__shipshapeCsp', (_, text) => problems.push(`csp: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__shipshapeCsp(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(env.url) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  return { context, page, problems, foreign };
}

/** Waits until the wasm has hydrated the page. */
export async function hydrated(page) {
  await page.waitForSelector('html[data-hydrated]', { timeout: 15000 });
}

/** Every pre-rendered route, as URL paths, from the build output. */
export async function routes() {
  const out = [];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name === 'index.html') out.push('/' + relative(DIST, dir).split('\\').join('/'));
    }
  }
  await walk(DIST);
  return out.map((p) => (p === '/' ? '/' : p + '/')).sort();
}

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Holds back the page's requests whose URL matches `pattern` (a tool's wasm, say) until the
 * returned function is called: what the reader does before a bundle arrives can then be tested.
 */
export async function holdRequests(page, pattern) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * axe-core's serious and critical violations on the page, or inside the element `selector`
 * names, one line each (rule, impact, first few targets). Injects axe-core on first use.
 */
export async function seriousViolations(page, selector = null) {
  // Evaluated through the DevTools protocol: the site's CSP rightly refuses an inline script.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (sel) => {
    const result = await window.axe.run(sel ? document.querySelector(sel) : document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}
