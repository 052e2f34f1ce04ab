// The SDK as the server serves it under /sdk/ (dist/sdk/, built by ./x): the docs page runs its
// live example under the server's Content-Security-Policy, and the browser build answers every
// parity case (target/sdk-parity.json, from crates/sdk/tests/parity.rs) as the server did.
import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const target = process.env.CARGO_TARGET_DIR || fileURLToPath(new URL('../target', import.meta.url));
const check = fileURLToPath(new URL('sdk-parity-check.mjs', import.meta.url));

test('the SDK docs page computes its example in the browser, in both languages', async ({ page }) => {
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto('/sdk/');
  await expect(page.getByTestId('sdk-first-payment')).toHaveText('5307.27');
  await expect(page.locator('#zh h2')).toHaveText('中文');
  await expect(page.locator('#en h2')).toHaveText('English');
  expect(problems).toEqual([]);
  await page.screenshot({ path: '../target/e2e/sdk-docs.png', fullPage: true });
});

test('the SDK in Chromium answers every parity case as the server did', async ({ page }) => {
  test.setTimeout(300_000);
  await page.route('**/__parity/cases.json', (r) => r.fulfill({ path: `${target}/sdk-parity.json`, contentType: 'application/json' }));
  await page.route('**/__parity/check.mjs', (r) => r.fulfill({ path: check, contentType: 'text/javascript' }));
  await page.goto('/sdk/');
  const r = await page.evaluate(async () => {
    const sdk = await import('/sdk/web/loanlens.js');
    await sdk.default();
    const { check } = await import('/__parity/check.mjs');
    const doc = await (await fetch('/__parity/cases.json')).json();
    const t0 = performance.now();
    const r = check(sdk, doc);
    return { ...r, ms: Math.round(performance.now() - t0), mismatches: r.mismatches.slice(0, 10) };
  });
  console.log(`SDK parity (Chromium): ${r.cases} cases (${r.answers} answers, ${r.errors} error objects) in ${r.ms} ms: ${r.mismatches.length} mismatches`);
  expect(r.mismatches).toEqual([]);
  expect(r.cases).toBeGreaterThanOrEqual(1000);
});

test('the loan module (/sdk/loans/) answers the loan cases as the server did, in Chromium', async ({ page }) => {
  test.setTimeout(300_000);
  await page.route('**/__parity/cases.json', (r) => r.fulfill({ path: `${target}/sdk-parity.json`, contentType: 'application/json' }));
  await page.route('**/__parity/check.mjs', (r) => r.fulfill({ path: check, contentType: 'text/javascript' }));
  await page.goto('/sdk/');
  const r = await page.evaluate(async () => {
    const sdk = await import('/sdk/loans/web/loanlens.js');
    await sdk.default();
    const { check } = await import('/__parity/check.mjs');
    const doc = await (await fetch('/__parity/cases.json')).json();
    const have = new Set(['schedule', 'compare', 'solve', 'xirr']);
    const r = check(sdk, { ...doc, cases: doc.cases.filter((c) => have.has(c.function)) });
    const t = sdk.scheduleTable({ principal: '1000000.00', annual_rate: '0.049', term_months: 360, method: 'equal_installment' });
    return { ...r, mismatches: r.mismatches.slice(0, 10), first: t.payment[0], rows: t.payment.length, precheck: typeof sdk.precheck };
  });
  expect(r.mismatches).toEqual([]);
  expect(r.cases).toBeGreaterThanOrEqual(500);
  expect([r.first, r.rows, r.precheck]).toEqual([530727, 360, 'undefined']);
});
