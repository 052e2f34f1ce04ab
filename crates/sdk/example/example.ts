// Compiled by `./x test` with `tsc --strict` against the built SDK's generated types (each
// module's dist/sdk/…/node/loanlens.d.ts): a field renamed or retyped in the core's Rust types
// makes this file fail to compile. Each function comes from the module that exports it (the
// loan functions from the package root, the others from their own subpath). The
// `@ts-expect-error` lines prove the types are not `any` and the modules are split.
import { schedule, scheduleTable, scheduleRows, compare, solve, xirr } from '../../../dist/sdk/node/loanlens.js';
import type { ScheduleRequest, ScheduleTable, Schedule, ErrorBody, Row, Method, Decimal } from '../../../dist/sdk/node/loanlens.js';
import { precheck, defaultScorecard } from '../../../dist/sdk/precheck/node/loanlens.js';
import { invest } from '../../../dist/sdk/invest/node/loanlens.js';
import { mortgage } from '../../../dist/sdk/mortgage/node/loanlens.js';
import type { MortgageRequest } from '../../../dist/sdk/mortgage/node/loanlens.js';
// @ts-expect-error the loan module carries no pre-check (it is `@loanlens/sdk/precheck`)
import { precheck as notInLoans } from '../../../dist/sdk/node/loanlens.js';
// @ts-expect-error the pre-check module carries no schedule
import { schedule as notInPrecheck } from '../../../dist/sdk/precheck/node/loanlens.js';
void notInLoans; void notInPrecheck;

const request: ScheduleRequest = {
  principal: '1000000.00',
  annual_rate: '0.049',
  term_months: 360,
  method: 'equal_installment',
  prepayments: [{ period: 12, amount: '100000.00', mode: 'shorten_term' }],
};

function firstPayment(answer: Schedule | ErrorBody): Decimal {
  if ('error' in answer) {
    throw new Error(`${answer.error.field}: ${answer.error.message}`);
  }
  const row: Row = answer.rows[0];
  const interest: string = row.interest;
  const nominal: string = answer.apr.nominal;
  const saved: string | undefined = answer.prepayment?.interest_saved;
  return `${answer.first_payment} (${interest}, ${nominal}, ${saved ?? '-'})`;
}

console.log(firstPayment(schedule(request)));
console.log(firstPayment(schedule(JSON.stringify(request))));

// The table alone, as whole cents in typed arrays: 530727 for 5,307.27.
const t: ScheduleTable | ErrorBody = scheduleTable(request);
if (!('error' in t)) {
  const cents: Float64Array = t.payment;
  const nominalApr: string = t.apr.nominal;
  console.log(cents[0] / 100, t.balance.length, nominalApr);
}
// Redrawing: the rows alone, into one reused array (optional: undefined or null means a new one).
const reused = new Float64Array(5 * 360);
const redraw = (into?: Float64Array) => scheduleRows(request, into);
for (const r of [redraw(reused), redraw(), scheduleRows(request, null), scheduleTable(request, reused)]) {
  if (!('error' in r)) console.log(r.interest[0]);
}
const rows = scheduleRows(request);
// @ts-expect-error: the rows alone carry no APR.
if (!('error' in rows)) console.log(rows.apr);
// @ts-expect-error: `into` is a Float64Array, not a plain array.
scheduleRows(request, [0, 0, 0]);

const methods: Method[] = ['equal_installment', 'equal_principal'];
const c = compare({ principal: '500000.00', annual_rate: '0.04', term_months: 240, methods });
if (!('error' in c)) console.log(c.least_interest, c.results.map((r) => r.total_interest));

const s = solve({ solve: 'max_principal', annual_rate: '0.049', term_months: 360, payment: '5307.27' });
if (!('error' in s)) console.log(s.principal, s.schedule.rows.length);

const x = xirr({ flows: [{ date: '2025-01-15', amount: '-10000.00' }, { date: '2026-01-15', amount: '11000.00' }] });
if (!('error' in x)) console.log(x.xirr);

const p = precheck({ age: 35, monthly_income: '15000.00', employment: 'salaried' }, defaultScorecard());
if (!('error' in p)) console.log(p.decision);
const q = precheck(JSON.stringify({ age: 35 }), undefined);
if (!('error' in q)) console.log(q.decision, q.score);

const i = invest({
  products: [
    { name: 'a', amount: '10000', annual_rate: '0.10', term_months: 12, structure: 'equal_installment', start_date: '2025-01-15' },
    { name: 'b', kind: 'time_deposit', amount: '10000', annual_rate: '0.015', term_months: 12, start_date: '2025-01-15' },
  ],
});
if (!('error' in i)) console.log(i.products.map((r) => r.name), i.by_xirr);

const housing: MortgageRequest = {
  loan_type: 'combination', house_price: '3000000', down_payment_rate: '0.3', term_months: 360,
  disbursement_date: '2025-06-15', repayment_day: 15,
  housing_fund: { amount: '1000000' }, commercial: { spread_bp: -30 },
};
const h = mortgage(housing);
if (!('error' in h)) console.log(h.first_payment, h.parts.map((p) => p.schedule.first_payment), h.rows[0].fund_payment);

// @ts-expect-error a misspelt field is refused by the type, as by the engine
const typo: ScheduleRequest = { principle: '1000.00', annual_rate: '0.05', term_months: 12, method: 'bullet' };
// @ts-expect-error decimals are strings, never numbers
const number: ScheduleRequest = { principal: 1000, annual_rate: '0.05', term_months: 12, method: 'bullet' };
// @ts-expect-error an unknown method
const method: Method = 'balloon';
// @ts-expect-error a housing loan is commercial, housing_fund or combination
const kind: MortgageRequest['loan_type'] = 'car';
void typo; void number; void method; void kind;
