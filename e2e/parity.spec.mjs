// One engine, same answers: the browser (WASM), the server's API and the CLI must print the same
// figures for the same loan.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';

const money = (s) => '¥' + Number(s.split('.')[0]).toLocaleString('en-US') + '.' + s.split('.')[1];
// The API gives 6 decimals ("0.128036"); the page shows percent with 2, rounded half-up.
const pct = (s) => {
  const [i, f] = s.split('.');
  const micro = Number(i) * 1e6 + Number(f.padEnd(6, '0'));
  const hundredths = Math.floor((micro + 50) / 100);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
};

const loans = [
  { principal: '1000000', rate: '4.9', term: '360', method: 'equal_installment' },
  { principal: '350000.55', rate: '3.65', term: '240', method: 'equal_principal' },
  { principal: '50000', rate: '18', term: '12', method: 'flat_rate' },
  { principal: '80000', rate: '7.2', term: '36', method: 'interest_only' },
  { principal: '12345.67', rate: '9.99', term: '6', method: 'bullet' },
];

for (const loan of loans) {
  test(`browser, API and CLI agree on ${loan.method} ${loan.principal} @ ${loan.rate}% × ${loan.term}`, async ({ page, request }) => {
    const body = {
      principal: loan.principal,
      annual_rate: (Number(loan.rate) / 100).toFixed(6),
      term_months: Number(loan.term),
      method: loan.method,
    };
    const resp = await request.post('/api/v1/schedule', { data: body });
    expect(resp.status()).toBe(200);
    const api = await resp.json();

    const cli = JSON.parse(execFileSync(process.env.LOANLENS_CLI || '../target/debug/loanlens', ['schedule'], { input: JSON.stringify(body) }).toString());
    expect(cli.rows).toEqual(api.rows);
    expect(cli.apr).toEqual(api.apr);

    await page.goto(`/calculator?principal=${loan.principal}&rate=${loan.rate}&term=${loan.term}&method=${loan.method}`);
    // The headline is what the method's borrower pays: for 到期一次还本付息 the one payment at
    // maturity (issue 14, defect 10), for every other method the first payment.
    const headline = loan.method === 'bullet' ? api.last_payment : api.first_payment;
    await expect(page.getByTestId('first-payment')).toHaveText(money(headline));
    await expect(page.getByTestId('total-interest')).toHaveText(money(api.total_interest));
    await expect(page.getByTestId('total-payment')).toHaveText(money(api.total_payment));
    await expect(page.getByTestId('apr-nominal')).toHaveText(pct(api.apr.nominal));
    await expect(page.getByTestId('apr-effective')).toHaveText(pct(api.apr.effective));
  });
}
