// Prints what first visits download, gzip-compressed: the home page, guide pages with a lab and a
// calculator example, the calculator and the lab. A tool bundle counts where the page loads it at
// once (the calculator and lab pages). A guide page's examples arrive as the tool itself, rendered
// by the server (the lab's editor, findings and layers; the calculator's inputs, verdict and
// pictures); the bundle that makes them live loads when the reader first touches one, and is
// shown as a separate line.
// Usage: node scripts/size-report.mjs [DIST]
// Targets: issue 2, the home page at most 150 KB; issue 7, a guide page with the lab at most 200 KB;
// issue 13, an exercise page at most 200 KB before the first touch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
const gz = (body) => gzipSync(body, { level: 9 }).length;

/** The files a page downloads on a first visit: itself, what its tags name, and its tool bundle. */
function visit(page) {
  const html = readFileSync(join(dist, page));
  const text = html.toString();
  const files = [[page, html]];
  const refs = new Set();
  // Tags that only name files for later (meta) are not part of the first visit.
  for (const m of text.replace(/<meta[^>]*>/g, '').matchAll(/["'=](\/[\w.-]+\.(?:css|js|wasm|svg))/g)) refs.add(m[1]);
  for (const ref of refs) files.push([ref.slice(1), readFileSync(join(dist, ref))]);
  if (!files.some(([name]) => name.endsWith('.wasm'))) throw new Error('no wasm referenced from ' + page);
  const bundle = (name) => {
    const out = [];
    for (const kind of ['js', 'wasm']) {
      const m = text.match(new RegExp(`<meta name="shipshape-${name}-${kind}" content="/([^"?]+)`));
      if (!m) throw new Error(`${page} names no ${name} bundle`);
      out.push([m[1], readFileSync(join(dist, m[1]))]);
    }
    return out;
  };
  let later = [];
  // The calculator and lab pages are the server's working forms; their bundles load on the
  // reader's first touch (browser::load_tools_if_needed), or at once with a shared or saved state.
  if (/id="calculator-root"/.test(text)) later = bundle('calc');
  else if (/id="lab-root"/.test(text)) later = bundle('lab');
  else if (/id="exercises-root"/.test(text)) files.push(...bundle('lab'));
  else if (/id="exercise-root"/.test(text)) {
    // An exercise arrives with its tool rendered in place, like a guide example; its bundle
    // (the lab's or the calculator's) loads on the first touch.
    const kind = text.match(/<article[^>]*data-widget="(lab|calc)"/)?.[1];
    if (!kind) throw new Error(`${page}: an exercise names no tool bundle`);
    const rendered = kind === 'lab' ? /class="lab lab-compact lab-exercise"/ : /class="calc-widget calc-exercise"/;
    if (!rendered.test(text) || !text.includes('class="ex-goal"')) {
      throw new Error(`${page}: an exercise is not rendered in place`);
    }
    later = bundle(kind);
  }
  else if (/data-widget="calc"/.test(text)) {
    if (!/<div class="calc-host" data-spec="[^"]+"><div[^>]*class="calc-widget/.test(text)) {
      throw new Error(`${page}: a calculator example is not rendered in place`);
    }
    later = bundle('calc');
  }
  else if (/data-widget="lab"/.test(text)) {
    // The figure must hold the rendered lab, not a stand-in, for the first figure to mean anything.
    if (!/<div class="lab-host"><div[^>]*class="lab lab-compact"/.test(text) || !text.includes('class="lab-step')) {
      throw new Error(`${page}: a lab example is not rendered in place`);
    }
    later = bundle('lab');
  }
  return { files, later };
}

function report(title, page, target) {
  const { files, later } = visit(page);
  let total = 0;
  console.log(`\n${title.padEnd(40)} raw     gzip`);
  for (const [name, body] of files) {
    const size = gz(body);
    total += size;
    console.log(`  ${name.padEnd(36)} ${kb(body.length)} ${kb(size)}`);
  }
  console.log(`  ${'total (gzip)'.padEnd(36)} ${' '.repeat(10)} ${kb(total)}${target ? `   target: ${target} KB` : ''}`);
  if (later.length) {
    const extra = later.reduce((sum, [, body]) => sum + gz(body), 0);
    const tool = later.some(([name]) => name.includes('calc')) ? 'calculator' : 'lab';
    console.log(`  ${`+ ${tool} bundle, on first touch`.padEnd(36)} ${' '.repeat(10)} ${kb(extra)}`);
    console.log(`  ${'= once the tool is live'.padEnd(36)} ${' '.repeat(10)} ${kb(total + extra)}`);
  }
  return total;
}

report('first visit to /en/', 'en/index.html', 150);
report('first visit to /en/build-cache/ (a lab example)', 'en/build-cache/index.html', 200);
report('first visit to /en/replication/ (a calculator example)', 'en/replication/index.html');
report('first visit to /en/lab/', 'en/lab/index.html', 300);
report('first visit to a Dockerfile exercise', 'en/exercises/requirements-first/index.html', 200);
report('first visit to a capacity exercise', 'en/exercises/workers-fit-a-model/index.html', 200);
report('first visit to the exercises\' track', 'en/exercises/index.html');
report('first visit to /en/calculator/', 'en/calculator/index.html', 260);
const main = readFileSync(join(dist, visit('en/index.html').files.find(([n]) => n.endsWith('.wasm'))[0]));
console.log(`\nmain wasm (raw) ${kb(main.length)}`);
