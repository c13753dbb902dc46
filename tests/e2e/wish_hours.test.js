// Issue 14 in the widget: "None of these times work? Suggest times" offers the hosts'
// real opening hours of the chosen day in the guest's zone (from the availability the
// calendar loads), not a fixed 08:00–19:00, and days when nobody works cannot be chosen.
// The demo page's hosts: Yui (Asia/Tokyo, Mon–Thu 09–12 and 13–18, Fri 09–15) and Aino
// (Europe/Helsinki, Mon–Thu 08:30–16:30, Fri 08:30–14:00). The guest is in Tokyo, so
// Aino's hours move by Helsinki's offset (DST included), computed here with Intl.
'use strict';
const { run, assert, mirror } = require('./lib');

const HOURS = {
  'Asia/Tokyo': { 1: [['09:00', '12:00'], ['13:00', '18:00']], 2: [['09:00', '12:00'], ['13:00', '18:00']],
    3: [['09:00', '12:00'], ['13:00', '18:00']], 4: [['09:00', '12:00'], ['13:00', '18:00']], 5: [['09:00', '15:00']] },
  'Europe/Helsinki': { 1: [['08:30', '16:30']], 2: [['08:30', '16:30']], 3: [['08:30', '16:30']],
    4: [['08:30', '16:30']], 5: [['08:30', '14:00']] },
};

// The UTC offset (minutes) of `zone` at instant `ms`.
function offset(zone, ms) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const v = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName').value;
  const m = /([+-])(\d\d):(\d\d)/.exec(v);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}
// Wall time hh:mm on `date` (YYYY-MM-DD) in `zone` → ms.
function at(zone, date, hm) {
  const guess = Date.parse(`${date}T${hm}:00Z`);
  return guess - offset(zone, guess - offset(zone, guess) * 60000) * 60000;
}
// The wished starts the guest in Tokyo should see on `date`: every hour from each merged
// opening span's start while the 30-minute intro call still ends inside it.
function expectedStarts(date) {
  const dayStart = at('Asia/Tokyo', date, '00:00'), dayEnd = dayStart + 86400000;
  const spans = [];
  for (const zone of Object.keys(HOURS)) {
    // The host's local dates that can touch the guest's day.
    for (const delta of [-1, 0, 1]) {
      const d = new Date(Date.parse(date + 'T00:00:00Z') + delta * 86400000).toISOString().slice(0, 10);
      const wd = new Date(d + 'T00:00:00Z').getUTCDay();
      for (const [a, b] of (HOURS[zone][wd] || [])) {
        const s = Math.max(at(zone, d, a), dayStart), e = Math.min(at(zone, d, b), dayEnd);
        if (s < e) spans.push([s, e]);
      }
    }
  }
  spans.sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const s of spans) {
    if (merged.length && merged[merged.length - 1][1] >= s[0]) merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], s[1]);
    else merged.push(s.slice());
  }
  const out = [];
  for (const [s, e] of merged) for (let t = s; t + 30 * 60000 <= e; t += 3600000) if (t > Date.now()) out.push(t);
  return out;
}

run('wish_hours', async ({ server, browser, log }) => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  await page.goto(`${server.base}/widget/?page=demo&lang=en&tz=Asia%2FTokyo`);
  const frame = page.mainFrame();
  await mirror.screen(frame, 'calendar');
  await mirror.activate(frame, 'start_suggest');
  await mirror.screen(frame, 'suggest');
  // Next month: every day of it lies ahead.
  const before = await frame.$eval('#kairos-mirror ul[data-id="days"] button', (b) => b.getAttribute('data-date'));
  await mirror.activate(frame, 'next_month');
  await frame.waitForFunction((b) => document.querySelector('#kairos-mirror ul[data-id="days"] button').getAttribute('data-date') !== b, before);
  // Closed days (weekends: nobody works) are disabled once the month's hours are in.
  await frame.waitForFunction(() => document.querySelectorAll('#kairos-mirror ul[data-id="days"] button:not([aria-disabled="true"])').length > 0,
                              null, { timeout: 15000 });
  const days = await frame.$$eval('#kairos-mirror ul[data-id="days"] button',
                                  (bs) => bs.map((b) => ({ date: b.getAttribute('data-date'), off: b.getAttribute('aria-disabled') === 'true' })));
  for (const d of days) {
    const wd = new Date(d.date + 'T00:00:00Z').getUTCDay();
    assert(d.off === (wd === 0 || wd === 6), `${d.date} (weekday ${wd}) is ${d.off ? 'disabled' : 'open'} for wishes`);
  }
  const monday = days.find((d) => new Date(d.date + 'T00:00:00Z').getUTCDay() === 1).date;
  const friday = days.find((d) => new Date(d.date + 'T00:00:00Z').getUTCDay() === 5).date;
  for (const date of [monday, friday]) {
    await mirror.activate(frame, `select_day:${date}`);
    await frame.waitForSelector(`#kairos-mirror ul[data-id="days"] button[data-date="${date}"][aria-pressed="true"]`, { state: 'attached' });
    const got = await frame.$$eval('#kairos-mirror ul[data-id="wishes"] button', (bs) => bs.map((b) => Date.parse(b.getAttribute('data-start'))));
    const want = expectedStarts(date);
    const show = (l) => l.map((t) => new Date(t + 9 * 3600000).toISOString().slice(11, 16)).join(' ');
    log(date, 'wished times offered (Tokyo):', show(got));
    assert(JSON.stringify(got) === JSON.stringify(want), `${date}: offered ${show(got)}, the hosts' hours give ${show(want)}`);
    // Monday has the Tokyo lunch break and no 08:00 (nobody works then in Tokyo's day).
    if (date === monday) assert(!show(got).includes('12:00') && !show(got).includes('08:00'), 'no wished time at 08:00 or in the lunch break');
  }
}, ['availability']);
