// Issue 14, "what borrowers compare us against": 日利率, 每月还款日, several prepayments and both
// prepayment modes side by side, as a person uses them on a desktop and a 360 px phone. Every
// figure the page shows is checked against the CLI (`loanlens schedule`) given the same request
// (docs/calculator.md says how the page builds it).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';

const CLI = process.env.LOANLENS_CLI || '../target/debug/loanlens';
const cli = (req) => JSON.parse(execFileSync(CLI, ['schedule'], { input: JSON.stringify(req) }).toString());
/** The CLI's v1 error for a refused request (exit 2, JSON on stdout). */
const cliError = (req) => {
  try {
    execFileSync(CLI, ['schedule'], { input: JSON.stringify(req), stdio: 'pipe' });
  } catch (e) {
    return JSON.parse((e.stdout.toString() || e.stderr.toString()));
  }
  throw new Error('the CLI accepted the request');
};
const money = (s) => '¥' + Number(s.split('.')[0]).toLocaleString('en-US') + '.' + s.split('.')[1];
// The CLI gives 6 decimals ("0.128036"); the page shows percent with 2, rounded half-up.
const pct = (s) => {
  const [i, f] = s.split('.');
  const micro = Number(i) * 1e6 + Number(f.padEnd(6, '0'));
  const hundredths = Math.floor((micro + 50) / 100);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
};
const shot = (page, name) => page.screenshot({ path: `../target/e2e/${name}.png`, fullPage: true });

/** The summary's figures equal the CLI's schedule `c`. */
async function summaryIs(page, c) {
  await expect(page.getByTestId('total-interest')).toHaveText(money(c.total_interest));
  await expect(page.getByTestId('total-payment')).toHaveText(money(c.total_payment));
  await expect(page.getByTestId('apr-nominal')).toHaveText(pct(c.apr.nominal));
  await expect(page.getByTestId('apr-effective')).toHaveText(pct(c.apr.effective));
  await expect(page.getByTestId('periods')).toHaveText(String(c.rows.length));
}

/** Row `k` of the schedule table equals the CLI's row. */
async function rowIs(page, k, r) {
  const cells = await page.getByTestId('schedule-row').nth(k).locator('td').allTextContents();
  const want = [r.payment, r.principal, r.interest, r.fee, r.balance].map(money);
  expect(cells).toEqual(r.date ? [r.date, ...want] : want);
}

test('a 借呗-style 日利率: typed as 万分之五, ×365 and ×360 shown beside it, figures the CLI\'s', async ({ page }) => {
  await page.goto('/calculator?principal=10000&rate=18.25&term=12&method=equal_installment');
  // Switching the kind keeps the loan: 18.25% a year is 0.05% a day.
  await page.getByTestId('rate-kind').selectOption('daily');
  await expect(page.getByTestId('annual-rate')).toHaveValue('0.05');
  await page.getByTestId('annual-rate').fill('万分之五');
  const help = page.getByTestId('annual-rate-help');
  await expect(help).toContainText('单利年化 18.25%');
  await expect(help).toContainText('×360为 18.00%');
  await expect(help).toContainText('IRR');
  const c = cli({ principal: '10000', annual_rate: '0.1825', term_months: 12, method: 'equal_installment' });
  await expect(page.getByTestId('first-payment')).toHaveText(money(c.first_payment));
  await summaryIs(page, c);
  await rowIs(page, 0, c.rows[0]);
  await expect(page).toHaveURL(/rate_kind=daily/);

  // A rival quoting 万分之四 a day, compared with the same amount and term.
  await page.getByTestId('add-offer').click();
  await page.getByTestId('offer-rk-1').selectOption('daily');
  await page.getByTestId('offer-rate-1').fill('0.04');
  await expect(page.getByTestId('offer-rate-1-help')).toContainText('单利年化 14.60%');
  const o = cli({ principal: '10000', annual_rate: '0.146', term_months: 12, method: 'equal_installment' });
  await expect(page.getByTestId('offer-apr-1')).toHaveText(pct(o.apr.nominal));
  await expect(page.getByTestId('offer-total-cost-1')).toHaveText(money(o.total_interest));
  await expect(page.getByTestId('offer-best-1')).toBeVisible();

  // "5" meant as 万分之五 is 5% a day: refused with the hint, never computed.
  await page.getByTestId('annual-rate').fill('5');
  await expect(page.getByTestId('annual-rate-error')).toContainText('万分之五填 0.05');
  await expect(page.getByTestId('stale')).toBeVisible();
  await page.getByTestId('annual-rate').fill('0.05');
  await page.getByTestId('annual-rate').scrollIntoViewIfNeeded();
  await shot(page, 'features-daily-rate-zh');
});

