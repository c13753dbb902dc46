// A booking's side panel: details, the actions the server allows (available_actions),
// edit with the "tell the guest?" question (R-PROP-6), messages and their delivery,
// history, its confirmation request or proposal. A stale edit is refused by the server
// and shown as a conflict; nothing typed is lost until the person reloads.
import { useState } from 'preact/hooks';
import { api, itemsOf, q, ApiError } from './api.js';
import { t, problem, templateName, historyText } from './i18n.js';
import { Dialog, Field, FormError, Loading, Status, useLoad, announce, Empty } from './ui.jsx';
import { fmtRange, fmtDateTime, toLocalInput, fromLocalInput } from './time.js';
import { bookingHosts, guestName } from './calendar.jsx';
import { RequestDialog } from './requests.jsx';
import { LabelsEditor, LocationSelect, loadLocations, useList, textOf, usePageNames } from './front.jsx';

// Moving a visit to another office is one of seed 000's "mail the guest" edits: the
// console asks whether to tell the guest, as for a new time (R-PROP-6).
function OfficeForm({ b, onSaved }) {
  const [loc, setLoc] = useState(b.location || '');
  const [ask, setAsk] = useState(false);
  const [err, setErr] = useState(null);
  const send = async (notify) => {
    setAsk(false); setErr(null);
    const headers = b._etag ? { 'If-Match': b._etag } : {};
    try { await api('PATCH', '/v1/admin/bookings/' + encodeURIComponent(b.uid), { location: loc, notify }, headers); announce(t('saved')); onSaved(); } catch (e) { setErr(e); }
  };
  return (
    <form class="row office-form" data-form="office" onSubmit={(e) => { e.preventDefault(); if (loc !== (b.location || '')) setAsk(true); }}>
      <LocationSelect value={loc} onChange={setLoc} err={err} label={t('office')} />
      <button type="submit" class="end-btn" disabled={loc === (b.location || '')}>{t('change_office')}</button>
      {err && err.field !== 'location' && <p class="field-error" role="alert">{isConflict(err) ? t('conflict') : problem(err)}</p>}
      {ask && (
        <Dialog title={t('notify_title')} onClose={() => setAsk(false)}>
          <p>{t('notify_text', { fields: t('office') })}</p>
          <div class="row">
            <button type="button" class="primary" onClick={() => send(true)}>{t('notify_yes')}</button>
            <button type="button" onClick={() => send(false)}>{t('notify_no')}</button>
            <button type="button" class="ghost" onClick={() => setAsk(false)}>{t('cancel')}</button>
          </div>
        </Dialog>
      )}
    </form>
  );
}

// A bounced address: the core's suggested correction pre-filled; correcting re-sends
// what failed (POST /v1/admin/bounces/{id}/correct).
export function CorrectBounce({ p, onDone }) {
  const [email, setEmail] = useState(p.suggestion || p.recipient || p.address || '');
  const [err, setErr] = useState(null);
  const go = async (e) => {
    e.preventDefault(); setErr(null);
    try { await api('POST', `/v1/admin/bounces/${encodeURIComponent(p.bounce || p.id)}/correct`, { email }); announce(t('resent')); onDone(); } catch (x) { setErr(x); }
  };
  return (
    <form class="row" onSubmit={go} data-form="correct-bounce">
      <Field label={t('correct_address')} name="email" err={err} hint={p.suggestion ? t('suggestion', { s: p.suggestion }) : undefined}>
        <input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required />
      </Field>
      <button type="submit" class="end-btn">{t('correct_resend')}</button>
      <FormError err={err} fields={['email']} />
    </form>
  );
}

const ALL_ACTIONS = ['approve', 'reject', 'cancel', 'complete', 'no_show'];
const WITH_REASON = new Set(['reject', 'cancel']);
const isConflict = (e) => e && (e.status === 412 || (e.status === 409 && /stale|conflict|version|modified|precondition/.test(e.code || '')));

