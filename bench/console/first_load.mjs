// Console first-load size: what a browser with an empty cache transfers for /console/
// (index.html + the hashed JS and CSS, brotli as served), and the caching headers.
// Starts kairos-server on a free port (or uses --base URL) and prints JSON.
// Usage: node bench/console/first_load.mjs --server build/native/server/kairos-server [--check 150000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
const budget = Number(opt('--check', 0));

function get(url, encoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const freePort = () => new Promise((r) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });

let base = opt('--base');
let proc = null;
if (!base) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kairos-console-bench-'));
  const extra = opt('--console-dir') ? ['--console-dir', opt('--console-dir')] : [];
  proc = spawn(opt('--server', 'build/native/server/kairos-server'), ['--db', path.join(dir, 'k.db'), '--bind', '127.0.0.1', '--port', String(port), ...extra], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) { try { if ((await fetch(base + '/healthz')).ok) break; } catch (e) { /* starting */ } await new Promise((r) => setTimeout(r, 100)); }
}
try {
  const files = [];
  const index = await get(base + '/console/', 'br, gzip');
  if (index.status !== 200) throw new Error('/console/ answered ' + index.status + ' (is the console built? scripts/build native)');
  files.push({ path: '/console/', bytes: index.body.length, encoding: index.headers['content-encoding'] || '', cache: index.headers['cache-control'] });
  const html = (await get(base + '/console/', 'identity')).body.toString();
  for (const m of html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)) {
    const r = await get(base + m[1], 'br, gzip');
    files.push({ path: m[1], bytes: r.body.length, encoding: r.headers['content-encoding'] || '', cache: r.headers['cache-control'] });
  }
  const total = files.reduce((n, f) => n + f.bytes, 0);
  const out = { total_bytes: total, budget_bytes: budget || 150000, files };
  console.log(JSON.stringify(out, null, 1));
  const bad = [];
  if (budget && total > budget) bad.push(`first load ${total} B > ${budget} B`);
  for (const f of files) {
    if (f.encoding !== 'br') bad.push(`${f.path} not brotli`);
    if (f.path === '/console/' ? f.cache !== 'no-cache' : !/immutable/.test(f.cache || '')) bad.push(`${f.path} cache ${f.cache}`);
  }
  if (bad.length) { console.error('console budget FAILED: ' + bad.join('; ')); process.exitCode = 1; }
  else if (budget) console.log(`console budget passed: ${total} B ≤ ${budget} B`);
} finally {
  if (proc) proc.kill('SIGTERM');
}