test('每月还款日: the first payment date and its interest by actual days match the CLI', async ({ page }) => {
  await page.goto('/calculator?principal=100000&rate=3.6&term=12&method=equal_installment&start=2025-01-20');
  // Disbursed 20 Jan, repaid on the 1st: 1 Feb is 12 days away, so the first payment is 1 Mar
  // (40 days): 100,000 × 3.6% × 40 / 360 = 400.00 interest.
  await page.getByTestId('pay-day').selectOption('1');
  await expect(page.getByTestId('pay-day-help')).toContainText('2025-03-01');
  const c = cli({
    principal: '100000', annual_rate: '0.036', term_months: 12, method: 'equal_installment',
    disbursement_date: '2025-01-20', first_payment_date: '2025-03-01',
  });
  expect(c.rows[0].interest).toBe('400.00');
  await rowIs(page, 0, c.rows[0]);
  await rowIs(page, 11, c.rows[11]);
  await expect(page.getByTestId('payoff')).toHaveText(c.rows[11].date);
  await summaryIs(page, c);
  await expect(page).toHaveURL(/pay_day=1/);

  // With a 日利率 the odd first period accrues exactly the quoted rate per day (ACT/365):
  // 10,000 × 0.05% × 41 days (10 Jan → 20 Feb) = 205.00.
  await page.goto('/calculator?principal=10000&rate=0.05&rate_kind=daily&term=12&method=equal_installment&start=2025-01-10&pay_day=20');
  await expect(page.getByTestId('pay-day')).toHaveValue('20');
  const d = cli({
    principal: '10000', annual_rate: '0.1825', term_months: 12, method: 'equal_installment',
    disbursement_date: '2025-01-10', first_payment_date: '2025-02-20', day_count: 'act_365',
  });
  expect(d.rows[0].interest).toBe('205.00');
  await rowIs(page, 0, d.rows[0]);
  await summaryIs(page, d);
  await page.getByTestId('pay-day').scrollIntoViewIfNeeded();
  await shot(page, 'features-pay-day-zh');
});

