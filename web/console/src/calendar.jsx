// Today and this week: a column per host (or room) for a day, or a column per day for a
// week; 15-minute rows; bookings as blocks coloured by state (pending striped and
// outlined), the current time as a line. A block opens the booking's drawer. Columns are
// named groups, not landmarks: two hosts may share a name (axe: landmark-unique).
import { useEffect, useState } from 'preact/hooks';
import { api, listAll, itemsOf, q } from './api.js';
import { t } from './i18n.js';
import { Tabs, Loading, FormError, Empty } from './ui.jsx';
import { useLocation, usePageNames } from './front.jsx';
import { today, addDays, mondayOf, fmtDay, fmtTime, minutesOfDay, isoDate, parseDate, hourLabel } from './time.js';

const PX = 1.6; // pixels per minute: 15-minute rows are 24 px, an hour 96 px
// The calendar keeps its place while a booking is open and after it closes.
const remembered = { view: 'day', date: null, by: 'host', host: '' };

export const bookingHosts = (b) => (Array.isArray(b.hosts) && b.hosts.length ? b.hosts.map((h) => (typeof h === 'string' ? h : h.id)) : [b.host && (b.host.id || b.host)].filter(Boolean));
export const guestName = (b) => (b.guest && b.guest.name) || (Array.isArray(b.guests) && b.guests[0] && b.guests[0].name) || '';

// A host's working hours on a local date, as minutes of the browser's day (shading only:
// what is bookable is the server's answer, shown by the booking page and the explain screen).
const WD = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
function workMinutes(h, day) {
  const o = (h.overrides || []).find((x) => x.date === day);
  const list = o ? o.hours || [] : ((h.weekly_hours || {})[WD[parseDate(day).getDay()]] || []);
  const zoneOffset = (tz, d) => {
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(d);
      const g = (k) => Number(parts.find((p) => p.type === k).value);
      return (Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute')) - d.getTime()) / 60000 + d.getTimezoneOffset();
    } catch (e) { return 0; }
  };
  const off = zoneOffset(h.timezone || 'UTC', parseDate(day)); // host zone minus browser zone, minutes
  return list.map(([a, b]) => {
    const m = (x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3, 5));
    let s = m(a) - off, e = m(b) - off;
    if (m(b) <= m(a)) e += 24 * 60; // runs past midnight
    return [Math.max(0, s), Math.min(24 * 60, e)];
  }).filter(([s, e]) => e > s);
}

function lanes(list) {
  // Side-by-side lanes for overlapping blocks in one column.
  const sorted = [...list].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const ends = [];
  return sorted.map((b) => {
    let lane = ends.findIndex((e) => e <= Date.parse(b.start));
    if (lane < 0) { lane = ends.length; ends.push(0); }
    ends[lane] = Date.parse(b.end);
    return { b, lane, of: () => ends.length };
  });
}

function Block({ b, top, height, lane, lanesN, names, svc }) {
  const label = `${fmtTime(b.start)}–${fmtTime(b.end)} ${guestName(b)} · ${svc} · ${t('st_' + b.status)}${b.arrived_at ? ' · ' + t('arrived') : ''}${b.request ? ' · ' + t('request') + ': ' + t('rs_' + b.request.state) : ''}`;
  return (
    <a href={'#/booking/' + encodeURIComponent(b.uid)} class={'block st-' + b.status} data-uid={b.uid}
       style={{ top: top + 'px', height: Math.max(height, 18) + 'px', left: `calc(${(lane / lanesN) * 100}% + 2px)`, width: `calc(${100 / lanesN}% - 4px)` }}
       aria-label={label} title={label}>
      <span class="b1"><span class="bt">{fmtTime(b.start)}</span> <span class="bn">{guestName(b)}</span>{b.arrived_at && <span class="arr" aria-hidden="true"> ✓</span>}{b.request && <span class={'req rq-' + b.request.state} aria-hidden="true"> ✉</span>}</span>
      {height >= 40 && <span class="bs">{svc}{names ? ' · ' + names : ''}</span>}
    </a>
  );
}

