// Inquiries (seed 004, R-INQ-2): the list with filters (state, location, label), an
// inquiry's panel (the guest's message, labels, reply, convert to a booking with the
// guest's data filled in, close), the unconverted report of a day per location and the
// subscription to its daily mail. Every rule (which state may go where) is the server's.
import { useState } from 'preact/hooks';
import { api, listAll, q } from './api.js';
import { t, problem, templateName, historyText } from './i18n.js';
import { Dialog, Field, Check, FormError, Loading, Empty, Tabs, useLoad, announce } from './ui.jsx';
import { fmtDateTime, today, addDays, browserZone, fromLocalInput, toLocalInput, isoDate } from './time.js';
import { PagePicker, usePages, SlotPicker } from './phone.jsx';
import { LabelChips, LabelsEditor, LocationSelect, loadLabels, loadLocations, useList, useLocation, setLocation, textOf } from './front.jsx';

const STATES = ['', 'new', 'awaiting_reply', 'unconverted', 'converted', 'closed'];
const stateBadge = (s) => <span class={'badge iq-' + s}>{t('iq_' + s)}</span>;
const short = (s, n = 90) => (s && s.length > n ? s.slice(0, n - 1) + '…' : s || '');

function Filters({ state, setState, label, setLabel, labels, locations, loc }) {
  return (
    <>
      <Tabs label={t('state')} value={state} onChange={setState} tabs={STATES.map((s) => [s, s ? t('iq_' + s) : t('rs_all')])} />
      <div class="row filters">
        <Field label={t('location')} name="location">
          <select value={loc} onChange={(e) => setLocation(e.currentTarget.value)}>
            <option value="">{t('all_locations')}</option>
            {locations.map((l) => <option value={l.id}>{textOf(l.name)}</option>)}
          </select>
        </Field>
        <Field label={t('label')} name="label">
          <select value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
            <option value="">{t('all_labels')}</option>
            {labels.map((l) => <option value={l.id}>{l.name}</option>)}
          </select>
        </Field>
      </div>
    </>
  );
}

