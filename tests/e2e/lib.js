// Shared harness of the browser tests: starts the real kairos-server on a free port with
// demo data and a temporary database, launches Debian's Chromium through playwright-core,
// and drives the widget through its ARIA mirror (what a screen reader sees and activates).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ADMIN_KEY = 'e2e-admin-key-0123456789';
const artifacts = process.env.E2E_ARTIFACTS || path.join(os.tmpdir(), 'kairos-e2e-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
// E2E_NOW=<instant> runs a test as if it were then (the server by --clock-offset-seconds,
// every page by startsAt, this process' Date, all running on from there): to try a test on another
// day than today, as CI may run it on any day.
const RealDate = Date;
const shiftMs = process.env.E2E_NOW ? Date.parse(process.env.E2E_NOW) - Date.now() : 0;
if (shiftMs) {  // the test's own dates ("a week ahead") too
  globalThis.Date = function Shifted(...a) {
    if (!new.target) return new RealDate(RealDate.now() + shiftMs).toString();
    return a.length ? new RealDate(...a) : new RealDate(RealDate.now() + shiftMs);
  };
  Object.assign(globalThis.Date, { prototype: RealDate.prototype, now: () => RealDate.now() + shiftMs, parse: RealDate.parse, UTC: RealDate.UTC });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

// A real SMTP sink (tests/support/smtp_sink.py) writing each mail to dir as .eml + .json.
async function startSink(dir) {
  const proc = spawn('/usr/bin/python3', [path.join(__dirname, '../support/smtp_sink.py'), '--dir', dir],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; const m = /READY (\d+)/.exec(out); if (m) resolve(Number(m[1])); });
    proc.on('exit', (c) => reject(new Error('smtp sink exited ' + c + ': ' + out)));
    setTimeout(() => reject(new Error('smtp sink not ready')), 15000);
  });
  return { port, dir, proc, stop: () => { if (proc.exitCode === null) proc.kill('SIGTERM'); } };
}

// Mails the sink received so far: [{to: […], text}].
function mails(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => ({
    to: JSON.parse(fs.readFileSync(path.join(dir, f.replace('.eml', '.json')), 'utf8')).to,
    text: fs.readFileSync(path.join(dir, f), 'utf8'),
  }));
}

// Starts kairos-server on `port` with `args` (plus the asset folders the environment
// names) and waits until /healthz answers; both harnesses (this one and console_lib.js)
// start their server here. `onExit` runs when the process ends, however it ends.
async function launchServer(port, args, { readyMs = 20000, onExit } = {}) {
  for (const [env, flag] of [['KAIROS_WEB_ROOT', '--web-root'], ['KAIROS_WIDGET_DIR', '--widget-dir'],
                             ['KAIROS_CONSOLE_DIR', '--console-dir']]) {
    if (process.env[env]) args.push(flag, process.env[env]);
  }
  const proc = spawn(process.env.KAIROS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (onExit) proc.on('exit', onExit);
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error('kairos-server exited: ' + output);
    try { if ((await fetch(base + '/healthz')).ok) break; } catch (e) { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('kairos-server did not become ready: ' + output);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, port, proc,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.on('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); }, 3000);
    }),
  };
}

// opts.smtp: mail goes to a real SMTP sink (server.mailDir), delivered every second.
async function startServer(opts = {}) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kairos-e2e-'));
  const args = ['--db', path.join(dir, 'kairos.db'), '--bind', '127.0.0.1', '--port', String(port), '--demo',
                '--admin-key', ADMIN_KEY, '--booking-rate', '0', '--public-url', `http://127.0.0.1:${port}`,
                '--test-clock'];
  if (shiftMs) args.push('--clock-offset-seconds', String(Math.round(shiftMs / 1000)));
  let sink = null;
  if (opts.smtp) {
    sink = await startSink(path.join(dir, 'mail'));
    args.push('--smtp', `smtp://127.0.0.1:${sink.port}`, '--delivery-seconds', '1');
  }
  // never leave the sink behind
  const server = await launchServer(port, args, { onExit: sink ? () => sink.stop() : undefined });
  // The demo account's owner key, as printed by --demo; else the bootstrap key.
  const printed = /(?:owner|api)[ _-]?key[^A-Za-z0-9]*([A-Za-z0-9_\-.]{12,})/i.exec(server.output());
  return { ...server, dir, mailDir: sink ? sink.dir : null, demoKey: printed ? printed[1] : ADMIN_KEY, adminKey: ADMIN_KEY };
}

async function api(server, method, pathname, body, key) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Authorization'] = 'Bearer ' + key;
  const r = await fetch(server.base + pathname, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { json = null; }
  return { status: r.status, json, text, headers: r.headers };
}

