// Harness of the console's browser tests: a real SMTP sink, the real server (demo data,
// test clock, mail to the sink), Chromium, axe-core from web/console's devDependencies,
// and a signed-in page. Sign-in goes through the console's own form with a staff login
// created through the owner API.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '../..');
const AXE = require.resolve(path.join(ROOT, 'web/console/node_modules/axe-core/axe.min.js'));
const ADMIN_KEY = 'e2e-console-admin-key-0123456789';
const artifacts = process.env.E2E_ARTIFACTS || path.join(os.tmpdir(), 'kairos-e2e-artifacts');
fs.mkdirSync(artifacts, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

async function startSink(dir) {
  const proc = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/support/smtp_sink.py'), '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; const m = /READY (\d+)/.exec(out); if (m) resolve(Number(m[1])); });
    proc.on('exit', (c) => reject(new Error('smtp sink exited ' + c + ': ' + out)));
    setTimeout(() => reject(new Error('smtp sink not ready')), 15000);
  });
  return { port, dir, proc, stop: () => proc.kill('SIGTERM') };
}

// Mails the sink received: [{to:[…], text}].
function mails(dir) {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => ({
    to: JSON.parse(fs.readFileSync(path.join(dir, f.replace('.eml', '.json')), 'utf8')).to,
    text: fs.readFileSync(path.join(dir, f), 'utf8'),
  }));
}

// The plain-text body of a received mail (base64 parts decoded).
function plainText(m) {
  const at = m.text.search(/Content-Type: text\/plain/i);
  if (at < 0) return m.text;
  const before = m.text.slice(0, at);
  const from = Math.max(before.lastIndexOf('\n\n'), before.lastIndexOf('\r\n\r\n'), before.lastIndexOf('\n--'), 0);
  const rest = m.text.slice(from);  // the whole header block of the text part
  const split = rest.slice(1).search(/\r?\n\r?\n/) + 1;
  const head = rest.slice(0, split);
  const body = rest.slice(split).replace(/^\s+/, '');
  if (!/base64/i.test(head)) return body;
  const run = /^[A-Za-z0-9+/=\r\n]+/.exec(body);
  return run ? Buffer.from(run[0].replace(/\s+/g, ''), 'base64').toString('utf8') : body;
}

async function startServer(extra = []) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kairos-console-'));
  const sink = await startSink(path.join(dir, 'mail'));
  const args = ['--db', path.join(dir, 'kairos.db'), '--bind', '127.0.0.1', '--port', String(port), '--demo',
    '--admin-key', ADMIN_KEY, '--booking-rate', '0', '--public-url', `http://127.0.0.1:${port}`, '--test-clock',
    '--smtp', `smtp://127.0.0.1:${sink.port}`, '--delivery-seconds', '1', ...extra];
  if (process.env.KAIROS_WEB_ROOT) args.push('--web-root', process.env.KAIROS_WEB_ROOT);
  if (process.env.KAIROS_WIDGET_DIR) args.push('--widget-dir', process.env.KAIROS_WIDGET_DIR);
  if (process.env.KAIROS_CONSOLE_DIR) args.push('--console-dir', process.env.KAIROS_CONSOLE_DIR);
  const proc = spawn(process.env.KAIROS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.on('exit', () => sink.stop());  // never leave the sink behind, even when start-up fails
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error('kairos-server exited: ' + output);
    try { if ((await fetch(base + '/healthz')).ok) break; } catch (e) { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('kairos-server did not become ready: ' + output);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, port, dir, proc, sink, adminKey: ADMIN_KEY, output: () => output,
    stop: () => new Promise((resolve) => {
      sink.stop();
      if (proc.exitCode !== null) return resolve();
      proc.on('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); }, 3000);
    }),
  };
}

async function api(server, method, pathname, body, key = server.adminKey, headers = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (key) h.Authorization = 'Bearer ' + key;
  const r = await fetch(server.base + pathname, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { json = null; }
  return { status: r.status, json, text, headers: r.headers };
}

async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

// axe-core on the current page: every violation fails the test (with its nodes).
async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\n').slice(0, 3).join(' ')) }));
  });
  if (res.length) throw new Error(`axe violations on ${label}:\n` + JSON.stringify(res, null, 1));
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `console-${name}.png`), fullPage: false });
}

function assert(cond, message) { if (!cond) throw new Error('assertion failed: ' + message); }

// Does the server have this route at all (not a domain 404 such as booking_not_found)?
async function hasRoute(server, method, p, body) {
  const r = await api(server, method, p, body, server.adminKey);
  return !(r.status === 404 && r.json && r.json.code === 'not_found') && r.status !== 405;
}

async function waitFor(fn, what, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Runs one test body with a fresh server, sink and browser; exit 77 = skipped.
// opts.serverArgs: extra server flags (e.g. --allow-private-targets for local receivers).
function run(name, body, opts = {}) {
  (async () => {
    const server = await startServer(opts.serverArgs || []);
    const browser = await launch();
    const ctx = { server, browser, artifacts, log: (...a) => console.log(`[${name}]`, ...a) };
    let failed = null;
    let skipped = null;
    try { await body(ctx); } catch (e) { if (e && e.skip) skipped = e.message; else failed = e; } finally {
      await browser.close().catch(() => {});
      await server.stop();
    }
    if (skipped) { console.log(`[${name}] SKIPPED: ${skipped}`); process.exit(77); }
    if (failed) {
      console.error(`[${name}] FAILED:`, failed && failed.stack ? failed.stack : failed);
      console.error(`[${name}] server output (tail):\n` + server.output().slice(-3000));
      process.exit(1);
    }
    console.log(`[${name}] passed`);
    process.exit(0);
  })().catch((e) => { console.error(e); process.exit(1); });
}
function skip(message) { const e = new Error(message); e.skip = true; return e; }

// Signs in through the console's own form and waits for the navigation.
async function signIn(page, base, email, password) {
  await page.goto(base + '/console/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('nav.side');
}

// Light and dark: axe-core on both themes of the current screen.
async function axeBoth(page, label) {
  await axe(page, label + ' (light)');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await axe(page, label + ' (dark)');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
}

module.exports = { plainText, signIn, axeBoth, freePort, api, run, skip, assert, axe, shot, mails, waitFor, hasRoute, artifacts, ADMIN_KEY };
