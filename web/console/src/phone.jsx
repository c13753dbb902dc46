// A booking for a caller on the phone (POST /v1/admin/bookings): page, service, a free
// time from the same slots the guest sees (or any time; the core still refuses
// overlaps), the guest, and whether to send them the confirmation.
import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf, q } from './api.js';
import { t, pickText } from './i18n.js';
import { Field, Check, FormError, Loading, Empty, useLoad, announce } from './ui.jsx';
import { today, addDays, browserZone, fmtTime, fmtDateTime, fromLocalInput } from './time.js';

// A page's or service's name in the console's language; `fallback` is the page's language.
export const nameOf = (x, fallback) => (x && pickText(x.name, fallback || x.language)) || (x && x.id) || '';

export function PagePicker({ pages, page, setPage, et, setEt, err }) {
  const p = pages.find((x) => x.id === page);
  return (
    <div class="grid2">
      <Field label={t('page')} name="page" err={err}>
        <select value={page} onChange={(e) => { setPage(e.currentTarget.value); setEt(''); }}>
          {pages.map((x) => <option value={x.id}>{nameOf(x)}</option>)}
        </select>
      </Field>
      <Field label={t('service')} name="event_type" err={err}>
        <select value={et} onChange={(e) => setEt(e.currentTarget.value)}>
          {(p ? p.event_types || [] : []).map((x) => <option value={x.id}>{nameOf(x, p.language)} ({x.duration_minutes} min)</option>)}
        </select>
      </Field>
    </div>
  );
}

export function usePages(initialPage = '') {
  const pages = useLoad(() => api('GET', '/v1/admin/pages').then(itemsOf), []);
  const [page, setPage] = useState(initialPage);
  const [et, setEt] = useState('');
  const list = pages.data || [];
  const pg = list.find((x) => x.id === page) || list[0];
  const ev = pg && ((pg.event_types || []).find((x) => x.id === et) || (pg.event_types || [])[0]);
  return { pages, list, page: pg ? pg.id : '', setPage, et: ev ? ev.id : '', setEt, pg, ev };
}

// The free times of a day, as the guest would see them (GET /v1/pages/{page}/slots);
// used by the phone booking and by converting an inquiry into a booking.
// onDate: a day without free times offers the next day in one press (a caller waits).
export function SlotPicker({ page, et, date, tz, value, onChange, onError, onDate }) {
  const [slots, setSlots] = useState(null);
  useEffect(() => {
    if (!page || !et || !date) return;
    setSlots(null); onChange('');
    api('GET', `/v1/pages/${encodeURIComponent(page)}/slots` + q({ event_type: et, from: date, to: addDays(date, 1), tz }))
      .then((r) => setSlots((r.days && r.days[date]) || []), (e) => { setSlots([]); if (onError) onError(e); });
  }, [page, et, date, tz]);
  return (
    <fieldset><legend>{t('choose_time')}</legend>
      {slots === null ? <Loading /> : !slots.length ? <><Empty>{t('no_slots')}</Empty>{onDate && <button type="button" data-testid="next-day" onClick={() => onDate(addDays(date, 1))}>{t('next_day_btn')}</button>}</> : (
        <div class="slots">{slots.map((s) => (
          <button type="button" class={'slot' + (value === s.start ? ' on' : '')} aria-pressed={value === s.start ? 'true' : 'false'}
            data-start={s.start} onClick={() => onChange(s.start)}>{fmtTime(s.start, tz)}</button>
        ))}</div>
      )}
    </fieldset>
  );
}

export function PhoneBooking() {
  const P = usePages();
  const [date, setDate] = useState(today());
  const [tz, setTz] = useState(browserZone());
  const [start, setStart] = useState('');
  const [anyTime, setAnyTime] = useState('');
  const [guest, setGuest] = useState({ name: '', email: '', phone: '' });
  const [notify, setNotify] = useState(true);
  const [err, setErr] = useState(null);
  const [done, setDone] = useState(null);
  const submit = async (e) => {
    e.preventDefault(); setErr(null); setDone(null);
    const s = anyTime ? fromLocalInput(anyTime) : start;
    try {
      const r = await api('POST', '/v1/admin/bookings', { page: P.page, event_type: P.et, start: s, notify,
        guest: { name: guest.name, email: guest.email, phone: guest.phone || undefined, timezone: tz } });
      setDone(r); announce(t('booked', { when: fmtDateTime(r.start) }));
    } catch (x) { setErr(x); }
  };
  if (P.pages.loading && !P.pages.data) return <Loading />;
  const g = (k) => (e) => setGuest({ ...guest, [k]: e.currentTarget.value });
  return (
    <div class="screen">
      <h1>{t('phone_title')}</h1>
      <form class="stack card" onSubmit={submit}>
        <PagePicker pages={P.list} page={P.page} setPage={P.setPage} et={P.et} setEt={P.setEt} err={err} />
        <div class="grid2">
          <Field label={t('date')} name="date" err={err}><input type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} /></Field>
          <Field label={t('zone')} name="tz" err={err}><input value={tz} onChange={(e) => setTz(e.currentTarget.value)} /></Field>
        </div>
        <SlotPicker page={P.page} et={P.et} date={date} tz={tz} value={anyTime ? '' : start} onChange={(v) => { setStart(v); if (v) setAnyTime(''); }} onError={setErr} onDate={setDate} />
        <Field label={t('any_time')} name="start" err={err}><input type="datetime-local" step="300" value={anyTime} onInput={(e) => setAnyTime(e.currentTarget.value)} /></Field>
        <div class="grid2">
          <Field label={t('name')} name="guest.name" err={err}><input required value={guest.name} onInput={g('name')} /></Field>
          <Field label={t('email')} name="guest.email" err={err}><input type="email" value={guest.email} onInput={g('email')} /></Field>
        </div>
        <Field label={t('phone')} name="guest.phone" err={err}><input type="tel" value={guest.phone} onInput={g('phone')} /></Field>
        <Check label={t('notify_guest')} checked={notify} onChange={setNotify} />
        <FormError err={err} fields={['page', 'event_type', 'start', 'guest']} />
        {done && <p class="banner ok" role="status">{t('booked', { when: fmtDateTime(done.start) })} <a href={'#/booking/' + encodeURIComponent(done.uid)}>{t('details')}</a></p>}
        <button type="submit" class="primary" disabled={!start && !anyTime}>{t('book')}</button>
      </form>
    </div>
  );
}
