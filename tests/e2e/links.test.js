// Links from e-mails open the widget in their mode: a proposal (the guest picks one of
// the host's candidates, which becomes a booking; or asks for other times), a
// confirmation request (held for its undo window, the widget says so; once sent, the
// guest accepts), and the manage link of a booking (the guest reschedules, then cancels).
'use strict';
const { api, run, assert, mirror, firstBookableDay } = require('./lib');

function nextWeekday(daysAhead, hourUtc) {
  const d = new Date(Date.now() + daysAhead * 86400000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
}
const iso = (d) => d.toISOString().replace('.000', '');

run('links', async ({ server, browser, log }) => {
  const key = server.demoKey;
  const cfg = await api(server, 'GET', '/v1/pages/demo');
  const eventType = cfg.json.event_types[0];
  const hosts = await api(server, 'GET', '/v1/admin/hosts', undefined, key);
  const hostList = hosts.json && (Array.isArray(hosts.json) ? hosts.json : hosts.json.hosts || hosts.json.items);
  const hostId = hostList && hostList.length ? hostList[0].id : undefined;

  // --- proposal: choose the second candidate ---------------------------------------
  const dur = (eventType.duration_minutes || 30) * 60000;
  const c1 = nextWeekday(20, 14), c2 = nextWeekday(21, 15);
  const prop = await api(server, 'POST', '/v1/admin/proposals', {
    page: 'demo', event_type: eventType.id, host: hostId,
    candidates: [{ start: iso(c1), end: iso(new Date(c1.getTime() + dur)) }, { start: iso(c2), end: iso(new Date(c2.getTime() + dur)) }],
    guests: [{ name: 'Kenji Sato', company: 'Sato Trading', email: 'kenji@example.com' }],
    message: 'Please pick a time.', send_mail: false, visibility: 'private',
  }, key);
  assert(prop.status === 201, 'proposal created: ' + prop.text);
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await page.goto(server.base + '/widget/?proposal=' + encodeURIComponent(prop.json.token) + '&tz=UTC');
  await mirror.screen(page.mainFrame(), 'proposal');
  const candidates = await page.$$eval('#kairos-mirror ul[data-id="candidates"] button', (bs) => bs.map((b) => b.getAttribute('data-start')));
  assert(candidates.length === 2, 'two candidates shown: ' + candidates);
  await mirror.activate(page.mainFrame(), `choose_candidate:${candidates[1]}`);
  await mirror.screen(page.mainFrame(), 'done');
  const booked = await api(server, 'GET', '/v1/admin/bookings?q=kenji%40example.com', undefined, key);
  const items = Array.isArray(booked.json) ? booked.json : (booked.json.bookings || booked.json.items || []);
  assert(items.some((b) => Date.parse(b.start) === c2.getTime()), 'the chosen candidate is booked: ' + booked.text.slice(0, 400));
  log('proposal chosen', iso(c2));

  // --- proposal: none fits, ask for other times ------------------------------------------
  const c3 = nextWeekday(24, 13), c4 = nextWeekday(25, 13);
  const prop2 = await api(server, 'POST', '/v1/admin/proposals', {
    page: 'demo', event_type: eventType.id, host: hostId,
    candidates: [{ start: iso(c3), end: iso(new Date(c3.getTime() + dur)) }, { start: iso(c4), end: iso(new Date(c4.getTime() + dur)) }],
    guests: [{ name: 'Mika Laine', email: 'mika@example.com' }], send_mail: false, visibility: 'private',
  }, key);
  assert(prop2.status === 201, 'second proposal created: ' + prop2.text);
  const pr = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await pr.goto(server.base + '/widget/?proposal=' + encodeURIComponent(prop2.json.token) + '&lang=fi');
  await mirror.screen(pr.mainFrame(), 'proposal');
  await mirror.activate(pr.mainFrame(), 'start_readjust');
  await mirror.screen(pr.mainFrame(), 'readjust');
  await mirror.fill(pr.mainFrame(), 'readjust_message', 'Sopisiko ensi viikko?');
  await mirror.activate(pr.mainFrame(), 'send_readjust');
  await mirror.screen(pr.mainFrame(), 'done');
  const gone = await api(server, 'GET', '/v1/proposals/' + encodeURIComponent(prop2.json.token));
  assert(gone.status === 404 || /withdrawn|readjust/.test(gone.text), 'the proposal is closed after the re-adjust request: ' + gone.status + ' ' + gone.text.slice(0, 200));
  log('re-adjustment asked');

  // --- confirmation request: accept ---------------------------------------------------
  const slotsAnswer = await api(server, 'GET', `/v1/pages/demo/slots?event_type=${eventType.id}&from=${iso(nextWeekday(10, 0)).slice(0, 10)}&to=${iso(nextWeekday(17, 0)).slice(0, 10)}&tz=UTC`);
  const free = Object.values(slotsAnswer.json.days).flat()[0];
  const booking = await api(server, 'POST', '/v1/bookings', { page: 'demo', event_type: eventType.id, start: free.start,
                                                              guest: { name: 'Eva Kovács', email: 'eva@example.com' } });
  assert(booking.status === 201, 'booking for the request: ' + booking.text);
  const req = await api(server, 'POST', '/v1/admin/confirmation-requests', {
    bookings: [booking.json.uid], recipients: ['eva@example.com'], allow_decline: true, message: 'See you then?',
  }, key);
  assert(req.status === 201, 'confirmation request created: ' + req.text);
  // Eva's own link (like the button of her mail) says who answers; the owner's plain
  // token would need her e-mail.
  let token = new URL(req.json.recipient_urls['eva@example.com']).searchParams.get('request');
  if (!token) {
    const outbox = await api(server, 'GET', '/v1/admin/outbox?booking=' + booking.json.uid, undefined, key);
    const m = /request=([A-Za-z0-9_\-.%]+)|\/requests\/([A-Za-z0-9_\-.%]+)/.exec(outbox.text);
    token = m && decodeURIComponent(m[1] || m[2]);
  }
  assert(token, 'the request link token is known');
  const p2 = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await p2.goto(server.base + '/widget/?request=' + encodeURIComponent(token) + '&lang=hu&tz=Europe/Budapest');
  await mirror.screen(p2.mainFrame(), 'request');
  assert(await p2.locator('#kairos-mirror button[data-id="start_decline"]').count() === 1, 'declining is offered');
  const listed = await p2.$$eval('#kairos-mirror p', (ps) => ps.map((p) => p.textContent).join(' | '));
  assert(listed.includes(free.start.slice(0, 4)), 'the appointment is listed (its year): ' + listed);
  const before = await api(server, 'GET', '/v1/requests/' + encodeURIComponent(token));
  assert(before.json.state === 'pending_send', 'a new request is held for the undo window: ' + before.text.slice(0, 200));
  await mirror.activate(p2.mainFrame(), 'accept_request');
  // Inside the 10-minute undo window the mail has not gone out: the server refuses, and
  // the widget says so in the guest's language instead of pretending.
  await p2.waitForSelector('#kairos-mirror[data-screen="request"][aria-busy="false"] [role="alert"]', { state: 'attached' });
  const alert = await p2.textContent('#kairos-mirror [role="alert"]');
  assert(/még nem küldtük el/.test(alert), 'clear Hungarian message for a held request: ' + alert);
  log('request held: widget shows', alert);
  // Eleven minutes later (the server's test clock) the mail has gone out: accepting works.
  const clock = await api(server, 'POST', '/v1/test/clock', { advance_seconds: 660 });
  assert(clock.status === 200, 'test clock moved: ' + clock.text);
  await p2.reload();
  await mirror.screen(p2.mainFrame(), 'request');
  await mirror.activate(p2.mainFrame(), 'accept_request');
  await mirror.screen(p2.mainFrame(), 'done');
  const state = await api(server, 'GET', '/v1/requests/' + encodeURIComponent(token));
  assert(state.json.state === 'accepted', 'the request is accepted: ' + state.text.slice(0, 300));

  // --- manage link: reschedule, then cancel ----------------------------------------------
  const manageUrl = server.base + `/widget/?booking=${encodeURIComponent(booking.json.uid)}&token=${encodeURIComponent(booking.json.token)}&lang=de`;
  const p4 = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await p4.goto(manageUrl);
  await mirror.screen(p4.mainFrame(), 'manage');
  await mirror.activate(p4.mainFrame(), 'start_reschedule');
  await mirror.screen(p4.mainFrame(), 'calendar');
  const newDay = await firstBookableDay(p4.mainFrame());
  const choices = await mirror.slotsOfDay(p4.mainFrame(), newDay);
  const target = choices.find((c) => Date.parse(c.start) !== Date.parse(free.start));
  await mirror.activate(p4.mainFrame(), `select_slot:${target.start}`);
  await mirror.screen(p4.mainFrame(), 'review');
  await mirror.activate(p4.mainFrame(), 'confirm');
  await mirror.screen(p4.mainFrame(), 'done');
  const moved = await api(server, 'GET', `/v1/bookings/${booking.json.uid}?token=${encodeURIComponent(booking.json.token)}`);
  assert(Date.parse(moved.json.start) === Date.parse(target.start), 'the booking moved to the new time: ' + moved.text.slice(0, 300));
  log('rescheduled to', target.start);

  const p3 = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await p3.goto(manageUrl);
  await mirror.screen(p3.mainFrame(), 'manage');
  await mirror.activate(p3.mainFrame(), 'start_cancel');
  await mirror.screen(p3.mainFrame(), 'cancel');
  await mirror.activate(p3.mainFrame(), 'confirm_cancel');
  await mirror.screen(p3.mainFrame(), 'done');
  const after = await api(server, 'GET', `/v1/bookings/${booking.json.uid}?token=${encodeURIComponent(booking.json.token)}`);
  assert(/cancelled/.test(after.text), 'the booking is cancelled: ' + after.text.slice(0, 300));
}, ['book', 'owner_bookings', 'proposals', 'requests']);
