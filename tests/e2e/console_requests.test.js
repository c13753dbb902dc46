// Confirmation requests (seed 002) end to end in the console, in Chromium against the real
// server and SMTP sink, signed in as a `staff` member: from a booking the console suggests
// the same guest's other booking that week; the preview is the mail as the guest will
// read it; after Send a 10-minute countdown runs. The Requests list names the guest on
// every row and the row opens the request (keyboard: Tab to the guest, Enter), with its
// bookings linked. On the test clock the mail goes out and arrives; the guest declines
// from the mailed link; the list, the request, the booking's panel (whose request badge
// opens the request; its history says who declined and why, in words) and the Declined
// tray all show it. A booking made from a proposal
// opens its proposal (state, candidates, message) from its panel and from the list; its
// guests are edited as a list (a second guest added, the history says so). A booking
// cancelled with a reason shows it in its history and the guest's mail. At 390 px the rows are cards
// whose guest link is on screen and opens the request. axe-core: 0 violations, light and
// dark, at 1280 and 390 px; screenshots console-requests-*.png.
'use strict';
const { api, run, assert, axeBoth, shot, signIn, waitFor, mails, plainText } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const PASSWORD = 'a long enough passphrase';
const demo = (server, method, p, body) => api(server, method, p, body, DEMO_KEY);
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '18:00']]]));
const GUEST = 'Maria Virtanen', EMAIL = 'maria@requests.example';

