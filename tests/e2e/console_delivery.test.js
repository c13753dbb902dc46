// Delivery problems where staff look (issue 12, item 9), in Chromium against the real
// server and SMTP sink: a guest's mail server refuses the confirmation (550, a permanent
// failure); the console's Messages screen lists the failed message with the guest's
// phone to call, the booking's panel says a message could not be delivered (phone
// beside it) and its messages show the failure; staff correct the address there and
// re-send, and the mail arrives at the corrected address. The panel offers Complete only
// once the visit has ended (test clock), completes it and then marks it a no-show. axe-core: 0 violations, light
// and dark, at 1280 and 390 px; screenshots console-delivery-*.png.
'use strict';
const { api, run, assert, axeBoth, shot, signIn, waitFor, mails } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const PASSWORD = 'a long enough passphrase';
const demo = (server, method, p, body) => api(server, method, p, body, DEMO_KEY);
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '18:00']]]));
// The sink refuses every recipient whose address starts with "bounce" (550 5.1.1).
const BAD = 'bounce.maria@delivery.example', GOOD = 'maria@delivery.example', PHONE = '+358401234567';

run('console_delivery', async (ctx) => {
  const { server, browser, log } = ctx;
  const ok = (r, what, status = 201) => { assert(r.status === status, `${what}: ${r.status} ${r.text}`); return r.json; };
  const host = ok(await demo(server, 'POST', '/v1/admin/hosts', { name: 'Dr. Mika Laine', email: 'mika@delivery.example', timezone: 'UTC', weekly_hours: ALL_DAY }), 'host');
  ok(await demo(server, 'POST', '/v1/admin/pages', { id: 'dental', name: 'Laine Dental', language: 'en', hosts: [host.id], host_mode: 'any',
    event_types: [{ id: 'checkup', name: 'Check-up', duration_minutes: 30, auto_approve: true }] }), 'page');
  ok(await demo(server, 'POST', '/v1/admin/staff', { name: 'Sari Staff', email: 'sari@delivery.example', role: 'staff', password: PASSWORD, language: 'en' }), 'staff login');
  const day = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  const slots = ok(await api(server, 'GET', `/v1/pages/dental/slots?event_type=checkup&from=${day}&to=${day}&tz=UTC`, undefined, null), 'slots', 200);
  const b = ok(await api(server, 'POST', '/v1/bookings', { page: 'dental', event_type: 'checkup', start: slots.days[day][3].start,
    guest: { name: 'Maria Virtanen', email: BAD, phone: PHONE } }, null), 'booking');

  // The worker tries the confirmation; the guest's server refuses it for good.
  await waitFor(async () => {
    await api(server, 'POST', '/v1/test/tick', {});
    const m = ok(await demo(server, 'GET', '/v1/admin/outbox?booking=' + b.uid), 'outbox', 200).messages;
    return m.some((x) => x.recipient === BAD && x.state === 'failed');
  }, 'the confirmation to the refused address fails');

  const errors = [];
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'sari@delivery.example', PASSWORD);

  // Messages, "Only problems" (the default): the failed mail with the guest's phone.
  await page.goto(server.base + '/console/#/messages');
  const row = page.locator(`table.outbox tr.ms-failed[data-owner="${b.uid}"]`).first();
  await row.waitFor();
  assert((await row.textContent()).includes(BAD), 'the failed address is shown');
  assert(await row.locator(`a[href="tel:${PHONE}"]`).count() === 1, 'the guest\'s phone to call');
  await axeBoth(page, 'messages with a failed mail');
  await shot(page, 'delivery-messages');
  await page.setViewportSize({ width: 390, height: 844 });
  await row.waitFor();
  const tel = await row.locator(`a[href="tel:${PHONE}"]`).boundingBox();
  assert(tel && tel.x >= 0 && tel.x + tel.width <= 390, 'the phone is on a 390 px screen: ' + JSON.stringify(tel));
  assert(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling at 390 px');
  await axeBoth(page, 'messages with a failed mail at 390 px');
  await shot(page, 'delivery-messages-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The booking's panel: the problem with the phone, the failure in its messages.
  await row.getByRole('link', { name: 'Details' }).click();
  const panel = page.getByRole('dialog', { name: /Maria Virtanen/ });
  await panel.locator('.banner.error', { hasText: 'could not be delivered' }).waitFor();
  assert(await panel.locator(`.banner.error a[href="tel:${PHONE}"]`).count() === 1, 'the phone beside the problem');
  await panel.locator('ul.msgs li.ms-failed').first().waitFor();
  await axeBoth(page, 'booking panel with a delivery problem');
  await shot(page, 'delivery-panel');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });

  // Correct the address on the Messages screen and re-send: the mail arrives.
  const fix = row.locator('form').filter({ has: page.getByRole('button', { name: 'Correct address and re-send' }) });
  await fix.getByLabel('E-mail').fill(GOOD);
  await fix.getByRole('button', { name: 'Correct address and re-send' }).click();
  await waitFor(async () => (ok(await demo(server, 'GET', '/v1/admin/bookings/' + b.uid), 'booking', 200).guest || {}).email === GOOD, 'the address corrected');
  await waitFor(async () => {
    await api(server, 'POST', '/v1/test/tick', {});
    return mails(server.sink.dir).some((m) => m.to.includes(GOOD));
  }, 'the re-sent mail arrives at the corrected address');

  // The panel offers what the core allows: no Complete before the visit has ended; four
  // days later (the server's test clock; the session has ended, so sign in again) it is
  // there, and completes the visit.
  await page.goto(server.base + '/console/#/booking/' + b.uid);
  const later = page.getByRole('dialog', { name: /Maria Virtanen/ });
  await later.locator('button[data-action="cancel"]').waitFor();
  assert(!(await later.locator('button[data-action="complete"]').count()), 'no Complete before the visit');
  await page.keyboard.press('Escape');
  ok(await api(server, 'POST', '/v1/test/clock', { advance_seconds: 4 * 86400 }), 'clock', 200);
  await signIn(page, server.base, 'sari@delivery.example', PASSWORD);  // the session ended meanwhile
  await page.goto(server.base + '/console/#/booking/' + b.uid);
  await later.locator('button[data-action="complete"]').waitFor();
  await later.locator('button[data-action="complete"]').click();
  await later.locator('.badge.st-completed').waitFor();
  await later.locator('[data-testid="history"] li[data-event="completed"]', { hasText: 'Completed (staff)' }).waitFor();
  assert(ok(await demo(server, 'GET', '/v1/admin/bookings/' + b.uid), 'booking', 200).status === 'completed', 'stored as completed');
  // A completed visit the guest did not come to is then marked a no-show.
  await later.locator('button[data-action="no_show"]').click();
  await later.locator('[data-testid="history"] li[data-event="no_show"]', { hasText: 'Marked no-show (staff)' }).waitFor();
  assert(ok(await demo(server, 'GET', '/v1/admin/bookings/' + b.uid), 'booking', 200).no_show === true, 'stored as a no-show');
  await axeBoth(page, 'booking completed, then a no-show');

  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log('failed mail listed with the phone, shown in the booking, corrected and re-sent');
});