// The visit's guests: the one who booked, then the others of a proposal visit (the API's
// `guest` and `other_guests`; PATCH takes them back as one `guests` list).
export function guestsOf(b) {
  const others = Array.isArray(b.other_guests) ? b.other_guests : [];
  return b.guest && (b.guest.name || b.guest.email) ? [b.guest, ...others] : others;
}

function EditForm({ b, hosts, rooms, onSaved, onCancel }) {
  // Every guest of the visit (a proposal visit may have several; the first is the one who
  // booked): name, company, e-mail and phone; more can be added and any but the first removed.
  const guestRow = (g) => ({ name: g.name || '', company: g.company || '', email: g.email || '', phone: g.phone || '' });
  const init = {
    start: toLocalInput(b.start), end: toLocalInput(b.end), hosts: bookingHosts(b), room: (b.room && (b.room.id || b.room)) || '',
    guidance: b.guidance || '', guests: (guestsOf(b).length ? guestsOf(b) : [{}]).map(guestRow),
  };
  const [f, setF] = useState(init);
  const [err, setErr] = useState(null);
  const [ask, setAsk] = useState(null);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });

  const patch = () => {
    const p = {};
    const changed = [];
    if (f.start !== init.start) { p.start = fromLocalInput(f.start); changed.push(t('start')); }
    if (f.end !== init.end) { p.end = fromLocalInput(f.end); changed.push(t('end')); }
    if (f.hosts.join() !== init.hosts.join()) { p.hosts = f.hosts; changed.push(t('hosts')); }
    if (f.room !== init.room && f.room) { p.room = f.room; changed.push(t('room')); }
    if (f.guidance !== init.guidance) { p.guidance = f.guidance; changed.push(t('guidance')); }
    if (JSON.stringify(f.guests) !== JSON.stringify(init.guests)) {
      const old = guestsOf(b);
      // Fields this form does not show (a guest's zone and language) stay as they were.
      p.guests = f.guests.map((g, i) => ({ ...(old[i] || {}), name: g.name, email: g.email, company: g.company || undefined, phone: g.phone || undefined }));
      changed.push(f.guests.length > 1 ? t('guests') : t('guest'));
    }
    return { p, changed };
  };
  const send = async (notify) => {
    const { p } = patch();
    setAsk(null); setErr(null);
    const headers = b._etag ? { 'If-Match': b._etag } : {};
    if (b.version !== undefined) p.version = b.version;
    try {
      await api('PATCH', '/v1/admin/bookings/' + encodeURIComponent(b.uid), { ...p, notify }, headers);
      announce(t('saved'));
      onSaved();
    } catch (e) { setErr(e); }
  };
  const submit = (e) => {
    e.preventDefault();
    const { changed } = patch();
    if (!changed.length) return onCancel();
    setAsk(changed); // every editable field is one the guest was told (R-PROP-6)
  };
  return (
    <form class="stack" onSubmit={submit} data-form="edit">
      <div class="grid2">
        <Field label={t('start')} name="start" err={err}><input type="datetime-local" step="300" value={f.start} onInput={set('start')} /></Field>
        <Field label={t('end')} name="end" err={err}><input type="datetime-local" step="300" value={f.end} onInput={set('end')} /></Field>
      </div>
      <fieldset><legend>{t('hosts')}</legend>
        {hosts.map((h) => (
          <label class="check"><input type="checkbox" checked={f.hosts.includes(h.id)} onChange={(e) => setF({ ...f, hosts: e.currentTarget.checked ? [...f.hosts, h.id] : f.hosts.filter((x) => x !== h.id) })} /><span>{h.name}</span></label>
        ))}
        {err && /^hosts/.test(err.field || '') && <p class="field-error" role="alert">{problem(err)}</p>}
      </fieldset>
      <Field label={t('room')} name="room" err={err}>
        <select value={f.room} onChange={set('room')}><option value="">{t('none')}</option>{rooms.map((r) => <option value={r.id}>{r.name}</option>)}</select>
      </Field>
      <Field label={t('guidance')} name="guidance" err={err}><textarea rows="2" value={f.guidance} onInput={set('guidance')} /></Field>
      {f.guests.map((g, i) => {
        const up = (k) => (e) => setF({ ...f, guests: f.guests.map((x, j) => (j === i ? { ...x, [k]: e.currentTarget.value } : x)) });
        const n = (label) => (i === 0 ? label : `${label} (${t('guest')} ${i + 1})`);
        return (
          <fieldset class="guest-row" data-guest={i}><legend>{t('guest')} {i + 1}</legend>
            <div class="grid2">
              <Field label={n(t('name'))} name={`guests[${i}].name`} err={err}><input value={g.name} onInput={up('name')} /></Field>
              <Field label={n(t('email'))} name={`guests[${i}].email`} err={err}><input type="email" value={g.email} onInput={up('email')} /></Field>
              <Field label={n(t('company'))} name={`guests[${i}].company`} err={err}><input value={g.company} onInput={up('company')} /></Field>
              <Field label={n(t('phone'))} name={`guests[${i}].phone`} err={err}><input type="tel" value={g.phone} onInput={up('phone')} /></Field>
            </div>
            {i > 0 && <button type="button" class="ghost" onClick={() => setF({ ...f, guests: f.guests.filter((_, j) => j !== i) })}>{t('remove')} {t('guest')} {i + 1}</button>}
          </fieldset>
        );
      })}
      <button type="button" onClick={() => setF({ ...f, guests: [...f.guests, guestRow({})] })}>+ {t('add_guest')}</button>
      {isConflict(err) ? <p class="banner error" role="alert">{t('conflict')} <button type="button" onClick={onSaved}>{t('reload')}</button></p>
        : <FormError err={err} fields={['start', 'end', 'hosts', 'room', 'guidance', ...f.guests.map((_, i) => `guests[${i}]`)]} />}
      <div class="row">
        <button type="submit" class="primary">{t('save')}</button>
        <button type="button" class="ghost" onClick={onCancel}>{t('cancel')}</button>
      </div>
      {ask && (
        <Dialog title={t('notify_title')} onClose={() => setAsk(null)}>
          <p>{t('notify_text', { fields: ask.join(', ') })}</p>
          <div class="row">
            <button type="button" class="primary" onClick={() => send(true)}>{t('notify_yes')}</button>
            <button type="button" onClick={() => send(false)}>{t('notify_no')}</button>
            <button type="button" class="ghost" onClick={() => setAsk(null)}>{t('cancel')}</button>
          </div>
        </Dialog>
      )}
    </form>
  );
}

