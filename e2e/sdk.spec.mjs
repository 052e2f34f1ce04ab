// The SDK as the server serves it under /sdk/ (dist/sdk/, built by ./x): the docs page runs its
// live example under the server's Content-Security-Policy, and each module's browser build
// answers its parity cases (target/sdk-parity.json, from crates/sdk/tests/parity.rs; each case
// to the module that exports its function) as the server did.
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

test('each SDK module in Chromium answers its parity cases as the server did', async ({ page }) => {
  test.setTimeout(300_000);
  await page.route('**/__parity/cases.json', (r) => r.fulfill({ path: `${target}/sdk-parity.json`, contentType: 'application/json' }));
  await page.route('**/__parity/check.mjs', (r) => r.fulfill({ path: check, contentType: 'text/javascript' }));
  await page.goto('/sdk/');
  const results = await page.evaluate(async () => {
    const { check, split, exportProblems, MODULES } = await import('/__parity/check.mjs');
    const byModule = split(await (await fetch('/__parity/cases.json')).json());
    const out = {};
    for (const [name, m] of Object.entries(MODULES)) {
      const sdk = await import(`/sdk/${m.dir}web/loanlens.js`);
      await sdk.default();
      const t0 = performance.now();
      const r = check(sdk, byModule[name]);
      out[name] = { ...r, ms: Math.round(performance.now() - t0), mismatches: r.mismatches.slice(0, 10), problems: exportProblems(name, sdk) };
      if (name === 'loans') {
        const t = sdk.scheduleTable({ principal: '1000000.00', annual_rate: '0.049', term_months: 360, method: 'equal_installment' });
        out[name].table = [t.payment[0], t.payment.length];
      }
    }
    return out;
  });
  for (const [name, r] of Object.entries(results)) {
    console.log(`SDK parity, module ${name} (Chromium): ${r.cases} cases (${r.answers} answers, ${r.errors} error objects) in ${r.ms} ms: ${r.mismatches.length} mismatches`);
    expect(r.mismatches, name).toEqual([]);
    expect(r.problems, name).toEqual([]);
    expect(r.answers, name).toBeGreaterThan(0);
  }
  expect(Object.values(results).reduce((n, r) => n + r.cases, 0)).toBeGreaterThanOrEqual(1000);
  expect(results.loans.table).toEqual([530727, 360]);
});
