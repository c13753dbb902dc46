// The slots the widget shows (its mirror) equal the server's /slots answer for the same
// range and zone: America/New_York over the March 2027 DST change, and Asia/Tokyo.
// The page has a New York host who also works around the clock on Sundays, so the
// spring-forward gap (2027-03-14 02:00–03:00) falls inside the offered hours.
// Server and browser both run on the test clock, pinned to 2027-02-10, so the March
// 2027 dates stay in the future whatever the real date is.
'use strict';
const { api, run, assert, mirror, goToMonth } = require('./lib');

async function makePage(server) {
  const host = await api(server, 'POST', '/v1/admin/hosts', {
    name: 'Nora Host', email: 'nora@example.com', timezone: 'America/New_York',
    weekly_hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']],
                    thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sun: [['00:00', '24:00']] },
  }, server.adminKey);
  assert(host.status === 201, 'host created: ' + host.text);
  const page = await api(server, 'POST', '/v1/admin/pages', {
    id: 'parity', name: 'Parity clinic', language: 'en', hosts: [host.json.id], host_mode: 'any',
    event_types: [{ id: 'visit', name: 'Visit', duration_minutes: 60, slot_interval_minutes: 60, auto_approve: true }],
  }, server.adminKey);
  assert(page.status === 201, 'page created: ' + page.text);
}

async function compareMonth(ctx, frame, zone, ym) {
  const { server, log } = ctx;
  await goToMonth(frame, ym);
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const from = `${ym}-01`, to = `${ym}-${String(last).padStart(2, '0')}`;
  const answer = await api(server, 'GET', `/v1/pages/parity/slots?event_type=visit&from=${from}&to=${to}&tz=${encodeURIComponent(zone)}`);
  assert(answer.status === 200, '/slots answers: ' + answer.text.slice(0, 300));
  const serverDays = Object.fromEntries(Object.entries(answer.json.days).filter(([, v]) => v.length > 0));
  const widgetDays = await mirror.bookableDays(frame);
  assert(JSON.stringify(widgetDays) === JSON.stringify(Object.keys(serverDays).sort()),
         `${zone} ${ym}: bookable days differ\nwidget: ${widgetDays}\nserver: ${Object.keys(serverDays).sort()}`);
  let count = 0;
  for (const day of widgetDays) {
    const shown = (await mirror.slotsOfDay(frame, day)).map((s) => [Date.parse(s.start), Date.parse(s.end)]);
    const expected = serverDays[day].map((s) => [Date.parse(s.start), Date.parse(s.end)]);
    assert(JSON.stringify(shown) === JSON.stringify(expected),
           `${zone} ${day}: slots differ\nwidget: ${JSON.stringify(shown)}\nserver: ${JSON.stringify(expected)}`);
    count += shown.length;
  }
  assert(count > 0, `${zone} ${ym} has slots to compare`);
  log(zone, ym, widgetDays.length, 'days', count, 'slots identical');
  return serverDays;
}

const PINNED = Date.parse('2027-02-10T12:00:00Z');

// Freezes the server's test clock (--test-clock) at `ms` since the epoch, so both sides
// compute from the very same instant.
async function pinServerClock(server, ms) {
  const moved = await api(server, 'POST', '/v1/test/clock', { set: new Date(ms).toISOString().replace('.000Z', 'Z') });
  assert(moved.status === 200 && Date.parse(moved.json.now) === ms, 'clock pinned: ' + moved.text);
}

run('slots_parity', async (ctx) => {
  const { server, browser } = ctx;
  await makePage(server);
  await pinServerClock(server, PINNED);

  const ny = await browser.newPage({ viewport: { width: 900, height: 900 } });
  await ny.clock.setFixedTime(PINNED);  // the widget's Date.now(); timers keep running
  const availability = [];
  ny.on('request', (r) => { if (r.url().includes('/availability')) availability.push(r.url()); });
  await ny.goto(server.base + '/widget/?page=parity&lang=en&tz=America/New_York');
  await mirror.screen(ny.mainFrame(), 'calendar');
  const days = await compareMonth(ctx, ny.mainFrame(), 'America/New_York', '2027-03');
  assert(days['2027-03-14'] && days['2027-03-14'].length > 0, 'the spring-forward Sunday offers slots');

  // Switching the zone in the widget needs no reload; Tokyo sees the same instants on its own dates.
  const requestsBefore = availability.length;
  await mirror.select(ny.mainFrame(), 'set_zone', 'Asia/Tokyo');
  await compareMonth(ctx, ny.mainFrame(), 'Asia/Tokyo', '2027-03');
  assert(availability.length === requestsBefore, 'the zone change needed no availability request: ' + availability.slice(requestsBefore));
  assert(availability.filter((u) => u.includes('from=2027-02')).length === 1, 'March 2027 was asked for once');
  await compareMonth(ctx, ny.mainFrame(), 'Asia/Tokyo', '2027-04');
}, ['availability', 'slots', 'owner_hosts']);
