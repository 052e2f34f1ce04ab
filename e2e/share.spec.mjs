// Issue 14, "sharing that works in WeChat": the calculator's short link (/c/<code>) and its QR
// code, drawn in the page by a module loaded only when the share view opens. The QR is read
// back from a screenshot with jsQR, as a phone camera would.
import { test, expect } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const shot = (page, name) => page.screenshot({ path: `../target/e2e/${name}.png`, fullPage: true });

/** The text of the QR code in `locator`'s screenshot, or null. */
async function readQr(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return code ? code.data : null;
}

/** The headline figures a person compares. */
async function figures(page) {
  await expect(page.getByTestId('first-payment')).toBeVisible();
  const text = async (id) => (await page.getByTestId(id).textContent()).trim();
  return { pay: await text('first-payment'), nominal: await text('apr-nominal'), apr: await text('apr-effective') };
}

const LONG = '/calculator?principal=500000&rate=4.2&term=240&method=equal_principal&fee=1%25&start=2025-01-31';

test('on a 360 px phone the short link and its QR code reproduce the loan', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 360, height: 780 });
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(LONG);
  const before = await figures(page);
  expect(before.pay).toMatch(/^¥/);
  // The first load carries no QR encoder.
  expect(requested.filter((p) => p.startsWith('/qr/'))).toEqual([]);

  await page.getByTestId('share-short').click();
  const link = await page.getByTestId('short-link').inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/1[0-9A-Za-z][0-9A-Za-z._~-]+$/);
  expect(link.length, link).toBeLessThan(new URL(LONG, link).href.length * 0.6);
  const qr = page.getByTestId('qr');
  await expect(qr).toHaveAttribute('data-state', 'ready');
  expect(requested).toContain('/qr/qr_bg.wasm');
  // Scannable on the phone: at least 160 px, wholly on screen; the link field fits too.
  const box = await qr.boundingBox();
  expect(box.width).toBeGreaterThanOrEqual(160);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  const field = await page.getByTestId('short-link').boundingBox();
  expect(field.x + field.width).toBeLessThanOrEqual(360);
  await qr.scrollIntoViewIfNeeded();
  expect(await readQr(qr)).toBe(link);
  // The share bar's copy button gives the short link too.
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copied')).not.toBeEmpty();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.getByTestId('short-view').screenshot({ path: '../target/e2e/share-short-view-360.png' });
  await shot(page, 'share-short-360');

  // The person a friend sends it to: a new page opened on the short link.
  const friend = await context.newPage();
  await friend.setViewportSize({ width: 360, height: 780 });
  await friend.goto(link);
  expect(await figures(friend)).toEqual(before);
  await expect(friend.getByTestId('link-notice')).toHaveCount(0);
  await expect(friend.getByTestId('method')).toHaveValue('equal_principal');
  // From then on the address is the long form (the page keeps editing it).
  await expect(friend).toHaveURL(/\/calculator\?principal=500000&rate=4\.2&term=240/);
  await friend.close();

  // Editing the loan redraws the code for the new link.
  await page.getByTestId('principal').fill('300000');
  await expect(page.getByTestId('short-link')).not.toHaveValue(link);
  const next = await page.getByTestId('short-link').inputValue();
  await expect(qr).toHaveAttribute('data-drawn', next);
  expect(await readQr(qr)).toBe(next);

  // In English the view still fits the phone and the code stays drawn.
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('share-short')).toHaveText('QR code');
  await expect(qr).toHaveAttribute('data-state', 'ready');
  expect((await qr.boundingBox()).width).toBeGreaterThanOrEqual(160);
  await page.locator('.share-bar').screenshot({ path: '../target/e2e/share-bar-360-en.png' });
});

test('a damaged short link says so and keeps what it could read', async ({ page }) => {
  await page.goto('/calculator?principal=500000&rate=4.2&term=240');
  const whole = await figures(page);
  await page.getByTestId('share-short').click();
  const link = await page.getByTestId('short-link').inputValue();

  // Cut short in a chat message: the amount and rate survive; the notice says to check.
  await page.goto(link.slice(0, -2));
  await expect(page.getByTestId('link-notice')).toContainText('短链接');
  await expect(page.getByTestId('principal')).toHaveValue('500000');
  await expect(page.getByTestId('first-payment')).toBeVisible();
  await shot(page, 'share-damaged');

  // Nothing readable at all: the default calculator, with the notice, never a blank page.
  await page.goto('/c/%E4%B8%87!!');
  await expect(page.getByTestId('link-notice')).toBeVisible();
  await expect(page.getByTestId('first-payment')).toHaveText('¥5,307.27');

  // A further path segment or an escaped path blanks nothing (issue 14, item 12).
  for (const path of ['/c/17/extra', '/c/..%2F..%2Fetc%2Fpasswd']) {
    await page.goto(path);
    await expect(page.getByTestId('link-notice')).toContainText('短链接');
    await expect(page.getByTestId('principal')).toHaveValue('1000000');
    await expect(page.getByTestId('first-payment')).toHaveText('¥5,307.27');
  }
  await shot(page, 'share-junk-path');

  // Longer than the server's path limit (2048 bytes): the page, not a raw 414 (item 13).
  const resp = await page.goto('/c/17' + 'x'.repeat(20000));
  expect(resp.status()).toBe(200);
  await expect(page.getByTestId('link-notice')).toContainText('短链接');
  await expect(page.getByTestId('first-payment')).toHaveText('¥5,307.27');

  // The long link still works as before.
  await page.goto('/calculator?principal=500000&rate=4.2&term=240');
  expect(await figures(page)).toEqual(whole);
});
