// The parity check shared by Node (e2e/sdk-parity.mjs) and Chromium (e2e/sdk.spec.mjs): every
// case of target/sdk-parity.json (a request and the server's answer, written by
// crates/sdk/tests/parity.rs) is put to the SDK twice — as JSON text (`scheduleJson`, …) and as
// an object (`schedule`, …) — and both answers must equal the server's, field for field.
// Plain JavaScript, no Node or browser API: the browser imports this same file.

// The SDK's modules (one wasm each, `build_sdk` in x): where each lies under dist/sdk/ (the loan
// functions are the package's root) and which parity functions it answers. Every function of
// the parity file belongs to exactly one module; `split` refuses a case that belongs to none.
export const MODULES = {
  loans: { dir: '', functions: ['schedule', 'compare', 'solve', 'xirr'] },
  precheck: { dir: 'precheck/', functions: ['precheck', 'precheck_card'] },
  invest: { dir: 'invest/', functions: ['invest'] },
  mortgage: { dir: 'mortgage/', functions: ['mortgage'] },
};

// The exports each module must have, and those of the other modules it must not carry.
export const EXPORTS = {
  loans: ['schedule', 'scheduleJson', 'scheduleTable', 'scheduleRows', 'compare', 'compareJson', 'solve', 'solveJson', 'xirr', 'xirrJson'],
  precheck: ['precheck', 'precheckJson', 'defaultScorecard'],
  invest: ['invest', 'investJson'],
  mortgage: ['mortgage', 'mortgageJson'],
};

// `{ module: doc with that module's cases }`; throws on a case no module answers.
export function split(doc) {
  const out = {};
  for (const [name, m] of Object.entries(MODULES)) {
    out[name] = { ...doc, cases: doc.cases.filter((c) => m.functions.includes(c.function)) };
  }
  const all = Object.values(MODULES).flatMap((m) => m.functions);
  const orphan = doc.cases.find((c) => !all.includes(c.function));
  if (orphan) throw new Error(`no SDK module answers ${orphan.function}`);
  return out;
}

// The problems with a module's exports: one missing, or another module's present.
export function exportProblems(name, sdk) {
  const problems = EXPORTS[name].filter((f) => typeof sdk[f] !== 'function').map((f) => `${name} lacks ${f}`);
  for (const [other, fs] of Object.entries(EXPORTS)) {
    if (other === name) continue;
    for (const f of fs) if (f in sdk) problems.push(`${name} carries ${other}'s ${f}`);
  }
  return problems;
}

// The first path at which `a` and `b` differ, or null when they are equal.
export function diff(a, b, path = '$') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  if (a === null || typeof a !== 'object') {
    return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (!(k in a) || !(k in b)) return `${path}.${k}: only in the ${k in a ? 'SDK' : 'server'} answer`;
    const d = diff(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

// Runs every case of `doc` on `sdk` (a module that exports their functions); returns { cases, answers, errors, mismatches: [{ i, function, how, diff }] }.
export function check(sdk, doc) {
  const card = JSON.stringify(doc.card);
  const calls = {
    schedule: [(r) => sdk.scheduleJson(r), (r) => sdk.schedule(JSON.parse(r))],
    compare: [(r) => sdk.compareJson(r), (r) => sdk.compare(JSON.parse(r))],
    solve: [(r) => sdk.solveJson(r), (r) => sdk.solve(JSON.parse(r))],
    xirr: [(r) => sdk.xirrJson(r), (r) => sdk.xirr(JSON.parse(r))],
    invest: [(r) => sdk.investJson(r), (r) => sdk.invest(JSON.parse(r))],
    mortgage: [(r) => sdk.mortgageJson(r), (r) => sdk.mortgage(JSON.parse(r))],
    precheck: [(r) => sdk.precheckJson(r), (r) => sdk.precheck(JSON.parse(r))],
    precheck_card: [(r) => sdk.precheckJson(r, card), (r) => sdk.precheck(JSON.parse(r), doc.card)],
  };
  const mismatches = [];
  let errors = 0;
  doc.cases.forEach((c, i) => {
    const server = JSON.parse(c.response);
    if ('error' in server) errors++;
    const [asText, asObject] = calls[c.function];
    const text = asText(c.request);
    if (text !== c.response) {
      mismatches.push({ i, function: c.function, how: 'text', diff: diff(JSON.parse(text), server) || 'same fields, different text' });
    }
    const d = diff(asObject(c.request), server);
    if (d) mismatches.push({ i, function: c.function, how: 'object', diff: d });
  });
  // The cents tables (the loan module): every schedule case again through `scheduleTable`
  // (fresh arrays) and `scheduleRows` (into the caller's array): the server's rows as whole
  // cents and its APR, or its error object.
  if (typeof sdk.scheduleTable === 'function') {
    doc.cases.forEach((c, i) => {
      if (c.function !== 'schedule') return;
      const d = tableDiff(sdk, c.request, JSON.parse(c.response));
      if (d) mismatches.push({ i, function: 'schedule', how: 'table', diff: d });
    });
  }
  // The default scorecard (the pre-check module): the document the server serves.
  if (typeof sdk.defaultScorecard === 'function') {
    const d = diff(sdk.defaultScorecard(), doc.card);
    if (d) mismatches.push({ i: -1, function: 'defaultScorecard', how: 'object', diff: d });
  }
  return { cases: doc.cases.length, answers: doc.cases.length - errors, errors, mismatches };
}

const COLUMNS = ['payment', 'principal', 'interest', 'fee', 'balance'];
// A money string of the v1 response ("5307.27": always two decimals) as whole cents, exactly.
const cents = (money) => Number(money.replace('.', ''));

// How `scheduleTable` and `scheduleRows` differ from the server's schedule answer, or null.
function tableDiff(sdk, request, server) {
  const rows = server.rows?.length ?? 0;
  const into = new Float64Array(5 * rows + 3);
  const answers = { scheduleTable: sdk.scheduleTable(JSON.parse(request)), 'scheduleRows(into)': sdk.scheduleRows(request, into) };
  for (const [how, t] of Object.entries(answers)) {
    if ('error' in server) {
      const d = diff(t, server);
      if (d) return `${how}: ${d}`;
      continue;
    }
    // Figures at or beyond 2^53 cents are refused by the tables (a number cannot hold them).
    const huge = server.rows.some((r) => COLUMNS.some((k) => cents(r[k]) >= 2 ** 53));
    if (huge) {
      if (!(t.error && t.error.message.includes('2^53'))) return `${how}: a figure beyond 2^53 cents was not refused`;
      continue;
    }
    if ('error' in t) return `${how}: ${JSON.stringify(t.error)} where the server answered`;
    for (const k of COLUMNS) {
      if (!(t[k] instanceof Float64Array) || t[k].length !== rows) return `${how}.${k}: not ${rows} cents`;
      const i = server.rows.findIndex((r, j) => cents(r[k]) !== t[k][j]);
      if (i >= 0) return `${how}.${k}[${i}]: ${t[k][i]} ≠ ${server.rows[i][k]}`;
    }
    if (how === 'scheduleTable') {
      const d = diff(t.apr, server.apr, `${how}.apr`);
      if (d) return d;
    } else if ('apr' in t || t.payment.buffer !== into.buffer) {
      return `${how}: carries an APR or does not write into the array given`;
    }
  }
  return null;
}
