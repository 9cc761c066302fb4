// The capacity calculator, as readers meet it: the page, the guide's widgets, links, storage.
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

const verdict = (page) => page.getAttribute('.calc-results .calc-verdict', 'data-fits');
const numbers = (page, root = '.calc-results') => page.innerText(`${root} .calc-numbers`);

/** Waits until the page is hydrated and the calculator (mounted by the calculator bundle) is live. */
async function live(page) {
  await hydrated(page);
  await page.waitForSelector('#calc-root[data-live]', { timeout: 15000 });
}

async function openCalculator(env, query = '', options = {}) {
  const watched = await watchedPage(env, options);
  await watched.page.goto(`${env.url}/en/calculator/${query}`);
  await live(watched.page);
  return watched;
}

describe('calculator page', () => {
  test("the guide's scenario does not fit, and the suggested fix makes it fit", async () => {
    const { context, page, problems, foreign } = await openCalculator(env);
    assert.equal(await verdict(page), 'false');
    assert.match(await page.innerText('.calc-results .calc-verdict'), /Does not fit/);
    // The memory picture shows the overflow with words, not only colour.
    assert.equal(await page.getAttribute('.calc-results .calc-memory', 'data-over'), 'true');
    assert.match(await page.innerText('.calc-results .calc-memory'), /Over capacity by/);
    assert.match(await page.innerText('.calc-warnings'), /OOM|memory/);
    const fix = page.locator('.calc-fix li', { hasText: '2 worker' });
    await fix.locator('button').click();
    await page.waitForSelector('.calc-results .calc-verdict[data-fits=true]');
    assert.equal(await page.inputValue('#calc-wk'), '2');
    assert.match(await page.innerText('.calc-results .calc-verdict'), /Fits/);
    // The result is in the address bar and in localStorage.
    assert.match(page.url(), /[?&]wk=2(&|$)/);
    assert.match(await page.evaluate(() => localStorage.getItem('shipshape.calc.v1')), /wk=2/);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('typing updates the result; setting workers to the suggested number fits', async () => {
    const { context, page, problems } = await openCalculator(env);
    await page.fill('#calc-wk', '3');
    await page.waitForFunction(() => document.querySelector('.calc-results .calc-numbers')?.innerText.includes('Workers per container\n3'));
    assert.equal(await verdict(page), 'false');
    await page.fill('#calc-wk', '2');
    await page.waitForSelector('.calc-results .calc-verdict[data-fits=true]');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a shared link restores the same result in a fresh browser', async () => {
    const first = await openCalculator(env);
    await first.page.selectOption('#calc-t', 'k8s');
    await first.page.selectOption('#calc-nt', 'm5.large');
    await first.page.selectOption('#calc-rs', 'eks');
    await first.page.fill('#calc-wk', '2');
    await first.page.fill('#calc-pm', '250');
    await first.page.fill('#calc-rps', '120');
    await first.page.waitForFunction(() => location.search.includes('rps=120'));
    const link = first.page.url();
    const expected = await numbers(first.page);
    const expectedVerdict = await verdict(first.page);
    await first.context.close();

    const { context, page, problems } = await watchedPage(env);
    await page.goto(link);
    await live(page);
    await page.waitForFunction(() => document.querySelector('#calc-rps')?.value === '120');
    assert.equal(await page.inputValue('#calc-pm'), '250');
    assert.equal(await page.inputValue('#calc-t'), 'k8s');
    assert.equal(await numbers(page), expected);
    assert.equal(await verdict(page), expectedVerdict);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the scenario is remembered locally, and Reset goes back to the default', async () => {
    const { context, page } = await openCalculator(env);
    await page.fill('#calc-wk', '1');
    await page.waitForFunction(() => (localStorage.getItem('shipshape.calc.v1') || '').includes('wk=1'));
    await page.goto(`${env.url}/en/calculator/`);
    await live(page);
    await page.waitForFunction(() => document.querySelector('#calc-wk')?.value === '1');
    await page.click('.calc-actions button');
    assert.equal(await page.inputValue('#calc-wk'), '4');
    assert.equal(await page.evaluate(() => localStorage.getItem('shipshape.calc.v1')), null);
    assert.equal(new URL(page.url()).search, '');
    await context.close();
  });

  test('a malformed link and a corrupted saved state show a message and load the default', async () => {
    const { context, page, problems } = await openCalculator(env, '?v=1&wk=%ZZ&nope=1');
    await page.waitForSelector('.calc-notice:not([hidden])');
    assert.match(await page.innerText('.calc-notice'), /could not be read/);
    assert.equal(await page.inputValue('#calc-wk'), '4');
    assert.equal(await verdict(page), 'false');

    await page.goto(`${env.url}/en/calculator/?v=1${'&wk=1'.repeat(400)}`);
    await live(page);
    await page.waitForSelector('.calc-notice:not([hidden])');
    assert.match(await page.innerText('.calc-notice'), /too long/);

    await page.evaluate(() => localStorage.setItem('shipshape.calc.v1', 'garbage{'));
    await page.goto(`${env.url}/en/calculator/`);
    await live(page);
    await page.waitForSelector('.calc-notice:not([hidden])');
    assert.match(await page.innerText('.calc-notice'), /saved calculator settings could not be read/);
    assert.equal(await page.evaluate(() => localStorage.getItem('shipshape.calc.v1')), null);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("invalid input shows the field's error and keeps the last good result", async () => {
    const { context, page, problems } = await openCalculator(env);
    await page.fill('#calc-wk', '2');
    await page.waitForSelector('.calc-results .calc-verdict[data-fits=true]');
    const before = await numbers(page);
    await page.fill('#calc-mm', '-1');
    await page.waitForSelector('#calc-mm-err:not(:empty)');
    assert.match(await page.innerText('#calc-mm-err'), /between 0 and/);
    assert.equal(await page.getAttribute('#calc-mm', 'aria-invalid'), 'true');
    assert.ok(await page.locator('.calc-stale').isVisible());
    assert.equal(await numbers(page), before);
    assert.equal(await verdict(page), 'true');
    await page.fill('#calc-mm', 'lots');
    assert.match(await page.innerText('#calc-mm-err'), /Enter a number/);
    await page.fill('#calc-mm', '1');
    await page.waitForSelector('#calc-mm-err:empty', { state: 'attached' });
    assert.equal(await page.locator('.calc-stale').isVisible(), false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('units convert the value they hold', async () => {
    const { context, page } = await openCalculator(env);
    await page.selectOption('#calc-mmu', 'mib');
    assert.equal(await page.inputValue('#calc-mm'), '1024');
    assert.equal(await verdict(page), 'false');
    await context.close();
  });

  test('configs copy to the clipboard; the trace explains the numbers', async () => {
    const { context, page, problems } = await openCalculator(env);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
    await page.click('.calc-tab:has-text("docker run")');
    const shown = await page.innerText('.calc-config code');
    assert.match(shown, /docker run/);
    assert.match(shown, /--memory/);
    await page.click('.calc-copy');
    await page.waitForSelector('.calc-copy:has-text("Copied")');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
    await page.click('.calc-tab:has-text("Deployment")');
    assert.match(await page.innerText('.calc-config code'), /kind: Deployment/);
    await page.click('.calc-trace summary');
    assert.match(await page.innerText('.calc-trace'), /uvicorn|worker/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the page is in the reader\'s language', async () => {
    for (const [lang, word] of [['ko', '들어가지 않습니다'], ['ja', '収まりません']]) {
      const { context, page, problems } = await watchedPage(env);
      await page.goto(`${env.url}/${lang}/calculator/`);
      await live(page);
      assert.match(await page.innerText('.calc-results .calc-verdict'), new RegExp(word));
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  test('works at 360px without horizontal overflow', async () => {
    const { context, page } = await openCalculator(env, '', { viewport: { width: 360, height: 740 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
    await page.goto(`${env.url}/en/replication/`);
    await hydrated(page);
    await page.waitForSelector('.calc-widget');
    const widgetOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(widgetOverflow <= 0, `guide page is ${widgetOverflow}px wider than the window`);
    await context.close();
  });
});

describe('guide widgets', () => {
  test('the widget on /en/replication/ renders and opens in the calculator with its scenario', async () => {
    const { context, page, problems, foreign } = await watchedPage(env);
    await page.goto(`${env.url}/en/replication/`);
    await hydrated(page);
    const widget = page.locator('figure[data-widget=calc] .calc-widget').first();
    await widget.waitFor();
    assert.equal(await widget.locator('.calc-verdict').getAttribute('data-fits'), 'false');
    assert.ok(await widget.locator('.calc-memory svg').isVisible());
    // Tweak it: two workers fit.
    await widget.locator('input').first().fill('2');
    await widget.locator('.calc-verdict[data-fits=true]').waitFor();
    const href = await widget.locator('.calc-open a').getAttribute('href');
    assert.match(href, /^\/en\/calculator\/\?v=1&wk=2$/);
    await widget.locator('.calc-open a').click();
    await page.waitForURL(/\/en\/calculator\//);
    await live(page);
    await page.waitForFunction(() => document.querySelector('#calc-wk')?.value === '2');
    assert.equal(await verdict(page), 'true');
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('every widget in the guide mounts without errors', async () => {
    const { context, page, problems } = await watchedPage(env);
    for (const path of ['/en/resource-utilization/', '/en/concepts-with-containers/', '/en/legacy-gunicorn-image/', '/ko/replication/', '/ja/replication/']) {
      const response = await page.goto(env.url + path);
      if (response.status() !== 200) continue; // a translation may not exist yet
      await hydrated(page);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('figure[data-widget=calc]')].every((f) => f.classList.contains('calc-live')),
      );
      const figures = await page.locator('figure[data-widget=calc]').count();
      assert.equal(await page.locator('figure[data-widget=calc] .calc-widget').count(), figures, path);
      assert.equal(await page.locator('figure[data-widget=calc] .calc-general-error').count(), 0, path);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('calculator accessibility', () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no serious or critical violation on /en/calculator/ (${scheme})`, async () => {
      const { context, page } = await openCalculator(env, '?v=1&t=k8s', { colorScheme: scheme });
      const check = () => seriousViolations(page);
      assert.deepEqual(await check(), []);
      // And with an error showing.
      await page.fill('#calc-pm', '-5');
      await page.waitForSelector('#calc-pm-err:not(:empty)');
      assert.deepEqual(await check(), []);
      await context.close();
    });
  }
});
