// Minifies the wasm-bindgen JS glue of Trunk builds and keeps their Subresource Integrity true.
//
// Trunk 0.21.14's own JS minifier fails on wasm-bindgen 0.2.130's glue ("Failed to minify JS")
// and ships it as written (~34 KB, 6.7 KB gzip on every page). For each `X.js` of the given build
// folders (not recursive: each page is its own folder) this
// 1. renames the wasm's imports, e.g. `__wbg_lastChild_d03af7c29f69e2ad`, to short names (`a`,
//    `b`, …) in `X_bg.wasm`'s import section and in the glue's import object, where each such
//    name is a key that occurs exactly once (otherwise the pair is left as it is): ~100 random
//    hex suffixes, written twice, that gzip cannot shrink;
// 2. runs terser over the glue;
// 3. replaces each changed file's `sha384-…` integrity value in that folder's HTML.
// Files keep their names: Trunk's hash in the name is of the unminified build, which still changes
// whenever the build does, so caching by name stays correct. A folder already processed is left
// as it is (its imports are short and terser gains nothing).
//
// Usage: node tools/minify-glue.mjs DIR [DIR ...]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

function leb(b, i) {
  let r = 0, s = 0, x;
  do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, i];
}
function lebBytes(n) {
  const out = [];
  do { let x = n % 128; n = Math.floor(n / 128); if (n) x |= 0x80; out.push(x); } while (n);
  return Buffer.from(out);
}
const str = (s) => Buffer.concat([lebBytes(Buffer.byteLength(s)), Buffer.from(s)]);
const shortName = (i) => {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do { s += abc[i % 52]; i = Math.floor(i / 52); } while (i);
  return s;
};

// The wasm with its imports renamed, and the glue with the same keys renamed; null when any
// import name is short already or is not exactly one key of the glue.
function renameImports(wasm, js) {
  let p = 8;
  while (p < wasm.length) {
    const start = p, id = wasm[p++];
    let size;
    [size, p] = leb(wasm, p);
    if (id !== 2) { p += size; continue; }
    const end = p + size;
    let n, q;
    [n, q] = leb(wasm, p);
    const parts = [lebBytes(n)];
    for (let k = 0; k < n; k++) {
      let l;
      [l, q] = leb(wasm, q);
      const mod = wasm.toString('utf8', q, q + l);
      q += l;
      [l, q] = leb(wasm, q);
      const name = wasm.toString('utf8', q, q + l);
      q += l;
      const descStart = q, kind = wasm[q++];
      if (kind === 0) [l, q] = leb(wasm, q);
      else if (kind === 1 || kind === 2) {
        if (kind === 1) q++;
        const flags = wasm[q++];
        [l, q] = leb(wasm, q);
        if (flags & 1) [l, q] = leb(wasm, q);
      } else if (kind === 3) q += 2;
      else return null;
      const key = new RegExp('(?<![\\w$])' + name.replace(/[$]/g, '\\$') + '(?=:)', 'g');
      const hits = js.match(key);
      if (name.length < 8 || !hits || hits.length !== 1) return null;
      const short = shortName(k);
      js = js.replace(key, short);
      parts.push(str(mod), str(short), wasm.subarray(descStart, q));
    }
    const body = Buffer.concat(parts);
    const section = Buffer.concat([Buffer.from([2]), lebBytes(body.length), body]);
    return [Buffer.concat([wasm.subarray(0, start), section, wasm.subarray(end)]), js];
  }
  return null;
}

for (const dir of process.argv.slice(2)) {
  const files = readdirSync(dir);
  const pages = files.filter((f) => f.endsWith('.html')).map((f) => join(dir, f));
  for (const name of files.filter((f) => f.endsWith('.js'))) {
    const path = join(dir, name);
    const wasmPath = join(dir, name.replace(/\.js$/, '_bg.wasm'));
    let before = readFileSync(path, 'utf8');
    const replace = (oldSri, newSri) => {
      for (const page of pages) {
        const html = readFileSync(page, 'utf8');
        if (html.includes(oldSri)) writeFileSync(page, html.split(oldSri).join(newSri));
      }
    };
    if (files.includes(name.replace(/\.js$/, '_bg.wasm'))) {
      const wasm = readFileSync(wasmPath);
      const renamed = renameImports(wasm, before);
      if (renamed) {
        writeFileSync(wasmPath, renamed[0]);
        replace(sri(wasm), sri(renamed[0]));
        console.log(`   renamed the imports of ${wasmPath}: ${wasm.length} -> ${renamed[0].length} bytes`);
        const glue = renamed[1];
        replace(sri(before), sri(glue));
        writeFileSync(path, glue);
        before = glue;
      }
    }
    const out = await minify(before, {
      module: true,
      ecma: 2020,
      compress: { passes: 2 },
      mangle: true,
      format: { comments: false },
    });
    if (!out.code || out.code.length >= before.length) continue;
    const [oldSri, newSri] = [sri(before), sri(out.code)];
    writeFileSync(path, out.code);
    replace(oldSri, newSri);
    console.log(`   minified ${path}: ${before.length} -> ${out.code.length} bytes`);
  }
}