test('several prepayments, both modes side by side, per-row errors, kept in the link', async ({ page, browser }) => {
  await page.goto('/calculator?principal=1000000&rate=4.9&term=360&method=equal_installment');
  await page.getByTestId('prepay-kind').selectOption('partial');
  await page.getByTestId('prepay-period').fill('12');
  await page.getByTestId('prepay-amount').fill('10万');
  await page.getByTestId('add-prepay').click();
  await page.getByTestId('prepay-period-1').fill('36');
  await page.getByTestId('prepay-amount-1').fill('5万');
  const base = { principal: '1000000', annual_rate: '0.049', term_months: 360, method: 'equal_installment' };
  const rows = (mode, n = 2) => [{ period: 12, amount: '100000', mode }, { period: 36, amount: '50000', mode }].slice(0, n);
  const shorten = cli({ ...base, prepayments: rows('shorten_term') });
  const reduce = cli({ ...base, prepayments: rows('reduce_payment') });

  // 缩短年限 (the default) drives the schedule; both columns are the CLI's figures.
  await summaryIs(page, shorten);
  await expect(page.getByTestId('interest-saved')).toHaveText(money(shorten.prepayment.interest_saved));
  const saved = 360 - shorten.rows.length;
  const ym = `${Math.floor(saved / 12) ? Math.floor(saved / 12) + '年' : ''}${saved % 12 ? (saved % 12) + '个月' : ''}`;
  const both = (id) => page.getByTestId(`both-${id}`);
  await expect(both('shorten_term')).toHaveText(`缩短 ${ym} · 节省利息 ${money(shorten.prepayment.interest_saved)}（当前）`);
  // 新月供: the payment after the last prepayment (period 37).
  await expect(both('reduce_payment')).toHaveText(
    `新月供 ${money(reduce.rows[36].payment)} · 节省利息 ${money(reduce.prepayment.interest_saved)}`);
  await shot(page, 'features-prepayments-zh');

  // Choosing 减少月供 for both rows: the schedule is now the other column's.
  await page.getByTestId('prepay-mode').selectOption('reduce_payment');
  await page.getByTestId('prepay-mode-1').selectOption('reduce_payment');
  await summaryIs(page, reduce);
  await rowIs(page, 36, reduce.rows[36]);
  await expect(both('reduce_payment')).toContainText('（当前）');
  await expect(both('shorten_term')).not.toContainText('（当前）');

  // A mix: the first row shortens, the second reduces; the schedule is the CLI's for that mix.
  await page.getByTestId('prepay-mode').selectOption('shorten_term');
  const mixed = cli({ ...base, prepayments: [{ period: 12, amount: '100000', mode: 'shorten_term' }, { period: 36, amount: '50000', mode: 'reduce_payment' }] });
  await summaryIs(page, mixed);

  // Errors stay in their row and say the allowed range.
  await page.getByTestId('prepay-amount-1').fill('2000万');
  const err = cliError({ ...base, prepayments: [{ period: 12, amount: '100000', mode: 'shorten_term' }, { period: 36, amount: '20000000', mode: 'reduce_payment' }] });
  expect(err.error.field).toBe('prepayments[1].amount');
  const max = err.error.max;
  await expect(page.getByTestId('prepay-amount-1-error')).toContainText(money(max));
  await expect(page.getByTestId('prepay-amount-error')).toHaveCount(0);
  await page.getByTestId('prepay-amount-1').fill('5万');
  await page.getByTestId('prepay-period-1').fill('360');
  await expect(page.getByTestId('prepay-period-1-error')).toContainText('至多 第359期');
  await page.getByTestId('prepay-period-1').fill('36');
  await summaryIs(page, mixed);

  // 90万 after payment 12, shortening, repays the loan before payment 36: row 2 is refused
  // by the engine (as by the CLI) and says why, without a range that would not help.
  await page.getByTestId('prepay-amount').fill('90万');
  const repaid = cliError({ ...base, prepayments: [{ period: 12, amount: '900000', mode: 'shorten_term' }, { period: 36, amount: '50000', mode: 'reduce_payment' }] });
  expect(repaid.error.field).toBe('prepayments[1].period');
  await expect(page.getByTestId('prepay-period-1-error')).toHaveText('贷款在这一期前已还清');
  await page.getByTestId('prepay-amount').fill('10万');
  await summaryIs(page, mixed);

  // The link keeps every row: a fresh browser shows the same page (the address bar follows
  // the inputs 300 ms after typing stops: wait for this state's row 1 mode and row 0 amount).
  await expect(page).toHaveURL(/pp_amount=10%E4%B8%87&.*pp1_mode=reduce_payment/);
  const url = page.url();
  expect(url).toContain('pp1_period=36');
  expect(url).toContain('pp1_mode=reduce_payment');
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await expect(fresh.getByTestId('prepay-amount-1')).toHaveValue('5万');
  await expect(fresh.getByTestId('prepay-mode-1')).toHaveValue('reduce_payment');
  await summaryIs(fresh, mixed);
  await other.close();

  // Up to five rows; removing one recomputes without it.
  for (let k = 0; k < 3; k++) await page.getByTestId('add-prepay').click();
  await expect(page.getByTestId('add-prepay')).toHaveCount(0);
  for (let k = 4; k >= 1; k--) await page.getByTestId(`prepay-remove-${k}`).click();
  await expect(page.getByTestId('prepay-row-1')).toHaveCount(0);
  await summaryIs(page, cli({ ...base, prepayments: rows('shorten_term', 1) }));
});

for (const [w, h] of [[1280, 900], [360, 740]]) {
  test(`the three features fit a ${w}px screen`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/calculator?principal=300000&rate=0.03&rate_kind=daily&term=36&method=equal_installment'
      + '&start=2025-01-20&pay_day=5&pp=partial&pp_period=6&pp_amount=5%E4%B8%87&pp1_period=18&pp1_amount=3%E4%B8%87&pp1_mode=reduce_payment');
    await expect(page.getByTestId('both-modes')).toBeVisible();
    await expect(page.getByTestId('pay-day-help')).toContainText('2025-02-05');
    const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(sw).toBeLessThanOrEqual(cw);
    const c = cli({
      principal: '300000', annual_rate: '0.1095', term_months: 36, method: 'equal_installment',
      disbursement_date: '2025-01-20', first_payment_date: '2025-02-05', day_count: 'act_365',
      prepayments: [{ period: 6, amount: '50000', mode: 'shorten_term' }, { period: 18, amount: '30000', mode: 'reduce_payment' }],
    });
    await summaryIs(page, c);
    await shot(page, `features-${w}`);
  });
}

