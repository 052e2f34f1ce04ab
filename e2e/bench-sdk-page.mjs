// Runs inside the benchmark page (served by e2e/bench-sdk.mjs): the same loan, 1,000,000 at
// 4.9% over 360 months (等额本息), computed by the LoanLens SDK and by the npm packages a
// partner would otherwise use, interleaved in rounds in one page; then each table's cents
// against the SDK's.
import init, * as sdk from '/sdk/loanlens.js';
import amortize from '/peer/amortize.js';
import { pmt, ipmt, ppmt } from '/peer/financial.js';
import loanjs from '/peer/loanjs.js';

const P = 1000000, RATE = 0.049, N = 360;
const request = { principal: '1000000.00', annual_rate: '0.049', term_months: N, method: 'equal_installment' };
const text = JSON.stringify(request);
const cents = (x) => Math.round(x * 100) / 100;
const into = new Float64Array(5 * N);

// Each contender returns a table: rows of { payment, principal, interest, balance } (numbers or
// decimal strings) for periods 1..360.
const contenders = {
  // The v1 response as a JavaScript object: rows, totals, APR, flags, conventions.
  'SDK schedule() → object (full response, APR)': () => sdk.schedule(request).rows,
  // The same response as JSON text (what the server sends); parsed only for the cents check.
  'SDK scheduleJson() → text (full response, APR)': () => sdk.scheduleJson(text),
  // The table alone as whole cents in typed arrays, with the APR: no JSON, no v1 object.
  'SDK scheduleTable() → cents (table, APR)': () => sdk.scheduleTable(request),
  // The same into the caller's own array, reused call after call (a page redrawing its table).
  'SDK scheduleTable(req, into) → cents (table, APR)': () => sdk.scheduleTable(request, into),
  // The table alone (no APR solve; the APR limit still checked): what the peers compute.
  'SDK scheduleRows() → cents (table alone)': () => sdk.scheduleRows(request),
  'SDK scheduleRows(req, into) → cents (table alone)': () => sdk.scheduleRows(request, into),
  // amortize (npm) returns the state after `amortizeTerm` months: the full table is one call per row.
  'amortize 1.1.0 (one call per row)': () => {
    const rows = [];
    for (let k = 1; k <= N; k++) {
      const a = amortize({ amount: P, rate: RATE * 100, totalTerm: N, amortizeTerm: k });
      rows.push({ payment: a.payment, principal: a.term.principal, interest: a.term.interest, balance: a.balance });
    }
    return rows;
  },
  // financial (npm): pmt, ipmt and ppmt for every row, the balance from the principal parts.
  'financial 0.2.4 (pmt/ipmt/ppmt per row)': () => {
    const rows = [];
    let balance = P;
    for (let k = 1; k <= N; k++) {
      const payment = -pmt(RATE / 12, N, P);
      const interest = -ipmt(RATE / 12, k, N, P);
      const principal = -ppmt(RATE / 12, k, N, P);
      balance -= principal;
      rows.push({ payment, principal, interest, balance });
    }
    return rows;
  },
  // loanjs (npm): the whole table in one call, each figure rounded with Math.round(x·100)/100.
  'loanjs 1.1.2 (whole table)': () => loanjs(P, N, RATE * 100).installments.map((r) => (
    { payment: r.installment, principal: r.capital, interest: r.interest, balance: r.remain })),
  // The floor: the product's own rules (docs/money.md) in f64, rounded to cents per row.
  'plain f64 JS loop (floor)': () => {
    const r = RATE / 12;
    const a = cents(P * r / (1 - Math.pow(1 + r, -N)));
    const rows = [];
    let balance = P;
    for (let k = 1; k <= N; k++) {
      const interest = cents(balance * r);
      const principal = k < N ? Math.min(cents(a - interest), balance) : balance;
      balance = cents(balance - principal);
      rows.push({ payment: cents(principal + interest), principal, interest, balance });
    }
    return rows;
  },
};

// The SDK's engine split further (bench build only): compute without conversions, APR alone.
const parts = {
  'SDK engine only (schedule + APR, no JSON)': (n) => sdk.benchEngine(text, n),
  'SDK cents table + APR, no JavaScript conversion': (n) => sdk.benchTable(text, n),
  'SDK APR solve alone': (n) => sdk.benchApr(text, n),
  // What a fresh result array costs by itself in this browser: plain JavaScript copying 360 × 5
  // numbers into a new Float64Array (a new ArrayBuffer), as scheduleTable() without `into` does.
  'plain JS: a fresh Float64Array of 360 × 5 numbers': (n) => {
    for (let i = 0; i < n; i++) window.keep = into.slice();
  },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Per-call microseconds: calls in a batch of at least 20 ms (performance.now() is coarse).
function time(fn, batched) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    if (batched) fn(n); else for (let i = 0; i < n; i++) fn();
    const ms = performance.now() - t0;
    if (ms >= 20) return (ms * 1000) / n;
    n *= 2;
  }
}

// Rows where any cent differs, and the largest difference per field (with its period).
function disagreement(ours, theirs) {
  let rows = 0;
  const max = {};
  for (let i = 0; i < N; i++) {
    let differs = false;
    for (const f of ['payment', 'principal', 'interest', 'balance']) {
      const d = Math.abs(Math.round(Number(ours[i][f]) * 100) - Math.round(Number(theirs[i][f]) * 100)) / 100;
      if (d > 0) differs = true;
      if (d > (max[f]?.d ?? 0)) max[f] = { d, period: i + 1 };
    }
    rows += differs;
  }
  return { rows, max };
}

window.benchRun = async (rounds) => {
  await init();
  const ours = sdk.schedule(request).rows;
  if (ours[0].payment !== '5307.27') throw new Error(`SDK first payment ${ours[0].payment}`);
  const samples = Object.fromEntries([...Object.keys(contenders), ...Object.keys(parts)].map((k) => [k, []]));
  for (const [name, fn] of Object.entries(contenders)) fn(); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(contenders)) samples[name].push(time(fn, false));
    for (const [name, fn] of Object.entries(parts)) samples[name].push(time(fn, true));
  }
  const tables = Object.fromEntries(Object.entries(contenders).map(([name, fn]) => {
    const t = fn();
    if (t.payment instanceof Float64Array) {
      return [name, Array.from(t.payment, (_, i) => Object.fromEntries(
        ['payment', 'principal', 'interest', 'balance'].map((f) => [f, t[f][i] / 100])))];
    }
    return [name, typeof t === 'string' ? JSON.parse(t).rows : t];
  }));
  return Object.fromEntries(Object.keys(samples).map((name) => [name, {
    median_us: median(samples[name]),
    min_us: Math.min(...samples[name]),
    max_us: Math.max(...samples[name]),
    cents: tables[name] ? disagreement(ours, tables[name]) : null,
  }]));
};
