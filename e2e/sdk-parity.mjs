// Node 20 side of the SDK parity test (./x test, after crates/sdk/tests/parity.rs wrote
// target/sdk-parity.json and ./x built dist/sdk/): the Node build of the SDK must answer every
// case as the server did, and compute the README's example (1,000,000 at 4.9% over 360 months).
import { readFileSync } from 'node:fs';
import { check } from './sdk-parity-check.mjs';

const root = new URL('..', import.meta.url);
const sdk = await import(new URL('dist/sdk/node/loanlens.js', root));
const target = process.env.CARGO_TARGET_DIR ? `${process.env.CARGO_TARGET_DIR}/` : new URL('target/', root);
const doc = JSON.parse(readFileSync(new URL('sdk-parity.json', target)));

const example = sdk.schedule({ principal: '1000000.00', annual_rate: '0.049', term_months: 360, method: 'equal_installment' });
if (example.first_payment !== '5307.27') {
  console.error('README example: expected 5307.27, got', JSON.stringify(example).slice(0, 200));
  process.exit(1);
}
const t0 = performance.now();
const r = check(sdk, doc);
const ms = Math.round(performance.now() - t0);
console.log(`SDK parity (Node ${process.version}): ${r.cases} cases (${r.answers} answers, ${r.errors} error objects), ` +
  `each as text and as an object, in ${ms} ms: ${r.mismatches.length} mismatches`);
for (const m of r.mismatches.slice(0, 10)) {
  console.error(`case ${m.i} ${m.function} (${m.how}): ${m.diff}\n  request: ${doc.cases[m.i].request}`);
}
// The loan module (dist/sdk/loans/, the crate without its precheck and invest features) on the
// cases of the functions it has: the same answers, from a build under the 120 KB budget.
const loans = await import(new URL('dist/sdk/loans/node/loanlens.js', root));
const have = new Set(['schedule', 'compare', 'solve', 'xirr']);
const l = check(loans, { ...doc, cases: doc.cases.filter((c) => have.has(c.function)) });
console.log(`SDK loan module parity (Node): ${l.cases} cases (${l.answers} answers, ${l.errors} error objects): ` +
  `${l.mismatches.length} mismatches`);
for (const m of l.mismatches.slice(0, 10)) console.error(`loans: ${m.function} (${m.how}): ${m.diff}`);
if (typeof loans.precheck !== 'undefined' || typeof loans.scheduleTable !== 'function') {
  console.error('the loan module must have scheduleTable and no precheck');
  process.exit(1);
}
process.exit(r.mismatches.length || l.mismatches.length ? 1 : 0);
