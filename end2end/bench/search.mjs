// Search speed in Chromium: first open (fetch + decode of the index) and query time over the
// largest language's index, from the performance measures the app records.
// Usage: node bench/search.mjs   (against ../dist; prints numbers, asserts nothing)
import { hydrated, start } from '../harness.mjs';

const QUERIES = {
  en: ['cache', 'restart policy', 'uvicorn workers memory', 'multi stage build poetry', 'proxy headers', 'pip', 'kubernetes init container', 'health'],
  ko: ['캐시', '재시작 정책', '워커 메모리', '멀티 스테이지', 'Docker 캐시', '컨테이너', '프록시 헤더', '이미지 빌드'],
  ja: ['キャッシュ', '再起動', 'ワーカー メモリ', 'マルチステージ', 'uvicorn ワーカー', 'コンテナ', 'プロキシ', 'イメージ ビルド'],
};

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const env = await start();
for (const lang of ['en', 'ko', 'ja']) {
  const loads = [];
  const decodes = [];
  const queries = [];
  for (let round = 0; round < 5; round++) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.url}/${lang}/overview/`);
    await hydrated(page);
    // A reader opens search on a page that has finished loading. Right after hydration the
    // renderer is still busy (wasm tier-up, late resources) and on a 2-core machine that adds
    // 30-150 ms of noise that has nothing to do with search.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    await page.keyboard.press('Control+k');
    const input = page.locator('.search-input');
    await input.waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('search-load').length > 0);
    loads.push(await page.evaluate(() => performance.getEntriesByName('search-load')[0].duration));
    decodes.push(await page.evaluate(() => performance.getEntriesByName('search-decode')[0].duration));
    for (const q of QUERIES[lang]) {
      // Type it as a reader would, one character at a time: every keystroke is a query.
      await input.fill('');
      await input.pressSequentially(q, { delay: 0 });
    }
    queries.push(...(await page.evaluate(() => performance.getEntriesByName('search-query').map((e) => e.duration))));
    await context.close();
  }
  console.log(`${lang}: first open (fetch + decode) p50 ${pct(loads, 50).toFixed(1)} ms, max ${Math.max(...loads).toFixed(1)} ms ` +
    `(decode alone p50 ${pct(decodes, 50).toFixed(1)} ms); ` +
    `query p50 ${pct(queries, 50).toFixed(2)} ms, p95 ${pct(queries, 95).toFixed(2)} ms over ${queries.length} queries`);
}
await env.stop();
