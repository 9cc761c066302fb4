// Search in every language, offline, from the site's own index files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, seriousViolations, start, watchedPage } from '../harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

// A query per language, with the page and section it must lead to. The Korean and Japanese
// words are three characters or more, where lunr-based search fails.
const CASES = [
  { lang: 'en', query: 'restart policy', page: '/en/restarts/' },
  { lang: 'ko', query: '재시작', page: '/ko/restarts/' },
  { lang: 'ja', query: 'レプリケーション', page: '/ja/replication/' },
  { lang: 'ko', query: 'Docker 캐시', page: '/ko/build-cache/' },
  { lang: 'ja', query: 'uvicorn ワーカー', page: null },
];

describe('search', () => {
  for (const { lang, query, page: expected } of CASES) {
    test(`${lang}: Ctrl+K, "${query}", Enter lands on the section`, async () => {
      const { context, page, problems, foreign } = await watchedPage(env);
      const indexRequests = [];
      page.on('request', (r) => r.url().includes('/search/') && indexRequests.push(r.url()));
      await page.goto(`${env.url}/${lang}/overview/`);
      await hydrated(page);
      assert.equal(indexRequests.length, 0, 'the index is not downloaded before search opens');
      await page.keyboard.press('Control+k');
      const input = page.locator('.search-input');
      await input.waitFor();
      assert.ok(await input.evaluate((el) => el === document.activeElement), 'the search box has focus');
      await input.fill(query);
      const first = page.locator('.search-result').first();
      await first.waitFor();
      assert.equal(indexRequests.length, 1);
      assert.match(indexRequests[0], new RegExp(`/search/${lang}-[0-9a-f]+\\.bin$`));
      assert.equal(await first.getAttribute('aria-selected'), 'true');
      assert.ok((await page.locator('.search-result mark').count()) > 0, 'matches are highlighted');
      const href = await first.getAttribute('data-url');
      if (expected) assert.ok(href.startsWith(expected), `first hit ${href}, expected ${expected}`);
      await page.keyboard.press('Enter');
      const [path, hash] = href.split('#');
      await page.waitForURL((u) => u.pathname === path);
      await hydrated(page);
      if (hash) {
        await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, hash);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(foreign, []);
      await context.close();
    });
  }

  test('arrow keys move the selection, Esc closes, / opens, no results says so', async () => {
    const { context, page, problems } = await watchedPage(env);
    await page.goto(`${env.url}/en/https/`);
    await hydrated(page);
    await page.keyboard.press('/');
    const input = page.locator('.search-input');
    await input.waitFor();
    await input.fill('container');
    await page.locator('.search-result').nth(1).waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('.search-result').nth(1).getAttribute('aria-selected'), 'true');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'search-option-1');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.locator('.search-result').nth(0).getAttribute('aria-selected'), 'true');
    await input.fill('zzqqxx');
    await page.waitForFunction(() => /No results/.test(document.querySelector('.search-status').textContent));
    assert.equal(await page.locator('.search-result').count(), 0);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.search-dialog').count(), 0);
    assert.ok(await page.locator('.search-button').evaluate((el) => el === document.activeElement), 'focus returns to the button');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the labels follow the page language', async () => {
    const { context, page } = await watchedPage(env);
    await page.goto(`${env.url}/ja/overview/`);
    await hydrated(page);
    await page.click('.search-button');
    await page.locator('.search-input').waitFor();
    assert.equal(await page.getAttribute('.search-input', 'placeholder'), 'ガイドを検索');
    await context.close();
  });

  test('script in a query stays text', async () => {
    const { context, page, problems } = await watchedPage(env);
    await page.goto(`${env.url}/en/overview/`);
    await hydrated(page);
    await page.keyboard.press('Control+k');
    await page.locator('.search-input').fill('<img src=x onerror="window.pwned=1">');
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.locator('.search-dialog img').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('axe-core finds no serious or critical violation in the open dialog', async () => {
    const { context, page } = await watchedPage(env);
    await page.goto(`${env.url}/ko/overview/`);
    await hydrated(page);
    await page.keyboard.press('Control+k');
    await page.locator('.search-input').fill('컨테이너');
    await page.locator('.search-result').first().waitFor();
    const violations = await seriousViolations(page, '.search-dialog');
    assert.deepEqual(violations, []);
    await context.close();
  });
});