// The page's (or context's) clock starts at `at` (ms) and runs on from there: Date only,
// in every frame, so the widget's "today" matches a server whose test clock was set to
// `at`; timers and animation frames stay real (no fake-timer cadence).
async function startsAt(target, at) {
  await target.addInitScript((shift) => {
    const Real = globalThis.kairosRealDate || Date;  // a later start wins over an earlier one
    globalThis.kairosRealDate = Real;
    function Shifted(...a) {
      if (!new.target) return new Real(Real.now() + shift).toString();
      return a.length ? new Real(...a) : new Real(Real.now() + shift);
    }
    Shifted.prototype = Real.prototype;
    Shifted.now = () => Real.now() + shift;
    Shifted.parse = Real.parse;
    Shifted.UTC = Real.UTC;
    globalThis.Date = Shifted;
  }, at - RealDate.now());
}

async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kairos-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  if (shiftMs) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (o) => {
      const c = await newContext(o);
      await startsAt(c, RealDate.now() + shiftMs);
      return c;
    };
    browser.newPage = async (o) => {
      const c = await browser.newContext(o);
      const p = await c.newPage();
      p.on('close', () => c.close().catch(() => {}));
      return p;
    };
  }
  return { browser, userDataDir };
}

// The widget frame of a page: the iframe embed.js created, or the page itself.
async function widgetFrame(page, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames()) {
      if (f.url().includes('/widget/')) return f;
    }
    if (page.url().includes('/widget/')) return page.mainFrame();
    if (Date.now() > deadline) throw new Error('no widget frame on ' + page.url());
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mirror = {
  // Waits for a screen; axe-core then checks it (once per screen and frame).
  async screen(frame, name, timeout = 20000) {
    try {
      await frame.waitForSelector(`#kairos-mirror[data-screen="${name}"][aria-busy="false"]`, { state: 'attached', timeout });
    } catch (e) {
      // Says where the guest is instead, so a failure in CI can be read without a rerun.
      const seen = await frame.evaluate(() => {
        const m = document.querySelector('#kairos-mirror');
        if (!m) return 'no mirror';
        const fields = [...m.querySelectorAll('[data-field]')].map((f) => `${f.getAttribute('data-field')}=${JSON.stringify(f.value)}`);
        const off = [...m.querySelectorAll('button[disabled],button[aria-disabled="true"]')].map((b) => b.getAttribute('data-id')).filter((d) => d && !/^select_day/.test(d));
        return `screen=${m.getAttribute('data-screen')} busy=${m.getAttribute('aria-busy')} fields[${fields.join(' ')}] disabled[${off.join(' ')}] text: ${m.textContent.replace(/\s+/g, ' ').slice(0, 600)}`;
      }).catch((x) => 'mirror unreadable: ' + x.message);
      throw new Error(`${e.message.split('\n')[0]}\n  waiting for screen "${name}", the widget shows: ${seen}`);
    }
    await require('./axe').check(frame, name);
  },
  // Activates a mirror button, as assistive technology does (a click event on it).
  async activate(frame, id) {
    const b = frame.locator(`#kairos-mirror button[data-id="${id}"]`);
    await b.waitFor({ state: 'attached', timeout: 10000 });
    await b.dispatchEvent('click');
  },
  async fill(frame, field, value) {
    const i = frame.locator(`#kairos-mirror [data-field="${field}"]`);
    await i.waitFor({ state: 'attached', timeout: 10000 });
    await i.fill(value);
  },
  async select(frame, id, value) {
    await frame.locator(`#kairos-mirror select[data-id="${id}"]`).selectOption(value);
    await frame.waitForSelector(`#kairos-mirror[data-zone="${value}"]`, { state: 'attached', timeout: 10000 }).catch(() => {});
  },
  async monthTitle(frame) { return frame.locator('#kairos-mirror h2').first().textContent(); },
  // Bookable days of the visible month (waits until the month has loaded).
  async bookableDays(frame) {
    await frame.waitForFunction(() => !document.querySelector('#kairos-mirror p[role="status"]'), null, { timeout: 15000 });
    return frame.$$eval('#kairos-mirror ul[data-id="days"] button:not([aria-disabled="true"])', (bs) => bs.map((b) => b.getAttribute('data-date')));
  },
  async slotsOfDay(frame, date) {
    await mirror.activate(frame, `select_day:${date}`);
    await frame.waitForSelector(`#kairos-mirror ul[data-id="days"] button[data-date="${date}"][aria-pressed="true"]`, { state: 'attached' });
    return frame.$$eval('#kairos-mirror ul[data-id="slots"] button', (bs) => bs.map((b) => ({ start: b.getAttribute('data-start'), end: b.getAttribute('data-end') })));
  },
  async alerts(frame) { return frame.$$eval('#kairos-mirror [role="alert"]', (as) => as.map((a) => a.textContent)); },
};

