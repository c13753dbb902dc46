// Find a guest (R-INQ-5) by name, phone, e-mail, company or notes across bookings and
// inquiries: GET /v1/admin/search, whose matching is the core's (full- and half-width
// names alike, "+81 90-1234-5678" found as "09012345678"). Without a search text: the
// bookings list. The top bar's location and the status chips narrow both.
import { useState } from 'preact/hooks';
import { api, listAll, q as qs } from './api.js';
import { t } from './i18n.js';
import { Field, FormError, Loading, Empty, Status, Tabs, useLoad, announce } from './ui.jsx';
import { fmtRange, fmtDateTime } from './time.js';
import { guestName } from './calendar.jsx';
import { useLocation, useList, loadLocations, textOf, usePageNames } from './front.jsx';

export function BookingTable({ items, selected, onSelect }) {
  const pick = (uid, on) => onSelect(on ? [...selected, uid] : selected.filter((x) => x !== uid));
  const N = usePageNames();
  return (
    <table class="list bookings">
      <thead><tr>{onSelect && <th scope="col"><input type="checkbox" aria-label={t('select_all')} checked={items.length > 0 && selected.length === items.length} onChange={(e) => onSelect(e.currentTarget.checked ? items.map((b) => b.uid) : [])} /></th>}<th scope="col">{t('time')}</th><th scope="col">{t('guest')}</th><th scope="col">{t('service')}</th><th scope="col">{t('email')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('status')}</th></tr></thead>
      <tbody>{items.map((b) => (
        <tr data-uid={b.uid}>
          {onSelect && <td><input type="checkbox" aria-label={`${t('select')} ${guestName(b)}`} checked={selected.includes(b.uid)} onChange={(e) => pick(b.uid, e.currentTarget.checked)} /></td>}
          <td><a href={'#/booking/' + encodeURIComponent(b.uid)}>{fmtRange(b.start, b.end)}</a></td>
          <td>{guestName(b)}</td><td data-testid="service">{N.service(b.page, b.event_type)}</td><td>{b.guest && b.guest.email}</td><td>{b.guest && b.guest.phone}</td><td><Status s={b.status} /></td>
        </tr>
      ))}</tbody>
    </table>
  );
}

// Seed 004's manual mail to chosen bookers: one mail per booking's guest, through the
// outbox (a bounced address is skipped and said so).
function ManualMail({ uids, onDone }) {
  const [f, setF] = useState({ subject: '', text: '' });
  const [err, setErr] = useState(null);
  const [res, setRes] = useState(null);
  const send = async (e) => {
    e.preventDefault(); setErr(null); setRes(null);
    try {
      const r = await api('POST', '/v1/admin/messages', { bookings: uids, subject: f.subject, text: f.text });
      const list = (r && r.messages) || [];
      setRes({ sent: list.filter((m) => !m.skipped).length, skipped: list.filter((m) => m.skipped).length });
      setF({ subject: '', text: '' }); announce(t('mail_queued')); onDone();
    } catch (x) { setErr(x); }
  };
  return (
    <form class="card stack" onSubmit={send} data-form="manual-mail" aria-labelledby="mm-h">
      <h2 id="mm-h">{t('write_to_selected', { n: uids.length })}</h2>
      <Field label={t('tpl_subject')} name="subject" err={err}><input required value={f.subject} onInput={(e) => setF({ ...f, subject: e.currentTarget.value })} /></Field>
      <Field label={t('tpl_body')} name="text" err={err}><textarea rows="5" required value={f.text} onInput={(e) => setF({ ...f, text: e.currentTarget.value })} /></Field>
      <FormError err={err} fields={['subject', 'text']} />
      {res && <p class="banner ok" role="status">{t('mail_result', { sent: res.sent, skipped: res.skipped })}</p>}
      <button type="submit" class="primary" disabled={!uids.length}>{t('send')}</button>
    </form>
  );
}

export function Search({ q }) {
  const [status, setStatus] = useState('');
  const [sel, setSel] = useState([]);
  const loc = useLocation();
  const [locations] = useList(loadLocations);
  const d = useLoad(async () => {
    if (!q) return { bookings: await listAll('/v1/admin/bookings' + qs({ status, location: loc, limit: 200 }), 600), inquiries: [] };
    const r = await api('GET', '/v1/admin/search' + qs({ q }));
    return {
      bookings: (r.bookings || []).filter((b) => (!status || b.status === status) && (!loc || b.location === loc)),
      inquiries: status ? [] : (r.inquiries || []).filter((x) => !loc || x.location === loc),
    };
  }, [q, status, loc]);
  const here = loc && locations.find((l) => l.id === loc);
  const none = d.data && !d.data.bookings.length && !d.data.inquiries.length;
  return (
    <div class="screen">
      <h1>{q ? `${t('search_title')}: “${q}”` : t('nav_bookings')}</h1>
      <Tabs label={t('status')} value={status} onChange={setStatus} tabs={[['', t('rs_all')], ['pending', t('st_pending')], ['approved', t('st_approved')], ['cancelled', t('st_cancelled')]]} />
      {loc && <p class="muted" data-testid="location-note">{t('at_location', { name: here ? textOf(here.name) : loc })}</p>}
      <FormError err={d.err} />
      {d.loading && !d.data ? <Loading /> : !d.data || none ? <Empty>{t('no_results')}</Empty> : <>
        {d.data.bookings.length > 0 && <div class="table-wrap"><BookingTable items={d.data.bookings} selected={sel} onSelect={setSel} /></div>}
        {sel.length > 0 && <ManualMail uids={sel} onDone={() => {}} />}
        {d.data.inquiries.length > 0 && <section aria-labelledby="found-inq">
          <h2 id="found-inq">{t('nav_inquiries')}</h2>
          <div class="table-wrap"><table class="list cards found-inquiries">
            <thead><tr><th scope="col">{t('received')}</th><th scope="col">{t('guest')}</th><th scope="col">{t('email')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('state')}</th></tr></thead>
            <tbody>{d.data.inquiries.map((x) => (
              <tr data-inquiry={x.id}>
                <td>{x.created ? fmtDateTime(x.created) : ''}</td>
                <td><a href={'#/inquiries/' + encodeURIComponent(x.id)}>{(x.guest && x.guest.name) || x.id}</a></td>
                <td>{x.guest && x.guest.email}</td><td>{x.guest && x.guest.phone}</td>
                <td><span class={'badge iq-' + x.state}>{t('iq_' + x.state)}</span></td>
              </tr>
            ))}</tbody>
          </table></div>
        </section>}
      </>}
    </div>
  );
}
