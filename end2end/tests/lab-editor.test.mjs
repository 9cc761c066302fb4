// The lab's editor and state as readers use them: colours that survive an input method, undoable
// fixes, the keyboard, saved copies, share links, and the guide's examples.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { holdRequests, hydrated, seriousViolations, start, watchedPage } from '../harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

async function live(page) {
  await hydrated(page);
  // Without a share link or an autosaved file, the lab's bundle loads on the first touch.
  await page.dispatchEvent('#lab-root', 'pointerdown');
  await page.waitForSelector('#lab-body[data-live] .lab', { timeout: 15000 });
}

async function openLab(lang = 'en', options = {}, hash = '') {
  const watched = await watchedPage(env, options);
  await watched.page.goto(`${env.url}/${lang}/lab/${hash}`);
  await live(watched.page);
  return watched;
}

const STORAGE = 'shipshape.lab.v1.page';

describe('lab editor', () => {
  test('the overlay colours the engine tokens and underlines SS001 at its range', async () => {
    const { context, page, problems } = await openLab();
    const hl = page.locator('.lab-highlight');
    assert.equal(await hl.locator('.instruction', { hasText: 'FROM' }).count(), 1);
    assert.ok((await hl.locator('.string').count()) >= 5, 'the CMD array strings are coloured');
    // The underline covers exactly the COPY instruction on line 3.
    const underlined = await hl.locator('.u-warning').allInnerTexts();
    assert.equal(underlined.join(''), 'COPY . /code');
    // The gutter marks line 3 with a warning (an icon in CSS, and the message as a tooltip).
    const mark = page.locator('.lab-gutter .g-warning');
    assert.equal(await mark.innerText(), '3');
    assert.match(await mark.getAttribute('title'), /SS001/);
    // The overlay shows the same text as the textarea, character for character.
    assert.equal((await hl.textContent()).trimEnd(), (await page.inputValue('#lab-source')).trimEnd());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a Korean composition in a comment keeps the highlighting and the caret', async () => {
    const { context, page, problems } = await openLab('ko');
    const textarea = page.locator('#lab-source');
    await textarea.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# ');
    const cdp = await context.newCDPSession(page);
    // 한국 typed with a Korean input method: jamo compose into syllables before they commit.
    for (const text of ['ㅎ', '하', '한']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      const comment = await page.locator('.lab-highlight .comment').last().textContent();
      assert.equal(comment, `# ${text}`, 'the composing text is shown inside the comment colour');
      assert.equal(await page.locator('.lab-highlight .instruction', { hasText: 'RUN' }).count(), 1);
    }
    await cdp.send('Input.insertText', { text: '한' });
    for (const text of ['ㄱ', '구', '국']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: 1, selectionEnd: 1 });
    }
    await cdp.send('Input.insertText', { text: '국' });
    const value = await textarea.inputValue();
    assert.ok(value.endsWith('# 한국'), JSON.stringify(value.slice(-10)));
    // The caret is after the composed text, where the reader typed.
    const caret = await textarea.evaluate((el) => [el.selectionStart, el.value.length]);
    assert.equal(caret[0], caret[1]);
    assert.equal(await page.locator('.lab-highlight .comment').last().textContent(), '# 한국');
    // Everything before is still coloured as it was.
    assert.equal(await page.locator('.lab-highlight .instruction').count(), 5);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('on a long file with Korean and Japanese lines, numbers, colours and text stay level', async () => {
    const { context, page, problems } = await openLab('ja');
    const lines = [];
    for (let i = 0; i < 600; i++) lines.push(i % 3 === 0 ? `# 手順 ${i}: 설정을 바꿉니다` : `RUN echo ${i}`);
    await page.evaluate((t) => {
      const el = document.querySelector('#lab-source');
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, `FROM python:3.13-slim\n${lines.join('\n')}\n`);
    await page.waitForFunction(() => document.querySelector('#lab-source').value.split('\n').length > 600);
    // Only the lines in view are rendered: scroll to the end and wait for the window to follow.
    await page.evaluate(() => {
      const ta = document.querySelector('#lab-source');
      ta.scrollTop = ta.scrollHeight;
    });
    await page.waitForFunction(() => Number(document.querySelector('.lab-highlight').dataset.first) > 500);
    const drift = await page.evaluate(() => {
      const ta = document.querySelector('#lab-source');
      const first = Number(document.querySelector('.lab-highlight').dataset.first);
      const lines = document.querySelectorAll('.lab-highlight .ln');
      const numbers = [...document.querySelectorAll('.lab-gutter .g')];
      const line = lines[lines.length - 3];
      const number = numbers.find((n) => n.textContent.trim() === String(first + lines.length - 2));
      const l = line.getBoundingClientRect();
      const n = number.getBoundingClientRect();
      // Where the textarea draws that line: its line height times the line index, less the scroll.
      const px = parseFloat(getComputedStyle(ta).lineHeight);
      const pad = parseFloat(getComputedStyle(ta).paddingTop);
      const t = ta.getBoundingClientRect().top + pad + (first + lines.length - 3) * px - ta.scrollTop;
      return {
        heights: Math.abs(l.top - t),
        centres: Math.abs(n.top + n.height / 2 - (l.top + l.height / 2)),
        text: line.textContent,
        expected: ta.value.split('\n')[first + lines.length - 3],
      };
    });
    assert.equal(drift.text.trimEnd(), drift.expected.trimEnd());
    assert.ok(drift.heights < 2, `the overlay is ${drift.heights}px off the textarea's line over 600 lines`);
    assert.ok(drift.centres < 2, `line 591's number is ${drift.centres}px off its text`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a fix is one undo step, and its preview shows the change', async () => {
    const { context, page, problems } = await openLab();
    const before = await page.inputValue('#lab-source');
    const finding = page.locator('.lab-finding[data-rule=SS001]');
    await finding.locator('.lab-preview summary').click();
    const preview = await finding.locator('.lab-diff').innerText();
    assert.match(preview, /^\+ COPY .*requirements\.txt/m);
    await finding.locator('button.lab-fix').click();
    await page.waitForSelector('.lab-finding[data-rule=SS001]', { state: 'detached' });
    assert.notEqual(await page.inputValue('#lab-source'), before);
    await page.focus('#lab-source');
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.lab-finding[data-rule=SS001]');
    assert.equal(await page.inputValue('#lab-source'), before);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('F8 goes to the finding; the message under the caret is in the page language', async () => {
    const { context, page, problems } = await openLab('ja');
    await page.focus('#lab-source');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    const selected = await page.locator('#lab-source').evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.equal(selected, 'COPY . /code');
    assert.match(await page.locator('.lab-caret').innerText(), /SS001[\s\S]*3行目/);
    // Tab indents inside the editor; Esc then Tab leaves it.
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lab-source');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement.id), 'lab-source');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a syntax error shows where and why, and the rest of the file is still analysed', async () => {
    const { context, page, problems } = await openLab();
    await page.fill('#lab-source', 'FROM python:3.13-slim\nWORKDIR /code\nFROBNICATE now\nCOPY . /code\nRUN pip install -r requirements.txt\n');
    await page.waitForSelector('.lab-parse-error[data-line="3"]');
    assert.match(await page.innerText('.lab-parse-error'), /FROBNICATE/i);
    assert.equal(await page.locator('.lab-gutter .g-error').innerText(), '3');
    await page.waitForSelector('.lab-finding[data-rule=SS001][data-line="4"]');
    assert.equal(await page.locator('.lab-step[data-line="5"]').getAttribute('data-status'), 'rebuilt');
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const [lang, word] of [['ko', /[가-힣]{2}/], ['ja', /[ぁ-んァ-ヶ一-龯]{2}/]]) {
    test(`step reasons are written in ${lang}`, async () => {
      const { context, page, problems } = await openLab(lang);
      const reasons = await page.locator('.lab-reason').allInnerTexts();
      assert.ok(reasons.length >= 4);
      for (const r of reasons) {
        assert.match(r, word, r);
        assert.doesNotMatch(r, /\b(changed|rebuilt|nothing it depends)\b/, r);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('target stage and changed build arguments reach the layer view', async () => {
    const { context, page, problems } = await openLab();
    await page.selectOption('#lab-preset', 'go');
    await page.waitForSelector('.lab-stage >> nth=1');
    const stages = await page.locator('#lab-target option').count();
    assert.ok(stages >= 3, 'the last-stage choice and every stage');
    await page.selectOption('#lab-target', { index: 1 });
    await page.waitForSelector('.lab-stage[data-built=false]');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('lab state', () => {
  test('a reload keeps the text, the context and the changed files', async () => {
    const { context, page, problems } = await openLab();
    await page.fill('#lab-source', 'FROM python:3.13-slim\n# kept across reloads\nCOPY . /code\n');
    await page.uncheck('input[data-path="app/main.py"]');
    await page.reload();
    await live(page);
    assert.equal(await page.inputValue('#lab-source'), 'FROM python:3.13-slim\n# kept across reloads\nCOPY . /code\n');
    assert.equal(await page.isChecked('input[data-path="app/main.py"]'), false);
    // Reset brings the example back (and says so).
    await page.click('.lab-reset');
    await page.waitForSelector('.lab-finding[data-rule=SS001]');
    assert.match(await page.innerText('.lab-notice'), /example/i);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a damaged saved copy is kept aside; the example loads with a notice', async () => {
    const { context, page, problems } = await openLab();
    await page.evaluate((key) => localStorage.setItem(key, '1thisIsNotAValidState'), STORAGE);
    await page.reload();
    await live(page);
    assert.match(await page.innerText('.lab-notice'), /could not be read/);
    assert.equal(await page.locator('.lab-finding[data-rule=SS001]').count(), 1);
    assert.equal(await page.evaluate((key) => localStorage.getItem(`${key}.damaged`), STORAGE), '1thisIsNotAValidState');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a shared link opened in a fresh browser context restores the same view', async () => {
    const first = await openLab('en', { permissions: ['clipboard-read', 'clipboard-write'] });
    await first.page.selectOption('#lab-preset', 'fastapi-requirements-first');
    await first.page.fill('#lab-context-files', 'requirements.txt\napp/main.py\nREADME.md\n');
    await first.page.check('input[data-path="requirements.txt"]');
    await first.page.click('.lab-share');
    const link = await first.page.inputValue('.lab-share-url');
    assert.match(link, /\/en\/lab\/#s=2[A-Za-z0-9_-]+$/);
    assert.match(await first.page.innerText('.lab-notice'), /Link copied/);
    const view = async (page) => ({
      text: await page.inputValue('#lab-source'),
      steps: await page.locator('.lab-step').evaluateAll((els) => els.map((e) => `${e.dataset.line}:${e.dataset.status}`)),
      summary: await page.innerText('.lab-summary'),
      findings: await page.locator('.lab-finding').evaluateAll((els) => els.map((e) => e.dataset.rule)),
    });
    const expected = await view(first.page);
    assert.ok(expected.steps.some((s) => s.endsWith('rebuilt')));
    await first.context.close();

    const second = await watchedPage(env);
    await second.page.goto(link);
    await live(second.page);
    assert.deepEqual(await view(second.page), expected);
    assert.match(await second.page.innerText('.lab-notice'), /Opened the shared lab/);
    // The link is consumed: the address no longer carries it.
    assert.equal(await second.page.evaluate(() => location.hash), '');
    assert.deepEqual(second.problems, []);
    await second.context.close();
  });

  test('a link shared before the last build was kept (format 1) still opens', async () => {
    // Written by the version 1 encoder: a Dockerfile with COPY . /code before pip install, its
    // context, app/main.py marked changed, and a .dockerignore.
    const V1 = '1VlVGUk9NIHB5dGhvbjozLjEzLXNsaW0KV09SS0RJUiAvY29kZQpDT1BZIC4HDUxSVU4gcGlwIGluc3RhbGwgLXIgcmVxdWlyZW1lbnRzLnR4dAoCEBkTGgthcHAvbWFpbi5weQERDRgFLmdpdAoAAKDm9fE';
    const { context, page, problems } = await openLab('ja');
    await page.goto(`${env.url}/ja/lab/#s=${V1}`);
    await page.waitForFunction(() => document.querySelector('#lab-source')?.value.includes('COPY . /code'));
    assert.equal(await page.inputValue('#lab-source'), 'FROM python:3.13-slim\nWORKDIR /code\nCOPY . /code\nRUN pip install -r requirements.txt\n');
    assert.equal(await page.isChecked('input[data-path="app/main.py"]'), true);
    // No last build in the link: nothing was edited since, and the marked file is the change.
    await page.waitForSelector('.lab-last-build[data-edited=false]');
    assert.equal(await page.locator('.lab-step', { hasText: 'RUN pip install' }).getAttribute('data-status'), 'rebuilt');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a malformed or oversized link says why and changes nothing', async () => {
    const { context, page, problems } = await openLab();
    await page.fill('#lab-source', 'FROM python:3.13-slim\n# my own work\n');
    for (const [hash, why] of [
      ['#s=1AAAA', /cut short or was altered/],
      [`#s=1${'A'.repeat(30000)}`, /30001 characters long/],
      ['#s=9abc', /another version/],
    ]) {
      // Into the address bar of the open lab (the page stays; the link is read on hashchange).
      await page.goto(`${env.url}/en/lab/${hash}`);
      await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('.lab-notice').textContent), why.source);
      assert.match(await page.innerText('.lab-notice'), /could not be opened/);
      assert.equal(await page.inputValue('#lab-source'), 'FROM python:3.13-slim\n# my own work\n');
    }
    // And on a fresh load, too.
    await page.goto(`${env.url}/en/`);
    await page.goto(`${env.url}/en/lab/#s=1AAAA`);
    await live(page);
    assert.match(await page.innerText('.lab-notice'), /could not be opened/);
    assert.equal(await page.inputValue('#lab-source'), 'FROM python:3.13-slim\n# my own work\n');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('injection payloads in a share link and in file names stay inert', async () => {
    const first = await openLab('en', { permissions: ['clipboard-read', 'clipboard-write'] });
    const payload = '<img src=x onerror="window.__pwned=1">';
    await first.page.fill('#lab-source', `FROM python:3.13-slim\nCOPY ${payload} /code\n# </pre><script>window.__pwned=2</script>\n`);
    await first.page.fill('#lab-context-files', `${payload}\n"><svg onload="window.__pwned=3">\n`);
    await first.page.click('.lab-share');
    const link = await first.page.inputValue('.lab-share-url');
    await first.context.close();
    const second = await watchedPage(env);
    await second.page.addInitScript(() => {
      window.__pwned = 0;
    });
    await second.page.goto(link);
    await live(second.page);
    await second.page.waitForTimeout(300);
    assert.equal(await second.page.evaluate(() => window.__pwned), 0);
    assert.equal(await second.page.locator('.lab img, .lab script, .lab svg').count(), 0);
    assert.match(await second.page.inputValue('#lab-source'), /<img src=x/);
    assert.match(await second.page.textContent('.lab-highlight'), /<\/pre><script>/);
    assert.deepEqual(second.problems, []);
    await second.context.close();
  });

  test('download offers the Dockerfile as a file', async () => {
    const { context, page, problems } = await openLab('en', { acceptDownloads: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.lab-download')]);
    assert.equal(download.suggestedFilename(), 'Dockerfile');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    assert.equal(await readFile(path, 'utf8'), await page.inputValue('#lab-source'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('copy with all fixes puts the fixed Dockerfile on the clipboard', async () => {
    const { context, page, problems } = await openLab('en', { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.click('.lab-copy-fixed');
    await page.waitForFunction(() => /fix/.test(document.querySelector('.lab-notice').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.indexOf('requirements.txt') < copied.indexOf('RUN pip install'), copied);
    assert.match(copied, /PYTHONFAULTHANDLER/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('lab examples in the guide', () => {
  test('a guide page shows the lab in place without loading it; a first touch makes it live', async () => {
    const { context, page, problems, foreign } = await watchedPage(env);
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${env.url}/en/build-cache/`);
    await hydrated(page);
    await page.waitForTimeout(500);
    assert.equal(requested.filter((u) => u.includes('shipshape-lab')).length, 0, 'no lab bundle on a plain visit');
    // The server's lab: the example coloured, SS001 underlined and listed, what the change reruns.
    const figure = page.locator('figure[data-widget=lab]').first();
    assert.equal(await figure.getAttribute('class'), 'widget widget-lab');
    assert.match(await figure.locator('textarea.lab-source').inputValue(), /^FROM python/);
    assert.equal(await figure.locator('.lab-highlight .u-warning').allInnerTexts().then((t) => t.join('')), 'COPY . .');
    assert.ok((await figure.locator('.lab-finding', { hasText: 'SS001' }).count()) >= 1);
    assert.match(await figure.locator('.lab-summary').innerText(), /app\/main\.py.*1 heavy step/s);
    assert.equal(await figure.locator('.lab-step-rebuilt', { hasText: 'pip install' }).count(), 1);
    assert.equal(await figure.locator('input[data-path="app/main.py"]').isChecked(), true);
    assert.deepEqual(await seriousViolations(page), []);
    // A click in the editor brings the bundle; the live lab keeps the reader where they clicked.
    await figure.locator('textarea.lab-source').click();
    await page.waitForSelector('figure.lab-live textarea.lab-source');
    assert.ok(requested.some((u) => /shipshape-lab-[0-9a-f]+_bg\.wasm/.test(u)));
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('lab-source')), true);
    assert.match(await figure.locator('.lab-summary').innerText(), /app\/main\.py/);
    // The live example passes axe like the rest of the page.
    assert.deepEqual(await seriousViolations(page), []);
    // Fixing SS001 live keeps pip cached.
    await figure.locator('.lab-finding', { hasText: 'SS001' }).locator('button.lab-fix').first().click();
    await figure.locator('.lab-step-cached', { hasText: 'pip install' }).waitFor();
    // "Open in the lab" carries the current state to the lab page.
    await figure.locator('textarea.lab-source').press('Control+End');
    await figure.locator('textarea.lab-source').type('# from the guide\n');
    const href = await figure.locator('.lab-open-link').getAttribute('href');
    await page.goto(`${env.url}${href}`);
    await live(page);
    assert.match(await page.inputValue('#lab-source'), /# from the guide\n$/);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('what a reader types and ticks before the bundle arrives carries into the live lab', async () => {
    const { context, page, problems } = await watchedPage(env);
    // Hold the lab's wasm back until the reader has typed and ticked.
    const release = await holdRequests(page, /shipshape-lab-[0-9a-f]+_bg\.wasm/);
    await page.goto(`${env.url}/ko/build-cache/`);
    await hydrated(page);
    const figure = page.locator('figure[data-widget=lab]').first();
    const editor = figure.locator('textarea.lab-source');
    await figure.locator('input[data-path="requirements.txt"]').check();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n# 먼저 입력');
    // Not live yet: the editor shows its own text instead of stale colours, and the figure says
    // it is busy (a bar runs along the editor).
    assert.equal(await figure.getAttribute('class'), 'widget widget-lab widget-starting lab-typed');
    assert.equal(await figure.getAttribute('aria-busy'), 'true');
    assert.equal(await figure.locator('.lab-highlight').isVisible(), false);
    release();
    await page.waitForSelector('figure.lab-live .lab-highlight .comment');
    assert.equal(await figure.getAttribute('class'), 'widget widget-lab lab-live');
    assert.equal(await figure.getAttribute('aria-busy'), null);
    const value = await editor.inputValue();
    assert.ok(value.endsWith('\n# 먼저 입력'), JSON.stringify(value.slice(-20)));
    assert.equal(await figure.locator('.lab-highlight .comment').last().textContent(), '# 먼저 입력');
    // The caret is still at the end of what was typed, in the editor.
    const caret = await editor.evaluate((el) => [document.activeElement === el, el.selectionStart, el.value.length]);
    assert.deepEqual(caret, [true, value.length, value.length]);
    assert.equal(await figure.locator('input[data-path="requirements.txt"]').isChecked(), true);
    assert.equal(await figure.locator('input[data-path="app/main.py"]').isChecked(), true);
    assert.match(await figure.locator('.lab-summary').innerText(), /requirements\.txt/);
    // The live copy is saved: a reload shows it without another touch.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.reload();
    await page.waitForSelector('figure.lab-live textarea.lab-source');
    assert.ok((await editor.inputValue()).endsWith('# 먼저 입력'));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a fix pressed before the lab is live is applied once it is', async () => {
    const { context, page, problems } = await watchedPage(env);
    const release = await holdRequests(page, /shipshape-lab-[0-9a-f]+_bg\.wasm/);
    await page.goto(`${env.url}/en/build-cache/`);
    await hydrated(page);
    const figure = page.locator('figure[data-widget=lab]').first();
    await figure.locator('.lab-finding', { hasText: 'SS001' }).locator('button.lab-fix').first().click();
    release();
    await page.waitForSelector('figure.lab-live textarea.lab-source');
    await figure.locator('.lab-step-cached', { hasText: 'pip install' }).waitFor();
    assert.equal(await figure.locator('.lab-finding[data-rule=SS001]').count(), 0);
    const text = await figure.locator('textarea.lab-source').inputValue();
    assert.ok(text.indexOf('requirements.txt') < text.indexOf('RUN pip install'), text);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a lab bundle that cannot be fetched leaves the example as it was, and a later touch retries', async () => {
    const { context, page } = await watchedPage(env);
    await page.route(/shipshape-lab-[0-9a-f]+_bg\.wasm/, (route) => route.abort());
    await page.goto(`${env.url}/en/build-cache/`);
    await hydrated(page);
    const figure = page.locator('figure[data-widget=lab]').first();
    await figure.locator('textarea.lab-source').click();
    // The failure is noticed: no endless "busy", and the server's lab is still there.
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-lab-loading'));
    assert.equal(await figure.getAttribute('class'), 'widget widget-lab');
    assert.equal(await figure.getAttribute('aria-busy'), null);
    assert.ok((await figure.locator('.lab-finding', { hasText: 'SS001' }).count()) >= 1);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await figure.locator('.lab-summary').click();
    await page.waitForSelector('figure.lab-live textarea.lab-source');
    await context.close();
  });

  test('without the live lab, "Open in the lab" still opens the example', async () => {
    const { context, page, problems } = await watchedPage(env);
    await page.goto(`${env.url}/ja/build-cache/`);
    await hydrated(page);
    const figure = page.locator('figure[data-widget=lab]').first();
    const code = await figure.locator('textarea.lab-source').inputValue();
    await figure.locator('.lab-open-link').click();
    await live(page);
    assert.equal((await page.inputValue('#lab-source')).trim(), code.trim());
    assert.match(await page.innerText('.lab-notice'), /共有されたラボ/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