function Action({ b, action, onDone }) {
  const [reason, setReason] = useState(null);
  const [err, setErr] = useState(null);
  const run = async (body) => {
    setErr(null);
    try {
      await api('POST', `/v1/admin/bookings/${encodeURIComponent(b.uid)}/${action.replace('_', '-')}`, body);
      announce(t('saved'));
      setReason(null);
      onDone();
    } catch (e) { setErr(e); }
  };
  const primary = action === 'approve';
  if (reason !== null) {
    return (
      <form class="stack inline-form" onSubmit={(e) => { e.preventDefault(); run({ reason }); }}>
        <Field label={t('reason_for')} name="reason" err={err}><textarea rows="2" value={reason} onInput={(e) => setReason(e.currentTarget.value)} /></Field>
        <FormError err={err} fields={['reason']} />
        <div class="row"><button type="submit" class="danger">{t('act_' + action)}</button><button type="button" class="ghost" onClick={() => setReason(null)}>{t('back')}</button></div>
      </form>
    );
  }
  return (
    <>
      <button type="button" class={primary ? 'primary' : WITH_REASON.has(action) ? 'danger-outline' : ''} data-action={action}
        onClick={() => (WITH_REASON.has(action) ? setReason('') : run(undefined))}>{t('act_' + action)}</button>
      {err && <p class="field-error" role="alert">{problem(err)}</p>}
    </>
  );
}

