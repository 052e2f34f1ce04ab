// The calculator's repaint against a plain-JS page rendering the same results and schedule page
// from an f64 loop, interleaved sample by sample in one browser (figures for
// docs/benchmarks.md). Run against a served release build, as e2e/bench.mjs:
//   ./x build && LOANLENS_ADDR=127.0.0.1:8091 LOANLENS_STATIC_DIR=dist target/debug/loanlens-server &
//   cd e2e && BASE_URL=http://127.0.0.1:8091 node bench-repaint.mjs
// A sample, on either page: set the amount, dispatch `input`, wait one task (Yew's update runs
// in a microtask before it), force style + layout (offsetHeight). The plain page uses the
// calculator's stylesheet and the same table shape: 60 rows of period, payment, principal,
// interest, fee, balance, plus three result figures; it updates cell text in place and formats
// money with one cached Intl.NumberFormat (toLocaleString per cell would make it the slower page).
// BENCH_PROFILE=N: after the interleaved run, N more samples on each page alone under Chromium's
// counters (Performance.getMetrics: style, layout and script time per sample) and its sampling
// profiler (self time by function, top 25), with the median time of each part of the interleaved
// run's samples (input handler, the microtasks after it, style + layout); a second JSON object.
import { base, launch, pct, r1 } from './bench-common.mjs';

const samples = Number(process.env.BENCH_SAMPLES || 300);

