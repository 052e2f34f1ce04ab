// Issue 14, the 房贷计算器 at /mortgage: a person computes a 组合贷 and every figure the page
// shows is checked against the CLI (`loanlens mortgage`, the same core natively) for the same
// input, cell for cell; the URL, errors, layouts and the bundle.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';

const shot = (page, name) => page.screenshot({ path: `../target/e2e/${name}.png`, fullPage: true });
const CLI = process.env.LOANLENS_CLI || '../target/debug/loanlens';

/** The CLI's answer for a request. */
const cli = (req) => JSON.parse(execFileSync(CLI, ['mortgage'], { input: JSON.stringify(req) }).toString());

/** ¥ with thousands separators, as the page shows money (crate::format::money). */
const group = (i) => i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const money = (s) => {
  const [i, f] = s.replace('-', '').split('.');
  return `¥${s.startsWith('-') ? '-' : ''}${group(i)}.${f}`;
};
/** 万元 as the page adds it (crate::format::wan): half-up to 0.01 万, from 10,000 元 on. */
function wan(s) {
  const cents = BigInt(s.replace('.', ''));
  if (cents < 1000000n) return '';
  const h = (cents + 5000n) / 10000n; // hundredths of 万
  return `${group(String(h / 100n))}.${String(h % 100n).padStart(2, '0')}万`;
}
/** A fraction as a % with 2 decimals, half-up (crate::format::percent). */
function pct2(x) {
  const [i, f = ''] = x.split('.');
  const v = (BigInt(i + (f + '000000').slice(0, 6)) + 50n) / 100n;
  return `${v / 100n}.${String(v % 100n).padStart(2, '0')}%`;
}
/** A rate exactly, at least 2 decimals (the page's `results::rate`): 0.0320 → 3.20%. */
function rate(x) {
  const [i, f = ''] = x.split('.');
  const g = f.padEnd(2, '0');
  const int = String(BigInt(i + g.slice(0, 2)));
  return `${int}.${g.slice(2).replace(/0+$/, '').padEnd(2, '0')}%`;
}

// The person's loan: 300万, 30% down, 100万 from the housing fund over 25 years (default rate,
// 等额本息), the rest commercial over 30 years at LPR − 30bp (等额本金), repriced every 1
// January, an LPR of 3.1% assumed from 2026; disbursed 2025-06-15, paying on the 20th.
const TYPED = [['price', '300万'], ['down', '30'], ['years', '30'], ['fund-amount', '100万'],
  ['fund-years', '25'], ['spread', '-30'], ['cycle', '12'], ['assumed-lpr', '3.1'],
  ['assumed-from', '2026-01-01'], ['start', '2025-06-15']];
const REQUEST = {
  loan_type: 'combination', house_price: '3000000', down_payment_rate: '0.3', term_months: 360,
  disbursement_date: '2025-06-15', repayment_day: 20,
  housing_fund: { amount: '1000000', term_months: 300, method: 'equal_installment' },
  commercial: { method: 'equal_principal', spread_bp: -30, repricing: 'january_1', reset_cycle_months: 12,
    assumed_lpr: { from_date: '2026-01-01', lpr: '0.031' } },
};

async function fillLoan(page) {
  await page.getByTestId('type-combination').click();
  await page.getByTestId('by-price').click();
  for (const [id, v] of TYPED) await page.getByTestId(id).fill(v);
  await page.getByTestId('com-method').selectOption('ep');
  await page.getByTestId('fund-method').selectOption('ei');
  await page.getByTestId('repricing-january_1').click();
  await page.getByTestId('day').selectOption('20');
}

/** A figure: its exact value and its text (money, with 万元 when large). */
async function expectMoney(page, id, value) {
  await expect(page.getByTestId(id)).toHaveAttribute('data-value', value);
  await expect(page.getByTestId(id)).toContainText(money(value));
  const w = wan(value);
  if (w) await expect(page.getByTestId(`${id}-wan`)).toHaveText(w);
}

/** Every row of the page shown equals the CLI's rows, every cell. */
async function expectRows(page, rows) {
  const shown = await page.getByTestId('row').evaluateAll((trs) => trs.map((tr) =>
    Object.fromEntries([...tr.querySelectorAll('[data-test]')].map((c) => [c.dataset.test, [c.dataset.value ?? null, c.textContent]]))));
  expect(shown.length).toBe(rows.length);
  for (const [i, r] of rows.entries()) {
    const s = shown[i];
    expect(s['c-period'][1]).toBe(String(r.period));
    expect(s['c-date'][1]).toBe(r.date);
    for (const [col, key] of [['c-payment', 'payment'], ['c-principal', 'principal'], ['c-interest', 'interest'],
      ['c-balance', 'balance'], ['c-fund-payment', 'fund_payment'], ['c-fund-interest', 'fund_interest'],
      ['c-com-payment', 'commercial_payment'], ['c-com-interest', 'commercial_interest']]) {
      expect(s[col], `${col} of period ${r.period}`).toEqual([r[key], money(r[key])]);
    }
  }
}

