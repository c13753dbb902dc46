// The reception kiosk in Chromium (seed 000, R-PROP-9): the visitor types the reception
// code in lower case; inside the ±6 h window the visit is marked arrived and the host's
// mail arrives over real SMTP; a wrong or early code gets a clear message; 20 wrong
// guesses are slowed down. axe-core checks the page in each language.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { api, assert, artifacts, freePort, startSink, launchServer, mails: sinkMails } = require('./lib');
const { chromium } = require('playwright-core');

const KEY = 'kiosk-admin-key-0123456789';
const root = path.resolve(__dirname, '..', '..');

async function start() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kairos-kiosk-'));
  const mailDir = path.join(dir, 'mail');
  const sink = await startSink(mailDir);
  const port = await freePort();
  const args = ['--db', path.join(dir, 'k.db'), '--bind', '127.0.0.1', '--port', String(port), '--admin-key', KEY,
                '--booking-rate', '0', '--test-clock', '--smtp', `smtp://127.0.0.1:${sink.port}`, '--delivery-seconds', '3600',
                '--scheduler-seconds', '3600', '--log-level', 'warn'];
  if (!process.env.KAIROS_WEB_ROOT) args.push('--web-root', path.join(root, 'web'));
  const server = await launchServer(port, args, { onExit: () => sink.stop() });
  return { base: server.base, mailDir, output: server.output, stop: server.stop };
}

// The mails' raw texts, oldest first.
function mails(dir) {
  return sinkMails(dir).map((m) => m.text);
}

async function axeCheck(page, label) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert(res.length === 0, `axe violations on the kiosk (${label}):\n` + res.join('\n'));
}

async function submit(page, code) {
  await page.fill('#code', code);
  await page.click('#submit');
  await page.waitForFunction(() => {
    const r = document.getElementById('result');
    return r.classList.contains('ok') || r.classList.contains('err');
  }, null, { timeout: 10000 });
  const text = await page.textContent('#result');
  const ok = await page.evaluate(() => document.getElementById('result').classList.contains('ok'));
  // The next submission waits for a fresh answer.
  await page.evaluate(() => { const r = document.getElementById('result'); r.className = 'result'; });
  return { ok, text };
}

(async () => {
  const server = await start();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  let failed = null;
  try {
    const owner = (m, p, b) => api(server, m, p, b, KEY);
    const loc = (await owner('POST', '/v1/admin/locations', { name: 'Shibuya office', address: 'Shibuya 1-2-3' })).json.id;
    const allDay = {};
    for (const d of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) allDay[d] = [['00:00', '24:00']];
    const host = await owner('POST', '/v1/admin/hosts', { name: 'Kiosk Host', email: 'kiosk-host@clinic.test', timezone: 'UTC',
                                                          weekly_hours: allDay, location: loc });
    assert(host.status === 201, 'host: ' + host.text);
    const room = (await owner('POST', '/v1/admin/rooms', { name: 'Room Fuji', location: loc })).json.id;
    const page1 = await owner('POST', '/v1/admin/pages', { id: 'kiosk', name: 'Kiosk', hosts: [host.json.id], host_mode: 'any',
      event_types: [{ id: 'visit', name: 'Visit', duration_minutes: 30, rooms: [room], location: loc }] });
    assert(page1.status === 201, 'page: ' + page1.text);
    const now = new Date((await api(server, 'POST', '/v1/test/clock', { advance_seconds: 0 })).json.now);
    const at = (h) => { const d = new Date(now.getTime() + h * 3600e3); d.setUTCMinutes(0, 0, 0); return d.toISOString().replace('.000', ''); };
    const book = async (h, mail) => {
      const r = await api(server, 'POST', '/v1/bookings', { page: 'kiosk', event_type: 'visit', start: at(h),
        guest: { name: 'Suzuki Ichiro', email: mail, company: 'Example KK' } });
      assert(r.status === 201, 'booking: ' + r.text);
      return r.json;
    };
    const soon = await book(2, 'suzuki@example.jp');
    const later = await book(30, 'later@example.jp');
    await api(server, 'POST', '/v1/test/tick', {});
    const before = mails(server.mailDir).length;

    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    const page = await ctx.newPage();
    await page.goto(server.base + '/checkin/?lang=en');
    await page.waitForSelector('#code');
    assert((await page.textContent('h1')) === 'Welcome', 'English title');
    await axeCheck(page, 'en');
    await page.screenshot({ path: path.join(artifacts, 'kiosk-en.png') });

    // A wrong code and an early one: clear messages, nothing marked.
    let r = await submit(page, 'qqqqqq');
    assert(!r.ok && /not valid/.test(r.text), 'wrong code message: ' + r.text);
    r = await submit(page, later.checkin_code);
    assert(!r.ok && /too early/i.test(r.text), 'early code message: ' + r.text);

    // The right code in lower case: arrived, the host's mail arrives.
    r = await submit(page, soon.checkin_code.toLowerCase());
    assert(r.ok, 'check-in answer: ' + r.text);
    assert(/checked in/.test(r.text) && /Kiosk Host/.test(r.text) && /Room Fuji/.test(r.text), 'check-in text: ' + r.text);
    assert(!/Suzuki/.test(r.text), 'the kiosk shows no guest data');
    await page.screenshot({ path: path.join(artifacts, 'kiosk-arrived.png') });
    const b = await api(server, 'GET', '/v1/admin/bookings/' + soon.uid, undefined, KEY);
    assert(b.json.arrived_at, 'booking marked arrived');
    await api(server, 'POST', '/v1/test/tick', {});
    const fresh = mails(server.mailDir).slice(before);
    assert(fresh.some((m) => /kiosk-host@clinic\.test/.test(m) && /Arrived/.test(m)), 'host mail: ' + fresh.length);

    // Five languages; axe in each.
    for (const [lang, title] of [['ja', 'ようこそ'], ['fi', 'Tervetuloa'], ['de', 'Willkommen'], ['hu', 'Üdvözöljük']]) {
      await page.click(`button[data-lang="${lang}"]`);
      assert((await page.textContent('h1')) === title, lang + ' title');
      assert((await page.getAttribute('html', 'lang')) === lang, lang + ' lang attribute');
      await axeCheck(page, lang);
      await page.screenshot({ path: path.join(artifacts, `kiosk-${lang}.png`) });
    }
    await page.click('button[data-lang="en"]');

    // 20 wrong guesses: slowed down.
    let slowed = false;
    for (let i = 0; i < 20; i++) {
      r = await submit(page, 'ZZZZZ' + (i % 10));
      if (/Too many attempts/.test(r.text)) slowed = true;
    }
    assert(slowed, 'twenty wrong guesses are slowed down: ' + r.text);
    await page.screenshot({ path: path.join(artifacts, 'kiosk-slowed.png') });

    // A narrow tablet in portrait, dark mode.
    const dark = await browser.newContext({ viewport: { width: 600, height: 960 }, colorScheme: 'dark' });
    const p2 = await dark.newPage();
    await p2.goto(server.base + '/checkin/?lang=ja');
    await axeCheck(p2, 'ja dark');
    await p2.screenshot({ path: path.join(artifacts, 'kiosk-ja-dark.png') });
  } catch (e) {
    failed = e;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  if (failed) {
    console.error('[kiosk] FAILED:', failed && failed.stack ? failed.stack : failed);
    console.error('[kiosk] server output (tail):\n' + server.output().slice(-3000));
    process.exit(1);
  }
  console.log('[kiosk] passed');
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
