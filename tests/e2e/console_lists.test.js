// The console's lists in Chromium against the real server (issue 12):
// - owner content named in several languages (a page and its service in de, en, fi, ja;
//   the page's own language ja) shows in the staff member's console language wherever
//   a list names it — calendar block, booking panel, search results, phone booking
//   selects, proposals, confirmation requests, the location picker — and a console in a
//   language the names lack falls back to the page's language, as the core's
//   pick_language does (not to whichever language happens to come first);
// - Messages reads the outbox newest first (order=newest), a page at a time, and
//   "Show older" pages back with the cursor.
// axe-core: 0 violations, light and dark, at 1280 and 390 px; screenshots of each.
'use strict';
const { api, run, assert, axeBoth, shot, signIn, waitFor } = require('./console_lib.js');

const DEMO_KEY = 'kairos-demo-owner-key';
const PASSWORD = 'a long enough passphrase';
const demo = (server, method, p, body) => api(server, method, p, body, DEMO_KEY);
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
const PAGE_NAME = { de: 'Beratungsseite', en: 'Consultation page', fi: 'Konsultaatiosivu', ja: '相談ページ' };
const SERVICE = { de: 'Beratung', en: 'Consultation', fi: 'Konsultaatio', ja: '相談' };
const OFFICE = { de: 'Zweigstelle', en: 'Branch office', fi: 'Sivutoimisto', ja: '支店' };