// The embedded widget has laid out its screen and the host page has taken that height:
// the frame is as tall as the content the widget last measured (the shell marks it
// data-content-height on its <html>). Read a frame's height only after this: heights
// reach the host page some frames after the screen changes, later on a busy machine.
async function fitted(page, frame, timeout = 15000) {
  const iframe = await frame.frameElement();
  const deadline = Date.now() + timeout;
  for (;;) {
    const want = Number(await frame.evaluate(() => document.documentElement.getAttribute('data-content-height')));
    const got = await iframe.evaluate((f) => f.getBoundingClientRect().height);
    if (want && Math.abs(want - got) <= 1) return got;
    if (Date.now() > deadline) throw new Error(`the frame (${got} px) never took the content height (${want} px)`);
    await page.waitForTimeout(100);
  }
}

// Moves the calendar forward until it shows year-month (e.g. "2027-03").
async function goToMonth(frame, ym) {
  for (let i = 0; i < 36; i++) {
    const cur = await frame.$eval('#kairos-mirror ul[data-id="days"] button', (b) => b.getAttribute('data-date').slice(0, 7));
    if (cur === ym) return;
    const before = cur;
    await mirror.activate(frame, cur < ym ? 'next_month' : 'prev_month');
    await frame.waitForFunction((b) => {
      const x = document.querySelector('#kairos-mirror ul[data-id="days"] button');
      return x && x.getAttribute('data-date').slice(0, 7) !== b;
    }, before);
  }
  throw new Error('could not reach ' + ym);
}

// The first month (from the visible one) with a bookable day, and that day.
async function firstBookableDay(frame) {
  for (let i = 0; i < 6; i++) {
    const days = await mirror.bookableDays(frame);
    if (days.length) return days[0];
    const before = await frame.$eval('#kairos-mirror ul[data-id="days"] button', (b) => b.getAttribute('data-date'));
    await mirror.activate(frame, 'next_month');
    await frame.waitForFunction((b) => document.querySelector('#kairos-mirror ul[data-id="days"] button').getAttribute('data-date') !== b, before);
  }
  throw new Error('no bookable day in six months');
}

// Probes for the server routes a test needs: [method, path, body?, owner?]. A route the
// server does not have at all (404 "not_found", not a domain code such as
// page_not_found) fails the test at once with the list of missing routes, before a
// browser is started.
const ROUTES = {
  availability: ['GET', '/v1/pages/demo/availability?event_type=intro&from=2030-01-01&to=2030-01-02'],
  slots: ['GET', '/v1/pages/demo/slots?event_type=intro&from=2030-01-01&to=2030-01-02&tz=UTC'],
  book: ['POST', '/v1/bookings', {}],
  owner_bookings: ['GET', '/v1/admin/bookings', undefined, true],
  owner_hosts: ['POST', '/v1/admin/hosts', {}, true],
  proposals: ['POST', '/v1/admin/proposals', {}, true],
  requests: ['POST', '/v1/admin/confirmation-requests', {}, true],
};

async function missingRoutes(server, needs) {
  const missing = [];
  for (const n of needs) {
    const [method, p, body, owner] = ROUTES[n];
    const r = await api(server, method, p, body, owner ? server.demoKey : undefined);
    if (r.status === 404 && r.json && r.json.code === 'not_found') missing.push(`${method} ${p.split('?')[0]}`);
  }
  return missing;
}

// Runs one test body with a fresh server and browser; exits non-zero on failure.
function run(name, body, needs = [], opts = {}) {
  (async () => {
    const server = await startServer(opts);
    const missing = await missingRoutes(server, needs);
    if (missing.length) {
      console.error(`[${name}] FAILED: the server has no route for ${missing.join(', ')}`);
      await server.stop();
      process.exit(1);
    }
    const { browser } = await launch();
    const ctx = { server, browser, artifacts, log: (...a) => console.log(`[${name}]`, ...a) };
    let failed = null;
    try {
      await body(ctx);
    } catch (e) {
      failed = e;
    } finally {
      await browser.close().catch(() => {});
      await server.stop();
    }
    if (failed) {
      console.error(`[${name}] FAILED:`, failed && failed.stack ? failed.stack : failed);
      console.error(`[${name}] server output (tail):\n` + server.output().slice(-3000));
      process.exit(1);
    }
    console.log(`[${name}] passed`);
    process.exit(0);
  })().catch((e) => { console.error(e); process.exit(1); });
}

function assert(cond, message) { if (!cond) throw new Error('assertion failed: ' + message); }
function sameInstant(a, b) { return Date.parse(a) === Date.parse(b); }

module.exports = { fitted, startsAt, launchServer, freePort, startSink, api, run, assert, mirror, widgetFrame, goToMonth, firstBookableDay, sameInstant, artifacts, mails };