function InquiryList() {
  const [state, setState] = useState('');
  const [label, setLabel] = useState('');
  const loc = useLocation();
  const [labels] = useList(loadLabels);
  const [locations] = useList(loadLocations);
  const d = useLoad(() => listAll('/v1/admin/inquiries' + q({ state, label, location: loc, limit: 200 }), 1000), [state, label, loc]);
  const locName = Object.fromEntries(locations.map((l) => [l.id, textOf(l.name)]));
  return (
    <>
      <Filters {...{ state, setState, label, setLabel, labels, locations, loc }} />
      <FormError err={d.err} />
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('empty_inquiries')}</Empty> : (
        <div class="table-wrap">
          <table class="list inquiries cards">
            <thead><tr><th scope="col">{t('received')}</th><th scope="col">{t('guest')}</th><th scope="col">{t('message')}</th><th scope="col">{t('labels')}</th><th scope="col">{t('state')}</th></tr></thead>
            <tbody>{d.data.map((x) => (
              <tr data-inquiry={x.id}>
                <td>{x.created ? fmtDateTime(x.created) : ''}<div><small class="muted">{t('ik_' + (x.kind || 'question'))}{x.location ? ' · ' + (locName[x.location] || textOf(x.location_name)) : ''}</small></div></td>
                <td><a href={'#/inquiries/' + encodeURIComponent(x.id)}>{(x.guest && x.guest.name) || x.id}</a>{x.guest && x.guest.phone ? <div><small>{x.guest.phone}</small></div> : ''}</td>
                <td>{short(x.message)}</td>
                <td><LabelChips ids={x.labels} labels={labels} /></td>
                <td>{stateBadge(x.state)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Reply({ inq, onDone }) {
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState(null);
  const send = async (e) => {
    e.preventDefault(); setErr(null);
    try { await api('POST', `/v1/admin/inquiries/${encodeURIComponent(inq.id)}/reply`, { message: msg }); setMsg(''); announce(t('reply_sent')); onDone(); } catch (x) { setErr(x); }
  };
  return (
    <form class="stack" onSubmit={send} data-form="reply">
      <Field label={t('reply')} name="message" err={err} hint={t('reply_hint')}><textarea rows="5" value={msg} onInput={(e) => setMsg(e.currentTarget.value)} required /></Field>
      <FormError err={err} fields={['message']} />
      <button type="submit" class="primary">{t('send_reply')}</button>
    </form>
  );
}

// A booking from the inquiry: the guest's data and first wished time filled in; the
// same free times as the phone booking; then the inquiry is marked converted.
function Convert({ inq, onDone }) {
  const draft = inq.booking_draft || {};
  const P = usePages(draft.page || '');
  const wished = draft.start ? toLocalInput(draft.start) : '';
  const [date, setDate] = useState(wished ? wished.slice(0, 10) : today());
  const tz = (draft.guest && draft.guest.timezone) || browserZone();
  const [start, setStart] = useState('');
  const [anyTime, setAnyTime] = useState(wished);
  const g0 = draft.guest || inq.guest || {};
  const [guest, setGuest] = useState({ name: g0.name || '', email: g0.email || '', phone: g0.phone || '' });
  const [notify, setNotify] = useState(true);
  const [err, setErr] = useState(null);
  const page = P.page, setPage = P.setPage;
  if (P.pages.loading && !P.pages.data) return <Loading />;
  const gset = (k) => (e) => setGuest({ ...guest, [k]: e.currentTarget.value });
  const submit = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      const b = await api('POST', '/v1/admin/bookings', { page, event_type: P.et, start: anyTime ? fromLocalInput(anyTime) : start, notify,
        notes: draft.notes || undefined, location: draft.location || undefined,
        guest: { name: guest.name, email: guest.email, phone: guest.phone || undefined, timezone: tz } });
      await api('POST', `/v1/admin/inquiries/${encodeURIComponent(inq.id)}/convert`, { booking: b.uid });
      announce(t('converted_to', { when: fmtDateTime(b.start) }));
      onDone(b);
    } catch (x) { setErr(x); }
  };
  return (
    <form class="stack" onSubmit={submit} data-form="convert">
      <PagePicker pages={P.list} page={page} setPage={setPage} et={P.et} setEt={P.setEt} err={err} />
      <Field label={t('date')} name="date" err={err}><input type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} /></Field>
      <SlotPicker page={page} et={P.et} date={date} tz={tz} value={anyTime ? '' : start} onChange={(v) => { setStart(v); if (v) setAnyTime(''); }} onDate={setDate} />
      <Field label={t('any_time')} name="start" err={err}><input type="datetime-local" step="300" value={anyTime} onInput={(e) => setAnyTime(e.currentTarget.value)} /></Field>
      <div class="grid2">
        <Field label={t('name')} name="guest.name" err={err}><input required value={guest.name} onInput={gset('name')} /></Field>
        <Field label={t('email')} name="guest.email" err={err}><input type="email" value={guest.email} onInput={gset('email')} /></Field>
      </div>
      <Field label={t('phone')} name="guest.phone" err={err}><input type="tel" value={guest.phone} onInput={gset('phone')} /></Field>
      <Check label={t('notify_guest')} checked={notify} onChange={setNotify} />
      <FormError err={err} fields={['page', 'event_type', 'start', 'guest']} />
      <button type="submit" class="primary" disabled={!start && !anyTime}>{t('convert_btn')}</button>
    </form>
  );
}

export function InquiryPanel({ id, onClose }) {
  const [tick, setTick] = useState(0);
  const [mode, setMode] = useState('');
  const [err, setErr] = useState(null);
  const d = useLoad(() => api('GET', '/v1/admin/inquiries/' + encodeURIComponent(id)), [id, tick]);
  const [locations] = useList(loadLocations);
  const reload = () => { setMode(''); setTick(tick + 1); };
  const patch = async (body) => {
    setErr(null);
    try { await api('PATCH', '/v1/admin/inquiries/' + encodeURIComponent(id), body); announce(t('saved')); reload(); } catch (x) { setErr(x); throw x; }
  };
  let body = <Loading />;
  if (d.err && !d.data) body = <FormError err={d.err} />;
  else if (d.data) {
    const x = d.data;
    const g = x.guest || {};
    const locName = (locations.find((l) => l.id === x.location) || {}).name || x.location_name;
    body = (
      <div class="stack">
        <p>{stateBadge(x.state)} <span class="badge">{t('ik_' + (x.kind || 'question'))}</span></p>
        <dl class="kv">
          <dt>{t('received')}</dt><dd>{x.created ? fmtDateTime(x.created) : ''}</dd>
          <dt>{t('guest')}</dt><dd>{g.name}{g.company ? ` (${g.company})` : ''}</dd>
          <dt>{t('email')}</dt><dd><a href={'mailto:' + g.email}>{g.email}</a></dd>
          {g.phone && <><dt>{t('phone')}</dt><dd><a href={'tel:' + g.phone}>{g.phone}</a></dd></>}
          {x.location && <><dt>{t('location')}</dt><dd>{textOf(locName)}</dd></>}
          {Array.isArray(x.wished_times) && x.wished_times.length > 0 && <><dt>{t('wished_times')}</dt><dd><ul class="plain">{x.wished_times.map((w) => <li>{fmtDateTime(w.start)}{w.end ? '–' + fmtDateTime(w.end).split(' ').pop() : ''}</li>)}</ul></dd></>}
          {x.booking && <><dt>{t('booking')}</dt><dd><a href={'#/booking/' + encodeURIComponent(x.booking)}>{t('details')}</a></dd></>}
        </dl>
        <h3>{t('guest_message')}</h3>
        <blockquote class="guest-msg">{x.message}</blockquote>
        {Array.isArray(x.replies) && x.replies.length > 0 && <>
          <h3>{t('replies')}</h3>
          <ul class="plain">{x.replies.map((r) => <li><small class="muted">{r.at ? fmtDateTime(r.at) : ''}</small><div class="pre">{r.message}</div></li>)}</ul>
        </>}
        <LabelsEditor value={x.labels || []} onSave={(ids) => patch({ labels: ids })} />
        <LocationSelect value={x.location} err={err} onChange={(v) => patch({ location: v }).catch(() => {})} />
        {x.state !== 'converted' && (
          <div class="row wrap actions">
            <button type="button" class={mode === 'reply' ? 'primary' : ''} aria-expanded={mode === 'reply' ? 'true' : 'false'} onClick={() => setMode(mode === 'reply' ? '' : 'reply')} data-action="reply">{t('reply')}</button>
            <button type="button" class={mode === 'convert' ? 'primary' : ''} aria-expanded={mode === 'convert' ? 'true' : 'false'} onClick={() => setMode(mode === 'convert' ? '' : 'convert')} data-action="convert">{t('convert')}</button>
            {x.state !== 'closed'
              ? <button type="button" class="ghost" onClick={() => patch({ state: 'closed' }).catch(() => {})} data-action="close">{t('close_inquiry')}</button>
              : <button type="button" class="ghost" onClick={() => patch({ state: 'new' }).catch(() => {})} data-action="reopen">{t('reopen')}</button>}
          </div>
        )}
        {err && err.field !== 'location' && <p class="banner error" role="alert">{problem(err)}</p>}
        {mode === 'reply' && <Reply inq={x} onDone={reload} />}
        {mode === 'convert' && <Convert inq={x} onDone={reload} />}
        {Array.isArray(x.messages) && x.messages.length > 0 && <>
          <h3>{t('messages')}</h3>
          <ul class="msgs">{x.messages.map((m) => <li><span class={'badge ms-' + m.state}>{t('ms_' + m.state)}</span> {templateName(m.template)} → {m.recipient}{m.last_error ? <div><small>{m.last_error}</small></div> : ''}</li>)}</ul>
        </>}
        {Array.isArray(x.history) && x.history.length > 0 && <>
          <h3>{t('history')}</h3>
          <ol class="history">{x.history.map((h) => <li data-event={h.event}><small>{h.at ? fmtDateTime(h.at) : ''}</small> {historyText(h)}</li>)}</ol>
        </>}
      </div>
    );
  }
  const title = d.data ? `${(d.data.guest && d.data.guest.name) || ''} · ${t('inquiry')}` : t('inquiry');
  return <Dialog title={title} onClose={onClose} wide>{body}</Dialog>;
}

// The unconverted report of one day (default yesterday) for the chosen location.
function Report({ session }) {
  const loc = useLocation();
  const [locations] = useList(loadLocations);
  const [date, setDate] = useState(addDays(today(), -1));
  const d = useLoad(() => api('GET', '/v1/admin/reports/unconverted' + q({ date, location: loc })), [date, loc]);
  return (
    <div class="stack">
      <div class="row filters">
        <Field label={t('date')} name="date" err={d.err}><input type="date" value={date} onChange={(e) => setDate(e.currentTarget.value || isoDate(new Date()))} /></Field>
        <Field label={t('location')} name="location" err={d.err}>
          <select value={loc} onChange={(e) => setLocation(e.currentTarget.value)}>
            <option value="">{t('all_locations')}</option>
            {locations.map((l) => <option value={l.id}>{textOf(l.name)}</option>)}
          </select>
        </Field>
      </div>
      <FormError err={d.err} fields={['date', 'location']} />
      {d.loading && !d.data ? <Loading /> : d.data && (
        <section aria-labelledby="rep-h">
          <h2 id="rep-h">{t('report_of', { date: d.data.date, count: d.data.count })}</h2>
          {!d.data.items.length ? <Empty>{t('empty_report')}</Empty> : (
            <div class="table-wrap">
              <table class="list report cards">
                <thead><tr><th scope="col">{t('guest')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('message')}</th><th scope="col">{t('state')}</th></tr></thead>
                <tbody>{d.data.items.map((x) => (
                  <tr data-inquiry={x.id}>
                    <td><a href={'#/inquiries/' + encodeURIComponent(x.id)}>{(x.guest && x.guest.name) || x.id}</a><div><small class="muted">{t('ik_' + (x.kind || 'question'))}</small></div></td>
                    <td>{x.guest && x.guest.phone ? <a href={'tel:' + x.guest.phone}>{x.guest.phone}</a> : ''}</td>
                    <td>{short(x.message, 120)}</td>
                    <td>{stateBadge(x.state)}</td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
          )}
        </section>
      )}
      <Subscription session={session} />
    </div>
  );
}

// The daily report by mail: every staff member can subscribe themselves; the owner also
// sets the hour, zone and language (GET|PUT /v1/admin/reports/settings).
function Subscription({ session }) {
  const d = useLoad(() => api('GET', '/v1/admin/reports/settings'), []);
  const [f, setF] = useState(null);
  const [err, setErr] = useState(null);
  if (d.err && !d.data) return <FormError err={d.err} />;
  if (!d.data) return <Loading />;
  const v = f || { report_time: d.data.report_time || '18:00', timezone: d.data.timezone || browserZone(), subscribers: d.data.subscribers || [] };
  const me = session.email || '';
  const mine = v.subscribers.includes(me);
  const save = async (next) => {
    setErr(null); setF(next);
    try { await api('PUT', '/v1/admin/reports/settings', next); announce(t('saved')); await d.reload(); setF(null); } catch (x) { setErr(x); }
  };
  return (
    <form class="card stack" onSubmit={(e) => { e.preventDefault(); save(v); }} aria-labelledby="sub-h">
      <h2 id="sub-h">{t('daily_report')}</h2>
      {me && <Check label={t('subscribe_me', { email: me })} checked={mine} onChange={(on) => save({ ...v, subscribers: on ? [...v.subscribers, me] : v.subscribers.filter((x) => x !== me) })} />}
      <div class="grid3">
        <Field label={t('report_time')} name="report_time" err={err}><input type="time" value={v.report_time} onInput={(e) => setF({ ...v, report_time: e.currentTarget.value })} /></Field>
        <Field label={t('zone')} name="timezone" err={err}><input value={v.timezone} onInput={(e) => setF({ ...v, timezone: e.currentTarget.value })} /></Field>
      </div>
      <Field label={t('subscribers')} name="subscribers" err={err} hint={t('one_per_line')}>
        <textarea rows="3" value={v.subscribers.join('\n')} onInput={(e) => setF({ ...v, subscribers: e.currentTarget.value.split(/\s*\n\s*/).filter(Boolean) })} />
      </Field>
      <FormError err={err} fields={['report_time', 'timezone', 'subscribers']} />
      {d.data.last_report && <p class="muted">{t('last_report', { date: d.data.last_report })}</p>}
      <button type="submit">{t('save')}</button>
    </form>
  );
}

export function Inquiries({ view, session, id }) {
  const tab = view === 'report' ? 'report' : 'list';
  return (
    <div class="screen">
      <h1>{t('nav_inquiries')}</h1>
      <Tabs label={t('nav_inquiries')} value={tab} onChange={(v) => { location.hash = v === 'report' ? '#/inquiries?view=report' : '#/inquiries'; }}
        tabs={[['list', t('inquiry_list')], ['report', t('unconverted_report')]]} />
      {tab === 'report' ? <Report session={session} /> : <InquiryList />}
      {id && <InquiryPanel id={id} onClose={() => { location.hash = '#/inquiries'; }} />}
    </div>
  );
}