test('a person computes a 组合贷: every figure and every schedule cell equals `loanlens mortgage`; nothing is sent', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/mortgage');
  await expect(page.getByTestId('first-payment')).toBeVisible();
  await fillLoan(page);
  const want = cli(REQUEST);
  await expect(page.getByTestId('loan-note')).toHaveText('贷款总额 ¥2,100,000.00（210.00万）');
  // The headline figures. Paying on the 20th, the first period runs 35 days: the headline is the
  // first full month's payment (period 2; the commercial part is 等额本金), the first beside it.
  await expectMoney(page, 'regular-payment', want.rows[1].payment);
  await expect(page.getByTestId('regular-payment')).toHaveText(new RegExp(`^${money(want.rows[1].payment)}`));
  await expect(page.locator('.summary .figure').first()).toContainText('首个整月月供');
  await expect(page.locator('.summary .figure').first()).toContainText(`首期 35 天：${money(want.first_payment)}`);
  await expect(page.getByTestId('first-payment')).toHaveAttribute('data-value', want.first_payment);
  await expectMoney(page, 'last-payment', want.last_payment);
  await expectMoney(page, 'loan-amount', want.loan_amount);
  await expectMoney(page, 'down-payment', want.down_payment);
  await expectMoney(page, 'total-interest', want.total_interest);
  await expectMoney(page, 'total-payment', want.total_payment);
  await expect(page.getByTestId('apr')).toHaveAttribute('data-value', want.apr.nominal);
  await expect(page.getByTestId('apr')).toHaveText(pct2(want.apr.nominal));
  await expect(page.getByTestId('first-date')).toHaveText('2025-07-20');
  // Each part: amount, rate, first payment, interest; the commercial part's rate changes.
  for (const [k, p] of [['fund', want.parts[0]], ['com', want.parts[1]]]) {
    for (const [key, v] of [['amount', p.amount], ['first-payment', p.schedule.first_payment],
      ['regular-payment', p.schedule.rows[1].payment], ['total-interest', p.schedule.total_interest]]) {
      await expect(page.getByTestId(`r-${k}-${key}`)).toHaveAttribute('data-value', v);
      await expect(page.getByTestId(`r-${k}-${key}`)).toContainText(money(v));
    }
    await expect(page.getByTestId(`r-${k}-rate`)).toHaveAttribute('data-value', p.annual_rate);
    await expect(page.getByTestId(`r-${k}-rate`)).toHaveText(rate(p.annual_rate));
  }
  expect([want.parts[0].annual_rate, want.parts[1].annual_rate]).toEqual(['0.0260', '0.0320']);
  const change = want.parts[1].rate_changes[0];
  expect(change).toEqual({ date: '2026-01-01', from_period: 8, lpr: '0.031', annual_rate: '0.0280' });
  await expect(page.getByTestId('com-change-0')).toHaveAttribute('data-period', '8');
  await expect(page.getByTestId('com-change-0')).toHaveText('2026-01-01 重定价：LPR 3.10% → 利率 2.80%，自第 8 期起');
  // The schedule with both parts' columns: the first page, the last page and the 合计 row.
  await page.getByTestId('show-parts').check();
  await expectRows(page, want.rows.slice(0, 60));
  for (let i = 0; i < 5; i++) await page.getByTestId('page-next').first().click();
  await expect(page.getByTestId('page-info').first()).toHaveText('301–360 / 360');
  await expectRows(page, want.rows.slice(300));
  // The fund part ended after 300 periods: its columns are 0.00, the row is the commercial one.
  expect(want.rows[300].fund_payment).toBe('0.00');
  const sum = (k) => want.rows.reduce((s, r) => s + BigInt(r[k].replace('.', '')), 0n);
  const fromCents = (c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
  for (const [id, v] of [['t-payment', want.total_payment], ['t-principal', want.total_principal], ['t-interest', want.total_interest],
    ['t-fund-payment', fromCents(sum('fund_payment'))], ['t-com-interest', fromCents(sum('commercial_interest'))]]) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-value', v);
    await expect(page.getByTestId(id)).toHaveText(money(v));
  }
  expect(want.total_principal).toBe('2100000.00');
  await shot(page, 'mortgage-combination-zh');
  expect(requests.filter((u) => u.includes('/api/'))).toEqual([]);
});