run('console_requests', async (ctx) => {
  const { server, browser, log } = ctx;
  const ok = (r, what, status = 201) => { assert(r.status === status, `${what}: ${r.status} ${r.text}`); return r.json; };

  const host = ok(await demo(server, 'POST', '/v1/admin/hosts', { name: 'Dr. Mika Laine', email: 'mika@requests.example', timezone: 'UTC', weekly_hours: ALL_DAY }), 'host');
  ok(await demo(server, 'POST', '/v1/admin/pages', { id: 'physio', name: 'Laine Physio', language: 'en', hosts: [host.id], host_mode: 'any',
    event_types: [{ id: 'session', name: 'Physio session', duration_minutes: 45, auto_approve: true }] }), 'page');
  ok(await demo(server, 'POST', '/v1/admin/staff', { name: 'Sari Staff', email: 'sari@requests.example', role: 'staff', password: PASSWORD, language: 'en' }), 'staff login');

  // Maria books a Tuesday and the Thursday of the same week (a week ahead); Pekka books too.
  const d = new Date(Date.now() + 7 * 86400000);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  const tue = d.toISOString().slice(0, 10);
  const thu = new Date(d.getTime() + 2 * 86400000).toISOString().slice(0, 10);
  const slots = ok(await api(server, 'GET', `/v1/pages/physio/slots?event_type=session&from=${tue}&to=${thu}&tz=UTC`, undefined, null), 'slots', 200);
  const book = async (day, i, name, email) => ok(await api(server, 'POST', '/v1/bookings', { page: 'physio', event_type: 'session',
    start: slots.days[day][i].start, guest: { name, email, phone: '+358401234567' } }, null), 'booking ' + name + ' ' + day);
  const first = await book(tue, 2, GUEST, EMAIL);
  const second = await book(thu, 4, GUEST, EMAIL);
  const pekka = await book(tue, 6, 'Pekka Lahti', 'pekka@requests.example');

  const errors = [];
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'sari@requests.example', PASSWORD);

  // From the booking's panel: Ask to confirm suggests Thursday's booking of the same guest.
  await page.goto(server.base + '/console/#/booking/' + first.uid);
  const drawer = page.getByRole('dialog').first();
  await drawer.locator('button[data-action="confirm-request"]').click();
  const rq = page.getByRole('dialog', { name: 'Ask to confirm' });
  await rq.waitFor();
  const related = rq.locator('fieldset label.check');
  await waitFor(async () => (await related.count()) === 2, 'the same guest\'s other booking that week is suggested');
  assert(await related.nth(1).locator('input').isChecked(), 'the suggested booking is ticked');
  assert((await related.nth(1).textContent()).includes(GUEST), 'the suggestion names the guest');
  await rq.getByLabel('Message').fill('Are you still coming to both sessions?');
  await rq.getByRole('button', { name: 'Preview' }).click();
  const preview = rq.locator('article.mail-preview').first();
  await preview.waitFor();
  assert((await preview.textContent()).includes('Are you still coming to both sessions?'), 'the preview holds the message');
  await axeBoth(page, 'request preview');
  await shot(page, 'requests-preview');
  await rq.getByRole('button', { name: 'Send' }).click();
  const timer = rq.getByRole('timer');
  await timer.waitFor();
  assert(/Sending in (9|10):\d\d/.test(await timer.textContent()), 'a 10-minute countdown: ' + await timer.textContent());
  await page.keyboard.press('Escape');
  await rq.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  const reqs = ok(await demo(server, 'GET', '/v1/admin/confirmation-requests'), 'requests', 200).items;
  assert(reqs.length === 1 && reqs[0].bookings.length === 2, 'one request for both bookings: ' + JSON.stringify(reqs));
  const id = reqs[0].id;
  assert(reqs[0].bookings.every((b) => b.guest && b.guest.name === GUEST), 'the API names the guest of each booking');

  // The Requests list: the guest's name on the row; Tab to it and Enter opens the request.
  await page.goto(server.base + '/console/#/requests');
  const row = page.locator(`tr[data-request="${id}"]`);
  const who = row.locator('[data-testid="request-guest"]');
  await who.waitFor();
  assert((await who.textContent()).trim() === GUEST, 'the row names the guest: ' + await who.textContent());
  assert((await row.textContent()).includes('Waiting to send'), 'the row says the request waits');
  await row.getByRole('timer').waitFor();
  await axeBoth(page, 'requests list');
  await shot(page, 'requests-list');
  await page.locator('main h1').focus();
  let tabs = 0;
  while (!(await who.evaluate((el) => el === document.activeElement)) && tabs++ < 30) await page.keyboard.press('Tab');
  assert(tabs <= 30, 'the guest link is reachable with Tab');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('dialog', { name: `Confirmation request · ${GUEST}` });
  await detail.waitFor();
  assert(page.url().endsWith('#/requests/' + id), 'the request has its own address: ' + page.url());
  await waitFor(async () => (await detail.locator('li[data-uid]').count()) === 2, 'both bookings in the request');
  assert((await detail.locator(`li[data-uid="${second.uid}"]`).textContent()).includes(GUEST), 'each booking names the guest');
  assert((await detail.textContent()).includes('Are you still coming to both sessions?'), 'the message is shown');
  await detail.getByRole('timer').waitFor();
  await axeBoth(page, 'request detail, waiting');
  await shot(page, 'requests-detail-waiting');
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'detached' });
  assert(page.url().endsWith('#/requests'), 'closing returns to the list');

  // Eleven minutes later on the server's clock the mail leaves and arrives.
  ok(await api(server, 'POST', '/v1/test/clock', { advance_seconds: 660 }), 'clock', 200);
  // The mail's buttons are signed links (/v1/links/…); the decline one opens the widget
  // on the request (?request=<token>&decline=1), as the guest's click would.
  const body = (m) => plainText(m).replace(/=\r?\n/g, '').replace(/=3D/g, '=');  // quoted-printable or not
  const linksOf = (m) => [...new Set(body(m).match(/https?:\/\/[^\s"<>]*\/v1\/links\/[A-Za-z0-9_\-.~%]+/g) || [])];
  let mail;
  await waitFor(async () => {
    await api(server, 'POST', '/v1/test/tick', {});
    mail = mails(server.sink.dir).find((m) => m.to.includes(EMAIL) && body(m).includes('Are you still coming to both sessions?'));
    return !!mail;
  }, 'the request mail arrives');
  let token = null;
  for (const l of linksOf(mail)) {
    const r = await fetch(l.replace(/^https?:\/\/[^/]+/, server.base), { redirect: 'manual' });
    const to = r.headers.get('location') || '';
    if (/decline=1/.test(to)) token = new URL(to, server.base).searchParams.get('request');
  }
  assert(token, 'the mail has a decline button: ' + linksOf(mail).join(' '));
  // The guest declines from the mailed link.
  ok(await api(server, 'POST', `/v1/requests/${encodeURIComponent(token)}/decline`, { email: EMAIL, reason: 'I am travelling that week' }, null), 'decline', 200);
  const pub = ok(await api(server, 'GET', '/v1/requests/' + encodeURIComponent(token), undefined, null), 'public view', 200);
  assert(pub.bookings.every((b) => !b.guest) && !pub.recipients, 'the link\'s view names no one: ' + JSON.stringify(pub));

  // The list, the request, the booking's panel and the Declined tray say so.
  await page.reload();
  await row.waitFor();
  await waitFor(async () => (await row.textContent()).includes('Declined'), 'the row says declined');
  assert((await who.textContent()).trim() === GUEST, 'still named after the guest');
  await who.click();
  await detail.waitFor();
  await detail.locator('[data-testid="decline-reason"]').waitFor();
  assert((await detail.locator('[data-testid="decline-reason"]').textContent()) === 'I am travelling that week', 'the reason is shown');
  assert((await detail.locator('[data-testid="answered"]').textContent()).includes(EMAIL), 'who answered');
  await waitFor(async () => (await detail.locator('.msgs li.ms-sent').count()) >= 1, 'the sent mail in the request');
  await axeBoth(page, 'request detail, declined');
  await shot(page, 'requests-detail-declined');
  // A booking of the request opens its panel, which shows the request's state and links back.
  await detail.locator(`li[data-uid="${first.uid}"] a`).click();
  const panel = page.getByRole('dialog', { name: new RegExp(GUEST) });
  const badge = panel.locator('[data-testid="booking-request"]');
  await badge.waitFor();
  assert((await badge.textContent()).includes('Declined'), 'the booking shows the request declined: ' + await badge.textContent());
  // Its history says so in words, with who and why (not the stored event codes).
  const declinedEntry = panel.locator('[data-testid="history"] li[data-event="request_declined"]');
  await declinedEntry.waitFor();
  const said = (await declinedEntry.textContent()).replace(/\s+/g, ' ');
  assert(said.includes('Declined when asked to confirm (guest)') && said.includes('I am travelling that week'), 'the history entry in words: ' + said);
  assert((await panel.locator('[data-testid="history"] li[data-event="created"]').textContent()).includes('Booked (guest)'), 'the booking entry in words');
  await badge.click();
  await detail.waitFor();
  await page.keyboard.press('Escape');
  await detail.waitFor({ state: 'detached' });
  const trayApi = ok(await demo(server, 'GET', '/v1/admin/bookings?tray=declined'), 'tray', 200);
  assert((trayApi.items || []).some((x) => x.uid === first.uid), 'the API\'s Declined tray: ' + JSON.stringify(trayApi).slice(0, 400));
  // Straight from All to the Declined tray (a list of bookings, not of requests).
  await page.getByRole('button', { name: 'Declined', exact: true }).click();
  const tray = page.locator(`tr[data-uid="${first.uid}"]`);
  await tray.waitFor();
  assert((await tray.textContent()).includes(GUEST), 'the Declined tray names the guest');
  assert(await page.locator(`tr[data-uid="${second.uid}"]`).count() === 1, 'both declined bookings in the tray');
  await axeBoth(page, 'declined tray');
  await shot(page, 'requests-declined-tray');

  // A booking that came from a proposal (seed 000) opens its proposal the same way.
  const fromHour = (h) => slots.days[thu].find((x) => new Date(x.start).getUTCHours() >= h);
  const prop = ok(await demo(server, 'POST', '/v1/admin/proposals', { page: 'physio', event_type: 'session', host: host.id,
    candidates: [fromHour(14), fromHour(16)].map((x) => ({ start: x.start, end: x.end })),
    guests: [{ name: 'Taro Yamada', email: 'taro@requests.example' }], message: 'Either works for us.', send_mail: false, visibility: 'private' }), 'proposal');
  const ptoken = prop.token || new URL(prop.url).searchParams.get('proposal') || prop.url.split('/').pop();
  const chosen = await api(server, 'POST', `/v1/proposals/${encodeURIComponent(ptoken)}/choose`, { start: fromHour(16).start }, null);
  assert(chosen.status === 200 || chosen.status === 201, 'the guest chose: ' + chosen.text);
  await page.goto(server.base + '/console/#/booking/' + chosen.json.uid);
  const plink = page.getByRole('dialog', { name: /Taro Yamada/ }).locator('[data-testid="booking-proposal"]');
  await plink.waitFor();
  await plink.focus();
  await page.keyboard.press('Enter');
  const pdetail = page.getByRole('dialog', { name: 'Proposal · Taro Yamada' });
  await pdetail.waitFor();
  assert((await pdetail.locator('[data-testid="proposal-state"]').textContent()) === 'Chosen', 'the proposal is chosen');
  assert(await pdetail.locator('[data-testid="candidates"] li').count() === 2, 'both candidate times');
  assert((await pdetail.textContent()).includes('Either works for us.'), 'the proposal\'s message');
  await axeBoth(page, 'proposal detail');
  await shot(page, 'requests-proposal-detail');
  await page.keyboard.press('Escape');
  await pdetail.waitFor({ state: 'detached' });
  // The visit's guests are edited as a list: a second guest is added (seed 000's "guests").
  await page.goto(server.base + '/console/#/booking/' + chosen.json.uid);
  const tpanel = page.getByRole('dialog', { name: /Taro Yamada/ });
  await tpanel.locator('button[data-action="edit"]').click();
  const ef = page.locator('form[data-form="edit"]');
  assert(await ef.getByLabel('Name', { exact: true }).inputValue() === 'Taro Yamada', 'the first guest in the form');
  await ef.getByRole('button', { name: '+ Add guest' }).click();
  await ef.getByLabel('Name (Guest 2)').fill('Hanako Yamada');
  await ef.getByLabel('E-mail (Guest 2)').fill('hanako@requests.example');
  await ef.getByLabel('Company (Guest 2)').fill('Yamada KK');
  await axeBoth(page, 'edit with two guests');
  await shot(page, 'requests-edit-guests');
  await ef.getByRole('button', { name: 'Save', exact: true }).click();
  const tell = page.getByRole('dialog', { name: 'Tell the guest?' });
  assert((await tell.textContent()).includes('Guests'), 'the question names the guests: ' + await tell.textContent());
  await tell.getByRole('button', { name: 'Save without telling' }).click();
  await tpanel.locator('[data-testid="history"] li[data-event="edited"]').waitFor();
  const two = ok(await demo(server, 'GET', '/v1/admin/bookings/' + chosen.json.uid), 'booking', 200);
  const names = [two.guest, ...(two.other_guests || [])].map((g) => g.name + '/' + g.email + '/' + (g.company || ''));
  assert(JSON.stringify(names) === JSON.stringify(['Taro Yamada/taro@requests.example/', 'Hanako Yamada/hanako@requests.example/Yamada KK']), 'two guests stored: ' + JSON.stringify([two.guest, two.other_guests]));
  assert((await tpanel.locator('[data-testid="history"] li[data-event="edited"]').textContent()).includes('guest added'), 'the history names the change');
  await page.keyboard.press('Escape');
  await page.goto(server.base + '/console/#/proposals');
  await page.getByRole('button', { name: 'Chosen', exact: true }).click();
  await page.locator(`tr[data-proposal="${prop.id}"] [data-testid="proposal-guests"]`).click();
  await pdetail.waitFor();
  await page.keyboard.press('Escape');

  // Cancel with a reason for the guest: the reason is in the history and the guest's mail.
  await page.goto(server.base + '/console/#/booking/' + pekka.uid);
  const ppanel = page.getByRole('dialog', { name: /Pekka Lahti/ });
  await ppanel.locator('button[data-action="cancel"]').click();
  await ppanel.getByLabel('Reason (sent to the guest)').fill('The doctor is ill that day');
  await ppanel.getByRole('button', { name: 'Cancel booking' }).click();
  await ppanel.locator('.badge.st-cancelled').waitFor();
  await ppanel.locator('[data-testid="history"] li[data-event="cancelled"]', { hasText: 'Cancelled (staff) · The doctor is ill that day' }).waitFor();
  await waitFor(async () => {
    await api(server, 'POST', '/v1/test/tick', {});
    return mails(server.sink.dir).some((m) => m.to.includes('pekka@requests.example') && body(m).includes('The doctor is ill that day'));
  }, 'the cancellation mail with the reason');
  await page.keyboard.press('Escape');

  // A 390 px phone: the rows are cards with the guest link on screen; it opens the request.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.base + '/console/#/requests');
  await who.waitFor();
  await who.scrollIntoViewIfNeeded();
  const box = await who.boundingBox();
  assert(box && box.x >= 0 && box.x + box.width <= 390, 'the guest link is on a 390 px screen: ' + JSON.stringify(box));
  assert(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling at 390 px');
  await axeBoth(page, 'requests list at 390 px');
  await shot(page, 'requests-list-390');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await shot(page, 'requests-list-390-dark');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  await who.click();
  await detail.waitFor();
  await axeBoth(page, 'request detail at 390 px');
  await shot(page, 'requests-detail-390');

  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log('request suggested, previewed, counted down, mailed, declined; list rows name the guest and open the request');
});
