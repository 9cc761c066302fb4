// The Dockerfile lab, as readers meet it: findings, the layer view, fixes, and typed text that
// stays text.
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

/** Waits until the page is hydrated and the lab (mounted by the lab bundle) is live. */
async function live(page) {
  await hydrated(page);
  // Without a share link or an autosaved file, the lab's bundle loads on the first touch.
  await page.dispatchEvent('#lab-root', 'pointerdown');
  await page.waitForSelector('#lab-body[data-live] .lab', { timeout: 15000 });
}

async function openLab(env, lang = 'en', options = {}) {
  const watched = await watchedPage(env, options);
  await watched.page.goto(`${env.url}/${lang}/lab/`);
  await live(watched.page);
  return watched;
}

const pipStep = (page) => page.locator('.lab-step', { hasText: 'RUN pip install' });

describe('lab page', () => {
  const MESSAGES = {
    en: /COPY \. \/code on line 3 brings in source files/,
    ko: /3행의 COPY \. \/code 명령이/,
    ja: /3行目の COPY \. \/code が/,
  };
  for (const [lang, message] of Object.entries(MESSAGES)) {
    test(`the default Dockerfile shows SS001 on line 3, in ${lang}`, async () => {
      const { context, page, problems, foreign } = await openLab(env, lang);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      const finding = page.locator('.lab-finding[data-rule=SS001]');
      assert.equal(await finding.count(), 1);
      assert.equal(await finding.getAttribute('data-line'), '3');
      assert.match(await finding.locator('.lab-message').innerText(), message);
      // Names from the Dockerfile are shown as code, not between backticks.
      assert.equal(await finding.locator('.lab-message code').first().innerText(), 'COPY . /code');
      assert.equal(await finding.locator('a.lab-rule').getAttribute('href'), `/${lang}/rules/SS001/`);
      // The severity is a word, not only a colour.
      assert.ok((await finding.locator('.lab-severity').innerText()).trim().length > 2);
      // The findings are announced politely.
      assert.match(await page.innerText('#lab-announce'), /SS001/);
      assert.equal(await page.getAttribute('#lab-announce', 'aria-live'), 'polite');
      assert.deepEqual(problems, []);
      assert.deepEqual(foreign, []);
      await context.close();
    });
  }

  test('app/main.py changed reruns pip install; the fix removes SS001 and keeps it cached', async () => {
    const { context, page, problems, foreign } = await openLab(env);
    assert.equal(await page.isChecked('input[data-path="app/main.py"]'), true);
    assert.equal(await pipStep(page).getAttribute('data-status'), 'rebuilt');
    assert.equal(await pipStep(page).getAttribute('data-cost'), 'heavy');
    assert.match(await pipStep(page).innerText(), /rebuilt/);
    assert.match(await page.innerText('.lab-summary'), /Editing app\/main\.py reruns 1 heavy step/);
    // Unmarking the file: everything comes from the cache.
    await page.uncheck('input[data-path="app/main.py"]');
    await page.waitForSelector('.lab-step[data-status=rebuilt]', { state: 'detached' });
    await page.check('input[data-path="app/main.py"]');
    await page.waitForSelector('.lab-step[data-status=rebuilt]');

    await page.locator('.lab-finding[data-rule=SS001] button.lab-fix').click();
    await page.waitForSelector('.lab-finding[data-rule=SS001]', { state: 'detached' });
    const text = await page.inputValue('#lab-source');
    assert.ok(text.indexOf('requirements.txt') < text.indexOf('RUN pip install'), text);
    // The fix is an edit since the last build: the next build reruns the install once.
    await page.waitForSelector('.lab-last-build[data-edited=true]');
    await page.locator('.lab-step[data-status=rebuilt]', { hasText: 'RUN pip install' }).waitFor();
    // Built once, an edit to app/main.py no longer reaches it.
    await page.click('button.lab-mark-built');
    await page.waitForSelector('.lab-last-build[data-edited=false]');
    await page.waitForSelector('.lab-step[data-status=rebuilt][data-cost=heavy]', { state: 'detached' });
    assert.equal(await pipStep(page).getAttribute('data-status'), 'cached');
    assert.match(await pipStep(page).innerText(), /cached/);
    assert.match(await page.innerText('.lab-summary'), /no heavy step/);
    assert.doesNotMatch(await page.innerText('#lab-announce'), /SS001/);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('the last build: an edit reruns from its line, "Mark as built" moves it, and links carry it (in Korean)', async () => {
    const { context, page, problems, foreign } = await openLab(env, 'ko');
    await page.selectOption('#lab-preset', 'fastapi-requirements-first');
    await page.waitForSelector('.lab-last-build[data-edited=false]');
    assert.equal(await page.isDisabled('button.lab-mark-built'), true);
    // Nothing marked changed: the whole build comes from the cache.
    for (const box of await page.locator('.lab-changed input[type=checkbox]:checked').all()) await box.uncheck();
    await page.waitForSelector('.lab-step[data-status=rebuilt]', { state: 'detached' });
    // A package added to the install: that line and what follows rerun, and the reason names
    // the edit in Korean.
    const before = await page.inputValue('#lab-source');
    const edited = before.replace('pip install', 'pip install --no-compile');
    assert.notEqual(edited, before);
    await page.fill('#lab-source', edited);
    await page.waitForSelector('.lab-last-build[data-edited=true]');
    // The plan follows once typing pauses.
    await page.locator('.lab-step[data-status=rebuilt]', { hasText: 'RUN pip install' }).waitFor();
    assert.match(await pipStep(page).locator('.lab-reason').innerText(), /행이 바뀌었습니다|바뀌었/);
    assert.match(await page.innerText('.lab-summary'), /수정한 내용으로 무거운 단계 1개가 다시 실행됩니다/);
    assert.match(await page.innerText('.lab-last-build-text'), /1개/);
    // The steps before the edited line stay cached.
    const first = page.locator('.lab-step').first();
    assert.equal(await first.getAttribute('data-status'), 'cached');
    // The state travels in the share link: opened elsewhere, the edit still counts.
    await page.click('button.lab-share');
    const link = await page.inputValue('.lab-share-url');
    assert.match(link, /\/ko\/lab\/#s=2/);
    const other = await context.newPage();
    await other.goto(link);
    await live(other);
    await other.waitForSelector('.lab-last-build[data-edited=true]');
    await other.locator('.lab-step[data-status=rebuilt]', { hasText: 'RUN pip install' }).waitFor();
    await other.close();
    // Mark as built: compared with this text now, nothing reruns, and the notice says so.
    await page.click('button.lab-mark-built');
    await page.waitForSelector('.lab-last-build[data-edited=false]');
    await page.waitForSelector('.lab-step[data-status=rebuilt]', { state: 'detached' });
    assert.match(await page.innerText('.lab-notice'), /빌드한 것으로 표시했습니다/);
    // It is saved: a reload keeps the last build.
    await page.reload();
    await live(page);
    await page.waitForSelector('.lab-last-build[data-edited=false]');
    assert.equal(await page.inputValue('#lab-source'), edited);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('a shell comment that swallows the next line is coloured so, flagged and fixed (SS015)', async () => {
    const { context, page, problems } = await openLab(env, 'ja');
    await page.fill(
      '#lab-source',
      'FROM python:3.13-slim\nRUN apt-get update \\\n    && apt-get install -y curl  # ヘルスチェック用 \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );
    const finding = page.locator('.lab-finding[data-rule=SS015]');
    await finding.waitFor();
    assert.equal(await finding.getAttribute('data-line'), '3');
    assert.match(await finding.locator('.lab-message').innerText(), /シェルのコメント[\s\S]*4行目/);
    assert.equal(await finding.locator('a.lab-rule').getAttribute('href'), '/ja/rules/SS015/');
    // The swallowed line is coloured as the comment it has become, not as a command.
    const comments = await page.locator('.lab-highlight .comment').allInnerTexts();
    assert.ok(comments.includes('&& rm -rf /var/lib/apt/lists/*'), JSON.stringify(comments));
    await finding.locator('button.lab-fix').click();
    await page.waitForSelector('.lab-finding[data-rule=SS015]', { state: 'detached' });
    assert.equal(
      await page.inputValue('#lab-source'),
      'FROM python:3.13-slim\nRUN apt-get update \\\n    # ヘルスチェック用\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );
    // One undo step brings the original back.
    await page.focus('#lab-source');
    await page.keyboard.press('Control+Z');
    await finding.waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('typing re-runs the analysis, and presets load', async () => {
    const { context, page, problems } = await openLab(env);
    await page.selectOption('#lab-preset', 'fastapi-requirements-first');
    await page.waitForSelector('.lab-finding[data-rule=SS001]', { state: 'detached' });
    assert.equal(await pipStep(page).getAttribute('data-status'), 'cached');
    await page.fill('#lab-source', 'FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n');
    await page.waitForSelector('.lab-finding[data-rule=SS001][data-line="3"]');
    assert.equal(await pipStep(page).getAttribute('data-status'), 'rebuilt');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('script-injection payloads typed into the editor and the file list stay inert', async () => {
    const { context, page, problems, foreign } = await openLab(env);
    await page.evaluate(() => {
      window.__pwned = 0;
    });
    const payloads = [
      '<img src=x onerror="window.__pwned=1">',
      '</textarea><script>window.__pwned=2</script>',
      '"><svg onload="window.__pwned=3">',
    ];
    const dockerfile = `FROM python:3.13-slim\nWORKDIR /code\nCOPY ${payloads[0]} /code\nRUN pip install -r requirements.txt\n# ${payloads[1]}\nCOPY . /code\nRUN echo '${payloads[2]}'\n`;
    await page.fill('#lab-source', dockerfile);
    await page.fill('#lab-context-files', `requirements.txt\n${payloads[0]}\n${payloads[2]}\napp/main.py\n`);
    await page.waitForSelector('input[data-path="app/main.py"]');
    await page.check(`input[data-path='${payloads[0]}']`);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), 0);
    assert.equal(await page.locator('.lab img, .lab script, .lab svg').count(), 0);
    // The payload shows as text.
    assert.match(await page.innerText('.lab-layers'), /<img src=x/);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('the server-rendered lab already shows the default findings and layers', async () => {
    const html = await (await fetch(`${env.url}/en/lab/`)).text();
    assert.match(html, /<div id="lab-root"/);
    assert.match(html, /data-rule="SS001"/);
    assert.match(html, /data-status="rebuilt"/);
  });
});

describe('lab accessibility', () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no serious or critical violation on /en/lab/ (${scheme})`, async () => {
      const { context, page } = await openLab(env, 'en', { colorScheme: scheme });
      const check = () => seriousViolations(page);
      assert.deepEqual(await check(), []);
      // And with the fix applied (no SS001, every step cached).
      await page.locator('.lab-finding[data-rule=SS001] button.lab-fix').click();
      await page.waitForSelector('.lab-finding[data-rule=SS001]', { state: 'detached' });
      assert.deepEqual(await check(), []);
      await context.close();
    });
  }
});
