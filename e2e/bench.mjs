// LoanLens SPA benchmarks (figures for docs/benchmarks.md). Run against a served release build:
//   ./x build && LOANLENS_ADDR=127.0.0.1:8080 LOANLENS_STATIC_DIR=dist target/debug/loanlens-server &
//   cd e2e && BASE_URL=http://127.0.0.1:8080 node bench.mjs
// Measures (headless Debian Chromium, the Playwright config's flags):
//  - repaint: an input event on the amount → the engine recomputes, Yew updates the results and the
//    schedule, and the browser recalculates style and layout. Each sample runs from dispatching
//    the input event to a forced layout after Yew's update (a MessageChannel task runs after its
//    microtasks; reading offsetHeight forces style + layout); the sample is only counted when the
//    first payment on screen changed. `to_next_frame` adds waiting for the next vsync frame
//    (rAF + task), which includes up to one 16.7 ms frame interval of idle waiting.
//    300 samples after 20 warm-up ones; p50/p95/max.
//  - cold load to interactive: new browser context (empty cache) → navigate → the first payment
//    shows the engine's figure. 15 runs; median and p95.
//  - bundle: gzip -9 sizes of the wasm, js and css in ../dist.
import { base, coldLoads, gzipSizes, launch, pct, r1 } from './bench-common.mjs';

const browser = await launch();

// Cold loads.
const coldLoad = await coldLoads(browser, `${base}/calculator?principal=1000000&rate=4.9&term=360&method=equal_installment`,
  (page) => page.waitForFunction(() => document.querySelector('[data-test=first-payment]')?.textContent === '¥5,307.27'));

// Repaint after input.
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${base}/calculator?principal=1000000&rate=4.9&term=360&method=equal_installment`);
await page.waitForSelector('[data-test=first-payment]');
const samples = await page.evaluate(async () => {
  const input = document.querySelector('[data-test=principal]');
  const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
  const task = () => new Promise((res) => { const c = new MessageChannel(); c.port1.onmessage = res; c.port2.postMessage(0); });
  const fp = document.querySelector('[data-test=first-payment]');
  const out = [];
  const frames = [];
  let unchanged = 0;
  for (let i = 0; i < 320; i++) {
    const before = fp.textContent;
    input.value = String(800000 + i * 1000 + (i % 7));
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await task();
    void document.body.offsetHeight;
    const t1 = performance.now();
    if (document.querySelector('[data-test=first-payment]').textContent === before) unchanged++;
    await frame();
    const t2 = performance.now();
    if (i >= 20) { out.push(t1 - t0); frames.push(t2 - t0); }
  }
  const rows = document.querySelectorAll('[data-test=schedule-row]').length;
  return { out, frames, rows, unchanged };
});
await browser.close();

console.log(JSON.stringify({
  repaint_ms: { rows: samples.rows, n: samples.out.length, unchanged: samples.unchanged, p50: r1(pct(samples.out, 50)), p95: r1(pct(samples.out, 95)), max: r1(Math.max(...samples.out)) },
  to_next_frame_ms: { p50: r1(pct(samples.frames, 50)), p95: r1(pct(samples.frames, 95)) },
  cold_load_ms: coldLoad,
  gzip_bytes: gzipSizes('../dist'),
}, null, 2));
