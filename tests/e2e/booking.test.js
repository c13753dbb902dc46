// A guest books end to end on the demo page (day → slot → form → confirm) through the
// widget's mirror; the booking then exists through the owner API, and the host page
// received kairos:slotSelected and kairos:bookingSuccessful from embed.js; the success
// screen's .ics holds the appointment and its manage link opens the booking.
'use strict';
const { api, run, assert, mirror, widgetFrame, firstBookableDay } = require('./lib');

run('booking', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(server.base + '/demo/');
  const frame = await widgetFrame(page);
  await mirror.screen(frame, 'calendar');

  const day = await firstBookableDay(frame);
  const slots = await mirror.slotsOfDay(frame, day);
  assert(slots.length > 0, 'the bookable day has slots');
  const slot = slots[0];
  log('booking', day, slot.start);
  await mirror.activate(frame, `select_slot:${slot.start}`);
  await mirror.screen(frame, 'form');
  await mirror.fill(frame, 'name', 'Aino Virtanen');
  await mirror.fill(frame, 'phone', '+358 40 123 4567');
  // A quick guest (or a password manager): the e-mail typed and "Next" pressed in the
  // same task, before a frame has drawn "Next" as enabled. The press must count.
  await frame.evaluate(() => {
    const email = document.querySelector('#kairos-mirror [data-field="email"]');
    email.value = 'aino.virtanen@example.com';
    email.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector('#kairos-mirror button[data-id="to_review"]').click();
  });
  await mirror.screen(frame, 'review');
  await mirror.activate(frame, 'confirm');
  await mirror.screen(frame, 'success');

  const uid = await frame.getAttribute('#kairos-mirror', 'data-booking').catch(() => null);
  const events = await page.evaluate(() => window.hostEvents.map((e) => e.type));
  assert(events.includes('kairos:loaded'), 'host page got kairos:loaded: ' + events);
  assert(events.includes('kairos:slotSelected'), 'host page got kairos:slotSelected: ' + events);
  const success = await page.evaluate(() => window.hostEvents.find((e) => e.type === 'kairos:bookingSuccessful'));
  assert(success && success.detail && success.detail.uid, 'host page got kairos:bookingSuccessful with a uid');
  log('uid', success.detail.uid, uid);

  // "Add to calendar" downloads an .ics of this very appointment.
  const [download] = await Promise.all([page.waitForEvent('download'), mirror.activate(frame, 'download_ics')]);
  const ics = require('fs').readFileSync(await download.path(), 'utf8');
  const basic = (iso) => new Date(iso).toISOString().replace(/[-:]/g, '').replace('.000', '');
  assert(ics.includes('BEGIN:VEVENT') && ics.includes('DTSTART:' + basic(slot.start)), 'the .ics holds the slot: ' + ics);

  // The manage link opens the widget on this booking.
  const manage = await frame.getAttribute('#kairos-mirror a[href]', 'href');
  const p2 = await browser.newPage();
  await p2.goto(manage);
  await mirror.screen(p2.mainFrame(), 'manage');
  const manageText = await p2.textContent('#kairos-mirror');
  assert(/Confirmed|Awaiting approval/.test(manageText), 'the manage screen shows the booking status: ' + manageText);

  const list = await api(server, 'GET', '/v1/admin/bookings?q=' + encodeURIComponent('aino.virtanen@example.com'), undefined, server.demoKey);
  assert(list.status === 200, 'owner API lists bookings: ' + list.status + ' ' + list.text);
  const items = Array.isArray(list.json) ? list.json : (list.json.bookings || list.json.items || []);
  const found = items.find((b) => b.uid === success.detail.uid);
  assert(found, 'the booking exists through the owner API: ' + list.text.slice(0, 500));
  assert(Date.parse(found.start) === Date.parse(slot.start), 'stored start equals the chosen slot');
}, ['availability', 'book', 'owner_bookings']);
