// Prints what a first visit to /en/ downloads, gzip-compressed, and the raw wasm size.
// Usage: node scripts/size-report.mjs [DIST]   (target in issue 2: at most 150 KB compressed)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const page = 'en/index.html';
const html = readFileSync(join(dist, page));
const files = [[page, html]];
// Everything the page references from its own origin: stylesheet, script, wasm, icon.
const refs = new Set();
// Tags that only name files for later (meta) are not part of the first visit.
const tags = html.toString().replace(/<meta[^>]*>/g, '');
for (const m of tags.matchAll(/["'=](\/[\w.-]+\.(?:css|js|wasm|svg))/g)) refs.add(m[1]);
for (const ref of refs) files.push([ref.slice(1), readFileSync(join(dist, ref))]);
// The JS loader fetches the wasm even when no tag names it.
const wasm = files.find(([name]) => name.endsWith('.wasm'));
if (!wasm) throw new Error('no wasm referenced from ' + page);

const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
let total = 0;
console.log('first visit to /en/              raw     gzip');
for (const [name, body] of files) {
  const gz = gzipSync(body, { level: 9 }).length;
  total += gz;
  console.log(`  ${name.padEnd(28)} ${kb(body.length)} ${kb(gz)}`);
}
console.log(`  ${'total (gzip)'.padEnd(28)} ${' '.repeat(10)} ${kb(total)}   target: 150 KB`);
console.log(`  ${'wasm (raw)'.padEnd(28)} ${kb(wasm[1].length)}`);
