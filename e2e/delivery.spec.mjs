// What goes over the wire for the real release build: brotli for the wasm, js, css and large
// API answers (the wasm within 2% of its best brotli size), long-lived caching for hashed
// files, revalidation for the HTML.
import { test, expect } from '@playwright/test';
import http from 'node:http';
import zlib from 'node:zlib';

/** GET or POST without decompressing: { status, headers, body (raw bytes on the wire) }. */
function raw(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const br = { 'accept-encoding': 'gzip, deflate, br' };

test('the build goes out brotli-compressed and hashed files are cached for a year', async ({ baseURL }) => {
  const index = await raw(`${baseURL}/calculator`, { headers: br });
  expect(index.status).toBe(200);
  expect(index.headers['cache-control']).toBe('no-cache');
  const html = index.headers['content-encoding'] === 'br'
    ? zlib.brotliDecompressSync(index.body).toString() : index.body.toString();
  const files = [...html.matchAll(/(?:href|src)=["']?\/([\w.-]+\.(?:wasm|js|css))/g)].map((m) => m[1]);
  const wasm = files.find((f) => f.endsWith('.wasm'));
  expect(wasm, html).toBeTruthy();
  for (const ext of ['.wasm', '.js', '.css']) {
    const file = files.find((f) => f.endsWith(ext));
    const r = await raw(`${baseURL}/${file}`, { headers: br });
    expect(r.status, file).toBe(200);
    expect(r.headers['content-encoding'], file).toBe('br');
    expect(r.headers['cache-control'], file).toBe('public, max-age=31536000, immutable');
  }
  const onWire = (await raw(`${baseURL}/${wasm}`, { headers: br })).body.length;
  const plain = (await raw(`${baseURL}/${wasm}`)).body;
  const best = zlib.brotliCompressSync(plain, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 22 },
  }).length;
  console.log(`wasm: ${plain.length} B raw, ${onWire} B on the wire, best brotli ${best} B`);
  expect(Math.abs(onWire - best) / best).toBeLessThanOrEqual(0.02);
  expect((await raw(`${baseURL}/${wasm}`, { headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBe('gzip');
});

test('a large API answer is compressed, a small one is not', async ({ baseURL }) => {
  const body = JSON.stringify({ principal: '1000000.00', annual_rate: '0.049', term_months: 360, method: 'equal_installment' });
  const r = await raw(`${baseURL}/api/v1/schedule`, {
    method: 'POST', headers: { ...br, 'content-type': 'application/json' }, body,
  });
  expect(r.status).toBe(200);
  expect(r.headers['content-encoding']).toBe('br');
  expect(JSON.parse(zlib.brotliDecompressSync(r.body)).first_payment).toBe('5307.27');
  const health = await raw(`${baseURL}/api/v1/health`, { headers: br });
  expect(health.headers['content-encoding']).toBeUndefined();
  expect(health.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
});