// The fresh-eyes tester's findings on issue 14 (the calculator's part), each with the link the
// tester used.
const BASE = { principal: '1000000', annual_rate: '0.049', term_months: 360, method: 'equal_installment' };
const LOAN = '/calculator?principal=1000000&rate=4.9&term=360&method=equal_installment';

test('findings 1, 4, 5: a refused or blank prepayment row never blanks the results', async ({ page }) => {
  // Row 1 refused (more than the balance): the loan without it, the row flagged with its
  // range, one notice that says so (no "defaults", no "上一次" on a first load).
  await page.goto(`${LOAN}&pp=partial&pp_period=12&pp_amount=99999999`);
  const err = cliError({ ...BASE, prepayments: [{ period: 12, amount: '99999999', mode: 'shorten_term' }] });
  await expect(page.getByTestId('prepay-amount-error')).toContainText(money(err.error.max));
  await summaryIs(page, cli(BASE));
  await expect(page.getByTestId('schedule-row')).not.toHaveCount(0);
  await expect(page.getByTestId('copy-link')).toBeVisible();
  await expect(page.getByTestId('link-notice')).toHaveText(/不含这些提前还款/);
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await shot(page, 'findings-1-refused-row');

  // Row 1 blank, row 2 filled: computed, nothing flagged, no notice.
  await page.goto(`${LOAN}&pp=partial&pp1_period=12&pp1_amount=1000`);
  await summaryIs(page, cli({ ...BASE, prepayments: [{ period: 12, amount: '1000', mode: 'shorten_term' }] }));
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
  await expect(page.locator('[data-test$="-error"]')).toHaveCount(0);

  // Findings 5: row 2 refused on a first load: row 1's figures, one notice.
  await page.goto(`${LOAN}&pp=partial&pp_period=12&pp_amount=100000&pp1_period=24&pp1_amount=5000000&pp1_mode=reduce_payment`);
  await summaryIs(page, cli({ ...BASE, prepayments: [{ period: 12, amount: '100000', mode: 'shorten_term' }] }));
  await expect(page.getByTestId('link-notice')).toHaveCount(1);
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(page.getByTestId('prepay-amount-1-error')).toBeVisible();

  // Findings 4: blank rows 3 and 4 between filled rows (the tester's short link) count for
  // nothing; rows 1, 2 and 5 are all in the figures.
  await page.goto('/c/18q1a12b100000PPa24b50000c0Pabc0Pabc0Pa100b200000c0');
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
  await expect(page.getByTestId('stale')).toHaveCount(0);
  // The tester's short link is the default loan with rows in the short code; every filled row
  // is sent, in order, blank ones skipped.
  await expect(page.getByTestId('principal')).toHaveValue('1000000');
  const id = (base, n) => (n ? `${base}-${n}` : base);
  const prepayments = [];
  for (let n = 0; n < 5; n++) {
    if (!(await page.getByTestId(id('prepay-row', n)).count())) break;
    const period = await page.getByTestId(id('prepay-period', n)).inputValue();
    const amount = await page.getByTestId(id('prepay-amount', n)).inputValue();
    if (!period && !amount) continue;
    prepayments.push({ period: Number(period), amount, mode: await page.getByTestId(id('prepay-mode', n)).inputValue() });
  }
  expect(prepayments.map((p) => p.period)).toEqual([12, 24, 100]);
  await summaryIs(page, cli({ ...BASE, prepayments }));
  await expect(page.locator('[data-test$="-error"]')).toHaveCount(0);
  await expect(page.getByTestId('summary')).not.toHaveClass(/stale/);
  await shot(page, 'findings-4-blank-rows');
});

