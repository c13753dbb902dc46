// The console's front office (seed 004) in Chromium against the real server and SMTP
// sink: the owner adds a location; inquiries sent through the public API appear in the
// list; one is labelled with a new custom label and replied to (the guest's mail quotes
// the message, the inquiry awaits the reply); the filters find it; another is converted
// into a booking with the guest's data filled in; the booking gets the label and moves to
// the new office (asked whether to tell the guest); on the test clock the replied one
// becomes unconverted and the report of its day lists it; the staff member subscribes to
// the daily report. axe-core: 0 violations, light and dark; the 390 px bottom bar keeps
// its entries on screen and "More" opens the rest.
'use strict';
const { api, run, assert, axeBoth, shot, mails, plainText, waitFor, signIn } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const OWNER = ['owner@demo.kairos', 'kairos-demo'];
const demo = (server, method, p, body) => api(server, method, p, body, DEMO_KEY);

run('console_front', async (ctx) => {
  const { server, browser, log } = ctx;
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, ...OWNER);

  // A location in Setup.
  await page.goto(server.base + '/console/#/setup/locations');
  await page.getByRole('button', { name: 'New location' }).click();
  const lf = page.locator('form[data-form="location"]');
  await lf.getByLabel('Name', { exact: true }).fill('Shibuya office');
  await lf.getByLabel('Address').fill('Shibuya 1-2-3, Tokyo');
  await lf.getByLabel('Phone').fill('+81 3-1234-5678');
  await lf.getByLabel('Time zone').fill('Asia/Tokyo');
  await axeBoth(page, 'location form');
  await lf.getByRole('button', { name: 'Save' }).click();
  await page.locator('tr[data-location]').filter({ hasText: 'Shibuya office' }).waitFor();
  const loc = (await demo(server, 'GET', '/v1/admin/locations')).json.items.find((l) => l.name === 'Shibuya office');
  assert(loc && loc.timezone === 'Asia/Tokyo', 'location stored: ' + JSON.stringify(loc));
  await shot(page, 'front-locations');
  // The top bar's location picker offers it at once.
  await page.locator('[data-testid="location-picker"] option', { hasText: 'Shibuya office' }).waitFor({ state: 'attached' });

  // Two inquiries from the public API (as the widget sends them).
  const ask = (name, email, message) => api(server, 'POST', '/v1/inquiries', { page: 'demo', kind: 'question', guest: { name, email }, message }, null);
  const a = await ask('Hanna Guest', 'hanna@guest.example', 'Is there parking near the office?');
  assert(a.status === 201, 'inquiry A: ' + a.text);
  const b = await ask('Kenji Sato', 'kenji@guest.example', 'Could we meet next week about the contract?');
  assert(b.status === 201, 'inquiry B: ' + b.text);

  await page.goto(server.base + '/console/#/inquiries');
  await page.locator(`tr[data-inquiry="${a.json.id}"]`).waitFor();
  await page.locator(`tr[data-inquiry="${b.json.id}"]`).waitFor();
  await axeBoth(page, 'inquiries list');
  await shot(page, 'front-inquiries');

  // A: a new custom label, then a reply quoting the guest's message.
  await page.locator(`tr[data-inquiry="${a.json.id}"] a`).click();
  const dlg = page.getByRole('dialog');
  await dlg.locator('blockquote.guest-msg', { hasText: 'parking' }).waitFor();
  await dlg.getByLabel('New label').fill('vendor');
  await dlg.locator('form.new-label').getByRole('button', { name: 'Add' }).click();
  await dlg.locator('input[data-label="vendor"]:checked').waitFor();
  const vendor = (await demo(server, 'GET', '/v1/admin/labels')).json.items.find((l) => l.name === 'vendor');
  assert(vendor && vendor.kind === 'custom', 'custom label made');
  await waitFor(async () => ((await demo(server, 'GET', '/v1/admin/inquiries/' + a.json.id)).json.labels || []).includes(vendor.id), 'label on the inquiry');
  await dlg.locator('[data-action="reply"]').click();
  await dlg.locator('form[data-form="reply"] textarea').fill('Yes: the Times car park is next door.');
  await axeBoth(page, 'inquiry panel with reply');
  await shot(page, 'front-inquiry-reply');
  await dlg.getByRole('button', { name: 'Send reply' }).click();
  await waitFor(async () => (await demo(server, 'GET', '/v1/admin/inquiries/' + a.json.id)).json.state === 'awaiting_reply', 'awaiting reply');
  const reply = await waitFor(() => mails(server.sink.dir).map(plainText).find((t) => t.includes('Times car park')), 'the reply mail', 30000);
  assert(reply.includes('parking near the office'), "the reply quotes the guest's message: " + reply);
  await page.keyboard.press('Escape');

  // Filters: awaiting reply; the label.
  await page.getByRole('button', { name: 'Awaiting reply' }).click();
  await page.locator(`tr[data-inquiry="${a.json.id}"]`).waitFor();
  await waitFor(async () => (await page.locator(`tr[data-inquiry="${b.json.id}"]`).count()) === 0, 'B filtered out');
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await page.getByLabel('Label', { exact: true }).selectOption(vendor.id);
  await waitFor(async () => (await page.locator(`tr[data-inquiry="${b.json.id}"]`).count()) === 0 && (await page.locator(`tr[data-inquiry="${a.json.id}"]`).count()) === 1, 'label filter');
  await page.getByLabel('Label', { exact: true }).selectOption('');

  // B: converted into a booking with the guest's data filled in, on a free time.
  const from = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
  const slots = (await api(server, 'GET', `/v1/pages/demo/slots?event_type=intro&from=${from}&to=${to}&tz=UTC`, undefined, null)).json;
  const day = Object.keys(slots.days).find((d) => slots.days[d].length);
  await page.goto(server.base + '/console/#/inquiries/' + b.json.id);
  await dlg.locator('[data-action="convert"]').click();
  const cf = dlg.locator('form[data-form="convert"]');
  assert(await cf.getByLabel('Name', { exact: true }).inputValue() === 'Kenji Sato', 'guest name filled in');
  assert(await cf.getByLabel('E-mail', { exact: true }).inputValue() === 'kenji@guest.example', 'guest e-mail filled in');
  await cf.getByLabel('Date').fill(day);
  await cf.locator('button.slot').first().click();
  await axeBoth(page, 'convert form');
  await shot(page, 'front-convert');
  await cf.getByRole('button', { name: 'Book and mark converted' }).click();
  const conv = await waitFor(async () => { const j = (await demo(server, 'GET', '/v1/admin/inquiries/' + b.json.id)).json; return j.state === 'converted' && j; }, 'converted');
  const booking = (await demo(server, 'GET', '/v1/admin/bookings/' + conv.booking)).json;
  assert(booking.guest.email === 'kenji@guest.example', 'the booking has the guest of the inquiry');

  // The booking: a label, and a move to the new office (asked whether to tell the guest).
  await page.goto(server.base + '/console/#/booking/' + conv.booking);
  await dlg.locator('input[data-label="vendor"]').check();
  await waitFor(async () => ((await demo(server, 'GET', '/v1/admin/bookings/' + conv.booking)).json.labels || []).includes(vendor.id), 'label on the booking');
  const of = dlg.locator('form[data-form="office"]');
  await of.getByLabel('Office').selectOption(loc.id);
  await of.getByRole('button', { name: 'Change office' }).click();
  await page.getByRole('dialog', { name: 'Tell the guest?' }).waitFor();
  await axeBoth(page, 'office change question');
  await page.getByRole('button', { name: 'Save without telling' }).click();
  await waitFor(async () => (await demo(server, 'GET', '/v1/admin/bookings/' + conv.booking)).json.location === loc.id, 'booking moved to the office');
  await shot(page, 'front-booking-labels-office');
  await page.keyboard.press('Escape');

  // Seed 004's manual mail: select bookings in the list, write, send through the outbox.
  await page.goto(server.base + '/console/#/search?q=kenji');
  await page.locator(`tr[data-uid="${conv.booking}"] input[type="checkbox"]`).check();
  const mm = page.locator('form[data-form="manual-mail"]');
  await mm.getByLabel('Subject').fill('Parking at the Shibuya office');
  await mm.getByLabel('Text').fill('Please use the Times car park next door.');
  await axeBoth(page, 'manual mail');
  await mm.getByRole('button', { name: 'Send' }).click();
  await mm.locator('.banner.ok').waitFor();
  await waitFor(() => mails(server.sink.dir).find((m) => m.to.includes('kenji@guest.example') && plainText(m).includes('Times car park next door')), 'the manual mail', 30000);
  await shot(page, 'front-manual-mail');

  // Bounces where staff look (none yet: the empty state says so).
  await page.goto(server.base + '/console/#/messages');
  await page.getByRole('heading', { name: 'Bounced mail' }).waitFor();
  await axeBoth(page, 'messages with bounces');

  // The next day but one on the test clock: A (still awaiting the guest) is unconverted,
  // and the report of its day lists it. Sign in again: the clock moved past the session.
  const clock = await api(server, 'POST', '/v1/test/clock', { advance_seconds: 2 * 86400 + 3600 }, null);
  assert(clock.status === 200, 'test clock: ' + clock.text);
  await api(server, 'POST', '/v1/test/tick', {}, null);
  const un = await waitFor(async () => { const j = (await demo(server, 'GET', '/v1/admin/inquiries/' + a.json.id)).json; return j.state === 'unconverted' && j; }, 'unconverted');
  const rctx = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const rp = await rctx.newPage();
  rp.on('pageerror', (e) => errors.push(String(e)));
  await signIn(rp, server.base, ...OWNER);
  await rp.goto(server.base + '/console/#/inquiries?view=report');
  await rp.getByLabel('Date').fill(un.unconverted_on);
  await rp.locator(`table.report tr[data-inquiry="${a.json.id}"]`).waitFor();
  await rp.getByLabel('Mail me the report (owner@demo.kairos)').check();
  await waitFor(async () => ((await demo(server, 'GET', '/v1/admin/reports/settings')).json.subscribers || []).includes('owner@demo.kairos'), 'subscribed');
  await axeBoth(rp, 'unconverted report');
  await shot(rp, 'front-report');

  // Setup → Templates: a misspelt placeholder is refused next to the field; the live
  // preview fills the real ones.
  await rp.goto(server.base + '/console/#/setup/templates');
  const tf = rp.locator('form[data-form="template"]');
  await tf.waitFor();
  await rp.getByLabel('Message').selectOption('booking.approved.guest');
  await tf.getByLabel('Subject').fill('Hello {guest_nmae}');
  await tf.locator('.field-error', { hasText: 'does not exist' }).waitFor();
  await tf.getByLabel('Subject').fill('See you soon, {guest_name}');
  await rp.locator('[data-testid="template-preview"]', { hasText: 'See you soon, Maria Laine' }).waitFor();
  await tf.getByRole('button', { name: 'Save' }).click();
  await waitFor(async () => (await demo(server, 'GET', '/v1/admin/templates/booking.approved.guest/en')).json.subject === 'See you soon, {guest_name}', 'template saved');
  await waitFor(async () => (await rp.locator('form[data-form="template"]').getByLabel('Subject').inputValue()) === 'See you soon, {guest_name}', 'the saved text stays in the form');
  await axeBoth(rp, 'templates');
  await shot(rp, 'front-templates');

  // 390 px: the bottom bar shows every entry; the list stays usable.
  const phone = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const pp = await phone.newPage();
  await signIn(pp, server.base, ...OWNER);
  await pp.goto(server.base + '/console/#/inquiries');
  await pp.locator(`tr[data-inquiry="${a.json.id}"]`).waitFor();
  // Four entries and "More" in the bar, the rest in the More menu (e2e.console_layout
  // checks every label whole at every width).
  const boxes = await pp.locator('nav.side > ul a:visible, nav.side .more-btn:visible').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }));
  assert(boxes.length === 5, 'four entries and More: ' + boxes.length);
  for (const [l, r, top, bottom] of boxes) assert(l >= 0 && r <= 390 && top >= 0 && bottom <= 844, 'nav entry on screen: ' + [l, r, top, bottom]);
  await pp.locator('nav.side .more-btn').click();
  assert(await pp.locator('#more-menu a').count() >= 7, 'the rest in the More menu');
  await pp.keyboard.press('Escape');
  await axeBoth(pp, 'inquiries at 390 px');
  await shot(pp, 'front-inquiries-390');
  await pp.goto(server.base + '/console/#/inquiries/' + a.json.id);
  await pp.getByRole('dialog').locator('blockquote.guest-msg').waitFor();
  await shot(pp, 'front-inquiry-390');

  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log('inquiry listed, labelled, replied (mail quotes it), converted; booking labelled and moved; report lists the unconverted one');
});
