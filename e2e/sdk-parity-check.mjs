// The parity check shared by Node (e2e/sdk-parity.mjs) and Chromium (e2e/sdk.spec.mjs): every
// case of target/sdk-parity.json (a request and the server's answer, written by
// crates/sdk/tests/parity.rs) is put to the SDK twice — as JSON text (`scheduleJson`, …) and as
// an object (`schedule`, …) — and both answers must equal the server's, field for field.
// Plain JavaScript, no Node or browser API: the browser imports this same file.

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

// Runs every case; returns { cases, answers, errors, mismatches: [{ i, function, how, diff }] }.
export function check(sdk, doc) {
  const card = JSON.stringify(doc.card);
  const calls = {
    schedule: [(r) => sdk.scheduleJson(r), (r) => sdk.schedule(JSON.parse(r))],
    compare: [(r) => sdk.compareJson(r), (r) => sdk.compare(JSON.parse(r))],
    solve: [(r) => sdk.solveJson(r), (r) => sdk.solve(JSON.parse(r))],
    xirr: [(r) => sdk.xirrJson(r), (r) => sdk.xirr(JSON.parse(r))],
    invest: [(r) => sdk.investJson(r), (r) => sdk.invest(JSON.parse(r))],
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
  return { cases: doc.cases.length, answers: doc.cases.length - errors, errors, mismatches };
}
