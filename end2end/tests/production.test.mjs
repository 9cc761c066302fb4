// The site as it is served in production: nginx with deploy/nginx/nginx.conf (the harness's
// server for every browser test), its headers, compression, types, deep links and 404s; and the
// service worker that keeps the site working offline after one visit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, LANGS, hydrated, start, watchedPage } from '../harness.mjs';
import { serveNginx } from '../nginx.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

/** A raw GET: status, headers and the body's bytes as sent (not decompressed). */
function get(base, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The site's root files whose names carry a content hash, as the build wrote them. */
async function hashedFiles() {
  return (await readdir(DIST)).filter((f) => /-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$/.test(f));
}

describe('nginx with the production config', () => {
  test('every response carries the security headers, and the CSP allows no inline code it does not name', async () => {
    for (const path of ['/', '/en/', '/ko/lab/', '/ja/calculator/', '/en/no-such-page/', ...(await hashedFiles()).map((f) => '/' + f)]) {
      const { headers } = await get(env.url, path);
      const csp = headers['content-security-policy'];
      assert.ok(csp, `${path}: no Content-Security-Policy`);
      assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/, path);
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /default-src 'none'/, path);
      assert.equal(headers['x-content-type-options'], 'nosniff', path);
      assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', path);
      assert.match(headers['permissions-policy'] ?? '', /camera=\(\)/, path);
    }
  });

  test('every inline script of every page is allowed by its hash, and nothing else is inline', async () => {
    const { headers } = await get(env.url, '/en/');
    const allowed = new Set([...headers['content-security-policy'].matchAll(/'(sha256-[^']+)'/g)].map((m) => m[1]));
    let pages = 0;
    async function walk(dir) {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith('.html')) {
          pages++;
          const html = await readFile(path, 'utf8');
          for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
            const [, attrs, body] = m;
            if (/\bsrc=/.test(attrs) || !body) continue;
            const hash = 'sha256-' + createHash('sha256').update(body).digest('base64');
            assert.ok(allowed.has(hash), `${path}: an inline script the CSP does not allow`);
          }
          assert.doesNotMatch(html, /\son[a-z]+="/, `${path}: an inline event handler`);
          assert.doesNotMatch(html, /<style[\s>]|\sstyle="/, `${path}: inline style`);
        }
      }
    }
    await walk(DIST);
    assert.ok(pages > 100, `only ${pages} pages`);
  });

  test('files are sent precompressed: brotli when accepted, gzip otherwise, with Vary', async () => {
    const wasm = (await hashedFiles()).find((f) => f.startsWith('shipshape-app-') && f.endsWith('_bg.wasm'));
    assert.ok(wasm, 'the main bundle');
    const raw = await readFile(join(DIST, wasm));
    for (const path of ['/en/replication/', '/' + wasm]) {
      const br = await get(env.url, path, { 'accept-encoding': 'gzip, br' });
      assert.equal(br.headers['content-encoding'], 'br', path);
      assert.match(br.headers.vary ?? '', /Accept-Encoding/i, path);
      const gz = await get(env.url, path, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', path);
      assert.ok(br.body.length < gz.body.length, `${path}: brotli is smaller than gzip`);
      const plain = await get(env.url, path);
      assert.equal(plain.headers['content-encoding'], undefined, path);
    }
    const gz = await get(env.url, '/' + wasm, { 'accept-encoding': 'gzip' });
    assert.ok(gz.body.length < raw.length / 2, 'the wasm compresses');
    assert.deepEqual(await readFile(join(DIST, wasm + '.gz')), gz.body, 'the .gz the build wrote is what is sent');
  });

  test('types and caching: wasm as application/wasm, hashed files immutable, pages revalidated', async () => {
    for (const file of await hashedFiles()) {
      const { status, headers } = await get(env.url, '/' + file);
      assert.equal(status, 200, file);
      assert.equal(headers['cache-control'], 'public, max-age=31536000, immutable', file);
      if (file.endsWith('.wasm')) assert.equal(headers['content-type'], 'application/wasm', file);
      if (file.endsWith('.js')) assert.match(headers['content-type'], /javascript/, file);
    }
    const tools = (await hashedFiles()).filter((f) => /^shipshape-(lab|calc)-/.test(f));
    assert.equal(tools.length, 4, `the tool bundles are named by their content: ${tools}`);
    for (const path of ['/en/', '/sw.js', '/en/manifest.webmanifest']) {
      const { status, headers } = await get(env.url, path);
      assert.equal(status, 200, path);
      assert.equal(headers['cache-control'], 'no-cache', path);
    }
    assert.match((await get(env.url, '/ko/manifest.webmanifest')).headers['content-type'], /application\/manifest\+json/);
    assert.match((await get(env.url, '/en/')).headers['content-type'], /text\/html; charset=utf-8/);
  });

  test('deep links answer 200, unknown addresses the 404 page, and the build files for other hosts are not served', async () => {
    for (const path of ['/en/replication', '/en/replication/', '/ko/lab', '/ja/rules/SS001/']) {
      const { status, body } = await get(env.url, path);
      assert.equal(status, 200, path);
      assert.match(body.toString(), /<meta name="shipshape-route"/, path);
    }
    for (const path of ['/ko/no-such-page/', '/nope.wasm', '/_headers', '/_nginx-headers.conf', '/_cloudfront-headers.json']) {
      const { status, body, headers } = await get(env.url, path);
      assert.equal(status, 404, path);
      assert.match(body.toString(), /content="404"/, `${path}: the site's own 404 page`);
      assert.ok(headers['content-security-policy'], `${path}: headers on errors too`);
    }
  });

  test('the 404 page speaks the language of the address, under the CSP', async () => {
    const { context, page, problems } = await watchedPage(env);
    for (const [lang, word] of [['en', 'Page not found'], ['ko', '페이지'], ['ja', 'ページ']]) {
      const response = await page.goto(`${env.url}/${lang}/no-such-page/`);
      assert.equal(response.status(), 404);
      const visible = await page.locator('.every-lang:visible').allTextContents();
      assert.equal(visible.length, 1, `${lang}: one language shown`);
      assert.ok(visible[0].includes(word), `${lang}: ${visible[0]}`);
    }
    // The page itself answers 404, which Chromium logs; nothing else may appear.
    assert.deepEqual(problems.filter((p) => !/status of 404/.test(p)), []);
    await context.close();
  });
});