export function Messages({ uid, guestPhone }) {
  const m = useLoad(() => api('GET', '/v1/admin/outbox' + q({ booking: uid })).then(itemsOf), [uid]);
  if (m.loading && !m.data) return <Loading />;
  if (m.err) return <FormError err={m.err} />;
  if (!m.data.length) return <Empty>{t('no_messages')}</Empty>;
  return (
    <ul class="msgs">
      {m.data.map((x) => (
        <li class={'msg ms-' + x.state}>
          <span class={'badge ms-' + x.state}>{t('ms_' + x.state)}</span> <b>{templateName(x.template)}</b> · {x.channel} → {x.recipient}
          <small> · {x.send_at ? fmtDateTime(x.send_at) : ''}</small>
          {(x.state === 'failed' || x.state === 'bounced') && guestPhone && <div class="phone-hint">☏ <a href={'tel:' + guestPhone}>{guestPhone}</a></div>}
          {x.details && x.details.error && <div><small>{x.details.error}</small></div>}
        </li>
      ))}
    </ul>
  );
}

// Deleting (seed 000's admin screen): asks first; the server cancels its messages.
function DeleteBooking({ uid, onDone }) {
  const [ask, setAsk] = useState(false);
  const [err, setErr] = useState(null);
  const del = async () => {
    try { await api('DELETE', '/v1/admin/bookings/' + encodeURIComponent(uid)); announce(t('saved')); onDone(); } catch (e) { setErr(e); }
  };
  return (
    <>
      <button type="button" class="ghost danger-text" onClick={() => setAsk(true)} data-action="delete">{t('delete')}</button>
      {ask && <Dialog title={t('delete_title')} onClose={() => setAsk(false)}>
        <p>{t('delete_text')}</p>
        <FormError err={err} />
        <div class="row"><button type="button" class="danger" onClick={del}>{t('delete')}</button><button type="button" class="ghost" onClick={() => setAsk(false)}>{t('cancel')}</button></div>
      </Dialog>}
    </>
  );
}

