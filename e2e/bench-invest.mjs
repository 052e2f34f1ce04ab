// Investor page benchmark (figures for docs/benchmarks.md). Run against a served release build:
//   ./x build && LOANLENS_ADDR=127.0.0.1:8080 LOANLENS_STATIC_DIR=dist target/debug/loanlens-server &
//   cd e2e && BASE_URL=http://127.0.0.1:8080 node bench-invest.mjs
// Measures (headless Debian Chromium, the Playwright config's flags), 8 products of 360 months
// (two of each structure, 100,000 each, with idle days and a fee on some) and a horizon:
//  - input → result: an input event on product 1's rate → the reducer parses every card, the
//    core compares the 8 products (through its cache: only product 1 is computed again; the
//    other seven's flows, XIRR and sentences are reused, terminal wealth and ranks are redone
//    for all), Yew renders the table, sentences and charts, and the browser recalculates style
//    and layout (forced by reading offsetHeight after a MessageChannel task). A sample counts
//    only if product 1's XIRR cell changed. 200 samples after 20 warm-up ones, taken in rounds
//    of 20 alternating with the reference's, so both see the same machine load.
//  - the same with the horizon date changed instead (no XIRR computed, terminal wealth for all).
//  - reference, in the same run: the same page and build with `&cache=0`, which computes all
//    8 products on every input (the core's plain `compare`, the page's first approach).
//  - cold load to interactive: new context → /invest?<the 8 products> → product 1's XIRR shown.
//  - bundle: gzip -9 sizes of the wasm, js and css in ../dist/invest (the page's first load).
import { base, coldLoads, gzipSizes, launch, pct, r1 } from './bench-common.mjs';

const structures = ['equal_installment', 'equal_principal', 'interest_only', 'bullet'];
const card = (i) => [`p${i}`, 'loan', structures[i % 4], '100000', String(6 + i * 0.5), '360',
  '2025-01-15', String(i % 3 === 0 ? 3 : 0), String(i % 2 === 0 ? 10 : 0)].map(encodeURIComponent).join(',');
const query = `${Array.from({ length: 8 }, (_, i) => `p=${card(i)}`).join('&')}&h=2056-01-15&rr=2`;

const browser = await launch();
const coldLoad = await coldLoads(browser, `${base}/invest?${query}`,
  (page) => page.waitForSelector('[data-test=r7-xirr]'));

/** Opens a page at `url` and waits for its figures. */
async function open(url) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-test=r7-xirr]');
  return { ctx, page };
}

/** `n` input → result samples on `field` of `page` (the first `warm` not kept). */
async function samples(page, field, values, cell, n, warm) {
  return page.evaluate(async ({ field, values, cell, n, warm }) => {
    const task = () => new Promise((res) => { const c = new MessageChannel(); c.port1.onmessage = res; c.port2.postMessage(0); });
    const out = [];
    let wrong = 0;
    let last = document.querySelector(`[data-test=${cell}]`).dataset.value;
    for (let i = 0; i < n; i++) {
      const input = document.querySelector(`[data-test=${field}]`);
      input.value = values[(window.benchStep = (window.benchStep || 0) + 1) % values.length];
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await task();
      void document.body.offsetHeight;
      const t1 = performance.now();
      const shown = document.querySelector(`[data-test=${cell}]`).dataset.value;
      if (!shown || shown === last) wrong++;
      last = shown;
      if (i >= warm) out.push(t1 - t0);
    }
    return { out, wrong };
  }, { field, values, cell, n, warm });
}

const stats = (r) => ({ n: r.out.length, missing_result: r.wrong, p50: r1(pct(r.out, 50)), p95: r1(pct(r.out, 95)), max: r1(Math.max(...r.out)) });

/** The page and the reference measured in alternating rounds of 20, so both see the same load. */
async function sideBySide(urls, field, values, cell, rounds = 10) {
  const pages = await Promise.all(urls.map(open));
  const acc = urls.map(() => ({ out: [], wrong: 0 }));
  for (const [k, p] of pages.entries()) await samples(p.page, field, values, cell, 20, 20); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [k, p] of pages.entries()) {
      const s = await samples(p.page, field, values, cell, 20, 0);
      acc[k].out.push(...s.out);
      acc[k].wrong += s.wrong;
    }
  }
  for (const p of pages) await p.ctx.close();
  return acc.map(stats);
}

const rates = ['7.1', '7.2', '7.3', '7.4', '7.5'];
const horizons = ['2056-01-15', '2056-02-15', '2056-03-15'];
const [cached, full] = await sideBySide([`${base}/invest?${query}`, `${base}/invest?${query}&cache=0`],
  'p1-rate', rates, 'r1-xirr');
const [horizon] = await sideBySide([`${base}/invest?${query}`], 'horizon', horizons, 'r1-wealth');
await browser.close();

console.log(JSON.stringify({
  input_to_result_ms: cached,
  reference_every_product_recomputed_ms: full,
  ratio_reference_over_page: { p50: r1(full.p50 / cached.p50), p95: r1(full.p95 / cached.p95) },
  horizon_change_ms: horizon,
  cold_load_ms: coldLoad,
  gzip_bytes: gzipSizes('../dist/invest'),
}, null, 2));
