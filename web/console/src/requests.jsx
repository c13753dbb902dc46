// Confirmation requests (seed 002): from a booking, the same guest's other bookings that
// week are suggested; the mail is previewed as the guest will read it; after sending,
// a 10-minute undo countdown. The requests list and the Declined tray.
import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf, listAll, q } from './api.js';
import { t, problem, templateName } from './i18n.js';
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

// Whose visits a request is about: the distinct guest names of its bookings (a request
// may cover several bookings of one guest), else its recipients.
export const requestGuests = (r) => {
  const names = [...new Set((r.bookings || []).map((b) => (b && b.guest && b.guest.name) || '').filter(Boolean))];
  return names.length ? names.join(', ') : (r.recipients || []).join(', ');
};

// One request (#/requests/<id>): its state (with the undo countdown while it waits), the
// bookings it asks about with their guests, recipients, whether declining is allowed,
// the message, the answer and the mails sent with their delivery.
export function RequestDetail({ id, onClose }) {
  const N = usePageNames();
  const d = useLoad(() => api('GET', '/v1/admin/confirmation-requests/' + encodeURIComponent(id)), [id]);
  const r = d.data;
  let body = <Loading />;
  if (d.err && !r) body = <FormError err={d.err} />;
  else if (r) {
    body = (
      <div class="stack">
        <p class="drawer-status"><span class={'badge rs-' + r.state} data-testid="request-state">{t('rs_' + r.state)}</span></p>
        {r.state === 'pending_send' && r.send_at && <Countdown id={r.id} sendAt={r.send_at} serverNow={r._date} onUndone={d.reload} />}
        <h3>{t('rq_bookings')}</h3>
        <ul class="plain rq-bookings">{(r.bookings || []).map((b) => (
          <li data-uid={b.uid}>
            <a href={'#/booking/' + encodeURIComponent(b.uid)}>{(b.guest && b.guest.name) || b.uid} · {fmtRange(b.start, b.end)}</a>
            {' '}<span data-testid="service">{N.service(b.page, b.event_type)}</span> <Status s={b.status} />
          </li>
        ))}</ul>
        <dl class="kv">
          <dt>{t('recipients')}</dt><dd>{(r.recipients || []).join(', ')}</dd>
          <dt>{t('rq_answers')}</dt><dd>{r.allow_decline ? t('rq_decline_allowed') : t('rq_decline_not_allowed')}</dd>
          <dt>{t('message')}</dt><dd>{r.message ? <pre class="rq-message">{r.message}</pre> : <span class="muted">{t('rq_no_message')}</span>}</dd>
          {r.send_at && <><dt>{t('when')}</dt><dd>{fmtDateTime(r.send_at)}</dd></>}
          {r.responded_by && <><dt>{t('rs_' + r.state)}</dt><dd data-testid="answered">{t('rq_answered', { who: r.responded_by, when: r.responded_at ? fmtDateTime(r.responded_at) : '' })}</dd></>}
          {r.decline_reason && <><dt>{t('rq_decline_reason')}</dt><dd data-testid="decline-reason">{r.decline_reason}</dd></>}
        </dl>
        <h3>{t('messages')}</h3>
        {!(r.messages || []).length ? <Empty>{t('empty_outbox')}</Empty> : (
          <ul class="msgs">{r.messages.map((m) => (
            <li class={'msg ms-' + m.state} data-message={m.id}>
              <span class={'badge ms-' + m.state}>{t('ms_' + m.state)}</span> <b>{templateName(m.template)}</b> → {m.recipient}
              <small> · {m.send_at ? fmtDateTime(m.send_at) : ''}</small>
            </li>
          ))}</ul>
        )}
      </div>
    );
  }
  const title = r ? `${t('request')} · ${requestGuests(r)}` : t('request');
  return <Dialog title={title} onClose={onClose} wide>{body}</Dialog>;
}

export function Requests({ id }) {
  const [tab, setTab] = useState('all');
  const loc = useLocation();  // the Declined tray and the requests follow the top bar's office
  const N = usePageNames();
  const d = useLoad(() => (tab === 'declined'
    ? listAll('/v1/admin/bookings' + q({ tray: 'declined', location: loc, limit: 1000 }))
    : listAll('/v1/admin/confirmation-requests' + q({ state: tab === 'all' ? '' : tab, limit: 1000 }))
      .then((l) => { const f = l.filter((r) => !loc || (r.bookings || []).some((b) => b.location === loc)); Object.defineProperty(f, '_date', { value: l._date }); return f; })
  ).then((items) => { Object.defineProperty(items, '_tab', { value: tab }); return items; }), [tab, loc]);
  // A list loaded for the other tab (requests vs bookings) is never drawn in this tab's
  // table: switching from All to Declined showed requests as bookings and the draw failed.
  const list = d.data && d.data._tab === tab ? d.data : null;
  return (
    <div class="screen">
      <h1>{t('requests_title')}</h1>
      <Tabs label={t('state')} value={tab} onChange={setTab} tabs={[['all', t('rs_all')], ...['pending_send', 'sent', 'accepted'].map((x) => [x, t('rs_' + x)]), ['declined', t('declined_tray')]]} />
      {d.err && <FormError err={d.err} />}
      {!list ? (d.err ? null : <Loading />) : !list.length ? <Empty>{tab === 'declined' ? t('empty_declined') : t('empty_requests')}</Empty> : tab === 'declined' ? (
        <table class="list"><thead><tr><th scope="col">{t('time')}</th><th scope="col">{t('guest')}</th><th scope="col">{t('service')}</th><th scope="col">{t('status')}</th></tr></thead>
          <tbody>{list.map((b) => <tr data-uid={b.uid}><td><a href={'#/booking/' + encodeURIComponent(b.uid)}>{fmtRange(b.start, b.end)}</a></td><td>{guestName(b)}</td><td data-testid="service">{N.service(b.page, b.event_type)}</td><td><Status s={b.status} /></td></tr>)}</tbody></table>
      ) : (
        <table class="list requests"><thead><tr><th scope="col">{t('guest')}</th><th scope="col">{t('state')}</th><th scope="col">{t('nav_bookings')}</th><th scope="col">{t('recipients')}</th><th scope="col">{t('when')}</th></tr></thead>
          <tbody>{list.map((r) => (
            <tr data-request={r.id}>
              <td><a href={'#/requests/' + encodeURIComponent(r.id)} data-testid="request-guest">{requestGuests(r)}</a></td>
              <td><span class={'badge rs-' + r.state}>{t('rs_' + r.state)}</span>{r.state === 'pending_send' && r.send_at && !id && <Countdown id={r.id} sendAt={r.send_at} serverNow={list._date} onUndone={d.reload} />}</td>
              <td><ul class="plain">{(r.bookings || []).map((u) => <li><a href={'#/booking/' + encodeURIComponent(u.uid || u)}>{u.start ? fmtRange(u.start, u.end) : u.uid || u}</a>{u.event_type ? <span data-testid="service"> · {N.service(u.page, u.event_type)}</span> : ''}</li>)}</ul></td>
              <td>{(r.recipients || []).join(', ')}</td>
              <td>{r.send_at ? fmtDateTime(r.send_at) : ''}</td></tr>
          ))}</tbody></table>
      )}
      {id && <RequestDetail id={id} onClose={() => { location.hash = '#/requests'; d.reload(); }} />}
    </div>
  );
}