test('the URL reproduces the page: edit, copy the address, open it elsewhere', async ({ page, context }) => {
  await page.goto('/mortgage');
  await fillLoan(page);
  await expect.poll(() => page.evaluate(() => location.search)).toContain('dy=20');
  const figures = async (p) => p.locator('[data-value]').evaluateAll((es) => es.map((e) => `${e.dataset.test}=${e.dataset.value}`));
  await expect(page.getByTestId('com-change-0')).toBeVisible();
  const before = await figures(page);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('com-change-0')).toBeVisible();
  expect(await figures(other)).toEqual(before);
  await expect(other.getByTestId('fund-years')).toHaveValue('25');
  await expect(other.getByTestId('com-method')).toHaveValue('ep');
});

test('single loans: a 公积金 loan by amount and a 商业贷款 with month-end payments match the CLI', async ({ page }) => {
  await page.goto('/mortgage?t=f&bp=0&a=80%E4%B8%87&y=20&st=2025-03-10');
  let want = cli({ loan_type: 'housing_fund', loan_amount: '800000', term_months: 240, disbursement_date: '2025-03-10' });
  await expectMoney(page, 'first-payment', want.first_payment);
  await expectMoney(page, 'total-interest', want.total_interest);
  await expect(page.getByTestId('r-fund-rate')).toHaveText('2.60%');
  await expect(page.getByTestId('show-parts')).toHaveCount(0);
  await page.getByTestId('type-commercial').click();
  await page.getByTestId('day').selectOption('31');
  await page.getByTestId('lpr').fill('3.45');
  want = cli({ loan_type: 'commercial', loan_amount: '800000', term_months: 240, disbursement_date: '2025-03-10',
    repayment_day: 31, commercial: { lpr: '0.0345', spread_bp: -30 } });
  await expectMoney(page, 'first-payment', want.first_payment);
  await expectMoney(page, 'total-interest', want.total_interest);
  const dates = await page.getByTestId('c-date').evaluateAll((es) => es.slice(0, 4).map((e) => e.textContent));
  expect(dates).toEqual(['2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31']);
  await expect(page.getByTestId('com-no-change')).toBeVisible();
});

test('an odd first period: the headline is the regular 月供 with the first period beside it (FINDINGS-14 item 2)', async ({ page }) => {
  // The tester's link: 300万, 30% down, 100万 fund, LPR − 30bp, disbursed 2025-06-15, paying on the 20th.
  await page.goto('/mortgage?t=m&bp=1&p=300%E4%B8%87&d=30&fa=100%E4%B8%87&y=30&s=-30&st=2025-06-15&dy=20');
  const want = cli({ loan_type: 'combination', house_price: '3000000', down_payment_rate: '0.3', term_months: 360,
    disbursement_date: '2025-06-15', repayment_day: 20, housing_fund: { amount: '1000000' }, commercial: { spread_bp: -30 } });
  expect([want.first_payment, want.rows[1].payment, want.rows[2].payment]).toEqual(['9610.54', '8760.54', '8760.54']);
  await expectMoney(page, 'regular-payment', '8760.54');
  await expect(page.locator('.summary .figure').first()).toContainText('每月月供');
  await expect(page.locator('.summary .figure').first()).toContainText('首期 35 天：¥9,610.54');
  await expect(page.getByTestId('first-payment')).toHaveAttribute('data-value', '9610.54');
  // A single loan too; paying on the disbursement day there is no odd period: 首月月供.
  await page.getByTestId('type-commercial').click();
  await expect(page.getByTestId('regular-payment')).toHaveAttribute('data-value', cli({ loan_type: 'commercial',
    house_price: '3000000', down_payment_rate: '0.3', term_months: 360, disbursement_date: '2025-06-15', repayment_day: 20,
    commercial: { spread_bp: -30 } }).rows[1].payment);
  await page.getByTestId('day').selectOption('15');
  await expect(page.getByTestId('regular-payment')).toHaveCount(0);
  await expect(page.locator('.summary .figure').first()).toContainText('首月月供');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByTestId('day').selectOption('20');
  await shot(page, 'mortgage-odd-first-360');
});

