// The app under its production headers: it works under the strict CSP (no violation, no CSP
// error in the console), and a page on another origin cannot frame it.
import { test, expect } from '@playwright/test';
import http from 'node:http';

test('the calculator works under the CSP with no violation', async ({ page }) => {
  const consoleCsp = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const resp = await page.goto('/calculator');
  const csp = resp.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(resp.headers()['x-frame-options']).toBe('DENY');
  expect(resp.headers()['x-content-type-options']).toBe('nosniff');
  // The engine's figure on screen proves the inline start script and the wasm both ran.
  await expect(page.getByTestId('first-payment')).toHaveText('¥5,307.27');
  await page.getByTestId('principal').fill('123456.78');
  await page.getByTestId('annual-rate').fill('3.85');
  await page.getByTestId('term-months').fill('77');
  await expect(page.getByTestId('first-payment')).toHaveText('¥1,812.08');
  await page.getByTestId('method').selectOption('equal_principal');
  await expect(page.getByTestId('last-payment')).toBeVisible();
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(consoleCsp).toEqual([]);
});

test('a page on another origin cannot frame the calculator', async ({ page, baseURL }) => {
  // A partner-like page on a second port (another origin) framing the app, and, as a control
  // that framing works at all here, a page of its own.
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(req.url === '/own'
      ? '<p data-test="own">framed fine</p>'
      : `<!doctype html><p>other origin</p><iframe id="own" src="/own"></iframe>
         <iframe id="app" src="${baseURL}/calculator" width="800" height="600"></iframe>`);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await expect(page.frameLocator('#own').getByTestId('own')).toHaveText('framed fine');
    // Unblocked, the app would show its figure within a second or two; give it three.
    await page.waitForTimeout(3000);
    await expect(page.frameLocator('#app').getByTestId('first-payment')).toHaveCount(0);
    // Chromium replaces a refused frame by its own error page.
    const urls = page.frames().map((f) => f.url());
    expect(urls).toHaveLength(3);
    expect(urls.filter((u) => u.startsWith(baseURL))).toEqual([]);
  } finally {
    server.close();
  }
});