test('finding 2: with an odd first period the headline is the regular payment, the first beside it', async ({ page }) => {
  for (const [q, label, method] of [
    ['principal=100000&rate=4.9&term=12&method=interest_only', '每月付息', 'interest_only'],
    ['principal=1000000&rate=4.9&term=360&method=equal_installment', '每月还款', 'equal_installment'],
  ]) {
    await page.goto(`/calculator?${q}&start=2025-01-20&pay_day=1`);
    const first = (await page.getByTestId('pay-day-help').textContent()).match(/\d{4}-\d{2}-\d{2}/)[0];
    const [principal, term] = method === 'interest_only' ? ['100000', 12] : ['1000000', 360];
    const c = cli({ principal, annual_rate: '0.049', term_months: term, method,
      disbursement_date: '2025-01-20', first_payment_date: first });
    expect(c.rows[0].payment).not.toBe(c.rows[1].payment);
    await expect(page.getByTestId('first-payment')).toHaveText(money(c.rows[1].payment));
    await expect(page.locator('.big dt')).toHaveText(label);
    await expect(page.getByTestId('odd-first')).toContainText(money(c.rows[0].payment));
    await expect(page.getByTestId('odd-first')).toContainText('天利息');
    await expect(page.getByTestId('result-bar')).toContainText(money(c.rows[1].payment));
    await summaryIs(page, c);
  }
  await shot(page, 'findings-2-odd-first-period');
});

test('findings 8, 9, 10: paid off, an impossible other mode, a negative amount', async ({ page }) => {
  // 9: the whole balance after payment 12 repays the loan.
  await page.goto(`${LOAN}&pp=partial&pp_period=12&pp_amount=984978.39`);
  await expect(page.getByTestId('both-reduce_payment')).toContainText('新月供 已结清');
  // 8: in 缩短年限 the loan ends at period 127, before row 2's period 200: said, not hidden.
  await page.goto(`${LOAN}&pp=partial&pp_period=12&pp_amount=500000&pp_mode=reduce_payment&pp1_period=200&pp1_amount=300000&pp1_mode=reduce_payment`);
  const mixed = { ...BASE, prepayments: [{ period: 12, amount: '500000', mode: 'shorten_term' }, { period: 200, amount: '300000', mode: 'shorten_term' }] };
  expect(cliError(mixed).error.field).toBe('prepayments[1].period');
  await expect(page.getByTestId('both-reduce_payment')).toBeVisible();
  await expect(page.getByTestId('both-shorten_term')).toHaveCount(0);
  await expect(page.getByTestId('other-mode-none')).toBeVisible();
  // 10: a negative amount says the least amount.
  await page.getByTestId('prepay-amount').fill('-5');
  await expect(page.getByTestId('prepay-amount-error')).toHaveText('金额须至少为 0.01 元');
  await shot(page, 'findings-8-10');
});

test('findings 7, 18: "（当前）" stays whole at 1280 px; the English mode option fits at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${LOAN}&pp=partial&pp_period=12&pp_amount=100000&pp1_period=36&pp1_amount=50000`);
  const chosen = page.getByTestId('both-shorten_term');
  await expect(chosen).toContainText('（当前）');
  // The rectangles of the last four characters: one line.
  const lines = await chosen.evaluate((dd) => {
    const node = [...dd.childNodes].find((n) => n.nodeType === 3 && n.textContent.endsWith('（当前）'));
    const r = document.createRange();
    r.setStart(node, node.textContent.length - 4);
    r.setEnd(node, node.textContent.length);
    return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
  });
  expect(lines).toBe(1);
  await shot(page, 'findings-7-chosen-1280');

  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByTestId('lang-toggle').click();
  for (const id of ['prepay-mode', 'prepay-mode-1']) {
    const select = page.getByTestId(id);
    await select.selectOption('reduce_payment');
    // The selected option's text is narrower than the select less its padding and arrow.
    const [text, room] = await select.evaluate((s) => {
      const c = document.createElement('canvas').getContext('2d');
      const st = getComputedStyle(s);
      c.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
      const pad = parseFloat(st.paddingLeft) + parseFloat(st.paddingRight) + 20;
      return [c.measureText(s.options[s.selectedIndex].text).width, s.clientWidth - pad];
    });
    expect(text).toBeLessThan(room);
  }
  await page.getByTestId('prepay-mode').scrollIntoViewIfNeeded();
  await shot(page, 'findings-18-mode-360-en');
});