export function Calendar() {
  const [view, setView] = useState(remembered.view);
  const [date, setDate] = useState(remembered.date || today());
  const [by, setBy] = useState(remembered.by);
  const [host, setHost] = useState(remembered.host);
  const [data, setData] = useState(null);
  const [err, setErr] = useState(null);
  const [now, setNow] = useState(Date.now());
  const [changes, setChanges] = useState(0);
  const loc = useLocation();  // the top bar's office: its hosts, rooms and bookings only
  const N = usePageNames();
  useEffect(() => {
    // Any action elsewhere (approve in the panel, a phone booking) redraws the calendar.
    const f = () => setChanges((n) => n + 1);
    addEventListener('kairos:changed', f);
    return () => removeEventListener('kairos:changed', f);
  }, []);
  Object.assign(remembered, { view, date, by, host });

  const from = view === 'day' ? date : mondayOf(date);
  const days = view === 'day' ? 1 : 7;
  const to = addDays(from, days);
  useEffect(() => {
    let live = true;
    setErr(null);
    Promise.all([
      api('GET', '/v1/admin/hosts' + q({ location: loc })).then(itemsOf),
      api('GET', '/v1/admin/rooms' + q({ location: loc })).then(itemsOf).catch(() => []),
      // Local days of the browser: ask for a day more on each side, place by local time.
      listAll('/v1/admin/bookings' + q({ from: addDays(from, -1), to: addDays(to, 1), limit: 1000, location: loc })),
    ]).then(([hosts, rooms, bookings]) => { if (live) setData({ hosts, rooms, bookings }); }, (e) => live && setErr(e));
    const timer = setInterval(() => setNow(Date.now()), 60000);
    return () => { live = false; clearInterval(timer); };
  }, [from, to, changes, loc]);

  const step = (n) => setDate(addDays(date, n * days));
  const dayList = Array.from({ length: days }, (_, i) => addDays(from, i));
  let body = <Loading />;
  if (data) {
    const inRange = data.bookings.filter((b) => {
      const d = isoDate(new Date(b.start));
      return d >= from && d < to;
    });
    const visible = host ? inRange.filter((b) => bookingHosts(b).includes(host)) : inRange;
    const hostName = Object.fromEntries(data.hosts.map((h) => [h.id, h.name]));
    let startMin = 8 * 60, endMin = 18 * 60;
    for (const b of visible) {
      startMin = Math.min(startMin, Math.floor(minutesOfDay(b.start) / 60) * 60);
      const e = minutesOfDay(b.end) || 24 * 60;
      endMin = Math.max(endMin, Math.min(24 * 60, Math.ceil((e < minutesOfDay(b.start) ? 24 * 60 : e) / 60) * 60));
    }
    let columns;
    if (view === 'day' && by === 'host') columns = data.hosts.map((h) => ({ key: h.id, title: h.name, items: visible.filter((b) => bookingHosts(b).includes(h.id)), day: date, work: workMinutes(h, date) }));
    else if (view === 'day') columns = [...data.rooms.map((r) => ({ key: r.id, title: r.name, items: visible.filter((b) => (b.room && (b.room.id || b.room)) === r.id), day: date })),
      { key: '_none', title: t('room') + ': ' + t('none'), items: visible.filter((b) => !b.room), day: date }];
    else columns = dayList.map((d) => ({ key: d, title: fmtDay(d, { weekday: 'short', day: 'numeric' }), items: visible.filter((b) => isoDate(new Date(b.start)) === d), day: d, isToday: d === today() }));
    const hours = [];
    for (let m = startMin; m < endMin; m += 60) hours.push(m);
    const nowDate = new Date(now);
    const nowMin = nowDate.getHours() * 60 + nowDate.getMinutes();
    const height = (endMin - startMin) * PX;
    body = (
      <>
        {!data.hosts.length && !loc ? <p class="banner" data-testid="start-setup">{t('start_setup')} <a href="#/setup/hosts">{t('go_setup')}</a></p>
          : !visible.length && <Empty>{t('no_bookings')}</Empty>}
        {columns.length > 0 && <div class="cal" style={{ '--cols': columns.length }} tabIndex={0} role="region" aria-label={t('nav_calendar')}>
          <div class="cal-head" aria-hidden="true"><div class="gutter" />{columns.map((c) => <div class={'colhead' + (c.isToday ? ' today' : '')}>{c.title}</div>)}</div>
          <div class="cal-body" style={{ height: height + 'px' }}>
            <div class="gutter">{hours.map((m) => <div class="hour" style={{ top: (m - startMin) * PX + 'px' }}>{hourLabel(m / 60)}</div>)}</div>
            {columns.map((c) => (
              <div role="group" class={'col' + (c.isToday ? ' today' : '')} aria-label={c.title} data-col={c.key}>
                {hours.map((m) => <div class="hline" style={{ top: (m - startMin) * PX + 'px' }} />)}
                {(c.work || []).map(([a, b]) => <div class="work" style={{ top: (Math.max(a, startMin) - startMin) * PX + 'px', height: (Math.min(b, endMin) - Math.max(a, startMin)) * PX + 'px' }} />)}
                {c.day === isoDate(nowDate) && nowMin >= startMin && nowMin < endMin && <div class="now" style={{ top: (nowMin - startMin) * PX + 'px' }}><span class="sr">{t('now')}</span></div>}
                {(() => {
                  const ls = lanes(c.items);
                  const n = Math.max(1, ...ls.map((x) => x.lane + 1));
                  return ls.map(({ b, lane }) => {
                    const s = minutesOfDay(b.start);
                    let e = minutesOfDay(b.end);
                    if (e <= s) e = 24 * 60;
                    return <Block b={b} svc={N.service(b.page, b.event_type)} top={(s - startMin) * PX} height={(e - s) * PX} lane={lane} lanesN={n}
                      names={view === 'week' || by === 'room' ? bookingHosts(b).map((h) => hostName[h] || h).join(', ') : ''} />;
                  });
                })()}
              </div>
            ))}
          </div>
        </div>}
      </>
    );
  }
  const title = view === 'day' ? fmtDay(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) : `${fmtDay(from)} – ${fmtDay(addDays(to, -1))}`;
  return (
    <div class="screen">
      <div class="toolbar">
        <h1>{title}</h1>
        <div class="row">
          <button type="button" onClick={() => step(-1)} aria-label={t('prev')}>‹</button>
          <button type="button" onClick={() => setDate(today())}>{t('today')}</button>
          <button type="button" onClick={() => step(1)} aria-label={t('next')}>›</button>
          <label class="sr" for="cal-date">{t('date')}</label>
          <input id="cal-date" type="date" value={date} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
          <Tabs label={t('week')} value={view} onChange={setView} tabs={[['day', t('day')], ['week', t('week')]]} />
          {view === 'day' && <Tabs label={t('by_host')} value={by} onChange={setBy} tabs={[['host', t('by_host')], ['room', t('by_room')]]} />}
          {data && view === 'week' && <>
            <label class="sr" for="cal-host">{t('host')}</label>
            <select id="cal-host" value={host} onChange={(e) => setHost(e.currentTarget.value)}>
              <option value="">{t('hosts')}: *</option>
              {data.hosts.map((h) => <option value={h.id}>{h.name}</option>)}
            </select>
          </>}
        </div>
      </div>
      <div class="legend" aria-hidden="true">
        {['pending', 'approved', 'completed', 'cancelled', 'rejected', 'no_show'].map((s) => <span class={'block-mini st-' + s}>{t('st_' + s)}</span>)}
      </div>
      <FormError err={err} />
      {body}
    </div>
  );
}
export { parseDate };
