// The reception desk's console screens (issues 12 and 14) in Chromium against the real
// server: the Messages screen follows the top bar's location (only that office's
// messages and bounces, and it says so); a staff member linked to a host sets their own
// mobile number and which events text them — a malformed number is refused next to the
// field and keeps what was typed, a saved one is what the server stores, and a login
// without a host is told why there is nothing to set; the account's sender name, logo and
// language are kept; a visitor who checked in at the kiosk shows as arrived. axe-core: 0 violations, light and
// dark, at 1280 and 390 px.
'use strict';
const { api, run, assert, axeBoth, shot, signIn, waitFor } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const PASSWORD = 'a long enough passphrase';
const demo = (server, method, p, body) => api(server, method, p, body, DEMO_KEY);
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

run('console_desk', async (ctx) => {
  const { server, browser, log } = ctx;
  const ok = (r, what, status = 201) => { assert(r.status === status, `${what}: ${r.status} ${r.text}`); return r.json; };

  // Two offices, each with a host, a page and a booking (its confirmation is a message).
  const offices = {};
  const room = ok(await demo(server, 'POST', '/v1/admin/rooms', { name: 'Room Aurora' }), 'room');  // visits in a room get a reception code
  for (const [key, name] of [['north', 'North office'], ['south', 'South office']]) {
    const loc = ok(await demo(server, 'POST', '/v1/admin/locations', { name, address: name + ' street 1' }), 'location');
    const host = ok(await demo(server, 'POST', '/v1/admin/hosts', { name: name + ' host', email: key + '-host@desk.example', timezone: 'UTC', weekly_hours: ALL_DAY, location: loc.id }), 'host');
    ok(await demo(server, 'POST', '/v1/admin/pages', { id: 'desk-' + key, name, hosts: [host.id], host_mode: 'any',
      event_types: [{ id: 'visit', name: 'Visit', duration_minutes: 30, auto_approve: true, location: loc.id, rooms: key === 'north' ? [room.id] : undefined }] }), 'page');
    const from = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 9 * 86400000).toISOString().slice(0, 10);
    const slots = ok(await api(server, 'GET', `/v1/pages/desk-${key}/slots?event_type=visit&from=${from}&to=${to}&tz=UTC`, undefined, null), 'slots', 200);
    const start = Object.values(slots.days).flat()[0].start;
    const b = ok(await api(server, 'POST', '/v1/bookings', { page: 'desk-' + key, event_type: 'visit', start, guest: { name: name + ' guest', email: key + '-guest@desk.example', phone: key === 'north' ? '+81 90-1234-5678' : undefined } }, null), 'booking');
    offices[key] = { loc: loc.id, host: host.id, uid: b.uid, name };
  }

  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'owner@demo.kairos', 'kairos-demo');

  // Messages, every message: both offices' rows; then the North office only.
  await page.goto(server.base + '/console/#/messages');
  await page.getByLabel('Only problems').uncheck();
  const rowOf = (uid) => page.locator(`tr[data-owner="${uid}"]`);
  await rowOf(offices.north.uid).first().waitFor();
  await rowOf(offices.south.uid).first().waitFor();
  await page.locator('[data-testid="location-picker"]').selectOption(offices.north.loc);
  await page.locator('[data-testid="location-note"]', { hasText: 'North office' }).waitFor();
  await waitFor(async () => (await rowOf(offices.south.uid).count()) === 0, 'the South office filtered out');
  await rowOf(offices.north.uid).first().waitFor();
  await axeBoth(page, 'messages of one office');
  await shot(page, 'desk-messages-location');
  await page.setViewportSize({ width: 390, height: 844 });
  await rowOf(offices.north.uid).first().waitFor();
  await axeBoth(page, 'messages of one office at 390 px');
  await shot(page, 'desk-messages-location-390');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await shot(page, 'desk-messages-location-390-dark');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('[data-testid="location-picker"]').selectOption('');
  await rowOf(offices.south.uid).first().waitFor();

  // Finding a guest from the top bar: a phone written differently finds the booking, a
  // half-width name finds the full-width inquiry (the core's matching, R-INQ-5).
  const inq = ok(await api(server, 'POST', '/v1/inquiries', { page: 'desk-south', kind: 'question', guest: { name: 'ＳＡＴＯ Ｋｅｎｊｉ', email: 'sato@desk.example' }, message: 'Is there parking?' }, null), 'inquiry');
  await page.getByLabel('Search', { exact: true }).fill('09012345678');
  await page.getByLabel('Search', { exact: true }).press('Enter');
  await page.locator(`tr[data-uid="${offices.north.uid}"]`).waitFor();
  await page.getByLabel('Search', { exact: true }).fill('sato kenji');
  await page.getByLabel('Search', { exact: true }).press('Enter');
  await page.locator(`tr[data-inquiry="${inq.id}"]`).waitFor();
  await axeBoth(page, 'search results with an inquiry');
  await shot(page, 'desk-search');

  // A staff member of the North office, linked to its host, sets their own SMS.
  ok(await demo(server, 'POST', '/v1/admin/staff', { name: 'North host', email: 'north-host@desk.example', role: 'staff', host: offices.north.host, password: PASSWORD, language: 'en' }), 'staff');
  ok(await demo(server, 'POST', '/v1/admin/staff', { name: 'Front desk', email: 'desk@desk.example', role: 'staff', password: PASSWORD, language: 'en' }), 'desk login');
  const sc = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const sp = await sc.newPage();
  sp.on('pageerror', (e) => errors.push(String(e)));
  await signIn(sp, server.base, 'north-host@desk.example', PASSWORD);
  await sp.locator('nav.side a[href="#/me"]').click();
  const form = sp.locator('form[data-form="my-sms"]');
  await form.waitFor();
  assert(await form.getByLabel('Mobile number').inputValue() === '', 'no phone yet');
  assert(await form.getByLabel('When my visitor checks in at reception').isChecked(), 'arrivals on by default');
  await form.getByLabel('Before each of my visits (with the reminder mail)').check();
  await form.getByLabel('Mobile number').fill('call me maybe');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.locator('.field-error', { hasText: 'digits' }).waitFor();
  assert(await form.getByLabel('Mobile number').getAttribute('aria-invalid') === 'true', 'the field is marked');
  assert(await form.getByLabel('Mobile number').inputValue() === 'call me maybe', 'a refused save keeps what was typed');
  let host = ok(await demo(server, 'GET', '/v1/admin/hosts/' + offices.north.host), 'host', 200);
  assert(!host.phone && !host.sms_reminders, 'nothing changed: ' + JSON.stringify(host));
  await axeBoth(sp, 'my SMS with an error');
  await shot(sp, 'desk-my-sms-error');
  await form.getByLabel('Mobile number').fill('+358 40 123 4567');
  await form.getByLabel('When my visitor checks in at reception').uncheck();
  await form.getByRole('button', { name: 'Save' }).click();
  await waitFor(async () => { host = (await demo(server, 'GET', '/v1/admin/hosts/' + offices.north.host)).json; return host.phone === '+358 40 123 4567'; }, 'phone saved');
  assert(host.sms_reminders === true && host.sms_arrivals === false, 'events saved: ' + JSON.stringify(host));
  await sp.reload();
  await form.waitFor();
  assert(await form.getByLabel('Mobile number').inputValue() === '+358 40 123 4567', 'the stored number shows');
  assert(!(await form.getByLabel('When my visitor checks in at reception').isChecked()), 'the stored events show');
  await shot(sp, 'desk-my-sms');
  await sp.setViewportSize({ width: 390, height: 844 });
  await axeBoth(sp, 'my SMS at 390 px');
  await shot(sp, 'desk-my-sms-390');
  await sp.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await shot(sp, 'desk-my-sms-390-dark');

  // The front desk's login has no host: the screen says why, and offers nothing to save.
  const dc = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 390, height: 844 } });
  const dp = await dc.newPage();
  dp.on('pageerror', (e) => errors.push(String(e)));
  await signIn(dp, server.base, 'desk@desk.example', PASSWORD);
  await dp.goto(server.base + '/console/#/me');
  await dp.locator('[data-testid="no-host"]').waitFor();
  assert(await dp.locator('form[data-form="my-sms"]').count() === 0, 'no form without a host');
  await axeBoth(dp, 'my SMS without a host');
  await shot(dp, 'desk-my-sms-no-host-390');

  // The owner sets another host's SMS in Setup → Hosts.
  await page.goto(server.base + '/console/#/setup/hosts');
  await page.getByRole('button', { name: 'Edit South office host' }).click();
  const hf = page.locator('form[data-form="host"]');
  await hf.getByLabel('Phone').fill('+81 90 1111 2222');
  await hf.getByLabel('SMS reminders to this host').check();
  await hf.getByRole('button', { name: 'Save' }).click();
  await waitFor(async () => { const h = (await demo(server, 'GET', '/v1/admin/hosts/' + offices.south.host)).json; return h.phone === '+81 90 1111 2222' && h.sms_reminders === true; }, 'host SMS saved by the owner');
  // Clearing the phone clears it (it used to stay: PUT keeps fields left out).
  await page.getByRole('button', { name: 'Edit South office host' }).click();
  await hf.getByLabel('SMS reminders to this host').uncheck();
  await hf.getByLabel('Phone').fill('');
  await hf.getByRole('button', { name: 'Save' }).click();
  await waitFor(async () => { const h = (await demo(server, 'GET', '/v1/admin/hosts/' + offices.south.host)).json; return !h.phone && h.sms_reminders === false; }, 'phone cleared');

  // Setup → Account: the sender name, logo and default language are kept (they used to
  // be answered "Saved." and dropped), and a new page starts from that language and logo.
  await page.goto(server.base + '/console/#/setup/account');
  const af = page.locator('form[data-form="account"]');
  await af.getByLabel('Sender name').fill('Aurora reception');
  await af.getByLabel('Logo').fill('https://desk.example/logo.png');
  await af.getByLabel('Default language').selectOption('fi');
  await af.getByRole('button', { name: 'Save' }).click();
  await waitFor(async () => (await demo(server, 'GET', '/v1/admin/account')).json.sender_name === 'Aurora reception', 'sender name stored');
  await page.reload();
  await af.waitFor();
  assert(await af.getByLabel('Sender name').inputValue() === 'Aurora reception', 'the stored sender name shows');
  assert(await af.getByLabel('Logo').inputValue() === 'https://desk.example/logo.png', 'the stored logo shows');
  assert(await af.getByLabel('Default language').inputValue() === 'fi', 'the stored language shows');
  await af.getByLabel('Logo').fill('ftp://desk.example/logo.png');
  await af.getByRole('button', { name: 'Save' }).click();
  await af.locator('.field-error').waitFor();
  assert(await af.getByLabel('Logo').inputValue() === 'ftp://desk.example/logo.png', 'a refused save keeps what was typed');
  await axeBoth(page, 'account with an error');
  await page.goto(server.base + '/console/#/setup/pages');
  await page.getByRole('button', { name: 'New page' }).click();
  const pf = page.locator('form[data-form="page"]');
  await pf.waitFor();
  assert(await pf.getByLabel('Logo').inputValue() === 'https://desk.example/logo.png', 'a new page starts from the account logo');

  // Reception: the kiosk is one link away in Setup → Locations; a visitor who checked in
  // shows as arrived in the calendar and the booking's panel, with the reception code.
  await page.goto(server.base + '/console/#/setup/locations');
  await page.locator('[data-testid="kiosk-link"] a[href^="/checkin/"]').waitFor();
  const soon = new Date(Math.ceil(Date.now() / 1800000) * 1800000 + 3600000).toISOString().replace('.000Z', 'Z');
  const visit = ok(await demo(server, 'POST', '/v1/admin/bookings', { page: 'desk-north', event_type: 'visit', start: soon, guest: { name: 'Walk In', email: 'walkin@desk.example' }, notify: false }), 'phone booking');
  assert(visit.checkin_code, 'a reception code: ' + JSON.stringify(visit));
  ok(await api(server, 'POST', '/v1/checkin/' + visit.checkin_code.toLowerCase(), undefined, null), 'check-in', 200);
  await page.goto(server.base + '/console/#/booking/' + visit.uid);
  await page.getByRole('dialog').locator('[data-testid="arrived"]').waitFor();
  assert((await page.getByRole('dialog').textContent()).includes(visit.checkin_code), 'the reception code shows');
  await page.keyboard.press('Escape');
  await page.goto(server.base + '/console/#/calendar');
  await page.locator('#cal-date').fill(soon.slice(0, 10));  // the visit's day (near midnight, tomorrow)
  const block = page.locator(`a.block[data-uid="${visit.uid}"]`);
  await block.waitFor();
  assert((await block.getAttribute('aria-label')).includes('Arrived'), 'the calendar says arrived');

  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log('messages follow the location; staff SMS set, refused with the field named, stored; no-host explained; owner sets and clears a host\'s SMS');
});
