// LoanLens SPA benchmarks (figures for docs/benchmarks.md). Run against a served release build:
//   ./x build && LOANLENS_ADDR=127.0.0.1:8080 LOANLENS_STATIC_DIR=dist target/debug/loanlens-server &
//   cd e2e && BASE_URL=http://127.0.0.1:8080 node bench.mjs
// Measures (headless Debian Chromium, the Playwright config's flags):
//  - repaint: an input event on the amount → results and the 360-row schedule repainted. Each
//    sample is the time from dispatching the input event to the end of the next rendered frame
//    (requestAnimationFrame, then a task after it), so it includes Yew's update, the DOM changes,
//    style, layout and paint. 300 samples after 20 warm-up ones; p50/p95/max.
//  - cold load to interactive: new browser context (empty cache) → navigate → the first payment
//    shows the engine's figure. 15 runs; median and p95.
//  - bundle: gzip -9 sizes of the wasm, js and css in ../dist.
import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const base = process.env.BASE_URL || 'http://127.0.0.1:8080';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const r1 = (x) => Math.round(x * 10) / 10;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });

// Cold loads.
const loads = [];
for (let i = 0; i < 15; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t0 = Date.now();
  await page.goto(`${base}/calculator?principal=1000000&rate=4.9&term=360&method=equal_installment`);
  await page.waitForFunction(() => document.querySelector('[data-test=first-payment]')?.textContent === '¥5,307.27');
  loads.push(Date.now() - t0);
  await ctx.close();
}

// Repaint after input.
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${base}/calculator?principal=1000000&rate=4.9&term=360&method=equal_installment`);
await page.waitForSelector('[data-test=first-payment]');
const samples = await page.evaluate(async () => {
  const input = document.querySelector('[data-test=principal]');
  const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
  const out = [];
  for (let i = 0; i < 320; i++) {
    input.value = String(800000 + (i % 50) * 1000 + (i % 7));
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await frame();
    out.push(performance.now() - t0);
  }
  const rows = document.querySelectorAll('[data-test=schedule-row]').length;
  return { out: out.slice(20), rows };
});
await browser.close();

const sizes = {};
for (const f of readdirSync('../dist')) {
  const m = f.match(/\.(wasm|js|css)$/);
  if (m) sizes[m[1]] = gzipSync(readFileSync(`../dist/${f}`), { level: 9 }).length;
}
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({
  repaint_ms: { rows: samples.rows, n: samples.out.length, p50: r1(pct(samples.out, 50)), p95: r1(pct(samples.out, 95)), max: r1(Math.max(...samples.out)) },
  cold_load_ms: { n: loads.length, median: pct(loads, 50), p95: pct(loads, 95) },
  gzip_bytes: { ...sizes, total },
}, null, 2));
