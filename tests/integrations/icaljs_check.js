// Reads an iCalendar file with ical.js (Mozilla's parser, used by Thunderbird and many web
// calendars) and prints one JSON line per event: a third parser that shares nothing with
// libical or python's icalendar. Usage: node icaljs_check.js FILE
'use strict';
const fs = require('fs');
const path = require('path');
const ICAL = require(require.resolve('ical.js', { paths: [path.join(__dirname, '..', 'e2e')] }));

const text = fs.readFileSync(process.argv[2], 'utf8');
const cal = new ICAL.Component(ICAL.parse(text));
if (cal.getFirstPropertyValue('version') !== '2.0') throw new Error('VERSION is not 2.0');
for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
for (const vevent of cal.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(vevent);
  for (const t of [ev.startDate, ev.endDate]) {
    if (t.isDate || t.zone === ICAL.Timezone.localTimezone) throw new Error(`floating or all-day time in ${ev.uid}`);
  }
  if (!vevent.hasProperty('dtstamp')) throw new Error(`no DTSTAMP in ${ev.uid}`);
  console.log(JSON.stringify({
    uid: ev.uid,
    status: vevent.getFirstPropertyValue('status') || '',
    sequence: ev.sequence || 0,
    start: ev.startDate.toUnixTime(),
    end: ev.endDate.toUnixTime(),
    summary: ev.summary || '',
  }));
}