export function BookingDrawer({ uid, onClose }) {
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const [tick, setTick] = useState(0);
  const [locs] = useList(loadLocations);
  const N = usePageNames();
  const d = useLoad(async () => {
    const [b, hosts, rooms] = await Promise.all([
      api('GET', '/v1/admin/bookings/' + encodeURIComponent(uid)),
      api('GET', '/v1/admin/hosts').then(itemsOf),
      api('GET', '/v1/admin/rooms').then(itemsOf).catch(() => []),
    ]);
    return { b, hosts, rooms };
  }, [uid, tick]);
  const reload = () => { setEditing(false); setTick(tick + 1); };
  let body = <Loading />;
  if (d.err && !d.data) body = <FormError err={d.err} />;
  else if (d.data) {
    const { b, hosts, rooms } = d.data;
    const hostName = Object.fromEntries(hosts.map((h) => [h.id, h.name]));
    const roomName = Object.fromEntries(rooms.map((r) => [r.id, r.name]));
    const actions = Array.isArray(b.available_actions) ? b.available_actions.map((a) => (a === 'mark_no_show' ? 'no_show' : a.replace('-', '_'))).filter((a) => ALL_ACTIONS.includes(a)) : ALL_ACTIONS;
    const g = guestsOf(b);
    const phone = (g[0] && g[0].phone) || b.fallback_phone || '';
    body = (
      <div class="stack">
        <p class="drawer-status"><Status s={b.status} /> {b.request && <a class={'badge rs-' + b.request.state} href={'#/requests/' + encodeURIComponent(b.request.id)} data-testid="booking-request" title={t('rq_from_booking')}>{t('request')}: {t('rs_' + b.request.state)}</a>} {b.tray && <span class="badge">{b.tray}</span>}</p>
        <dl class="kv">
          <dt>{t('time')}</dt><dd>{fmtRange(b.start, b.end)}</dd>
          <dt>{t('guest')}</dt><dd>{g.map((x) => <div>{x.name}{x.company ? ` (${x.company})` : ''} · <a href={'mailto:' + x.email}>{x.email}</a>{x.phone ? <> · <a href={'tel:' + x.phone}>{x.phone}</a></> : ''}</div>)}</dd>
          <dt>{t('service')}</dt><dd data-testid="service">{N.service(b.page, b.event_type)} · {N.page(b.page)}</dd>
          <dt>{t('hosts')}</dt><dd>{bookingHosts(b).map((h) => hostName[h] || h).join(', ')}</dd>
          {b.location && <><dt>{t('office')}</dt><dd>{textOf((locs.find((l) => l.id === b.location) || {}).name) || b.location}</dd></>}
          {b.room && <><dt>{t('room')}</dt><dd>{roomName[b.room.id || b.room] || b.room.name || b.room}</dd></>}
          {b.checkin_code && <><dt>{t('reception_code')}</dt><dd><code class="key">{b.checkin_code}</code></dd></>}
          {b.arrived_at && <><dt>{t('arrived')}</dt><dd data-testid="arrived">✓ {fmtDateTime(b.arrived_at)}</dd></>}
          {b.notes && <><dt>{t('notes')}</dt><dd>{b.notes}</dd></>}
          {b.guidance && <><dt>{t('guidance')}</dt><dd>{b.guidance}</dd></>}
          {b.proposal && <><dt>{t('proposal')}</dt><dd><a href={'#/proposals/' + encodeURIComponent(b.proposal.id || b.proposal)} data-testid="booking-proposal">{t('pr_open')}</a></dd></>}
        </dl>
        {!editing && (
          <div class="row wrap actions">
            {actions.map((a) => <Action b={b} action={a} onDone={reload} />)}
            <button type="button" onClick={() => setEditing(true)} data-action="edit">{t('act_edit')}</button>
            <button type="button" onClick={() => setAsking(true)} data-action="confirm-request">{t('act_confirm_request')}</button>
            <DeleteBooking uid={b.uid} onDone={onClose} />
          </div>
        )}
        {Array.isArray(b.delivery_problems) && b.delivery_problems.length > 0 && (
          <div class="banner error" role="alert">
            <p>{t('delivery_problem')} {phone && <>☏ <a href={'tel:' + phone}>{phone}</a></>}</p>
            {b.delivery_problems.filter((p) => p.bounce).map((p) => <div><small>{p.recipient}{p.status ? ' · ' + p.status : ''}</small><CorrectBounce p={p} onDone={reload} /></div>)}
          </div>
        )}
        {!editing && <LabelsEditor value={b.labels || []} onSave={(ids) => api('PATCH', '/v1/admin/bookings/' + encodeURIComponent(b.uid), { labels: ids }).then(() => setTick((n) => n + 1))} />}
        {/* Reset only when the office itself changed: another edit (a label) must not throw away a chosen office. */}
        {!editing && <OfficeForm b={b} onSaved={reload} key={b.location || ''} />}
        {editing && <EditForm b={b} hosts={hosts} rooms={rooms} onSaved={reload} onCancel={() => setEditing(false)} />}
        <h3>{t('messages')}</h3>
        <Messages uid={b.uid} guestPhone={phone} key={tick} />
        {Array.isArray(b.history) && b.history.length > 0 && <>
          <h3>{t('history')}</h3>
          <ol class="history" data-testid="history">{b.history.map((h) => <li data-event={h.event}><small>{h.at ? fmtDateTime(h.at) : ''}</small> {historyText(h)}</li>)}</ol>
        </>}
        {asking && <RequestDialog booking={b} onClose={() => { setAsking(false); reload(); }} />}
      </div>
    );
  }
  const title = d.data ? `${guestName(d.data.b)} · ${fmtRange(d.data.b.start, d.data.b.end)}` : t('details');
  return <Dialog title={title} onClose={onClose} wide>{body}</Dialog>;
}
export { ApiError };
