// Issue 8, the public risk pre-check at /precheck, as a person uses it on a phone and a desktop.
// Scored by the built-in illustrative card (crates/core/data/default_scorecard.json); expected
// scores are that card's points added by hand, payments computed independently (Python Decimal).
import { test, expect } from '@playwright/test';

const shot = (page, name) => page.screenshot({ path: `../target/e2e/${name}.png`, fullPage: true });

async function noHorizontalScroll(page) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(sw).toBeLessThanOrEqual(cw);
}

// Base 360 + age 38 (40) + income 25,000 (55 of 60) + civil servant (50) + 72 months (30) + own
// home (35) + no late payment (50) + none overdue (10) + no inquiry (30) + 96 months insured (30).
const STRONG = {
  age: '38', employment: 'civil_servant', 'months-in-job': '72', 'social-insurance-months': '96', housing: 'own',
  'monthly-income': '2.5万', 'monthly-debt-payments': '0',
  'overdue-count-24m': '0', 'currently-overdue': 'false', 'credit-inquiries-6m': '0',
  'loan-amount': '5万', 'term-months': '24', method: 'equal_installment', purpose: 'education', segment: 'consumer',
};
// 360 + 30 + 15 (4,000) + 15 (freelancer) + 0 (3 months) + 15 (rent) − 20 (5 late) + 10 − 10
// (9 inquiries) + 0 (social insurance left blank → missing) = 415, below the refer cutoff 560.
const WEAK = {
  age: '30', employment: 'freelancer', 'months-in-job': '3', housing: 'rent',
  'monthly-income': '4000', 'monthly-debt-payments': '500',
  'overdue-count-24m': '5', 'currently-overdue': 'false', 'credit-inquiries-6m': '9',
  'loan-amount': '10000', 'term-months': '12',
};
const STUDENT = { ...STRONG, age: '20', employment: 'student', 'months-in-job': '0', 'social-insurance-months': '0' };

/** Answers every question shown, step by step, and asks for the result. */
async function answer(page, answers) {
  for (let step = 1; step <= 4; step++) {
    await expect(page.getByTestId('progress')).toHaveAttribute('data-step', String(step));
    for (const [id, value] of Object.entries(answers)) {
      const field = page.getByTestId(id);
      if (!(await field.isVisible())) continue;
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await page.getByTestId(step < 4 ? 'next' : 'submit').click();
  }
  await expect(page.getByTestId('result')).toBeVisible();
}

/** Opens the page, waits for its one request (the scorecard) to settle, then records requests. */
async function open(page) {
  await page.goto('/precheck');
  await expect(page.getByTestId('precheck-form')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  return requests;
}

for (const [lang, w, h] of [['zh', 1280, 900], ['en', 1280, 900], ['zh', 320, 640], ['en', 320, 640]]) {
  test(`a strong profile passes, ${w}px in ${lang}; nothing is sent while filling and scoring`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    const requests = await open(page);
    if (lang === 'en') await page.getByTestId('lang-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'en' ? 'en' : 'zh-CN');
    await expect(page.getByTestId('private-note')).toContainText(lang === 'en' ? 'nothing is sent' : '不会发送');
    await noHorizontalScroll(page);
    await shot(page, `precheck-form-${w}-${lang}`);
    await answer(page, STRONG);
    await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'pass');
    await expect(page.getByTestId('score')).toHaveText('690');
    await expect(page.getByTestId('grade')).toHaveText('A');
    await expect(page.getByTestId('knockout')).toHaveCount(0);
    await expect(page.getByTestId('reason')).toHaveCount(1);
    await expect(page.getByTestId('reason')).toHaveAttribute('data-variable', 'monthly_income');
    await expect(page.getByTestId('apr-range')).toHaveText('7.20% – 10.80%');
    // 50,000 over 24 months at 7.2% and 10.8%: 2,243.17 and 2,325.75 a month.
    await expect(page.getByTestId('payment-range')).toHaveText('¥2,243.17 – ¥2,325.75');
    await expect(page.getByTestId('illustrative')).toBeVisible();
    await noHorizontalScroll(page);
    await shot(page, `precheck-pass-${w}-${lang}`);
    expect(requests).toEqual([]);
  });
}

test('a weak profile is declined with its reasons, largest shortfall first', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const requests = await open(page);
  await page.getByTestId('lang-toggle').click();
  await answer(page, WEAK);
  await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'decline');
  await expect(page.getByTestId('score')).toHaveText('415');
  await expect(page.getByTestId('knockout')).toHaveCount(0);
  const reasons = page.getByTestId('reason');
  // Shortfalls: late payments 70, income 45, inquiries 40, employment 35, months in job and
  // social insurance 30 each, housing 20, age 10.
  await expect(reasons).toHaveCount(8);
  expect(await reasons.evaluateAll((els) => els.map((e) => e.dataset.variable))).toEqual([
    'overdue_count_24m', 'monthly_income', 'credit_inquiries_6m', 'employment',
    'months_in_job', 'social_insurance_months', 'housing', 'age',
  ]);
  await expect(reasons.first()).not.toBeEmpty();
  await noHorizontalScroll(page);
  await shot(page, 'precheck-decline-320-en');
  expect(requests).toEqual([]);
});

