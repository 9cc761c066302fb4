// The capacity calculator, as readers meet it: the page, the guide's widgets, links, storage.
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

const verdict = (page) => page.getAttribute('.calc-results .calc-verdict', 'data-fits');
const numbers = (page, root = '.calc-results') => page.innerText(`${root} .calc-numbers`);

/**
 * Waits until the page is hydrated and the calculator (mounted by the calculator bundle) is live.
 * Without a scenario in the address or a saved one, the bundle loads on the reader's first touch:
 * `touch` points at the form first, as a reader does.
 */
async function live(page, { touch = true } = {}) {
  await hydrated(page);
  if (touch) await page.dispatchEvent('#calc-root', 'pointerdown');
  await page.waitForSelector('#calc-root[data-live]', { timeout: 15000 });
}

async function openCalculator(env, query = '', options = {}) {
  const watched = await watchedPage(env, options);
  await watched.page.goto(`${env.url}/en/calculator/${query}`);
  await live(watched.page);
  return watched;
}

describe('calculator page', () => {
  test("starts as the server's form, loads its bundle on the first touch and keeps what was typed", async () => {
    const { context, page, problems } = await watchedPage(env);
    const bundle = [];
    page.on('request', (r) => {
      if (/\/shipshape-calc-/.test(r.url())) bundle.push(r.url());
    });
    await page.goto(`${env.url}/en/calculator/`);
    await hydrated(page);
    // The main bundle is running; the calculator's has not been asked for.
    await page.waitForTimeout(300);
    assert.deepEqual(bundle, [], 'no calculator bundle before a touch');
    assert.equal(await page.locator('#calc-root[data-live]').count(), 0);
    assert.equal(await verdict(page), 'false', "the server's form already shows the verdict");
    await page.fill('#calc-wk', '3');
    await page.waitForSelector('#calc-root[data-live]', { timeout: 15000 });
    assert.equal(await page.inputValue('#calc-wk'), '3', 'the typed value carried over');
    await page.waitForFunction(() => document.querySelector('.calc-results .calc-numbers')?.innerText.includes('Workers per container\n3'));
    assert.ok(bundle.length >= 2, `the bundle's script and wasm: ${bundle}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

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
    assert.match(expected, /Memory requested of what a node allocates\n[\d.]+%/);
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
    assert.match(
      await page.innerText('.calc-trace li[data-kind=memory_uvicorn]'),
      /uvicorn --workers 4: a supervisor \(30 MiB\) plus 4 spawned workers.*= 1,124 MiB/,
    );
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

  test('the Korean and Japanese pages show the trace, errors and node in their language', async () => {
    // Three lower-case English words in a row: an English sentence left on the page.
    const english = /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/;
    for (const [lang, words, between] of [
      ['ko', /워커|컨테이너당/, /0에서 16,384 사이여야 합니다/],
      ['ja', /ワーカー|コンテナーあたり/, /0から16,384までの値にしてください/],
    ]) {
      const { context, page, problems } = await watchedPage(env);
      await page.goto(`${env.url}/${lang}/calculator/`);
      await live(page);
      await page.click('.calc-trace summary');
      const trace = await page.innerText('.calc-trace ol');
      assert.match(trace, words);
      assert.doesNotMatch(trace, english, trace);
      assert.doesNotMatch(trace, /allocatable|reserved for|per container|worker process/);
      assert.equal(await page.locator('.calc-trace [lang=en]').count(), 0);
      const steps = await page.locator('.calc-trace li').count();
      assert.ok(steps >= 10, `${steps} steps`);
      // The machine is described in the page's language, not as "machine (2 cores, 3 GiB)".
      const caption = await page.innerText('.calc-results .calc-memory figcaption');
      assert.doesNotMatch(caption, /machine|cores/);
      assert.match(caption, lang === 'ko' ? /2코어/ : /2コア/);
      // The engine's range error, in the page's language.
      await page.fill('#calc-mm', '-1');
      await page.waitForSelector('#calc-mm-err:not(:empty)');
      assert.match(await page.innerText('#calc-mm-err'), between);
      assert.equal(await page.locator('#calc-mm-err [lang=en]').count(), 0);
      // A Kubernetes node's trace: the GKE reservation, in words of the page.
      await page.fill('#calc-mm', '1');
      await page.selectOption('#calc-t', 'k8s');
      await page.waitForFunction(() => document.querySelector('.calc-trace li[data-kind=node_banded_memory]'));
      const gke = await page.innerText('.calc-trace li[data-kind=node_banded_memory]');
      assert.match(gke, lang === 'ko' ? /GKE가 4 GiB의 25%/ : /GKEが4 GiBの25%/);
      assert.doesNotMatch(await page.innerText('.calc-trace ol'), english);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  test('the names in the configs are inputs, checked inline in the page\'s language', async () => {
    const { context, page, problems } = await openCalculator(env);
    await page.fill('#calc-img', 'ghcr.io/acme/shop:2.3');
    await page.fill('#calc-port', '8080');
    await page.click('.calc-tab:has-text("docker run")');
    await page.waitForFunction(() => document.querySelector('.calc-config code')?.innerText.includes('ghcr.io/acme/shop:2.3'));
    assert.match(await page.innerText('.calc-config code'), /8080/);
    assert.match(page.url(), /img=ghcr\.io%2Facme%2Fshop%3A2\.3/);
    await page.fill('#calc-mod', 'shop');
    await page.waitForSelector('#calc-mod-err:not(:empty)');
    assert.match(await page.innerText('#calc-mod-err'), /module:attribute/);
    // The configs keep the last good names.
    assert.match(await page.innerText('.calc-config code'), /ghcr\.io\/acme\/shop:2\.3/);
    await context.close();

    const ko = await watchedPage(env);
    await ko.page.goto(`${env.url}/ko/calculator/?v=1&port=70000&dn=Shop`);
    await live(ko.page);
    await ko.page.waitForSelector('#calc-port-err:not(:empty)');
    assert.match(await ko.page.innerText('#calc-port-err'), /1에서 65535 사이여야 합니다/);
    await ko.page.fill('#calc-port', '8000');
    await ko.page.waitForSelector('#calc-dn-err:not(:empty)');
    assert.match(await ko.page.innerText('#calc-dn-err'), /소문자로 쓰고/);
    assert.deepEqual([...problems, ...ko.problems], []);
    await ko.context.close();
  });

  test('the result shows what packing strands on a full node', async () => {
    // One worker on GKE e2-standard-4 with the default DaemonSets: 3,720m and 13,366 MiB are
    // available; 1,000m and 1,280 MiB per container: CPU binds at 3, stranding 720m and
    // 13,366 - 3 x 1,280 = 9,526 MiB.
    const { context, page, problems } = await openCalculator(env, '?v=1&wk=1&t=k8s');
    await page.waitForFunction(() => document.querySelector('#calc-t')?.value === 'k8s');
    const shown = await numbers(page);
    assert.match(shown, /Left unusable on a full node \(no further container fits\)\n0\.72 cores · 9,526 MiB/);
    assert.match(shown, /What limits containers per node\nCPU/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('headroom, custom reservations and Fargate on EKS are inputs, with units and inline errors', async () => {
    const { context, page, problems } = await openCalculator(env);
    await page.fill('#calc-wk', '2');
    await page.waitForSelector('.calc-results .calc-verdict[data-fits=true]');
    const limit = async () => (await numbers(page)).match(/Memory limit \(proposed, with headroom\)\n([\d,]+) MiB/)[1];
    // 2 x 1,124 MiB + 30 MiB = 2,278 MiB; +10% rounded up to 64 MiB = 2,560 MiB; +50%: 3,456 MiB.
    assert.equal(await limit(), '2,560');
    await page.fill('#calc-hr', '50');
    await page.waitForFunction(() => document.querySelector('.calc-results .calc-numbers').innerText.includes('3,456 MiB'));
    assert.equal(await limit(), '3,456');
    await page.fill('#calc-hr', '150');
    await page.waitForSelector('#calc-hr-err:not(:empty)');
    // The bounds are in the input's unit (percent), not the engine's fraction.
    assert.match(await page.innerText('#calc-hr-err'), /between 0 and 100/);
    await page.fill('#calc-hr', '10');
    await page.waitForSelector('#calc-hr-err:empty', { state: 'attached' });
    // A given memory limit hides the headroom, which only shapes a proposed limit.
    await page.fill('#calc-ml', '3');
    await page.selectOption('#calc-mlu', 'gib');
    assert.equal(await page.locator('#calc-hr').isVisible(), false);
    await page.fill('#calc-ml', '');

    // Custom kubelet reservations on a custom node: 16 GiB - 1 GiB - 512 MiB - 100 MiB.
    await page.selectOption('#calc-t', 'k8s');
    await page.selectOption('#calc-nt', 'custom');
    await page.selectOption('#calc-rs', 'custom');
    assert.ok(await page.locator('#calc-km').isVisible());
    assert.equal(await page.inputValue('#calc-kmu'), 'gib');
    await page.click('.calc-trace summary');
    await page.waitForSelector('.calc-trace li[data-kind=node_custom_memory]');
    assert.match(await page.innerText('.calc-trace li[data-kind=node_custom_memory]'), /allocatable 14,748 MiB/);
    await page.fill('#calc-km', '-1');
    await page.waitForSelector('#calc-km-err:not(:empty)');
    assert.match(await page.innerText('#calc-km-err'), /between 0 and/);
    await page.fill('#calc-km', '1');
    await page.waitForSelector('#calc-km-err:empty', { state: 'attached' });

    // AWS Fargate on EKS: the size follows from the pod.
    await page.selectOption('#calc-t', 'fargate_eks');
    await page.waitForSelector('.calc-trace li[data-kind=node_fargate_eks]');
    assert.match(await page.innerText('.calc-trace li[data-kind=node_fargate_eks]'), /rounded up to \d+ vCPU, \d+ GB/);
    assert.match(await page.innerText('.calc-results .calc-memory figcaption'), /vCPU/);
    assert.match(page.url(), /[?&]t=fargate_eks(&|$)/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("AKS max pods follow the network plugin, and the trace shows when the 25% cap applies", async () => {
    const { context, page, problems } = await openCalculator(env);
    await page.selectOption('#calc-t', 'k8s');
    await page.selectOption('#calc-nt', 'Standard_D4s_v5');
    // The plugin is an input for AKS reservations only.
    assert.equal(await page.locator('#calc-an').isVisible(), false);
    await page.selectOption('#calc-rs', 'aks');
    assert.ok(await page.locator('#calc-an').isVisible());
    assert.equal(await page.inputValue('#calc-an'), 'overlay');
    await page.click('.calc-trace summary');
    // Azure CNI Overlay: 250 pods, 20 x 250 + 50 = 5,050 MiB > 25% of 16 GiB, so 4,096 MiB.
    await page.waitForSelector('.calc-trace li[data-kind=node_max_pods]');
    assert.match(await page.innerText('.calc-trace li[data-kind=node_max_pods]'), /250, the AKS default with Azure CNI Overlay/);
    const capped = await page.innerText('.calc-trace li[data-kind=node_aks_memory]');
    assert.match(capped, /the 25% cap applies and AKS reserves 4,096 MiB/);
    assert.match(capped, /allocatable 12,188 MiB/);
    // Each source links to its page, named by its site.
    const link = page.locator('.calc-trace li[data-kind=node_aks_memory] a.calc-source-link');
    assert.equal(await link.getAttribute('href'), 'https://learn.microsoft.com/azure/aks/node-resource-reservations');
    assert.equal(await link.innerText(), 'learn.microsoft.com');
    // kubenet: 110 pods, 2,250 MiB, under the cap; the choice is in the link.
    await page.selectOption('#calc-an', 'kubenet');
    await page.waitForFunction(() => document.querySelector('.calc-trace li[data-kind=node_max_pods]')?.innerText.includes('110'));
    assert.doesNotMatch(await page.innerText('.calc-trace li[data-kind=node_aks_memory]'), /cap applies/);
    assert.match(await page.innerText('.calc-trace li[data-kind=node_aks_memory]'), /allocatable 14,034 MiB/);
    assert.match(page.url(), /[?&]an=kubenet(&|$)/);
    // Max pods typed in win over the plugin's default.
    await page.fill('#calc-mp', '30');
    await page.waitForFunction(() => document.querySelector('.calc-trace li[data-kind=node_max_pods]')?.innerText.includes('30, as given'));
    assert.match(await page.innerText('.calc-trace li[data-kind=node_aks_memory]'), /= 650 MiB/);
    // EKS is the Amazon Linux 2023 AMI's reservation, and says so.
    await page.fill('#calc-mp', '');
    await page.selectOption('#calc-nt', 'm5.large');
    await page.selectOption('#calc-rs', 'eks');
    assert.match(await page.locator('#calc-rs option[value=eks]').innerText(), /Amazon Linux 2023/);
    await page.waitForSelector('.calc-trace li[data-kind=node_eks_memory]');
    assert.match(await page.innerText('.calc-trace li[data-kind=node_eks_memory]'), /EKS \(Amazon Linux 2023\) reserves 11 MiB × 29 max pods/);
    assert.match(await page.innerText('.calc-trace li[data-kind=node_max_pods]'), /3 ENIs × \(10 IPv4 addresses per ENI − 1\) \+ 2 = 29/);
    assert.equal(await page.locator('.calc-trace li[data-kind=node_eks_memory] a[href*="eks-ami-deprecation-faqs"]').count(), 1);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("gunicorn's configs use uvicorn-worker or Gunicorn's asgi worker, and old links still load", async () => {
    const { context, page, problems } = await openCalculator(env);
    await page.selectOption('#calc-srv', 'gunicorn');
    await page.click('.calc-tab:has-text("gunicorn_conf.py")');
    const conf = () => page.innerText('.calc-config code');
    await page.waitForFunction(() => document.querySelector('.calc-config code')?.innerText.includes('worker_class'));
    assert.match(await conf(), /^worker_class = "uvicorn_worker\.UvicornWorker"$/m);
    assert.match(await conf(), /pip install uvicorn-worker/);
    assert.doesNotMatch(await conf(), /^worker_class = "uvicorn\.workers/m);
    await page.selectOption('#calc-wc', 'asgi');
    await page.waitForFunction(() => document.querySelector('.calc-config code')?.innerText.includes('worker_class = "asgi"'));
    assert.match(await conf(), /Gunicorn 25\.1 or later/);
    assert.match(page.url(), /[?&]wc=asgi(&|$)/);
    await context.close();

    // A link saved before the asgi option existed (wc=uvicorn) opens as uvicorn-worker's class.
    const old = await openCalculator(env, '?v=1&srv=gunicorn&wc=uvicorn');
    assert.equal(await old.page.inputValue('#calc-wc'), 'uvicorn');
    await old.page.click('.calc-tab:has-text("gunicorn_conf.py")');
    await old.page.waitForFunction(() => document.querySelector('.calc-config code')?.innerText.includes('worker_class'));
    assert.match(await old.page.innerText('.calc-config code'), /^worker_class = "uvicorn_worker\.UvicornWorker"$/m);
    assert.deepEqual([...problems, ...old.problems], []);
    await old.context.close();
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
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${env.url}/en/replication/`);
    await hydrated(page);
    await page.waitForTimeout(500);
    // The server's widget: the scenario worked out at build time, without the calculator's code.
    assert.equal(requested.filter((u) => u.includes('shipshape-calc')).length, 0, 'no calculator bundle on a plain visit');
    const figure = page.locator('figure[data-widget=calc]').first();
    const widget = figure.locator('.calc-widget');
    assert.equal(await widget.locator('.calc-verdict').getAttribute('data-fits'), 'false');
    assert.ok(await widget.locator('.calc-memory svg').isVisible());
    assert.deepEqual(await seriousViolations(page), []);
    // Tweak it: two workers fit. Typing into the server's copy brings the bundle, and the live
    // widget starts from what was typed.
    await widget.locator('input').first().fill('2');
    await page.waitForSelector('figure.calc-live .calc-widget');
    assert.ok(requested.some((u) => /shipshape-calc-[0-9a-f]+_bg\.wasm/.test(u)));
    await widget.locator('.calc-verdict[data-fits=true]').waitFor();
    assert.equal(await widget.locator('input').first().inputValue(), '2');
    assert.equal(await figure.getAttribute('aria-busy'), null);
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

  test('what a reader types and picks before the bundle arrives carries into the live widget', async () => {
    const { context, page, problems } = await watchedPage(env);
    const release = await holdRequests(page, /shipshape-calc-[0-9a-f]+_bg\.wasm/);
    await page.goto(`${env.url}/ko/replication/`);
    await hydrated(page);
    const figure = page.locator('figure[data-widget=calc]').first();
    // The model's size in MiB, then the number of workers.
    await figure.locator('#calcw0-mmu').selectOption('mib');
    await figure.locator('#calcw0-mm').fill('300');
    await figure.locator('#calcw0-wk').fill('3');
    assert.equal(await figure.getAttribute('aria-busy'), 'true');
    release();
    await page.waitForSelector('figure.calc-live .calc-widget');
    await page.waitForFunction(() => document.querySelector('#calcw0-wk')?.value === '3');
    assert.equal(await figure.locator('#calcw0-mmu').inputValue(), 'mib');
    assert.equal(await figure.locator('#calcw0-mm').inputValue(), '300');
    // 3 workers with 300 MiB each now fit, and the reader is still in the workers field.
    await figure.locator('.calc-verdict[data-fits=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'calcw0-wk');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a suggestion applied before the widget is live is applied once it is', async () => {
    const { context, page, problems } = await watchedPage(env);
    const release = await holdRequests(page, /shipshape-calc-[0-9a-f]+_bg\.wasm/);
    await page.goto(`${env.url}/en/replication/`);
    await hydrated(page);
    const figure = page.locator('figure[data-widget=calc]').first();
    assert.equal(await figure.locator('.calc-verdict').getAttribute('data-fits'), 'false');
    await figure.locator('button.calc-apply').first().click();
    release();
    await page.waitForSelector('figure.calc-live .calc-widget');
    await figure.locator('.calc-verdict[data-fits=true]').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('every widget in the guide mounts without errors', async () => {
    const { context, page, problems } = await watchedPage(env);
    for (const path of ['/en/resource-utilization/', '/en/concepts-with-containers/', '/en/legacy-gunicorn-image/', '/ko/replication/', '/ja/replication/']) {
      const response = await page.goto(env.url + path);
      if (response.status() !== 200) continue; // a translation may not exist yet
      await hydrated(page);
      // The server rendered every widget; a touch makes them live.
      const figures0 = await page.locator('figure[data-widget=calc]').count();
      assert.equal(await page.locator('figure[data-widget=calc] .calc-host .calc-widget').count(), figures0, path);
      await page.locator('figure[data-widget=calc] .calc-verdict').first().click();
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

describe('calculator pictures', () => {
  test('the memory and CPU pictures follow the theme and stand out from the page in both', async () => {
    const colours = {};
    for (const scheme of ['light', 'dark']) {
      const { context, page } = await openCalculator(env, '?v=1&t=k8s', { colorScheme: scheme });
      colours[scheme] = await page.evaluate(() => {
        const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => {
          const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const contrast = (a, b) => {
          const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
          return (x + 0.05) / (y + 0.05);
        };
        // The colour behind the pictures: the nearest ancestor that paints a background.
        let el = document.querySelector('.calc-results .calc-bar');
        let bg = 'rgb(255, 255, 255)';
        for (; el; el = el.parentElement) {
          const c = getComputedStyle(el).backgroundColor;
          if (c && c !== 'transparent' && !/rgba\(.*, 0\)$/.test(c)) { bg = c; break; }
        }
        const marks = [...document.querySelectorAll('.calc-results .calc-bar rect:not(.calc-track), .calc-results .calc-bar line')];
        return {
          bg,
          worker: getComputedStyle(document.querySelector('.calc-results .calc-seg-worker')).stroke,
          weakest: Math.min(...marks.map((m) => contrast(getComputedStyle(m).stroke, bg))),
          count: marks.length,
        };
      });
      await context.close();
    }
    for (const scheme of ['light', 'dark']) {
      const c = colours[scheme];
      assert.ok(c.count >= 5, `${scheme}: ${c.count} marks`);
      // WCAG 1.4.11: graphical objects need 3:1 against what is next to them.
      assert.ok(c.weakest >= 3, `${scheme}: a picture mark has contrast ${c.weakest.toFixed(2)} on ${c.bg}`);
    }
    assert.notEqual(colours.light.bg, colours.dark.bg);
    assert.notEqual(colours.light.worker, colours.dark.worker);
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
