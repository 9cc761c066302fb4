#!/usr/bin/env node
// Lighthouse on the hosted site as production serves it: a release build with its address set
// (so canonical and hreflang links are absolute), served by nginx with deploy/nginx/nginx.conf,
// audited in Debian's Chromium with Lighthouse's default mobile settings (simulated throttling).
// A measurement, not a test: it prints each page's four scores and its largest paint and blocking
// time.
//
//   node scripts/lighthouse.mjs            builds into target/lighthouse-dist, then measures
//   node scripts/lighthouse.mjs --no-build measures the build already there
//   node scripts/lighthouse.mjs --json F   also writes the figures to F
//
// Lighthouse and puppeteer-core are pinned in tools/lighthouse (installed on first use).
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveNginx } from '../end2end/nginx.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = join(ROOT, 'tools', 'lighthouse');
const DIST = join(ROOT, 'target', 'lighthouse-dist');
const PORT = 8095;
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

if (!existsSync(join(TOOLS, 'node_modules', 'lighthouse'))) {
  console.error('==> installing Lighthouse (tools/lighthouse)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS, stdio: 'inherit' });
}
if (!args.includes('--no-build')) {
  console.error(`==> release build for http://127.0.0.1:${PORT} into ${DIST}`);
  execFileSync('trunk', ['build', '--release', '--offline', '--dist', DIST], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SHIPSHAPE_SITE_URL: `http://127.0.0.1:${PORT}` },
  });
}

const require = createRequire(join(TOOLS, 'package.json'));
const { default: lighthouse, startFlow } = await import(require.resolve('lighthouse'));
const puppeteer = (await import(require.resolve('puppeteer-core'))).default;

const PAGES = [
  ['home', '/en/'],
  ['guide page with a lab example', '/en/build-cache/'],
  ['guide page with a calculator example', '/en/replication/'],
  ['the lab', '/en/lab/'],
  ['the calculator', '/en/calculator/'],
  ['the rules index', '/en/rules/'],
  ['Korean guide page', '/ko/multi-stage/'],
  ['Japanese calculator', '/ja/calculator/'],
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const server = await serveNginx(DIST, PORT);
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
const port = Number(new URL(browser.wsEndpoint()).port);
const rows = [];
const score = (c) => (c?.score == null ? '-' : Math.round(c.score * 100));
try {
  for (const [name, path] of PAGES) {
    const result = await lighthouse(server.url + path, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    const lhr = result.lhr;
    const failed = CATEGORIES.flatMap((c) =>
      lhr.categories[c].auditRefs
        .map((r) => lhr.audits[r.id])
        .filter((a) => r_weighted(lhr, c, a.id) && a.score !== null && a.score < 1 && c !== 'performance')
        .map((a) => `${c}: ${a.id}`),
    );
    rows.push({
      name,
      path,
      ...Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr.categories[c])])),
      lcp: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
      tbt: Math.round(lhr.audits['total-blocking-time'].numericValue),
      failed,
    });
  }
  // Search opened: the reader presses Ctrl+K on a guide page and types; a timespan measures
  // that interaction, and a snapshot audits the open dialog.
  const page = await browser.newPage();
  const flow = await startFlow(page);
  await flow.navigate(server.url + '/en/processes/', { flags: { onlyCategories: ['performance'] } });
  await flow.startTimespan({ flags: { onlyCategories: ['performance', 'best-practices'] } });
  await page.keyboard.down('Control');
  await page.keyboard.press('k');
  await page.keyboard.up('Control');
  await page.waitForSelector('.search-input');
  await page.type('.search-input', 'workers memory');
  await page.waitForSelector('.search-result');
  await flow.endTimespan();
  await flow.snapshot({ flags: { onlyCategories: ['accessibility', 'best-practices', 'seo'] } });
  const [, span, snap] = (await flow.createFlowResult()).steps.map((s) => s.lhr);
  rows.push({
    name: 'search opened',
    path: '/en/processes/ + Ctrl+K',
    performance: score(span.categories.performance),
    accessibility: score(snap.categories.accessibility),
    'best-practices': score(snap.categories['best-practices']),
    seo: score(snap.categories.seo),
    lcp: '-',
    tbt: Math.round(span.audits['total-blocking-time']?.numericValue ?? 0),
    failed: ['accessibility', 'best-practices'].flatMap((c) =>
      snap.categories[c].auditRefs.map((r) => snap.audits[r.id]).filter((a) => a.score !== null && a.score < 1).map((a) => `${c}: ${a.id}`),
    ),
  });
} finally {
  await browser.close();
  await server.close();
}

function r_weighted(lhr, category, id) {
  return lhr.categories[category].auditRefs.some((r) => r.id === id && r.weight > 0);
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('page', 38)} ${pad('perf', 5)} ${pad('a11y', 5)} ${pad('bp', 5)} ${pad('seo', 5)} ${pad('LCP ms', 7)} TBT ms`);
for (const r of rows) {
  console.log(
    `${pad(r.name, 38)} ${pad(r.performance, 5)} ${pad(r.accessibility, 5)} ${pad(r['best-practices'], 5)} ${pad(r.seo, 5)} ${pad(r.lcp, 7)} ${r.tbt}`,
  );
  for (const f of r.failed) console.log(`${' '.repeat(40)}not passed: ${f}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