/** Waits until the service worker controls the page and has kept what the page loaded. */
async function swReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller && document.documentElement.dataset.sw === 'ready', null, {
    timeout: 15000,
  });
}

describe('offline after the first visit', () => {
  test('visited pages in every language, and the lab, work offline; unvisited pages do not', async () => {
    const { context, page, problems, foreign } = await watchedPage(env, { serviceWorkers: 'allow' });
    const visited = ['/en/lab/', '/en/replication/', '/ko/', '/ko/build-cache/', '/ja/', '/ja/multi-stage/'];
    for (const path of visited) {
      await page.goto(env.url + path);
      await hydrated(page);
      await swReady(page);
    }
    // The lab's bundle is fetched when the lab starts: once, online, under the worker.
    await page.goto(env.url + '/en/lab/');
    await hydrated(page);
    await page.dispatchEvent('#lab-root', 'pointerdown');
    await page.waitForSelector('#lab-body[data-live] .lab', { timeout: 15000 });
    await swReady(page);

    await context.setOffline(true);
    for (const path of visited) {
      const response = await page.goto(env.url + path);
      assert.equal(response.status(), 200, `${path} offline`);
      await hydrated(page);
      assert.equal(await page.getAttribute('html', 'lang'), path.split('/')[1], path);
    }
    // The lab works offline: a cache-breaking order is found as the reader types.
    await page.goto(env.url + '/en/lab/');
    await hydrated(page);
    await page.dispatchEvent('#lab-root', 'pointerdown');
    await page.waitForSelector('#lab-body[data-live] .lab', { timeout: 15000 });
    await page.fill('#lab-source', '# offline\nFROM python:3.14-slim\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n');
    await page.waitForSelector('.lab-finding[data-rule=SS001][data-line="4"]', { timeout: 15000 });
    // A page never visited is not there: it is the cache that answered, not the network.
    await assert.rejects(page.goto(env.url + '/ja/security/'));
    await context.setOffline(false);
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('a new deployment is offered to the reader, and taking it reloads onto the new version', async () => {
    // A copy of the site, so that a "new deployment" can be made by changing its worker.
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-deploy-'));
    await cp(DIST, dir, { recursive: true });
    const server = await serveNginx(dir);
    try {
      const { context, page, problems } = await watchedPage({ ...env, url: server.url }, { serviceWorkers: 'allow' });
      await page.goto(server.url + '/ko/replication/');
      await hydrated(page);
      await swReady(page);
      assert.equal(await page.locator('#update-ready').isVisible(), false, 'nothing to offer yet');
      const first = await page.evaluate(async () => (await caches.keys()).join());

      const sw = await readFile(join(dir, 'sw.js'), 'utf8');
      const next = sw.replace(/"version": "([0-9a-f]+)"/, (_, v) => `"version": "${v}-next"`);
      assert.notEqual(next, sw);
      await writeFile(join(dir, 'sw.js'), next);
      await rm(join(dir, 'sw.js.gz'), { force: true });
      await rm(join(dir, 'sw.js.br'), { force: true });

      await page.reload();
      await hydrated(page);
      const notice = page.locator('#update-ready');
      await notice.waitFor({ state: 'visible', timeout: 15000 });
      assert.match(await notice.textContent(), /새 버전/, 'in the language of the page');
      await Promise.all([page.waitForEvent('load'), notice.locator('button').click()]);
      await hydrated(page);
      await page.waitForFunction(async (old) => (await caches.keys()).join() !== old && (await caches.keys()).length === 1, first, {
        timeout: 15000,
      });
      assert.match(await page.evaluate(async () => (await caches.keys()).join()), /-next$/);
      assert.equal(await notice.isVisible(), false);
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('files for other hosts and search engines', () => {
  test('_headers carries the same headers as nginx, with each hashed file immutable', async () => {
    const text = await readFile(join(DIST, '_headers'), 'utf8');
    const { headers } = await get(env.url, '/en/');
    assert.ok(text.includes(`  Content-Security-Policy: ${headers['content-security-policy']}\n`));
    for (const file of await hashedFiles()) {
      assert.ok(text.includes(`/${file}\n  Cache-Control: public, max-age=31536000, immutable\n`), file);
    }
    const cloudfront = JSON.parse(await readFile(join(DIST, '_cloudfront-headers.json'), 'utf8'));
    assert.equal(cloudfront.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy, headers['content-security-policy']);
    assert.equal(cloudfront.CustomHeadersConfig.Quantity, cloudfront.CustomHeadersConfig.Items.length);
  });

  test('the manifest of each language starts in that language', async () => {
    for (const lang of LANGS) {
      const manifest = JSON.parse((await get(env.url, `/${lang}/manifest.webmanifest`)).body.toString());
      assert.equal(manifest.lang, lang);
      assert.equal(manifest.start_url, `/${lang}/`);
      const icon = await get(env.url, manifest.icons[0].src);
      assert.equal(icon.status, 200);
    }
  });
});
