// Setup in the console (issue 12, item 4), in Chromium against the real server:
// - a host's date override and holiday show in "Show free times" (the next two weeks,
//   from the server's preview) before anything is saved, and are stored on Save;
// - a page's notification settings: the page form shows the core's
// defaults (one reminder a day before, hosts reminded); a reminder out of range is
// refused next to its field and nothing typed is lost nor saved; reminders a day and two
// hours before, SMS reminders, the no-show mail, a follow-up and the hosts' language are
// saved as the page's `notifications` and shown again when the form reopens; a booking
// then gets its reminders planned in the outbox at exactly those offsets, by mail and
// SMS; a phone booking at a hand-typed time inside hours without mail is stored and
// mails nothing, outside hours it is refused with what was typed kept. axe-core: 0 violations, light and dark, at 1280 and 390 px; screenshots
// console-setup-*.png.
'use strict';
const { api, run, assert, axeBoth, shot, signIn, waitFor } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const PASSWORD = 'a long enough passphrase';
const demo = (server, method, p, body) => api(server, method, p, body, DEMO_KEY);
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '18:00']]]));

run('console_setup', async (ctx) => {
  const { server, browser, log } = ctx;
  const ok = (r, what, status = 201) => { assert(r.status === status, `${what}: ${r.status} ${r.text}`); return r.json; };
  const host = ok(await demo(server, 'POST', '/v1/admin/hosts', { name: 'Anna Spa', email: 'anna@notify.example', timezone: 'UTC', weekly_hours: ALL_DAY }), 'host');
  ok(await demo(server, 'POST', '/v1/admin/pages', { id: 'spa', name: 'Spa Anna', language: 'en', hosts: [host.id], host_mode: 'any',
    event_types: [{ id: 'massage', name: 'Massage', duration_minutes: 60, auto_approve: true }] }), 'page');
  ok(await demo(server, 'POST', '/v1/admin/staff', { name: 'Olli Owner', email: 'olli@notify.example', role: 'owner', password: PASSWORD, language: 'en' }), 'owner login');

  const errors = [];
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'olli@notify.example', PASSWORD);

  // The host: a date override (10:00–14:00) and a holiday, previewed before saving.
  const ymd = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  const special = ymd(4), holiday = ymd(5), normal = ymd(6);
  await page.goto(server.base + '/console/#/setup/hosts');
  await page.getByRole('button', { name: 'Edit Anna Spa' }).click();
  const hf = page.locator('form[data-form="host"]');
  await hf.getByRole('button', { name: '+ Add date' }).click();
  await hf.getByLabel('Date overrides 1 Date', { exact: true }).fill(special);
  await hf.getByRole('button', { name: '+ Add holiday' }).click();
  await hf.getByLabel('Holidays 1', { exact: true }).fill(holiday);
  await hf.getByRole('button', { name: 'Show free times' }).click();
  const previewOf = (d) => hf.locator(`dl.preview dd[data-date="${d}"]`);
  await previewOf(special).waitFor();
  const sp = await previewOf(special).textContent();
  assert(/^10:00\s?AM–0?2:00\s?PM$/.test(sp), 'the override\'s hours only: ' + sp);
  assert((await previewOf(holiday).textContent()) === 'Closed', 'the holiday closed: ' + await previewOf(holiday).textContent());
  assert(/^0?8:00\s?AM–0?6:00\s?PM$/.test(await previewOf(normal).textContent()), 'a normal day\'s hours: ' + await previewOf(normal).textContent());
  assert(!(ok(await demo(server, 'GET', '/v1/admin/hosts/' + host.id), 'host', 200).overrides || []).length, 'nothing stored by the preview');
  await axeBoth(page, 'host free-time preview');
  await previewOf(special).scrollIntoViewIfNeeded();
  await shot(page, 'setup-host-preview');
  await hf.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'New host' }).waitFor();
  const ov = ok(await demo(server, 'GET', '/v1/admin/hosts/' + host.id), 'host', 200).overrides;
  assert(ov.some((o) => o.date === special && JSON.stringify(o.hours) === '[["10:00","14:00"]]') && ov.some((o) => o.date === holiday && !o.hours.length),
    'override and holiday saved: ' + JSON.stringify(ov));

  const open = async () => {
    await page.goto(server.base + '/console/#/setup/hosts');  // (the same address again would keep an open form)
    await page.goto(server.base + '/console/#/setup/pages');
    await page.getByRole('button', { name: 'Edit Spa Anna' }).click();
    const nf = page.locator('fieldset[data-form="notifications"]');
    await nf.waitFor();
    return nf;
  };
  let nf = await open();
  // The core's defaults: one reminder a day before, hosts reminded, nothing else.
  assert(await nf.getByLabel('Reminder 1', { exact: true }).inputValue() === '1', 'one reminder by default');
  assert(await nf.getByLabel('Unit').first().inputValue() === 'days', 'a day before');
  assert(await nf.getByLabel('Hosts get each reminder too').isChecked(), 'hosts reminded by default');
  assert(!(await nf.getByLabel(/as an SMS/).isChecked()), 'no SMS by default');

  // Fifty days before is out of range: refused next to the field, what was typed stays.
  await nf.getByLabel('Reminder 1', { exact: true }).fill('50');
  await nf.getByLabel(/as an SMS/).check();
  await page.locator('form[data-form="page"]').getByRole('button', { name: 'Save' }).click();
  const bad = nf.locator('[data-reminder="0"] .field-error');
  await bad.waitFor();
  assert(await nf.getByLabel('Reminder 1', { exact: true }).getAttribute('aria-invalid') === 'true', 'the reminder field is marked');
  assert(await nf.getByLabel('Reminder 1', { exact: true }).inputValue() === '50', 'the typed value is kept');
  assert(await nf.getByLabel(/as an SMS/).isChecked(), 'the other choices are kept');
  assert(!ok(await demo(server, 'GET', '/v1/admin/pages/spa'), 'page', 200).notifications, 'nothing was saved');
  await axeBoth(page, 'notifications with a problem');
  await shot(page, 'setup-notifications-problem');

  // A day and two hours before; SMS, no-show mail, a follow-up 90 minutes after; hosts in Japanese.
  await nf.getByLabel('Reminder 1', { exact: true }).fill('1');
  await nf.getByRole('button', { name: '+ Add reminder' }).click();
  await nf.getByLabel('Reminder 2', { exact: true }).fill('2');
  await nf.locator('[data-reminder="1"]').getByLabel('Unit').selectOption('hours');
  await nf.getByLabel('Mail the guest when marked no-show').check();
  await nf.getByLabel('Send a follow-up mail after a completed visit').check();
  await nf.getByLabel('Minutes after the visit').fill('90');
  await nf.getByLabel('Language of the hosts’ mails').selectOption('ja');
  await axeBoth(page, 'notifications filled in');
  await nf.scrollIntoViewIfNeeded();
  await shot(page, 'setup-notifications-form');
  await page.locator('form[data-form="page"]').getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'New page' }).waitFor();
  const saved = ok(await demo(server, 'GET', '/v1/admin/pages/spa'), 'page', 200).notifications;
  const want = { reminders_minutes: [1440, 120], host_reminders: true, sms_reminders: true, no_show_mail: true, follow_up_minutes: 90, host_language: 'ja' };
  const sorted = (o) => JSON.stringify(Object.fromEntries(Object.entries(o || {}).sort()));
  assert(sorted(saved) === sorted(want), 'saved as the page\'s notifications: ' + JSON.stringify(saved));

  // Reopened, the form shows what is stored.
  nf = await open();
  assert(await nf.getByLabel('Reminder 2', { exact: true }).inputValue() === '2', 'second reminder: 2');
  assert(await nf.locator('[data-reminder="1"]').getByLabel('Unit').inputValue() === 'hours', '… hours');
  assert(await nf.getByLabel('Minutes after the visit').inputValue() === '90', 'follow-up after 90 minutes');
  assert(await nf.getByLabel('Language of the hosts’ mails').inputValue() === 'ja', 'hosts in Japanese');

  // A booking three days ahead gets its reminders at exactly those offsets, mail and SMS.
  const day = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  const slots = ok(await api(server, 'GET', `/v1/pages/spa/slots?event_type=massage&from=${day}&to=${day}&tz=UTC`, undefined, null), 'slots', 200);
  const b = ok(await api(server, 'POST', '/v1/bookings', { page: 'spa', event_type: 'massage', start: slots.days[day][2].start,
    guest: { name: 'Greta Guest', email: 'greta@notify.example', phone: '+358401112223' } }, null), 'booking');
  const planned = ok(await demo(server, 'GET', '/v1/admin/outbox?booking=' + b.uid), 'outbox', 200).messages;
  const at = (m) => (Date.parse(b.start) - Date.parse(m.send_at)) / 60000;
  const reminders = planned.filter((m) => /remind/.test(m.template) && m.recipient === 'greta@notify.example').map(at).sort((x, y) => x - y);
  assert(JSON.stringify(reminders) === '[120,1440]', 'mail reminders 2 h and a day before: ' + JSON.stringify(planned.map((m) => [m.template, m.channel, m.recipient, at(m)])));
  const sms = planned.filter((m) => /remind/.test(m.template) && m.channel === 'sms' && m.recipient === '+358401112223').map(at).sort((x, y) => x - y);
  assert(JSON.stringify(sms) === '[120,1440]', 'SMS reminders at the same offsets: ' + JSON.stringify(planned.map((m) => [m.template, m.channel, m.recipient, at(m)])));

  // A caller on the phone at a time typed by hand (inside hours, not from the list), no
  // mail: stored, and the guest gets no confirmation. Outside hours it is refused with
  // the reason shown, and what was typed stays.
  const phoneDay = normal;  // (not the holiday set above)
  await page.goto(server.base + '/console/#/phone');
  await page.getByLabel('Page', { exact: true }).selectOption('spa');
  await page.getByLabel('Service').selectOption('massage');
  await page.getByLabel('Name', { exact: true }).fill('Caller Carla');
  await page.getByLabel('E-mail', { exact: true }).fill('carla@notify.example');
  await page.getByLabel('Or any time inside hours').fill(`${phoneDay}T19:00`);
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await page.locator('[role="alert"]').first().waitFor();
  assert(await page.getByLabel('Name', { exact: true }).inputValue() === 'Caller Carla', 'the caller\'s name is kept');
  await axeBoth(page, 'phone booking refused');
  await shot(page, 'setup-phone-refused');
  await page.getByLabel('Or any time inside hours').fill(`${phoneDay}T13:00`);
  await page.getByLabel('Send the guest a confirmation e-mail').uncheck();
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await page.locator('.banner.ok').waitFor();
  const carla = ok(await demo(server, 'GET', '/v1/admin/bookings?q=carla'), 'search', 200).items;
  assert(carla.length === 1 && Date.parse(carla[0].start) === Date.parse(`${phoneDay}T13:00:00Z`), 'booked at the typed time: ' + JSON.stringify(carla));
  const carlaMail = ok(await demo(server, 'GET', '/v1/admin/outbox?booking=' + carla[0].uid), 'outbox', 200).messages;
  assert(!carlaMail.some((m) => m.recipient === 'carla@notify.example' && !/remind/.test(m.template)), 'no confirmation to the caller: ' + JSON.stringify(carlaMail.map((m) => m.template)));

  // A 390 px phone: the fieldset fits and passes axe.
  await page.setViewportSize({ width: 390, height: 844 });
  nf = await open();
  await nf.scrollIntoViewIfNeeded();
  assert(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling at 390 px');
  await waitFor(async () => { const box = await nf.boundingBox(); return box && box.x >= 0 && box.x + box.width <= 390; }, 'the fieldset inside 390 px');
  await axeBoth(page, 'notifications at 390 px');
  await shot(page, 'setup-notifications-390');

  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log('host preview with an override and a holiday; page notifications: defaults shown, bad offset refused next to its field, saved, reopened, reminders planned at the offsets');
});
