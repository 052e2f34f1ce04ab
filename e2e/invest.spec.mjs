// Issue 10, the investor page at /invest: products compared side by side in the browser. Every
// figure is checked against the CLI (`loanlens invest`, the same core natively) for the same
// input, field for field; the worked example's figures are docs/invest.md's golden vectors
// (made independently in Python).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const shot = (page, name) => page.screenshot({ path: `../target/e2e/${name}.png`, fullPage: true });
const CLI = process.env.LOANLENS_CLI || '../target/debug/loanlens';

/** The CLI's answer for a request. */
function cli(req) {
  return JSON.parse(execFileSync(CLI, ['invest'], { input: JSON.stringify(req) }).toString());
}

/** ¥ with thousands separators, as the page shows money (crate::format::money). */
const money = (s) => {
  const [i, f] = s.replace('-', '').split('.');
  return `¥${s.startsWith('-') ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
};
/** XIRR as the page shows it: a percentage with 4 decimals, half-up (exact: decimal strings). */
function pct4(x) {
  const [i, f = ''] = x.split('.');
  const v = (BigInt(i + (f + '0000000').slice(0, 7)) + 5n) / 10n; // % × 10^4, half-up

  return `${v / 10000n}.${String(v % 10000n).padStart(4, '0')}%`;
}

// The worked example: 10,000 at 10% for 12 months from 2025-01-15 in three structures.
const THREE = [
  { name: '等额本息', structure: 'equal_installment' },
  { name: '先息后本', structure: 'interest_only' },
  { name: '到期还本付息', structure: 'bullet' },
].map((p) => ({ ...p, kind: 'loan', amount: '10000', rate: '10', term: '12', start: '2025-01-15', idle: '0', fee: '0' }));

/** The page's query for cards (fields in the page's order) and a horizon. */
function query(cards, horizon = '2026-03-01', rr = '2') {
  const enc = encodeURIComponent;
  const ps = cards.map((c) => `p=${[c.name, c.kind, c.structure, c.amount, c.rate, c.term, c.start, c.idle, c.fee].map(enc).join(',')}`);
  return `/invest?${ps.join('&')}&h=${horizon}&rr=${rr}`;
}

/** The CLI request for the same cards (rates typed in % are fractions in JSON). */
function request(cards, horizon = '2026-03-01', rr = '2') {
  const frac = (p) => (Number(p) / 100).toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return {
    products: cards.map((c) => ({
      name: c.name, kind: c.kind, amount: c.amount, annual_rate: frac(c.rate), term_months: Number(c.term),
      ...(c.kind === 'loan' ? { structure: c.structure, fee_rate_on_interest: frac(c.fee) } : {}),
      start_date: c.start, idle_days: Number(c.idle),
    })),
    horizon_date: horizon, reinvestment_rate: frac(rr),
  };
}

const COLS = [['total-interest', 'total_interest'], ['fees', 'total_fees'], ['net-interest', 'net_interest'],
  ['average-capital', 'average_capital'], ['wealth', 'terminal_wealth']];

/** Every result cell equals the CLI's figure: exact value and shown text. */
async function expectSameAsCli(page, want, lang = 'zh') {
  for (const [i, p] of want.products.entries()) {
    await expect(page.getByTestId(`r${i}-name`)).toHaveText(p.name);
    for (const [col, key] of COLS) {
      await expect(page.getByTestId(`r${i}-${col}`)).toHaveAttribute('data-value', p[key]);
      await expect(page.getByTestId(`r${i}-${col}`)).toHaveText(money(p[key]));
    }
    await expect(page.getByTestId(`r${i}-xirr`)).toHaveAttribute('data-value', p.xirr);
    await expect(page.getByTestId(`r${i}-xirr`)).toHaveText(pct4(p.xirr));
    await expect(page.getByTestId(`r${i}-rank-xirr`)).toHaveText(String(p.rank_by_xirr));
    await expect(page.getByTestId(`r${i}-rank-wealth`)).toHaveText(String(p.rank_by_terminal_wealth));
    await expect(page.getByTestId(`r${i}-why`)).toContainText(p.explanation[lang]);
  }
}

async function noHorizontalScroll(page) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(sw).toBeLessThanOrEqual(cw);
}

test('first visit: three products at 10% differ in XIRR and total interest; typing them in matches the CLI; nothing is sent', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/invest');
  await expect(page.getByTestId('r2-xirr')).toBeVisible();
  const start = await page.getByTestId('p0-start').inputValue();
  // Type the worked example's date and a horizon into the cards, as a person would.
  for (let i = 0; i < 3; i++) await page.getByTestId(`p${i}-start`).fill('2025-01-15');
  await page.getByTestId('horizon').fill('2026-03-01');
  expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const want = cli(request(THREE.map((c, i) => ({ ...c, name: ['网贷债权 等额本息', '先息后本', '到期还本付息'][i] }))));
  await expectSameAsCli(page, want);
  // The golden figures: less interest, yet the highest XIRR, for the amortising product.
  const text = async (id) => page.getByTestId(id).textContent();
  expect([await text('r0-total-interest'), await text('r1-total-interest'), await text('r2-total-interest')])
    .toEqual(['¥549.89', '¥999.96', '¥1,000.00']);
  expect([await text('r0-xirr'), await text('r1-xirr'), await text('r2-xirr')]).toEqual(['10.5163%', '10.4733%', '10.0000%']);
  expect([await text('r0-rank-xirr'), await text('r1-rank-xirr'), await text('r2-rank-xirr')]).toEqual(['1', '2', '3']);
  // The sentences say why: capital back every month (about 55% of it at work), held to the end,
  // paid at maturity; each ends with its XIRR against the quoted 10%.
  await expect(page.getByTestId('r0-why')).toContainText('本金每月返还，平均只有54.');
  await expect(page.getByTestId('r1-why')).toContainText('本金持有到期、利息按月支付');
  await expect(page.getByTestId('r2-why')).toContainText('到期时一次返还');
  await expect(page.getByTestId('r2-why')).toContainText('XIRR为10.00%，标称年利率为10.00%');
  // Compliance wording, and no "expected return" language anywhere.
  const compliance = page.getByTestId('compliance');
  await expect(compliance).toContainText('不是收益承诺');
  await expect(compliance).toContainText('过往收益不代表未来表现');
  await expect(compliance).toContainText('本金可能部分或全部损失');
  const body = await page.locator('body').textContent();
  expect(body).not.toMatch(/预期收益|expected return/i);
  expect(requests.filter((u) => u.includes('/api/'))).toEqual([]);
});

test('fees, idle days and references: every figure equals the CLI, in English too', async ({ page }) => {
  const cards = [
    { ...THREE[0], name: 'P2P, 10% fee', idle: '3', fee: '10' },
    { ...THREE[1], amount: '25000', term: '24', rate: '8.5', structure: 'equal_principal', name: '等额本金' },
    { name: 'Bank 1y', kind: 'time_deposit', structure: 'bullet', amount: '10000', rate: '1.5', term: '12', start: '2025-01-15', idle: '0', fee: '0' },
    { name: 'Money fund', kind: 'money_market', structure: 'bullet', amount: '10000', rate: '1.35', term: '12', start: '2025-01-15', idle: '2', fee: '0' },
  ];
  await page.goto(query(cards, '2027-06-30', '2.5'));
  const want = cli(request(cards, '2027-06-30', '2.5'));
  await expectSameAsCli(page, want);
  await expect(page.getByTestId('r0-why')).toContainText('平台抽取每期利息的10.00%');
  await expect(page.getByTestId('r0-why')).toContainText('站岗3天');
  await page.getByTestId('lang-toggle').click();
  await expectSameAsCli(page, want, 'en');
  await expect(page.getByTestId('compliance')).toContainText('Past returns do not predict future ones.');
  // The bars are as long as the wealth they show (thousandths of the largest).
  const tw = want.products.map((p) => Number(p.terminal_wealth));
  for (const [i, w] of tw.entries()) {
    const len = Number(await page.getByTestId(`wealth-bar-${i}`).getAttribute('width'));
    expect(Math.abs(len - Math.round((w / Math.max(...tw)) * 1000))).toBeLessThanOrEqual(1);
  }
});

test('CSV opens in Excel: BOM, header, one row per product, the CLI figures', async ({ page }) => {
  await page.goto(query(THREE));
  await expect(page.getByTestId('r2-xirr')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('名称,总利息（扣费前）,平台费用,净利息,XIRR（年化内部收益率）,平均占用本金,期末财富,XIRR排名,期末财富排名,为什么总利息和XIRR不一致');
  expect(lines).toHaveLength(4);
  const want = cli(request(THREE));
  const cliCsv = execFileSync(CLI, ['invest', '--format', 'csv'], { input: JSON.stringify(request(THREE)) }).toString();
  for (const [i, p] of want.products.entries()) {
    // Only the last cell (the sentence, quoted) can hold a comma.
    const cells = lines[i + 1].match(/^([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),"?(.*?)"?$/).slice(1);
    expect(cells.slice(0, 9)).toEqual([p.name, p.total_interest, p.total_fees, p.net_interest, p.xirr,
      p.average_capital, p.terminal_wealth, String(p.rank_by_xirr), String(p.rank_by_terminal_wealth)]);
    expect(cells[9]).toBe(p.explanation.zh);
    expect(cliCsv).toContain(`${p.name},${p.xirr},${p.total_interest},${p.net_interest},${p.total_fees},${p.terminal_wealth}`);
  }
});

test('the URL reproduces the page: edit, copy the address, open it elsewhere', async ({ page, context }) => {
  await page.goto(query(THREE));
  await page.getByTestId('add-preset').selectOption('money_fund');
  await page.getByTestId('p1-duplicate').click();
  await page.getByTestId('p0-rate').fill('9.6');
  await page.getByTestId('p3-idle').fill('5');
  await page.getByTestId('p2-remove').click();
  await expect(page.getByTestId('r3-name')).toHaveText('货币基金（七日年化）');
  await expect.poll(() => page.evaluate(() => location.search)).toContain('9.6');
  const figures = async (p) => p.locator('[data-test^=r][data-value]').evaluateAll((es) => es.map((e) => `${e.dataset.test}=${e.dataset.value}`));
  const before = await figures(page);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('r3-xirr')).toBeVisible();
  expect(await figures(other)).toEqual(before);
  await expect(other.getByTestId('p2-idle')).toHaveValue('5');
  await expect(other.getByTestId('p0-rate')).toHaveValue('9.6');
});

test('bad input is named at its field and the figures are marked stale until fixed', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(query(THREE));
  const xirr = await page.getByTestId('r0-xirr').getAttribute('data-value');
  await page.getByTestId('horizon').fill('2024-12-31');
  await expect(page.getByTestId('horizon-error')).toContainText('不能早于任何产品的投入日期');
  await page.getByTestId('p0-term').fill('0');
  await expect(page.getByTestId('p0-term-error')).toHaveText('期限须为 1 到 600 的整数个月，且在 2200-12-31 之前到期。');
  await page.getByTestId('p1-fee').fill('100');
  await expect(page.getByTestId('p1-fee-error')).toHaveText('利息管理费须不低于 0% 且低于 100%。');
  await page.getByTestId('p2-idle').fill('-3');
  await expect(page.getByTestId('p2-idle-error')).toHaveText('站岗天数须为 0 到 365 的整数。');
  await page.getByTestId('p2-amount').fill('0');
  await expect(page.getByTestId('p2-amount-error')).toContainText('0.01 到 1,000,000,000');
  await expect(page.getByTestId('horizon-error')).toContainText('不能早于任何产品的投入日期');
  await expect(page.getByTestId('stale')).toBeVisible();
  await expect(page.getByTestId('p0-term')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('r0-xirr')).toHaveAttribute('data-value', xirr);
  await shot(page, 'invest-errors-320');
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('p1-fee-error')).toHaveText('The fee on interest must be at least 0% and below 100%.');
  for (const [id, v] of [['p0-term', '12'], ['p1-fee', '0'], ['p2-idle', '0'], ['p2-amount', '10000'], ['horizon', '2026-03-01']]) {
    await page.getByTestId(id).fill(v);
  }
  await expect(page.getByTestId('stale')).toHaveCount(0);
  await expect(page.locator('.error')).toHaveCount(0);
  await expectSameAsCli(page, cli(request(THREE)), 'en');
});

test('the investor page loads only its own bundle, and the calculator never loads it', async ({ page }) => {
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.goto('/calculator');
  await expect(page.getByTestId('first-payment')).toBeVisible();
  expect(seen.filter((p) => p.startsWith('/invest/'))).toEqual([]);
  seen.length = 0;
  await page.goto('/invest');
  await expect(page.getByTestId('r0-xirr')).toBeVisible();
  const assets = seen.filter((p) => /\.(wasm|js|css)$/.test(p));
  expect(assets.filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
  expect(assets.filter((p) => !p.startsWith('/invest/'))).toEqual([]);
});

for (const [lang, w, h] of [['zh', 1280, 900], ['en', 1280, 900], ['zh', 320, 640], ['en', 320, 640]]) {
  test(`layout at ${w}px in ${lang}: no horizontal scroll, screenshot`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(query([...THREE, { ...THREE[0], name: '银行定期', kind: 'time_deposit', rate: '1.5' }]));
    if (lang === 'en') await page.getByTestId('lang-toggle').click();
    await expect(page.getByTestId('r3-xirr')).toBeVisible();
    await noHorizontalScroll(page);
    await shot(page, `invest-${lang}-${w}`);
  });
}
