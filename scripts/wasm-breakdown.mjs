#!/usr/bin/env node
// Where a wasm bundle's bytes go: its sections (code, data, the rest), and inside the data
// section the text by script (Korean, Japanese, other text such as English messages and
// identifiers) against binary tables. Each part is also gzip-compressed on its own, which is
// what it roughly adds to a download. A measurement for issue 16's size budget, not a test.
//
//   node scripts/wasm-breakdown.mjs dist/shipshape-lab-*_bg.wasm [more.wasm ...]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (b) => gzipSync(b, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';

function leb(bytes, at) {
  let result = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = bytes[i++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return [result, i];
  }
}

const NAMES = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 8: 'start', 6: 'global', 7: 'export', 9: 'element', 10: 'code', 11: 'data', 12: 'data count' };

/** The data segments' bytes, concatenated. */
function dataBytes(section) {
  const parts = [];
  let [count, i] = leb(section, 0);
  for (let s = 0; s < count; s++) {
    let flags;
    [flags, i] = leb(section, i);
    if (flags === 2) [, i] = leb(section, i);
    if (flags !== 1) {
      // An init expression: skip to its `end` (0x0b).
      while (section[i] !== 0x0b) i++;
      i++;
    }
    let len;
    [len, i] = leb(section, i);
    parts.push(section.subarray(i, i + len));
    i += len;
  }
  return Buffer.concat(parts);
}

/** Splits data into runs of valid UTF-8 text (at least 6 characters) and the binary between. */
function classify(data) {
  const out = { ko: [], ja: [], text: [], binary: [] };
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let i = 0;
  let binaryStart = 0;
  const flushBinary = (end) => {
    if (end > binaryStart) out.binary.push(data.subarray(binaryStart, end));
  };
  while (i < data.length) {
    // A text run: printable ASCII, newlines, or multi-byte UTF-8 sequences.
    let j = i;
    let chars = 0;
    while (j < data.length) {
      const b = data[j];
      let n = 0;
      if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x09) n = 1;
      else if (b >= 0xc2 && b <= 0xdf) n = 2;
      else if (b >= 0xe0 && b <= 0xef) n = 3;
      else if (b >= 0xf0 && b <= 0xf4) n = 4;
      else break;
      if (j + n > data.length) break;
      let ok = true;
      for (let k = 1; k < n; k++) if ((data[j + k] & 0xc0) !== 0x80) ok = false;
      if (!ok) break;
      j += n;
      chars++;
    }
    if (chars >= 6) {
      flushBinary(i);
      const run = data.subarray(i, j);
      const s = decoder.decode(run);
      if (/[\uAC00-\uD7A3]/.test(s)) out.ko.push(run);
      else if (/[\u3040-\u30FF]/.test(s)) out.ja.push(run);
      else out.text.push(run);
      binaryStart = j;
      i = j;
    } else {
      i = j > i ? j : i + 1;
    }
  }
  flushBinary(data.length);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Buffer.concat(v)]));
}

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const sections = {};
  let i = 8;
  while (i < bytes.length) {
    const id = bytes[i];
    let size;
    [size, i] = leb(bytes, i + 1);
    const name = NAMES[id] ?? `section ${id}`;
    sections[name] = Buffer.concat([sections[name] ?? Buffer.alloc(0), bytes.subarray(i, i + size)]);
    i += size;
  }
  console.log(`\n${basename(file)}: ${kb(bytes.length)} raw, ${kb(gz(bytes))} gzip`);
  console.log(`  ${'part'.padEnd(40)}      raw     gzip alone`);
  for (const [name, body] of Object.entries(sections).sort((a, b) => b[1].length - a[1].length).filter(([, b]) => b.length >= 512)) {
    console.log(`  ${('section: ' + name).padEnd(40)} ${kb(body.length)} ${kb(gz(body))}`);
  }
  if (sections.data) {
    const parts = classify(dataBytes(sections.data));
    for (const [name, label] of [
      ['ko', 'data: Korean text'],
      ['ja', 'data: Japanese text'],
      ['text', 'data: other text (English, names)'],
      ['binary', 'data: tables and other bytes'],
    ]) {
      console.log(`  ${label.padEnd(40)} ${kb(parts[name].length)} ${kb(gz(parts[name]))}`);
    }
  }
}
