// Node 20 side of the SDK parity test (./x test, after crates/sdk/tests/parity.rs wrote
// target/sdk-parity.json and ./x built dist/sdk/): each case goes to the Node build of the
// module that exports its function (loans, precheck, invest, mortgage), which must answer as the
// server did; each module has its own exports and none of the others'; and the loan module
// computes the README's example (1,000,000 at 4.9% over 360 months).
import { readFileSync } from 'node:fs';
import { check, split, exportProblems, MODULES } from './sdk-parity-check.mjs';

const root = new URL('..', import.meta.url);
const target = process.env.CARGO_TARGET_DIR ? `${process.env.CARGO_TARGET_DIR}/` : new URL('target/', root);
const doc = JSON.parse(readFileSync(new URL('sdk-parity.json', target)));

let failed = false;
const byModule = split(doc);
for (const [name, m] of Object.entries(MODULES)) {
  const sdk = await import(new URL(`dist/sdk/${m.dir}node/loanlens.js`, root));
  for (const p of exportProblems(name, sdk)) {
    console.error(p);
    failed = true;
  }
  const t0 = performance.now();
  const r = check(sdk, byModule[name]);
  const ms = Math.round(performance.now() - t0);
  console.log(`SDK parity, module ${name} (Node ${process.version}): ${r.cases} cases (${r.answers} answers, ` +
    `${r.errors} error objects), each as text and as an object, in ${ms} ms: ${r.mismatches.length} mismatches`);
  for (const x of r.mismatches.slice(0, 10)) {
    console.error(`case ${x.i} ${x.function} (${x.how}): ${x.diff}\n  request: ${byModule[name].cases[x.i]?.request ?? '-'}`);
  }
  if (r.mismatches.length || r.cases === 0) failed = true;
  if (name === 'loans') {
    const example = sdk.schedule({ principal: '1000000.00', annual_rate: '0.049', term_months: 360, method: 'equal_installment' });
    if (example.first_payment !== '5307.27') {
      console.error('README example: expected 5307.27, got', JSON.stringify(example).slice(0, 200));
      failed = true;
    }
    // `into` misused: answered with the error object naming it and the size needed, never thrown.
    const req = { principal: '1000000.00', annual_rate: '0.049', term_months: 360, method: 'equal_installment' };
    const short = sdk.scheduleRows(req, new Float64Array(1799));
    const wrong = sdk.scheduleTable(req, [1, 2, 3]);
    if (short.error?.field !== 'into' || !short.error.message.includes('1800') || short.error.min !== '1800'
      || wrong.error?.field !== 'into' || !wrong.error.message.includes('Float64Array')) {
      console.error('into misused:', JSON.stringify(short), JSON.stringify(wrong));
      failed = true;
    }
    // A hostile `into` (a lying length, a Proxy, its own subarray) is the same error object, and
    // thousands of them leave the module working (an exception through the wasm used to leak
    // its memory until every call failed).
    const hostile = [
      () => { const a = new Float64Array(10); Object.defineProperty(a, 'length', { value: 1800 }); return a; },
      () => new Proxy(new Float64Array(1800), {}),
      () => { const a = new Float64Array(1800); a.subarray = () => [1, 2, 3]; return a; },
      () => { const a = new Float64Array(1800); a.subarray = () => { throw new Error('no'); }; return a; },
    ];
    for (let i = 0; i < 3000; i++) {
      const h = hostile[i % hostile.length]();
      let answer;
      try {
        answer = (i % 2 ? sdk.scheduleTable : sdk.scheduleRows)(req, h);
      } catch (e) {
        answer = { thrown: String(e) };
      }
      if (answer.error?.field !== 'into') {
        console.error(`hostile into ${i % hostile.length}:`, JSON.stringify(answer).slice(0, 200));
        failed = true;
        break;
      }
    }
    if (sdk.schedule(req).first_payment !== '5307.27') {
      console.error('the module stopped working after hostile into arrays');
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