test('a student is knocked out, and still sees the score and why', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const requests = await open(page);
  await answer(page, STUDENT);
  await expect(page.getByTestId('decision')).toHaveAttribute('data-decision', 'decline');
  await expect(page.getByTestId('knockout')).toHaveCount(1);
  await expect(page.getByTestId('knockout')).toHaveAttribute('data-rule', 'student');
  await expect(page.getByTestId('knockout')).toContainText('学生');
  await expect(page.getByTestId('score')).not.toBeEmpty();
  await expect(page.locator('[data-test=reason][data-variable=employment]')).toBeVisible();
  await noHorizontalScroll(page);
  await shot(page, 'precheck-student-320-zh');
  expect(requests).toEqual([]);
});

test('the hand-off opens the calculator with the amount, rate, term and method', async ({ page }) => {
  await open(page);
  await answer(page, STRONG);
  const payment = (await page.getByTestId('payment-range').textContent()).split(' – ')[1];
  await page.getByTestId('open-calculator').click();
  await expect(page).toHaveURL(/\/calculator\?principal=50000&rate=10\.8&term=24&method=equal_installment$/);
  await expect(page.getByTestId('principal')).toHaveValue('50000');
  await expect(page.getByTestId('annual-rate')).toHaveValue('10.8');
  await expect(page.getByTestId('term-months')).toHaveValue('24');
  await expect(page.getByTestId('method')).toHaveValue('equal_installment');
  await expect(page.getByTestId('first-payment')).toHaveText('¥2,325.75');
  expect(payment).toBe('¥2,325.75');
});

test('every field is checked inline with its allowed range; Next waits for a fix', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await open(page);
  await page.getByTestId('next').click();
  await expect(page.getByTestId('age-error')).toHaveText('请填写此项');
  await page.getByTestId('age').fill('130');
  await expect(page.getByTestId('age-error')).toHaveText('超出允许范围：须在 0 到 120 之间');
  await page.getByTestId('months-in-job').fill('1.5');
  await expect(page.getByTestId('months-in-job-error')).toHaveText('请输入整数');
  await page.getByTestId('employment').selectOption('salaried');
  await page.getByTestId('next').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-step', '1');
  await shot(page, 'precheck-errors-320-zh');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('age-error')).toHaveText('Out of range: must be between 0 and 120');
  await page.getByTestId('age').fill('30');
  await page.getByTestId('months-in-job').fill('');
  await expect(page.getByTestId('age-error')).toHaveCount(0);
  await page.getByTestId('next').click();
  await expect(page.getByTestId('progress')).toHaveAttribute('data-step', '2');
  await page.getByTestId('monthly-income').fill('-1');
  await expect(page.getByTestId('monthly-income-error')).toContainText('between 0.00 and 100000000.00');
  await page.getByTestId('monthly-income').fill('1.2万');
  await expect(page.getByTestId('monthly-income-error')).toHaveCount(0);
  await page.getByTestId('next').click();
  await page.getByTestId('next').click();
  await page.getByTestId('term-months').fill('601');
  await expect(page.getByTestId('term-months-error')).toContainText('between 1 and 600');
});

test('each page loads only its own bundle', async ({ page }) => {
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.goto('/calculator');
  await expect(page.getByTestId('first-payment')).toBeVisible();
  const calculatorAssets = seen.filter((p) => /\.(wasm|js)$/.test(p));
  expect(calculatorAssets.length).toBeGreaterThan(0);
  expect(calculatorAssets.filter((p) => p.startsWith('/precheck/'))).toEqual([]);
  seen.length = 0;
  await page.goto('/precheck');
  await expect(page.getByTestId('precheck-form')).toBeVisible();
  const precheckAssets = seen.filter((p) => /\.(wasm|js)$/.test(p));
  expect(precheckAssets.length).toBeGreaterThan(0);
  expect(precheckAssets.filter((p) => !p.startsWith('/precheck/'))).toEqual([]);
});
