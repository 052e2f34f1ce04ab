// The SDK against the npm packages a partner would use instead, in one headless Chromium page
// and one run (`./x bench`; figures for docs/benchmarks.md). The page and its modules are served
// by Playwright's router from disk (no server): the SDK's bench build (target/sdk-bench/, the
// shipped code plus two timing exports), the peers from e2e/node_modules wrapped as ES modules.
// Prints a Markdown table: medians over interleaved rounds, ratios to the SDK's full response,
// and where each table's cents disagree with the SDK's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from './bench-common.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const target = process.env.CARGO_TARGET_DIR || here('../target');
const build = process.env.SDK_BENCH_DIR || `${target}/sdk-bench`;
const rounds = Number(process.env.BENCH_ROUNDS || 15);
const cjs = (file) => `const module = { exports: {} }; const exports = module.exports;\n${readFileSync(file, 'utf8')}\nexport default module.exports;`;
const files = {
  '/index.html': ['text/html', '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.mjs"></script>'],
  '/bench.mjs': ['text/javascript', readFileSync(here('bench-sdk-page.mjs'))],
  '/sdk/loanlens.js': ['text/javascript', readFileSync(`${build}/loanlens.js`)],
  '/sdk/loanlens_bg.wasm': ['application/wasm', readFileSync(`${build}/loanlens_bg.wasm`)],
  '/peer/amortize.js': ['text/javascript', cjs(here('node_modules/amortize/index.js'))],
  '/peer/financial.js': ['text/javascript', readFileSync(here('node_modules/financial/dist/financial.esm.js'))],
  '/peer/loanjs.js': ['text/javascript', cjs(here('node_modules/loanjs/dist/loan.js'))],
};

const browser = await launch();
const page = await browser.newPage();
await page.route('http://bench.test/**', (route) => {
  const f = files[new URL(route.request().url()).pathname];
  return f ? route.fulfill({ contentType: f[0], body: f[1] }) : route.fulfill({ status: 404 });
});
page.on('pageerror', (e) => { console.error(e); process.exit(1); });
await page.goto('http://bench.test/index.html');
await page.waitForFunction(() => typeof window.benchRun === 'function');
const res = await page.evaluate((n) => window.benchRun(n), rounds);
const version = browser.version();
await browser.close();

const base = res['SDK schedule() → object (full response, APR)'].median_us;
const floor = res['plain f64 JS loop (floor)'].median_us;
const us = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log(`Chromium ${version}, ${rounds} interleaved rounds; 1,000,000 at 4.9% over 360 months (等额本息)\n`);
console.log('| contender | median µs per table | min–max | × SDK object | × f64 floor | rows whose cents differ from the SDK | largest difference per field |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, r] of Object.entries(res)) {
  const c = r.cents ? `${r.cents.rows} of 360` : '—';
  const d = !r.cents ? '—' : !r.cents.rows ? 'none'
    : Object.entries(r.cents.max).map(([f, m]) => `${f} ¥${m.d.toFixed(2)} (period ${m.period})`).join('; ');
  console.log(`| ${name} | ${us(r.median_us)} | ${us(r.min_us)}–${us(r.max_us)} | ${(r.median_us / base).toFixed(2)} | ${(r.median_us / floor).toFixed(1)} | ${c} | ${d} |`);
}
if (process.env.BENCH_JSON) console.log(JSON.stringify(res));