const plain = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><link rel="stylesheet" href="/app.css">
<main><label>金额 <input data-test="principal" value="1000000"></label>
<p>月供 <strong data-test="first-payment"></strong> 总利息 <span data-test="total-interest"></span> 还款总额 <span data-test="total-payment"></span></p>
<table><thead><tr><th>期数</th><th>月供</th><th>本金</th><th>利息</th><th>费用</th><th>剩余本金</th></tr></thead><tbody></tbody></table></main>
<script type="module">
const fmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (x) => '¥' + fmt.format(x);
const cents = (x) => Math.round(x * 100) / 100;
const tbody = document.querySelector('tbody');
const cells = [];
for (let i = 0; i < 60; i++) {
  const tr = tbody.insertRow();
  cells.push([...Array(6)].map(() => tr.insertCell()));
}
function render() {
  const P = Number(document.querySelector('[data-test=principal]').value), r = 0.049 / 12, N = 360;
  const a = cents(P * r / (1 - Math.pow(1 + r, -N)));
  let balance = P, interestSum = 0, paid = 0;
  const rows = [];
  for (let k = 1; k <= N; k++) {
    const interest = cents(balance * r);
    const principal = k < N ? Math.min(cents(a - interest), balance) : balance;
    balance = cents(balance - principal);
    interestSum += interest; paid += principal + interest;
    rows.push([k, principal + interest, principal, interest, 0, balance]);
  }
  document.querySelector('[data-test=first-payment]').textContent = money(rows[0][1]);
  document.querySelector('[data-test=total-interest]').textContent = money(interestSum);
  document.querySelector('[data-test=total-payment]').textContent = money(paid);
  for (let i = 0; i < 60; i++) cells[i].forEach((c, j) => { c.textContent = j ? money(rows[i][j]) : String(rows[i][0]); });
}
document.querySelector('[data-test=principal]').addEventListener('input', render);
render();
window.ready = true;
</script></html>`;

// Runs in a page: one repaint sample with amount `v`; milliseconds, or null when the first
// payment did not change.
const sample = async (v) => {
  const task = () => new Promise((res) => { const c = new MessageChannel(); c.port1.onmessage = res; c.port2.postMessage(0); });
  const input = document.querySelector('[data-test=principal]');
  const fp = document.querySelector('[data-test=first-payment]');
  const before = fp.textContent;
  input.value = String(v);
  const t0 = performance.now();
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const t1 = performance.now();
  await task();
  const t2 = performance.now();
  void document.body.offsetHeight;
  const ms = performance.now() - t0;
  // Where the sample went: the input handler, the microtasks after it (Yew's render), style + layout.
  (window.benchSegments ||= []).push([t1 - t0, t2 - t1, t0 + ms - t2]);
  await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
  return fp.textContent === before ? null : ms;
};

const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const calc = await ctx.newPage();
await calc.goto(`${base}/calculator?principal=1000000&rate=4.9&term=360&method=equal_installment`);
await calc.waitForSelector('[data-test=schedule-row]');
// The plain page gets the stylesheet the calculator under test was served with (BASE_URL may
// serve another build than ../dist).
const cssText = await calc.evaluate(() => fetch(document.querySelector('link[rel=stylesheet]').href).then((r) => r.text()));
const js = await ctx.newPage();
await js.route('http://plain.test/**', (route) => {
  const path = new URL(route.request().url()).pathname;
  if (path === '/app.css') return route.fulfill({ contentType: 'text/css', body: cssText });
  return route.fulfill({ contentType: 'text/html', body: plain });
});
await js.goto('http://plain.test/');
await js.waitForFunction(() => window.ready === true);

const out = { calculator: [], plain: [] };
let unchanged = 0;
for (let i = 0; i < samples + 20; i++) {
  const v = 800000 + i * 1000 + (i % 7);
  for (const [name, page] of i % 2 ? [['calculator', calc], ['plain', js]] : [['plain', js], ['calculator', calc]]) {
    await page.bringToFront();
    const ms = await page.evaluate(sample, v);
    if (ms === null) unchanged++;
    else if (i >= 20) out[name].push(ms);
  }
}
const profileN = Number(process.env.BENCH_PROFILE || 0);
const profiles = {};
for (const [name, page] of profileN ? [['calculator', calc], ['plain', js]] : []) {
  await page.bringToFront();
  // The interleaved run's samples, split (the profiled ones below are slower).
  const seg = await page.evaluate(() => window.benchSegments.splice(0));
  const segP50 = (k) => r1(pct(seg.map((x) => x[k]), 50));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const m0 = await metrics();
  await cdp.send('Profiler.start');
  let total = 0;
  for (let i = 0; i < profileN; i++) total += (await page.evaluate(sample, 700000 + i * 1000 + (i % 7))) || 0;
  const { profile } = await cdp.send('Profiler.stop');
  const m1 = await metrics();
  const per = (k) => Math.round(((m1[k] - m0[k]) * 1000 / profileN) * 100) / 100;
  // Self time by function: each sample's node, weighted by the time until the next sample.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, k) => {
    const n = byId.get(id).callFrame;
    const key = `${n.functionName || '(anonymous)'} ${n.url.split('/').pop()}${n.url ? ':' + n.lineNumber : ''}`;
    self.set(key, (self.get(key) || 0) + (profile.timeDeltas[k + 1] || 0));
  });
  const all = [...self.values()].reduce((a, b) => a + b, 0);
  profiles[name] = {
    sample_ms: Math.round((total / profileN) * 100) / 100,
    segments_p50_ms: { handler: segP50(0), microtasks: segP50(1), style_layout: segP50(2) },
    per_sample_ms: { style: per('RecalcStyleDuration'), layout: per('LayoutDuration'), script: per('ScriptDuration'), task: per('TaskDuration') },
    per_sample_count: { style: (m1.RecalcStyleCount - m0.RecalcStyleCount) / profileN, layout: (m1.LayoutCount - m0.LayoutCount) / profileN },
    dom: { nodes: m1.Nodes, layout_objects: m1.LayoutObjects },
    self_pct: [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v * 100 / all).toFixed(1)}% ${k}`),
  };
  await cdp.detach();
}
await browser.close();
const stat = (xs) => ({ n: xs.length, p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)), max: r1(Math.max(...xs)) });
const c = stat(out.calculator), p = stat(out.plain);
console.log(JSON.stringify({ calculator: c, plain_js: p, unchanged,
  ratio_p50: Math.round((c.p50 / p.p50) * 100) / 100, ratio_p95: Math.round((c.p95 / p.p95) * 100) / 100 }, null, 2));
if (profileN) console.log(JSON.stringify(profiles, null, 2));
