// The walking skeleton as a person uses it: the calculator computes in WASM, reacts to input,
// survives bad input, and an application reaches the database sealed.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';

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

test('an application submitted with consent is stored, with personal data sealed', async ({ page }) => {
  await page.goto('/calculator?principal=200000&rate=6&term=24&method=equal_installment');
  await expect(page.getByTestId('first-payment')).toHaveText('¥8,864.12');
  await page.getByTestId('applicant-name').fill('张三');
  await page.getByTestId('applicant-phone').fill('13800138000');
  await page.getByTestId('submit-application').click();
  // Without consent nothing is sent.
  await expect(page.getByText('提交前请勾选同意')).toBeVisible();
  await expect(page.getByTestId('application-id')).toHaveCount(0);
  await page.getByTestId('consent').check();
  await page.getByTestId('submit-application').click();
  const id = (await page.getByTestId('application-id').textContent()).trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await shot(page, 'application-submitted-zh');

  const db = process.env.LOANLENS_DB;
  const row = JSON.parse(execFileSync('python3', ['-c', `
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
r = con.execute("select id, loan_json, first_payment, applicant_sealed from applications where id = ?", (sys.argv[2],)).fetchone()
print(json.dumps(r))`, db, id]).toString());
  expect(row).not.toBeNull();
  expect(row[0]).toBe(id);
  expect(JSON.parse(row[1]).principal).toBe('200000');
  expect(row[2]).toBe('8864.12');
  expect(row[3]).not.toContain('13800138000');
  expect(row[3]).not.toContain('张三');
});

test('the API answers a bad body with a 4xx naming the field', async ({ request }) => {
  const resp = await request.post('/api/v1/applications', {
    data: { loan: { principal: '1000', annual_rate: '0.05', term_months: 0, method: 'bullet' },
      applicant: { name: 'x', phone: '13800138000' }, consent: true },
  });
  expect(resp.status()).toBe(400);
  expect((await resp.json()).error.field).toBe('loan.term_months');
});
