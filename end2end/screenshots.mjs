// Screenshots of one guide page per language, desktop and mobile, for the README and for
// checking by eye: node screenshots.mjs [OUT_DIR]
import { mkdir } from 'node:fs/promises';
import { hydrated, start } from './harness.mjs';

const out = process.argv[2] ?? '../docs/screenshots';
await mkdir(out, { recursive: true });
const env = await start();
const shots = [
  ['en', '/en/replication/'],
  ['ko', '/ko/previous-steps/'],
  ['ja', '/ja/https/'],
];
for (const [lang, path] of shots) {
  for (const [kind, viewport, scheme] of [['desktop', { width: 1366, height: 900 }, 'light'], ['mobile', { width: 360, height: 740 }, 'dark']]) {
    const context = await env.browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(env.url + path);
    await hydrated(page);
    if (kind === 'desktop') {
      // Open one annotation where the page has one, to show it.
      const marker = page.locator('button.anno').first();
      if (await marker.count()) {
        await marker.scrollIntoViewIfNeeded();
        await marker.click();
        await page.evaluate(() => window.scrollBy(0, -200));
      }
    }
    await page.screenshot({ path: `${out}/${lang}-${kind}.png` });
    await context.close();
  }
}
await env.stop();
console.log(`screenshots written to ${out}`);
