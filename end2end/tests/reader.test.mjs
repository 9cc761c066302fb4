// The guide reader, as readers meet it: the release build in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGS, hydrated, routes, seriousViolations, start, watchedPage } from '../harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

describe('every route', () => {
  test('loads, hydrates, has the right lang and title, logs no error, stays on its origin', async () => {
    const all = await routes();
    const guidePages = all.filter((r) => r.split('/').length === 4);
    assert.ok(guidePages.length >= 24, `expected 8+ pages in 3 languages, found ${guidePages.length}`);
    for (const lang of LANGS) {
      assert.ok(all.includes(`/${lang}/`), `no home page for ${lang}`);
    }
    const { context, page, problems, foreign } = await watchedPage(env);
    for (const route of all.filter((r) => r !== '/')) {
      const response = await page.goto(env.url + route);
      assert.equal(response.status(), 200, route);
      await hydrated(page);
      const lang = route.split('/')[1];
      assert.equal(await page.getAttribute('html', 'lang'), lang, route);
      const title = await page.title();
      assert.match(title, /Shipshape/, route);
      const description = await page.getAttribute('meta[name=description]', 'content');
      assert.ok(description && description.length > 20, `${route}: description`);
      const alternates = await page.$$eval('link[rel=alternate][hreflang]', (ls) => ls.map((l) => l.hreflang));
      assert.deepEqual(alternates, ['en', 'ko', 'ja', 'x-default'], route);
      assert.equal(await page.locator('h1').count(), 1, `${route}: one h1`);
    }
    assert.deepEqual(problems, [], 'console errors or warnings');
    assert.deepEqual(foreign, [], 'requests to another origin');
    await context.close();
  });

  test('every diagram renders, in the language of its page', async () => {
    const { context, page, problems } = await watchedPage(env);
    let seen = 0;
    for (const lang of LANGS) {
      for (const path of ['https', 'replication', 'build-cache', 'concepts-with-containers', 'legacy-gunicorn-image', 'ci-builds']) {
        const response = await page.goto(`${env.url}/${lang}/${path}/`);
        if (response.status() !== 200) continue;
        for (const figure of await page.locator('figure.diagram').all()) {
          const box = await figure.locator('svg').boundingBox();
          assert.ok(box && box.width > 200 && box.height > 80, `${lang}/${path}: a diagram has no size`);
          const labels = await figure.locator('svg text').allTextContents();
          assert.ok(labels.length >= 3, `${lang}/${path}: a diagram has no labels`);
          if (lang !== 'en') {
            const script = lang === 'ko' ? /[\uAC00-\uD7A3]/ : /[\u3040-\u30FF\u4E00-\u9FFF]/;
            assert.ok(labels.some((t) => script.test(t)), `${lang}/${path}: diagram labels are not in ${lang}`);
          }
          // Drawn with theme classes: shapes are filled from the stylesheet, not left black.
          const fill = await figure.locator('svg rect').first().evaluate((r) => getComputedStyle(r).fill);
          assert.notEqual(fill, 'rgb(0, 0, 0)', `${lang}/${path}: diagram boxes are unstyled`);
          seen += 1;
        }
      }
    }
    assert.ok(seen >= 6, `only ${seen} diagrams seen`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a guide page marks itself in the sidebar and has previous/next links', async () => {
    const { context, page } = await watchedPage(env);
    await page.goto(`${env.url}/en/restarts/`);
    await hydrated(page);
    assert.equal(await page.getAttribute('#sidebar a[aria-current=page]', 'href'), '/en/restarts/');
    assert.equal(await page.getAttribute('.pager a[rel=prev]', 'href'), '/en/startup/');
    assert.equal(await page.getAttribute('.pager a[rel=next]', 'href'), '/en/replication/');
    await context.close();
  });
});

describe('languages', () => {
  test('the switcher goes to the same page in the other language and is remembered at /', async () => {
    const { context, page, problems } = await watchedPage(env);
    await page.goto(`${env.url}/en/replication/`);
    await hydrated(page);
    await page.click('.lang-switch a[hreflang=ko]');
    await page.waitForURL(`${env.url}/ko/replication/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'ko');
    await hydrated(page);
    await page.goto(`${env.url}/`);
    await page.waitForURL(`${env.url}/ko/`);
    await page.click('.lang-switch a[hreflang=ja]');
    await page.waitForURL(`${env.url}/ja/`);
    await page.goto(`${env.url}/`);
    await page.waitForURL(`${env.url}/ja/`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const [locale, expected] of [['ko-KR', 'ko'], ['ja-JP', 'ja'], ['fr-FR', 'en'], ['en-US', 'en']]) {
    test(`/ picks ${expected} for a browser that prefers ${locale}`, async () => {
      const { context, page } = await watchedPage(env, { locale });
      await page.goto(`${env.url}/`);
      await page.waitForURL(`${env.url}/${expected}/`);
      await context.close();
    });
  }

  test('a missing page answers 404 in the language of its address, with a way home', async () => {
    const { context, page } = await watchedPage(env);
    const response = await page.goto(`${env.url}/ko/no-such-page/`);
    assert.equal(response.status(), 404);
    await hydrated(page);
    const visible = page.locator('.every-lang:visible');
    assert.equal(await visible.count(), 1);
    assert.equal(await visible.getAttribute('lang'), 'ko');
    assert.match(await visible.innerText(), /페이지를 찾을 수 없습니다/);
    assert.equal(await visible.locator('a').getAttribute('href'), '/ko/');
    await context.close();
  });
});

describe('the rules index', () => {
  test('lists every rule and maps each of hadolint\'s 71 DL rules to a rule or a reason, in each language', async () => {
    const { context, page, problems } = await watchedPage(env);
    for (const lang of LANGS) {
      const response = await page.goto(`${env.url}/${lang}/rules/`);
      assert.equal(response.status(), 200);
      await hydrated(page);
      const rules = await page.locator('.rule-index li > a').count();
      assert.ok(rules >= 19, `${lang}: ${rules} rules listed`);
      const rows = page.locator('table.hadolint-map tbody tr');
      assert.equal(await rows.count(), 71, lang);
      // DL3025 is SS008's: a link to its page, titled in the page's language.
      const dl3025 = page.locator('tr#DL3025 td').nth(2).locator('a');
      assert.equal(await dl3025.getAttribute('href'), `/${lang}/rules/SS008/`);
      assert.match(await dl3025.textContent(), /^SS008: /);
      // DL3009 has no rule: its cell gives the reason, in the page's language.
      const reason = await page.locator('tr#DL3009 td').nth(2).textContent();
      assert.ok(reason.includes('SS006'), `${lang}: ${reason}`);
      const script = { en: /[a-z]/, ko: /[\uAC00-\uD7A3]/, ja: /[\u3040-\u30FF]/ }[lang];
      assert.match(reason, script, `${lang}: the reason is in ${lang}`);
      // Every row says something in its third column.
      const empty = await rows.evaluateAll((trs) => trs.filter((tr) => !tr.cells[2].textContent.trim()).map((tr) => tr.id));
      assert.deepEqual(empty, [], lang);
      // The count above the table agrees with the rows that link a rule.
      const linked = await page.locator('table.hadolint-map tbody tr td:nth-child(3) a').evaluateAll((as) => new Set(as.map((a) => a.closest('tr').id)).size);
      const lead = await page.locator('h2#hadolint + p').textContent();
      assert.ok(lead.includes(String(linked)) && lead.includes('71'), `${lang}: ${lead} / ${linked}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('static and deep links', () => {
  test('a deep link reloads to the same page', async () => {
    const { context, page, problems } = await watchedPage(env);
    const response = await page.goto(`${env.url}/ja/restarts/`);
    assert.equal(response.status(), 200);
    await hydrated(page);
    const heading = await page.textContent('h1');
    await page.reload();
    await hydrated(page);
    assert.equal(await page.textContent('h1'), heading);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('with JavaScript off the page text is there', async () => {
    const { context, page } = await watchedPage(env, { javaScriptEnabled: false });
    await page.goto(`${env.url}/en/replication/`);
    const text = await page.innerText('main');
    assert.match(text, /Replication/);
    assert.ok(text.length > 2000, 'the whole page text is in the HTML');
    // Annotation explanations and the sidebar are readable without the app.
    await page.goto(`${env.url}/en/previous-steps/`);
    assert.ok(await page.locator('.anno-list li').first().isVisible());
    assert.ok(await page.locator('#sidebar').isVisible());
    await context.close();
  });

  test('hydration keeps the pre-rendered DOM: no element is duplicated or replaced', async () => {
    const { context, page } = await watchedPage(env);
    await page.goto(`${env.url}/en/https/`);
    // Tag a node of the static HTML before the app starts, then check it survives hydration.
    await page.evaluate(() => { document.querySelector('.content h2').dataset.probe = 'kept'; });
    await hydrated(page);
    assert.equal(await page.locator('h2[data-probe=kept]').count(), 1);
    assert.equal(await page.locator('header.topbar').count(), 1);
    assert.equal(await page.locator('main').count(), 1);
    await context.close();
  });
});

describe('reading', () => {
  test('the theme choice applies at once and survives a reload', async () => {
    const { context, page, problems } = await watchedPage(env, { colorScheme: 'light' });
    await page.goto(`${env.url}/en/overview/`);
    await hydrated(page);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.click('.theme-toggle'); // automatic -> light
    assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
    await page.click('.theme-toggle'); // light -> dark
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.notEqual(await bg(), light);
    await page.reload({ waitUntil: 'commit' });
    // The inline script applies the stored theme before the first paint, not after the wasm.
    await page.waitForSelector('body');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    await hydrated(page);
    assert.equal(await page.getAttribute('.theme-toggle', 'data-theme-choice'), 'dark');
    await page.click('.theme-toggle'); // dark -> automatic
    assert.equal(await page.getAttribute('html', 'data-theme'), null);
    assert.equal(await bg(), light);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an annotation opens and closes by mouse and by keyboard', async () => {
    const { context, page, problems } = await watchedPage(env);
    await page.goto(`${env.url}/en/previous-steps/`);
    await hydrated(page);
    const marker = page.locator('button.anno').first();
    const id = await marker.getAttribute('aria-controls');
    const note = page.locator(`#${id}`);
    assert.equal(await note.isVisible(), false);
    await marker.click();
    assert.equal(await note.isVisible(), true);
    assert.equal(await marker.getAttribute('aria-expanded'), 'true');
    assert.ok((await note.innerText()).length > 20);
    await marker.click();
    assert.equal(await note.isVisible(), false);
    await marker.focus();
    await page.keyboard.press('Enter');
    assert.equal(await note.isVisible(), true);
    await page.keyboard.press('Escape');
    assert.equal(await note.isVisible(), false);
    assert.equal(await marker.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the copy button copies the code without annotation markers', async () => {
    const { context, page } = await watchedPage(env);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
    await page.goto(`${env.url}/en/previous-steps/`);
    await hydrated(page);
    const block = page.locator('.annotated .code-block').first();
    await block.hover();
    await block.locator('button.copy').click();
    await page.waitForFunction(() => document.querySelector('.annotated button.copy').textContent === 'Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const shown = await block.locator('pre code').evaluate((code) => {
      const c = code.cloneNode(true);
      c.querySelectorAll('button').forEach((b) => b.remove());
      return c.textContent;
    });
    assert.ok(copied.length > 40);
    assert.doesNotMatch(copied, /# \(\d\)/);
    assert.equal(copied.split('\n').length, shown.split('\n').length);
    assert.equal(copied, shown.replace(/ \n/g, '\n').replace(/ $/, ''));
    await context.close();
  });

  test('the table of contents follows the scroll', async () => {
    const { context, page } = await watchedPage(env);
    await page.goto(`${env.url}/en/replication/`);
    await hydrated(page);
    const ids = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(ids.length >= 4);
    const target = ids[2];
    await page.evaluate((id) => document.querySelector(id).scrollIntoView({ behavior: 'instant' }), target);
    await page.waitForFunction((id) => document.querySelector(`.toc a[href="${id}"]`).classList.contains('active'), target);
    assert.equal(await page.locator('.toc a.active').count(), 1);
    await context.close();
  });

  test('at 360 px the sidebar folds into a menu button', async () => {
    const { context, page, problems } = await watchedPage(env, { viewport: { width: 360, height: 740 } });
    await page.goto(`${env.url}/ko/startup/`);
    await hydrated(page);
    const menu = page.locator('.menu-button');
    assert.ok(await menu.isVisible());
    assert.equal(await page.locator('#sidebar').isVisible(), false);
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    assert.ok(await page.locator('#sidebar').isVisible());
    await page.locator('#sidebar a').first().focus();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#sidebar').isVisible(), false);
    // Nothing overflows the narrow screen sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    // The search button shows only its icon here, and keeps its name for screen readers.
    const search = page.getByRole('button', { name: '검색', exact: true });
    assert.ok(await search.isVisible());
    assert.equal(await page.locator('.search-label').evaluate((e) => e.getBoundingClientRect().width), 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('navigation works from the keyboard: skip link, sidebar, permalinks', async () => {
    const { context, page } = await watchedPage(env);
    await page.goto(`${env.url}/en/https/`);
    await hydrated(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main');
    const permalink = await page.getAttribute('.content h2 .permalink', 'href');
    assert.match(permalink, /^#[a-z0-9-]+$/);
    await context.close();
  });
});

describe('accessibility', () => {
  const pages = ['/en/', '/en/https/', '/ko/replication/', '/ja/previous-steps/', '/ja/no-such-page/'];
  for (const path of pages) {
    for (const scheme of ['light', 'dark']) {
      test(`axe-core finds no serious or critical violation on ${path} (${scheme})`, async () => {
        const { context, page } = await watchedPage(env, { colorScheme: scheme });
        await page.goto(env.url + path);
        await hydrated(page);
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, []);
        await context.close();
      });
    }
  }
});
