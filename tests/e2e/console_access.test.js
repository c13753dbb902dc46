// Who may do what in the console, with real sessions: a `staff` member sees no Setup and
// is refused settings and API keys by the server; a session of account A cannot read
// account B's booking; a form posted from another origin with the session cookie is
// refused and changes nothing; repeated wrong passwords end in "too many tries".
// A server without the session endpoints fails here (never a silent skip).
'use strict';
const http = require('http');
const { api, run, assert, axe, shot, hasRoute } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const items = (x) => (Array.isArray(x) ? x : x && (x.items || Object.values(x).find(Array.isArray))) || [];

async function signIn(page, base, email, password) {
  await page.goto(base + '/console/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('nav.side');
}

run('console_access', async (ctx) => {
  const { server, browser, log } = ctx;
  assert(await hasRoute(server, 'POST', '/v1/session', {}), 'the server has POST /v1/session');
  const pw = 'a long enough passphrase';
  let r = await api(server, 'POST', '/v1/admin/staff', { name: 'Olga Owner', email: 'owner@a.example', role: 'owner', password: pw, language: 'en' });
  assert(r.status === 201, 'owner of A: ' + r.text);
  r = await api(server, 'POST', '/v1/admin/staff', { name: 'Sami Staff', email: 'staff@a.example', role: 'staff', password: pw, language: 'hu' });
  assert(r.status === 201, 'staff of A: ' + r.text);

  // A booking of account B (the demo account).
  const slots = (await api(server, 'GET', '/v1/pages/demo/slots?event_type=intro&from=' + new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10) + '&to=' + new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10) + '&tz=UTC', undefined, null)).json;
  const first = Object.values(slots.days).flat()[0];
  const bk = await api(server, 'POST', '/v1/bookings', { page: 'demo', event_type: 'intro', start: first.start, guest: { name: 'B Guest', email: 'b@guest.example' } }, null);
  assert(bk.status === 201, 'booking in B: ' + bk.text);
  assert((await api(server, 'GET', '/v1/admin/bookings/' + bk.json.uid, undefined, DEMO_KEY)).status === 200, 'B sees its booking');

  // Staff: no Setup in the navigation; the server refuses API keys and settings.
  const sc = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' });
  const sp = await sc.newPage();
  await signIn(sp, server.base, 'staff@a.example', pw);
  assert(!(await sp.locator('nav.side a[href="#/setup"]').count()), 'no Setup link for staff');
  assert((await sp.locator('nav.side').textContent()).includes('Naptár'), 'the console speaks the staff member\'s language (hu)');
  await sp.goto(server.base + '/console/#/setup/keys');
  await sp.getByText('Ezt csak tulajdonos nyithatja meg.').first().waitFor();
  await shot(sp, 'staff-keys-refused');
  await axe(sp, 'staff on API keys');
  const st = await sp.evaluate(async () => [(await fetch('/v1/admin/api-keys')).status, (await fetch('/v1/admin/account', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Taken over"}' })).status]);
  assert(st[0] === 403 && st[1] === 403, 'staff refused keys and settings: ' + st);

  // Owner of A cannot read B's booking.
  const oc = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' });
  const op = await oc.newPage();
  await signIn(op, server.base, 'owner@a.example', pw);
  const cross = await op.evaluate(async (uid) => (await fetch('/v1/admin/bookings/' + uid)).status, bk.json.uid);
  assert(cross === 404, "A's session reads B's booking: " + cross);
  await op.goto(server.base + '/console/#/booking/' + bk.json.uid);
  await op.getByRole('dialog').getByRole('alert').waitFor();

  // A form on another origin posting with A's cookie is refused.
  const roomsBefore = items((await api(server, 'GET', '/v1/admin/rooms')).json).length;
  const evil = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><form id="f" method="POST" action="${server.base}/v1/admin/rooms" enctype="text/plain"><input name='{"name":"Evil","x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise((resolve) => evil.listen(0, '127.0.0.1', resolve));
  const resp = op.waitForResponse((x) => x.url().endsWith('/v1/admin/rooms') && x.request().method() === 'POST');
  await op.goto(`http://127.0.0.1:${evil.address().port}/`);
  const answered = await resp;
  evil.close();
  assert(answered.status() === 403, 'cross-origin form refused: ' + answered.status());
  assert(items((await api(server, 'GET', '/v1/admin/rooms')).json).length === roomsBefore, 'no room created');

  // Wrong passwords: by the tenth the server says to wait.
  const wc = await browser.newContext({ locale: 'en-US' });
  const wp = await wc.newPage();
  await wp.goto(server.base + '/console/');
  let limited = false;
  for (let i = 1; i <= 10 && !limited; i++) {
    await wp.getByLabel('Password').fill('wrong ' + i);
    await wp.getByLabel('E-mail').fill('owner@a.example');
    const a = wp.waitForResponse((x) => x.url().endsWith('/v1/session'));
    await wp.getByRole('button', { name: 'Sign in' }).click();
    const res = await a;
    if (res.status() === 429) limited = true;
    else assert(res.status() === 401, 'wrong password → 401, got ' + res.status());
  }
  assert(limited, 'the tenth wrong password is refused with 429');
  await wp.getByText('Too many tries').waitFor();
  await shot(wp, 'signin-rate-limited');
  await axe(wp, 'sign-in, rate limited');
  log('staff refused, accounts separate, cross-origin refused, wrong passwords limited');
});