run('console_lists', async (ctx) => {
  const { server, browser, log } = ctx;
  const ok = (r, what, status = 201) => { assert(r.status === status, `${what}: ${r.status} ${r.text}`); return r.json; };

  const office = ok(await demo(server, 'POST', '/v1/admin/locations', { name: OFFICE, address: 'Katu 1' }), 'location');
  const host = ok(await demo(server, 'POST', '/v1/admin/hosts', { name: 'Aino Virtanen', email: 'aino@lists.example', timezone: 'UTC', weekly_hours: ALL_DAY }), 'host');
  ok(await demo(server, 'POST', '/v1/admin/pages', { id: 'polyglot', name: PAGE_NAME, language: 'ja', hosts: [host.id], host_mode: 'any',
    event_types: [{ id: 'consult', name: SERVICE, duration_minutes: 30, auto_approve: true }] }), 'page');
  const from = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 4 * 86400000).toISOString().slice(0, 10);
  const slots = ok(await api(server, 'GET', `/v1/pages/polyglot/slots?event_type=consult&from=${from}&to=${to}&tz=UTC`, undefined, null), 'slots', 200);
  const free = Object.values(slots.days).flat();
  // Enough bookings that their mail fills more than one page of the Messages screen (50).
  const uids = [];
  for (let i = 0; i < 30; i++) {
    const b = ok(await api(server, 'POST', '/v1/bookings', { page: 'polyglot', event_type: 'consult', start: free[2 * i].start,
      guest: { name: 'Guest ' + i, email: `guest${i}@lists.example` } }, null), 'booking ' + i);
    uids.push(b.uid);
  }
  const first = uids[0];
  const firstStart = free[0].start;
  const prop = ok(await demo(server, 'POST', '/v1/admin/proposals', { page: 'polyglot', event_type: 'consult', host: host.id,
    candidates: [{ start: free[60].start, end: free[60].end }], guests: [{ name: 'Pekka', email: 'pekka@lists.example' }],
    send_mail: false, visibility: 'private' }), 'proposal');
  const req = ok(await demo(server, 'POST', '/v1/admin/confirmation-requests', { bookings: [first], recipients: ['guest0@lists.example'], allow_decline: true }), 'request');
  ok(await demo(server, 'POST', '/v1/admin/staff', { name: 'Fi Owner', email: 'fi@lists.example', role: 'owner', password: PASSWORD, language: 'fi' }), 'fi login');
  ok(await demo(server, 'POST', '/v1/admin/staff', { name: 'Hu Staff', email: 'hu@lists.example', role: 'staff', password: PASSWORD, language: 'hu' }), 'hu login');

  const errors = [];
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'fi@lists.example', PASSWORD);
  const text = async (sel) => ((await page.locator(sel).first().textContent()) || '').trim();

  // Calendar: the block names the service in Finnish.
  await page.goto(server.base + '/console/#/calendar');
  await page.locator('#cal-date').fill(firstStart.slice(0, 10));
  const block = page.locator(`a.block[data-uid="${first}"]`);
  await block.waitFor();
  await waitFor(async () => (await block.textContent()).includes(SERVICE.fi), 'the calendar block in Finnish');
  assert((await block.getAttribute('aria-label')).includes(SERVICE.fi), 'the block\'s label names the service');
  assert(!(await block.textContent()).includes(SERVICE.de), 'not the first language of the map');
  await shot(page, 'lists-calendar-fi');

  // The booking panel: service and page in Finnish.
  await block.click();
  const svc = page.getByRole('dialog').locator('[data-testid="service"]');
  await waitFor(async () => (await svc.textContent()) === `${SERVICE.fi} · ${PAGE_NAME.fi}`, 'the panel in Finnish');
  await axeBoth(page, 'booking panel in Finnish');
  await page.keyboard.press('Escape');

  // Search results have a service column in Finnish.
  await page.goto(server.base + '/console/#/search?q=guest0%40lists.example');
  await page.locator(`tr[data-uid="${first}"] [data-testid="service"]`).waitFor();
  assert(await text(`tr[data-uid="${first}"] [data-testid="service"]`) === SERVICE.fi, 'search result service');
  await axeBoth(page, 'search results in Finnish');
  await shot(page, 'lists-search-fi');

  // Phone booking: the page and service selects in Finnish; the location picker too.
  await page.goto(server.base + '/console/#/phone');
  await page.locator('option[value="polyglot"]').waitFor({ state: 'attached' });
  assert(await text('option[value="polyglot"]') === PAGE_NAME.fi, 'page option in Finnish');
  await page.locator('select:has(option[value="polyglot"])').selectOption('polyglot');
  await page.locator('option[value="consult"]').waitFor({ state: 'attached' });
  assert(await text('option[value="consult"]') === SERVICE.fi + ' (30 min)', 'service option in Finnish');
  assert(await text(`[data-testid="location-picker"] option[value="${office.id}"]`) === OFFICE.fi, 'office in Finnish');
  // A day without free times offers the next day in one press (a caller is waiting).
  const dateField = page.getByLabel('Päivä', { exact: true });
  const later = ok(await api(server, 'GET', `/v1/pages/polyglot/slots?event_type=consult&from=${to}&to=${new Date(Date.parse(to) + 2 * 86400000).toISOString().slice(0, 10)}&tz=UTC`, undefined, null), 'slots later', 200);
  const open = Object.values(later.days).flat()[0];
  await dateField.fill(open.start.slice(0, 10));
  await page.locator(`button.slot[data-start="${open.start}"]`).waitFor();
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await dateField.fill(yesterday);
  await page.locator('[data-testid="next-day"]').click();
  await waitFor(async () => (await dateField.inputValue()) === new Date(Date.parse(yesterday) + 86400000).toISOString().slice(0, 10), 'the next day shown');

  // Proposals and requests name the service in Finnish.
  await page.goto(server.base + '/console/#/proposals');
  await page.locator(`tr[data-proposal="${prop.id}"] [data-testid="service"]`).waitFor();
  assert(await text(`tr[data-proposal="${prop.id}"] [data-testid="service"]`) === SERVICE.fi, 'proposal service');
  await axeBoth(page, 'proposals in Finnish');
  await page.goto(server.base + '/console/#/requests');
  await page.locator(`tr[data-request="${req.id}"] [data-testid="service"]`).waitFor();
  assert((await text(`tr[data-request="${req.id}"] [data-testid="service"]`)).includes(SERVICE.fi), 'request service');
  await axeBoth(page, 'requests in Finnish');
  await shot(page, 'lists-requests-fi');

  // Messages: newest first, a page at a time; "Show older" reads on with the cursor.
  const newest = ok(await demo(server, 'GET', '/v1/admin/outbox?order=newest&limit=1'), 'newest message', 200).messages[0];
  await page.goto(server.base + '/console/#/messages');
  await page.getByLabel('Vain ongelmat').uncheck();
  const rows = page.locator('table.outbox tr[data-message]');
  await waitFor(async () => (await rows.count()) === 50, 'the first page of 50 messages');
  const ids = async () => (await rows.evaluateAll((l) => l.map((r) => Number(r.dataset.message))));
  let seen = await ids();
  assert(seen[0] === newest.id, `the newest message on top: ${seen[0]} vs ${newest.id}`);
  assert(seen.every((id, i) => i === 0 || id < seen[i - 1]), 'newest first: ' + seen.join(','));
  await axeBoth(page, 'messages newest first');
  await shot(page, 'lists-messages-fi');
  await page.getByRole('button', { name: 'Näytä vanhemmat viestit' }).click();
  await waitFor(async () => (await rows.count()) > 50, 'older messages appended');
  seen = await ids();
  assert(seen.every((id, i) => i === 0 || id < seen[i - 1]), 'still newest first after paging: ' + seen.join(','));
  const all = ok(await demo(server, 'GET', '/v1/admin/outbox?order=newest&limit=1000'), 'all messages', 200).messages.map((m) => m.id);
  assert(JSON.stringify(seen) === JSON.stringify(all.slice(0, seen.length)), 'the pages join without gaps or repeats');
  await page.setViewportSize({ width: 390, height: 844 });
  await axeBoth(page, 'messages at 390 px');
  await shot(page, 'lists-messages-fi-390');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await shot(page, 'lists-messages-fi-390-dark');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  await page.goto(server.base + '/console/#/search?q=guest0%40lists.example');
  await page.locator(`tr[data-uid="${first}"] [data-testid="service"]`).waitFor();
  await axeBoth(page, 'search results at 390 px');
  await shot(page, 'lists-search-fi-390');

  // Hungarian console: the names have no Hungarian, so the page's language (ja) — not
  // English, not the first key (de).
  const hc = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const hp = await hc.newPage();
  hp.on('pageerror', (e) => errors.push(String(e)));
  await signIn(hp, server.base, 'hu@lists.example', PASSWORD);
  await hp.goto(server.base + '/console/#/booking/' + first);
  const hsvc = hp.getByRole('dialog').locator('[data-testid="service"]');
  await waitFor(async () => (await hsvc.textContent()) === `${SERVICE.ja} · ${PAGE_NAME.ja}`, 'the panel falls back to the page language');
  await hp.keyboard.press('Escape');
  await hp.goto(server.base + '/console/#/phone');
  await hp.locator('option[value="polyglot"]').waitFor({ state: 'attached' });
  assert(((await hp.locator('option[value="polyglot"]').textContent()) || '').trim() === PAGE_NAME.ja, 'page option falls back to ja');
  // A location has no page: English is the fallback after the console's language.
  assert(((await hp.locator(`[data-testid="location-picker"] option[value="${office.id}"]`).textContent()) || '').trim() === OFFICE.en, 'office falls back to en');
  await shot(hp, 'lists-phone-hu');

  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log('names in the console language with the core\'s fallback in 7 lists; messages newest first with paging');
});
