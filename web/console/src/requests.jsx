// Confirmation requests (seed 002): from a booking, the same guest's other bookings that
// week are suggested; the mail is previewed as the guest will read it; after sending,
// a 10-minute undo countdown. The requests list and the Declined tray.
import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf, listAll, q } from './api.js';
import { t, problem } from './i18n.js';
import { Dialog, Field, Check, FormError, Loading, Empty, Status, Tabs, useLoad, announce } from './ui.jsx';
import { useLocation, usePageNames } from './front.jsx';
import { fmtRange, fmtDateTime } from './time.js';
import { guestName } from './calendar.jsx';

const mmss = (ms) => { const s = Math.max(0, Math.round(ms / 1000)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`; };

// Counts down to send_at (measured against the server's clock) with an Undo button.
export function Countdown({ id, sendAt, serverNow, onUndone }) {
  const [left, setLeft] = useState(() => Date.parse(sendAt) - (serverNow ? Date.parse(serverNow) : Date.now()));
  const [err, setErr] = useState(null);
  useEffect(() => {
    const t0 = Date.now(), l0 = left;
    const h = setInterval(() => setLeft(l0 - (Date.now() - t0)), 1000);
    return () => clearInterval(h);
  }, []);
  const undo = async () => {
    try { await api('DELETE', '/v1/admin/confirmation-requests/' + encodeURIComponent(id)); announce(t('request_undone')); onUndone && onUndone(); }
    catch (e) { setErr(e); }
  };
  return (
    <div class="countdown" data-request={id}>
      <span role="timer" aria-live="off">{t('sending_in', { time: mmss(left) })}</span>
      {left > 0 && <button type="button" class="primary" onClick={undo}>{t('undo')}</button>}
      {err && <p class="field-error" role="alert">{problem(err)}</p>}
    </div>
  );
}

export function RequestDialog({ booking, onClose }) {
  const rel = useLoad(() => api('GET', `/v1/admin/bookings/${encodeURIComponent(booking.uid)}/related`).then(itemsOf).catch(() => []), [booking.uid]);
  const [chosen, setChosen] = useState(null);
  const email = (booking.guest && booking.guest.email) || (booking.guests && booking.guests[0] && booking.guests[0].email) || '';
  const [recipients, setRecipients] = useState(email);
  const [allow, setAllow] = useState(true);
  const [message, setMessage] = useState('');
  const [preview, setPreview] = useState(null);
  const [err, setErr] = useState(null);
  const [sent, setSent] = useState(null);
  const related = (rel.data || []).filter((b) => b.uid !== booking.uid);
  const selected = chosen || [booking.uid, ...related.map((b) => b.uid)];
  const body = () => ({ bookings: selected, recipients: recipients.split(/[,\s]+/).filter(Boolean), allow_decline: allow, message: message || undefined });
  const doPreview = async () => { setErr(null); try { setPreview(await api('POST', '/v1/admin/confirmation-requests/preview', body())); } catch (e) { setErr(e); } };
  const send = async (e) => {
    e.preventDefault(); setErr(null);
    try { const r = await api('POST', '/v1/admin/confirmation-requests', body()); setSent(r); announce(t('request_sent')); } catch (x) { setErr(x); }
  };
  const previews = preview ? (Array.isArray(preview) ? preview : preview.items || preview.recipients || [preview]) : [];
  return (
    <Dialog title={t('act_confirm_request')} onClose={onClose} wide>
      {sent ? <Countdown id={sent.id} sendAt={sent.send_at} serverNow={sent._date} onUndone={onClose} /> : (
        <form class="stack" onSubmit={send}>
          <fieldset><legend>{t('related')}</legend>
            {[booking, ...related].map((b) => (
              <Check label={`${fmtRange(b.start, b.end)} · ${guestName(b)}`} checked={selected.includes(b.uid)}
                onChange={(on) => setChosen(on ? [...selected, b.uid] : selected.filter((x) => x !== b.uid))} />
            ))}
            {rel.loading && <Loading />}
          </fieldset>
          <Field label={t('recipients')} name="recipients" err={err}><input value={recipients} onInput={(e) => setRecipients(e.currentTarget.value)} /></Field>
          <Check label={t('allow_decline')} checked={allow} onChange={setAllow} />
          <Field label={t('message')} name="message" err={err}><textarea rows="3" value={message} onInput={(e) => setMessage(e.currentTarget.value)} /></Field>
          <FormError err={err} fields={['recipients', 'message']} />
          <div class="row"><button type="button" onClick={doPreview}>{t('preview')}</button><button type="submit" class="primary">{t('send')}</button></div>
          {previews.map((p) => (
            <article class="mail-preview" aria-label={t('preview')}>
              {p.recipient && <p><small>{t('recipient')}: {p.recipient}</small></p>}
              <p><b>{p.subject}</b></p>
              <pre>{p.text}</pre>
            </article>
          ))}
        </form>
      )}
    </Dialog>
  );
}

export function Requests() {
  const [tab, setTab] = useState('all');
  const loc = useLocation();  // the Declined tray and the requests follow the top bar's office
  const N = usePageNames();
  const d = useLoad(() => tab === 'declined'
    ? listAll('/v1/admin/bookings' + q({ tray: 'declined', location: loc, limit: 1000 }))
    : listAll('/v1/admin/confirmation-requests' + q({ state: tab === 'all' ? '' : tab, limit: 1000 }))
      .then((l) => l.filter((r) => !loc || (r.bookings || []).some((b) => b.location === loc))), [tab, loc]);
  return (
    <div class="screen">
      <h1>{t('requests_title')}</h1>
      <Tabs label={t('state')} value={tab} onChange={setTab} tabs={[['all', t('rs_all')], ...['pending_send', 'sent', 'accepted'].map((x) => [x, t('rs_' + x)]), ['declined', t('declined_tray')]]} />
      {d.err && <FormError err={d.err} />}
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{tab === 'declined' ? t('empty_declined') : t('empty_requests')}</Empty> : tab === 'declined' ? (
        <table class="list"><thead><tr><th scope="col">{t('time')}</th><th scope="col">{t('guest')}</th><th scope="col">{t('service')}</th><th scope="col">{t('status')}</th></tr></thead>
          <tbody>{d.data.map((b) => <tr data-uid={b.uid}><td><a href={'#/booking/' + encodeURIComponent(b.uid)}>{fmtRange(b.start, b.end)}</a></td><td>{guestName(b)}</td><td data-testid="service">{N.service(b.page, b.event_type)}</td><td><Status s={b.status} /></td></tr>)}</tbody></table>
      ) : (
        <table class="list"><thead><tr><th scope="col">{t('state')}</th><th scope="col">{t('recipients')}</th><th scope="col">{t('nav_bookings')}</th><th scope="col">{t('when')}</th></tr></thead>
          <tbody>{d.data.map((r) => (
            <tr data-request={r.id}><td>{t('rs_' + r.state)}{r.state === 'pending_send' && r.send_at && <Countdown id={r.id} sendAt={r.send_at} serverNow={r.server_now} onUndone={d.reload} />}</td>
              <td>{(r.recipients || []).join(', ')}</td>
              <td><ul class="plain">{(r.bookings || []).map((u) => <li><a href={'#/booking/' + encodeURIComponent(u.uid || u)}>{u.start ? fmtRange(u.start, u.end) : u.uid || u}</a>{u.event_type ? <span data-testid="service"> · {N.service(u.page, u.event_type)}</span> : ''}</li>)}</ul></td>
              <td>{r.send_at ? fmtDateTime(r.send_at) : ''}</td></tr>
          ))}</tbody></table>
      )}
    </div>
  );
}
