// The walking skeleton as a person uses it: the calculator computes in WASM, reacts to input,
// survives bad input, and hands a loan to the pre-check (applications: e2e/apply.spec.mjs).
import { test, expect } from '@playwright/test';

const shot = (page, name) => page.screenshot({ path: `../target/e2e/${name}.png`, fullPage: true });

test('the calculator computes the schedule in WASM and recomputes on input', async ({ page }) => {
  await page.goto('/calculator');
  await expect(page.getByTestId('first-payment')).toHaveText('¥5,307.27');
  // The schedule shows 60 payments a page (so every keystroke repaints within a frame); the
  // page says how many there are, and the last page ends the loan at a zero balance.
  await expect(page.getByTestId('schedule-row')).toHaveCount(60);
  await expect(page.getByTestId('page-info').first()).toHaveText('显示第 1–60 期，共 360 期');
  for (let i = 0; i < 5; i++) await page.getByTestId('page-next').first().click();
  await expect(page.getByTestId('page-info').first()).toHaveText('显示第 301–360 期，共 360 期');
  await expect(page.getByTestId('schedule-row').last()).toContainText('360');
  await expect(page.getByTestId('schedule-row').last()).toContainText('¥0.00');
  await expect(page.getByTestId('page-next').first()).toBeDisabled();
  await page.getByTestId('page-prev').first().click();
  await shot(page, 'calculator-default-zh');

  // A figure only the engine can produce: 123,456.78 at 3.85% over 77 months, 等额本息.
  // A = round(P·m/(1−(1+m)^−77)), m = 0.0385/12 → 1,812.08 (numpy-financial pmt gives 1812.0836).
  await page.getByTestId('principal').fill('123456.78');
  await page.getByTestId('annual-rate').fill('3.85');
  await page.getByTestId('term-months').fill('77');
  await expect(page.getByTestId('first-payment')).toHaveText('¥1,812.08');
  // Still on page 4 of the old schedule: the pager clamps to the last page of the new one.
  await expect(page.getByTestId('page-info').first()).toHaveText('显示第 61–77 期，共 77 期');
  await page.getByTestId('page-prev').first().click();
  await expect(page.getByTestId('page-info').first()).toHaveText('显示第 1–60 期，共 77 期');
  await expect(page.getByTestId('schedule-row')).toHaveCount(60);
  await page.getByTestId('page-next').first().click();
  await expect(page.getByTestId('schedule-row')).toHaveCount(17);
  await expect(page.getByTestId('schedule-row').last()).toContainText('¥0.00');

  await page.getByTestId('method').selectOption('equal_principal');
  await expect(page.getByTestId('last-payment')).toBeVisible();
  await shot(page, 'calculator-equal-principal-zh');
});

test('bad input shows a message next to the field and never breaks the page', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/calculator');
  await expect(page.getByTestId('first-payment')).toHaveText('¥5,307.27');
  for (const [field, text] of [['principal', 'abc'], ['principal', '-5'], ['principal', ''],
    ['annual-rate', '1e400'], ['term-months', '9999'], ['term-months', '12.5'],
    ['principal', '99999999999999999999999999999999999']]) {
    await page.getByTestId(field).fill(text);
    await expect(page.getByTestId(`${field}-error`)).toBeVisible();
    await expect(page.getByTestId('stale')).toBeVisible();
    await expect(page.locator('body')).not.toContainText('NaN');
    await page.getByTestId(field).fill(field === 'principal' ? '1000000' : field === 'annual-rate' ? '4.9' : '360');
    await expect(page.getByTestId(`${field}-error`)).toHaveCount(0);
  }
  await page.getByTestId('term-months').fill('0');
  await shot(page, 'calculator-invalid-term-zh');
  await page.getByTestId('term-months').fill('360');
  await expect(page.getByTestId('first-payment')).toHaveText('¥5,307.27');
  expect(errors).toEqual([]);
});

test('the language toggle switches to English and is remembered', async ({ page }) => {
  await page.goto('/calculator');
  await expect(page.locator('h1')).toHaveText('LoanLens 贷款计算器');
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('h1')).toHaveText('LoanLens loan calculator');
  await page.reload();
  await expect(page.locator('h1')).toHaveText('LoanLens loan calculator');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await shot(page, 'calculator-default-en');
});

// The calculator no longer takes applications itself (its old form posted a body the qualified
// intake of issue 9 refuses): it hands the loan on screen to the pre-check, which leads to /apply/.
test('the calculator hands the loan on screen to the pre-check, which opens with it filled in', async ({ page }) => {
  const api = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) api.push(r.url()); });
  await page.goto('/calculator?principal=200000&rate=6&term=24&method=equal_principal');
  await expect(page.getByTestId('first-payment')).toBeVisible();
  await expect(page.getByTestId('apply-panel')).toBeVisible();
  await page.getByTestId('apply-panel').screenshot({ path: '../target/e2e/calculator-apply-panel-zh.png' });
  await page.getByTestId('apply-precheck').click();
  await expect(page).toHaveURL(/\/precheck\?principal=200000&term=24&method=equal_principal$/);
  await page.getByTestId('age').fill('38');
  await page.getByTestId('employment').selectOption('salaried');
  await page.getByTestId('next').click();
  await page.getByTestId('monthly-income').fill('20000');
  await page.getByTestId('next').click();
  await page.getByTestId('next').click();
  await expect(page.getByTestId('loan-amount')).toHaveValue('200000');
  await expect(page.getByTestId('term-months')).toHaveValue('24');
  await expect(page.getByTestId('method')).toHaveValue('equal_principal');
  // Neither page sent anything (the pre-check's one request is the scorecard).
  expect(api.filter((u) => !u.endsWith('/api/v1/scorecard'))).toEqual([]);
});

test('the API answers a bad application with a 4xx naming the field, never echoing it', async ({ request }) => {
  const card = await (await request.get('/api/v1/scorecard')).json();
  const resp = await request.post('/api/v1/applications', {
    headers: { 'Idempotency-Key': 'e2e-bad-phone-0001' },
    data: {
      scorecard_version: card.version,
      profile: { age: 38, monthly_income: '25000.00', loan: { principal: '50000.00', term_months: 24 } },
      applicant: { name: '张三', phone: '12345', id_number: '11010519491231002X', city: '上海' },
      consents: { personal_information: { version: 'pi-2026-11', accepted: true },
        credit_inquiry: { version: 'ci-2026-11', accepted: true } },
    },
  });
  expect(resp.status()).toBe(400);
  const body = await resp.text();
  expect(JSON.parse(body).error.field).toBe('applicant.phone');
  expect(body).not.toContain('12345');
});
