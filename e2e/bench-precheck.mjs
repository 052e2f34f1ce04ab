// Pre-check page benchmarks (figures for docs/benchmarks.md). Run against a served release build:
//   ./x build && LOANLENS_ADDR=127.0.0.1:8080 LOANLENS_STATIC_DIR=dist target/debug/loanlens-server &
//   cd e2e && BASE_URL=http://127.0.0.1:8080 node bench-precheck.mjs
// Measures (headless Debian Chromium, the Playwright config's flags):
//  - input → result: on the last step, an input event on the loan amount and a click on "see my
//    result" in the same task → the reducer builds the profile, the core scores it (bins,
//    knockouts, reasons, affordable principal, indicative schedules), Yew renders the result
//    page and the browser recalculates style and layout (forced by reading offsetHeight after a
//    MessageChannel task). A sample counts only if the result shows the new amount's payment.
//    Then "change my answers" goes back (not timed). 300 samples after 20 warm-up ones.
//  - cold load to interactive: new browser context (empty cache) → navigate to /precheck → the
//    first question is on screen. 15 runs; median and p95.
//  - bundle: gzip -9 sizes of the wasm, js and css in ../dist/precheck (the page's first load).
import { base, coldLoads, gzipSizes, launch, pct, r1 } from './bench-common.mjs';

const browser = await launch();

const coldLoad = await coldLoads(browser, `${base}/precheck`,
  (page) => page.waitForSelector('[data-test=age]'));

const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${base}/precheck`);
const answers = [
  { age: '38', 'months-in-job': '72', 'social-insurance-months': '96' },
  { 'monthly-income': '25000', 'monthly-debt-payments': '0' },
  { 'overdue-count-24m': '0', 'credit-inquiries-6m': '0' },
  { 'loan-amount': '50000', 'term-months': '24' },
];
for (const [step, fields] of answers.entries()) {
  if (step === 0) await page.selectOption('[data-test=employment]', 'civil_servant');
  for (const [id, v] of Object.entries(fields)) await page.fill(`[data-test=${id}]`, v);
  if (step < 3) await page.click('[data-test=next]');
}
const samples = await page.evaluate(async () => {
  const task = () => new Promise((res) => { const c = new MessageChannel(); c.port1.onmessage = res; c.port2.postMessage(0); });
  const out = [];
  let wrong = 0;
  let last = '';
  for (let i = 0; i < 320; i++) {
    const input = document.querySelector('[data-test=loan-amount]');
    input.value = String(30000 + i * 100);
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector('[data-test=submit]').click();
    await task();
    void document.body.offsetHeight;
    const t1 = performance.now();
    const shown = document.querySelector('[data-test=payment-range]')?.textContent ?? '';
    if (!shown || shown === last) wrong++;
    last = shown;
    if (i >= 20) out.push(t1 - t0);
    document.querySelector('[data-test=edit]').click();
    await task();
  }
  return { out, wrong };
});
await browser.close();

console.log(JSON.stringify({
  input_to_result_ms: { n: samples.out.length, missing_result: samples.wrong, p50: r1(pct(samples.out, 50)), p95: r1(pct(samples.out, 95)), max: r1(Math.max(...samples.out)) },
  cold_load_ms: coldLoad,
  gzip_bytes: gzipSizes('../dist/precheck'),
}, null, 2));
