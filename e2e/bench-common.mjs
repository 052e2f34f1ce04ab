// What the page benchmarks share: the server address, Debian Chromium with the Playwright
// config's flags, percentiles, cold loads and the gzip size of a page's first load.
import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const base = process.env.BASE_URL || 'http://127.0.0.1:8080';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args });
export const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
export const r1 = (x) => Math.round(x * 10) / 10;

// Cold load to interactive: a new context (empty cache) per run → navigate → `ready` resolves.
export async function coldLoads(browser, url, ready, runs = 15) {
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(url);
    await ready(page);
    loads.push(Date.now() - t0);
    await ctx.close();
  }
  return { n: loads.length, median: pct(loads, 50), p95: pct(loads, 95) };
}

// gzip -9 bytes of every wasm, js and css file directly in `dir` (one page's first load).
export function gzipSizes(dir) {
  const sizes = {};
  for (const f of readdirSync(dir)) {
    const m = f.match(/\.(wasm|js|css)$/);
    if (m) sizes[m[1]] = (sizes[m[1]] || 0) + gzipSync(readFileSync(`${dir}/${f}`), { level: 9 }).length;
  }
  return { ...sizes, total: Object.values(sizes).reduce((a, b) => a + b, 0) };
}