test('a link with a repayment day no option has shows it flagged; choosing 月末 fixes it (FINDINGS-14 item 15)', async ({ page }) => {
  await page.goto('/mortgage?t=c&bp=0&a=100%E4%B8%87&y=30&st=2025-06-15&dy=29');
  await expect(page.getByTestId('day')).toHaveValue('29');
  await expect(page.getByTestId('day-other')).toHaveText('29（无效）');
  await expect(page.getByTestId('day-error')).toHaveText('还款日须为 1 至 28 日或月末');
  await page.getByTestId('day').selectOption('31');
  await expect(page.getByTestId('day-error')).toHaveCount(0);
  await expect(page.getByTestId('day-other')).toHaveCount(0);
  await expect(page.getByTestId('first-date')).toHaveText('2025-07-31');
  await expect.poll(() => page.evaluate(() => location.search)).toContain('dy=31');
});

test('English sizes large amounts in millions; at 360 px the combined table fits without scrolling (FINDINGS-14 item 18)', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/mortgage?t=m&bp=1&p=300%E4%B8%87&d=30&fa=100%E4%B8%87&y=30&s=-30&st=2025-06-15&dy=20');
  await expect(page.getByTestId('loan-note')).toHaveText('贷款总额 ¥2,100,000.00（210.00万）');
  for (const w of [360]) {
    await page.setViewportSize({ width: w, height: 740 });
    const [sw, cw] = await page.locator('.table-wrap').evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(sw, `table at ${w} px`).toBeLessThanOrEqual(cw);
    // The date is still there, under the period.
    await expect(page.getByTestId('c-period').first()).toHaveAttribute('data-date', '2025-07-20');
  }
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('loan-note')).toHaveText('Loan amount ¥2,100,000.00 (2.10 million)');
  await expect(page.getByTestId('total-payment-wan')).toHaveText('3.15 million');
  await expect(page.locator('body')).not.toContainText('万');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.locator('.schedule').screenshot({ path: '../target/e2e/mortgage-table-360-en.png' });
});

test('bad input is named at its field and the figures are marked stale until fixed', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/mortgage');
  await fillLoan(page);
  const first = await page.getByTestId('first-payment').getAttribute('data-value');
  await page.getByTestId('fund-amount').fill('300万');
  await expect(page.getByTestId('fund-amount-error')).toHaveText('公积金金额须在 0.01 元至贷款总额减 0.01 元之间，最多两位小数');
  await expect(page.getByTestId('stale')).toBeVisible();
  await expect(page.getByTestId('first-payment')).toHaveAttribute('data-value', first);
  await page.getByTestId('fund-amount').fill('100万');
  await page.getByTestId('spread').fill('-500');
  await expect(page.getByTestId('spread-error')).toContainText('-1000 至 1000');
  await page.getByTestId('years').fill('31');
  await expect(page.getByTestId('years-error')).toHaveText('请输入 1 至 30 的整数（年）');
  await expect(page.getByTestId('years')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'mortgage-errors-320');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('years-error')).toHaveText('Enter a whole number of years, 1 to 30');
  await page.getByTestId('years').fill('30');
  await page.getByTestId('spread').fill('-30');
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(page.locator('.error')).toHaveCount(0);
  await expect(page.getByTestId('first-payment')).toHaveAttribute('data-value', cli(REQUEST).first_payment);
});

test('the calculator links to the mortgage page, which loads only its own bundle', async ({ page }) => {
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.goto('/calculator');
  await expect(page.getByTestId('first-payment')).toBeVisible();
  expect(seen.filter((p) => p.startsWith('/mortgage/'))).toEqual([]);
  seen.length = 0;
  await page.getByTestId('mortgage-link').click();
  await expect(page).toHaveURL(/\/mortgage/);
  await expect(page.getByTestId('first-payment')).toBeVisible();
  const assets = seen.filter((p) => /\.(wasm|js|css)$/.test(p));
  expect(assets.filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
  expect(assets.filter((p) => !p.startsWith('/mortgage/'))).toEqual([]);
  await page.getByTestId('calculator-link').click();
  await expect(page).toHaveURL(/\/calculator/);
});

for (const [lang, w, h] of [['zh', 1280, 900], ['en', 1280, 900], ['zh', 320, 640], ['en', 360, 740]]) {
  test(`layout at ${w}px in ${lang}: no horizontal scroll, screenshot`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/mortgage');
    await fillLoan(page);
    if (lang === 'en') await page.getByTestId('lang-toggle').click();
    await page.getByTestId('show-parts').check();
    await expect(page.getByTestId('com-change-0')).toBeVisible();
    const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(sw).toBeLessThanOrEqual(cw);
    await shot(page, `mortgage-${lang}-${w}`);
  });
}
