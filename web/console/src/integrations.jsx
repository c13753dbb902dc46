// Calendars in and out, and webhooks (issue 15): per host the subscribed calendars (URL or
// uploaded .ics; busy or not; last fetch, staleness, error), the secret feed URLs for host,
// room and account (create, copy, revoke), and webhooks (events, the secret shown once,
// deliveries with their state and redeliver, the disabled state).
import { useState } from 'preact/hooks';
import { api, itemsOf } from './api.js';
import { t, problem } from './i18n.js';
import { Dialog, Field, Check, FormError, Loading, Empty, Tabs, useLoad, announce } from './ui.jsx';
import { fmtDateTime } from './time.js';

const EVENTS = ['booking.created', 'booking.requested', 'booking.approved', 'booking.rejected', 'booking.cancelled',
  'booking.rescheduled', 'booking.completed', 'booking.no_show', 'proposal.created', 'proposal.chosen', 'proposal.readjust',
  'request.sent', 'request.accepted', 'request.declined', 'inquiry.created', 'delivery.failed'];

function ago(sec) {
  if (sec === null || sec === undefined) return '';
  if (sec < 120) return t('ago_min', { n: 1 });
  if (sec < 7200) return t('ago_min', { n: Math.round(sec / 60) });
  if (sec < 172800) return t('ago_h', { n: Math.round(sec / 3600) });
  return t('ago_d', { n: Math.round(sec / 86400) });
}

export function Copy({ text, label }) {
  const copy = async () => {
    try { await navigator.clipboard.writeText(text); } catch (e) {
      const i = document.createElement('textarea'); i.value = text; document.body.appendChild(i); i.select();
      try { document.execCommand('copy'); } catch (x) { /* nothing more to try */ }
      i.remove();
    }
    announce(t('copied'));
  };
  return <button type="button" onClick={copy} aria-label={label ? `${t('copy')}: ${label}` : t('copy')}>{t('copy')}</button>;
}

function CalendarRow({ host, c, onChange }) {
  const [err, setErr] = useState(null);
  const path = `/v1/admin/hosts/${encodeURIComponent(host)}/calendars/${encodeURIComponent(c.id)}`;
  const run = async (method, p, body, msg) => {
    setErr(null);
    try { await api(method, p, body); announce(msg || t('saved')); onChange(); } catch (x) { setErr(x); }
  };
  const state = c.last_error ? 'error' : c.stale ? 'stale' : 'ok';
  return (
    <li class={'cal-item cs-' + state} data-calendar={c.id}>
      <div class="row between">
        <b>{c.name || c.id}</b>
        <span class={'badge cs-' + state}>{t('cs_' + state)}</span>
      </div>
      <div class="muted small">{c.source === 'url' ? <span class="url">{c.url}</span> : t('uploaded_ics')}</div>
      <div class="small">
        {t('events_n', { n: c.events ?? 0 })} · {t('busy_blocks_n', { n: c.busy_blocks ?? 0 })}
        {c.source === 'url' && <> · {c.last_fetched ? t('fetched', { when: fmtDateTime(c.last_fetched) }) : t('never_fetched')}{c.age_seconds != null ? ` (${ago(c.age_seconds)})` : ''}</>}
        {c.failures > 0 && <> · {t('failures_n', { n: c.failures })}</>}
      </div>
      {c.last_error && <p class="field-error" role="alert">{t('last_error')}: {c.last_error}</p>}
      <div class="row">
        <Check label={t('counts_as_busy')} checked={c.busy} onChange={(v) => run('PATCH', path, { busy: v })} />
        {c.source === 'url' && <button type="button" onClick={() => run('POST', path + '/refresh', undefined, t('refresh_soon'))}>{t('refresh')}</button>}
        <button type="button" class="ghost danger-text" onClick={() => run('DELETE', path, undefined, t('removed'))}>{t('remove')}</button>
      </div>
      <FormError err={err} />
    </li>
  );
}

function AddCalendar({ host, onDone }) {
  const [f, setF] = useState({ name: '', url: '', busy: true, refresh_minutes: 15 });
  const [file, setFile] = useState(null);
  const [err, setErr] = useState(null);
  const submit = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      const body = { name: f.name || (file ? file.name : ''), busy: f.busy };
      if (file) body.ics = await file.text();
      else { body.url = f.url; body.refresh_minutes = Number(f.refresh_minutes); }
      await api('POST', `/v1/admin/hosts/${encodeURIComponent(host)}/calendars`, body);
      setF({ name: '', url: '', busy: true, refresh_minutes: 15 }); setFile(null);
      e.currentTarget && e.currentTarget.reset && e.currentTarget.reset();
      announce(t('saved')); onDone();
    } catch (x) { setErr(x); }
  };
  return (
    <form class="card stack" onSubmit={submit} data-form="add-calendar" aria-labelledby="addcal-h">
      <h2 id="addcal-h">{t('add_calendar')}</h2>
      <Field label={t('name')} name="name" err={err}><input value={f.name} onInput={(e) => setF({ ...f, name: e.currentTarget.value })} /></Field>
      <Field label={t('ical_url')} name="url" err={err} hint={t('ical_url_hint')}><input type="url" value={f.url} disabled={!!file} onInput={(e) => setF({ ...f, url: e.currentTarget.value })} /></Field>
      <Field label={t('or_upload')} name="ics" err={err}><input type="file" accept=".ics,text/calendar" onChange={(e) => setFile(e.currentTarget.files[0] || null)} /></Field>
      <div class="row">
        <Check label={t('counts_as_busy')} checked={f.busy} onChange={(v) => setF({ ...f, busy: v })} />
        {!file && <Field label={t('refresh_minutes')} name="refresh_minutes" err={err}><input type="number" min="5" max="1440" value={f.refresh_minutes} onInput={(e) => setF({ ...f, refresh_minutes: e.currentTarget.value })} /></Field>}
      </div>
      <FormError err={err} fields={['name', 'url', 'ics', 'refresh_minutes']} />
      <button type="submit" class="primary">{t('add_calendar')}</button>
    </form>
  );
}

function Calendars({ hosts }) {
  const [host, setHost] = useState('');
  const h = host || (hosts[0] && hosts[0].id) || '';
  const d = useLoad(() => (h ? api('GET', `/v1/admin/hosts/${encodeURIComponent(h)}/calendars`).then(itemsOf) : Promise.resolve([])), [h]);
  return (
    <div class="stack">
      <Field label={t('host')} name="host"><select value={h} onChange={(e) => setHost(e.currentTarget.value)}>{hosts.map((x) => <option value={x.id}>{x.name}</option>)}</select></Field>
      <FormError err={d.err} />
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('empty_calendars')}</Empty> : (
        <ul class="plain cal-list">{d.data.map((c) => <CalendarRow host={h} c={c} onChange={d.reload} />)}</ul>
      )}
      {h && <AddCalendar host={h} onDone={d.reload} />}
    </div>
  );
}

function Feeds({ hosts, rooms }) {
  const d = useLoad(() => api('GET', '/v1/admin/feeds').then(itemsOf), []);
  const [scope, setScope] = useState('host');
  const [target, setTarget] = useState('');
  const [err, setErr] = useState(null);
  const names = Object.fromEntries([...hosts, ...rooms].map((x) => [x.id, x.name]));
  const list = scope === 'host' ? hosts : scope === 'room' ? rooms : [];
  const tg = target && list.some((x) => x.id === target) ? target : (list[0] && list[0].id) || '';
  const create = async (e) => {
    e.preventDefault(); setErr(null);
    try { await api('POST', '/v1/admin/feeds', scope === 'account' ? { account: true } : { [scope]: tg }); announce(t('saved')); d.reload(); } catch (x) { setErr(x); }
  };
  const revoke = async (id) => {
    setErr(null);
    try { await api('DELETE', '/v1/admin/feeds/' + encodeURIComponent(id)); announce(t('revoked')); d.reload(); } catch (x) { setErr(x); }
  };
  return (
    <div class="stack">
      <p class="muted">{t('feeds_help')}</p>
      <FormError err={d.err} />
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('empty_feeds')}</Empty> : (
        <ul class="plain">{d.data.map((f) => (
          <li data-feed={f.id}>
            <div><b>{t('scope_' + f.scope)}</b>{f.target ? ': ' + (names[f.target] || f.target) : ''} <small class="muted">{f.created ? fmtDateTime(f.created) : ''}</small></div>
            <div class="row"><code class="key">{f.url}</code><Copy text={f.url} label={t('scope_' + f.scope)} /><button type="button" class="ghost danger-text" onClick={() => revoke(f.id)}>{t('revoke')}</button></div>
          </li>
        ))}</ul>
      )}
      <form class="card stack" onSubmit={create} data-form="add-feed" aria-labelledby="addfeed-h">
        <h2 id="addfeed-h">{t('new_feed')}</h2>
        <div class="grid2">
          <Field label={t('feed_scope')} name="scope" err={err}>
            <select value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
              <option value="host">{t('scope_host')}</option><option value="room">{t('scope_room')}</option><option value="account">{t('scope_account')}</option>
            </select>
          </Field>
          {scope !== 'account' && <Field label={scope === 'host' ? t('host') : t('room')} name={scope} err={err}>
            <select value={tg} onChange={(e) => setTarget(e.currentTarget.value)}>{list.map((x) => <option value={x.id}>{x.name}</option>)}</select>
          </Field>}
        </div>
        <FormError err={err} fields={['host', 'room', 'scope']} />
        <button type="submit" class="primary">{t('create_feed')}</button>
      </form>
    </div>
  );
}

function Deliveries({ hook, onClose }) {
  const d = useLoad(() => api('GET', `/v1/admin/webhooks/${encodeURIComponent(hook.id)}/deliveries`).then(itemsOf), [hook.id]);
  const [err, setErr] = useState(null);
  const redeliver = async (id) => {
    setErr(null);
    try { await api('POST', `/v1/admin/webhooks/${encodeURIComponent(hook.id)}/deliveries/${encodeURIComponent(id)}/redeliver`); announce(t('redeliver_soon')); d.reload(); } catch (x) { setErr(x); }
  };
  return (
    <Dialog title={`${t('deliveries')} · ${hook.url}`} onClose={onClose} wide>
      <FormError err={d.err || err} />
      <div class="row"><button type="button" onClick={d.reload}>{t('reload')}</button></div>
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('empty_deliveries')}</Empty> : (
        <div class="table-wrap">
          <table class="list deliveries cards">
            <thead><tr><th scope="col">{t('event')}</th><th scope="col">{t('state')}</th><th scope="col">{t('when')}</th><th scope="col"><span class="sr">{t('actions')}</span></th></tr></thead>
            <tbody>{d.data.map((x) => (
              <tr data-delivery={x.id}>
                <td>{x.type}<div><small class="muted">{x.subject}</small></div></td>
                <td><span class={'badge dl-' + x.state}>{t('dl_' + x.state)}</span>{x.attempts > 0 && <small> · {t('attempts_n', { n: x.attempts })}</small>}{x.last_error && <div><small class="danger-text">{x.last_error}</small></div>}</td>
                <td>{x.created ? fmtDateTime(x.created) : ''}{x.next_attempt && <div><small>{t('next_attempt', { when: fmtDateTime(x.next_attempt) })}</small></div>}</td>
                <td><button type="button" onClick={() => redeliver(x.id)}>{t('redeliver')}</button></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}

function Webhooks() {
  const d = useLoad(() => api('GET', '/v1/admin/webhooks').then(itemsOf), []);
  const [f, setF] = useState({ url: '', events: ['booking.created', 'booking.cancelled'], notify_email: '' });
  const [err, setErr] = useState(null);
  const [secret, setSecret] = useState(null);
  const [open, setOpen] = useState(null);
  const [rowErr, setRowErr] = useState(null);
  const create = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      const w = await api('POST', '/v1/admin/webhooks', { url: f.url, events: f.events, notify_email: f.notify_email || undefined });
      setSecret(w); setF({ ...f, url: '' }); d.reload();
    } catch (x) { setErr(x); }
  };
  const act = async (method, w, body) => {
    setRowErr(null);
    try { await api(method, '/v1/admin/webhooks/' + encodeURIComponent(w.id), body); announce(t('saved')); d.reload(); } catch (x) { setRowErr(x); }
  };
  return (
    <div class="stack">
      <FormError err={d.err || rowErr} />
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('empty_webhooks')}</Empty> : (
        <ul class="plain">{d.data.map((w) => (
          <li data-webhook={w.id}>
            <div class="row between"><code class="url">{w.url}</code><span class={'badge ' + (w.enabled ? 'wh-on' : 'wh-off')}>{w.enabled ? t('wh_enabled') : t('wh_disabled')}</span></div>
            <div class="small muted">{(w.events || []).join(', ')}</div>
            {!w.enabled && w.disabled_reason && <p class="field-error" role="alert">{t('wh_disabled_because', { reason: w.disabled_reason })}</p>}
            <div class="row">
              <button type="button" onClick={() => setOpen(w)} data-action="deliveries">{t('deliveries')}</button>
              <button type="button" onClick={() => act('PATCH', w, { enabled: !w.enabled })}>{w.enabled ? t('disable') : t('enable')}</button>
              <button type="button" class="ghost danger-text" onClick={() => act('DELETE', w)}>{t('delete')}</button>
            </div>
          </li>
        ))}</ul>
      )}
      <form class="card stack" onSubmit={create} data-form="add-webhook" aria-labelledby="addwh-h">
        <h2 id="addwh-h">{t('new_webhook')}</h2>
        <Field label={t('webhook_url')} name="url" err={err}><input type="url" required value={f.url} onInput={(e) => setF({ ...f, url: e.currentTarget.value })} /></Field>
        <fieldset><legend>{t('events')}</legend>
          <div class="events-grid">{EVENTS.map((ev) => (
            <label class="check"><input type="checkbox" checked={f.events.includes(ev)} onChange={(e) => setF({ ...f, events: e.currentTarget.checked ? [...f.events, ev] : f.events.filter((x) => x !== ev) })} /><span>{ev}</span></label>
          ))}</div>
          {err && /^events/.test(err.field || '') && <p class="field-error" role="alert">{problem(err)}</p>}
        </fieldset>
        <Field label={t('notify_email')} name="notify_email" err={err} hint={t('notify_email_hint')}><input type="email" value={f.notify_email} onInput={(e) => setF({ ...f, notify_email: e.currentTarget.value })} /></Field>
        <FormError err={err} fields={['url', 'events', 'notify_email']} />
        <button type="submit" class="primary">{t('create_webhook')}</button>
      </form>
      {secret && (
        <Dialog title={t('webhook_secret')} onClose={() => setSecret(null)}>
          <p>{t('secret_once')}</p>
          <p><code class="key" data-testid="webhook-secret">{secret.secret}</code></p>
          <div class="row"><Copy text={secret.secret} label={t('webhook_secret')} /><button type="button" class="primary" onClick={() => setSecret(null)}>{t('done')}</button></div>
        </Dialog>
      )}
      {open && <Deliveries hook={open} onClose={() => { setOpen(null); d.reload(); }} />}
    </div>
  );
}

export function Integrations({ tab }) {
  const base = useLoad(async () => {
    const [hosts, rooms] = await Promise.all([api('GET', '/v1/admin/hosts').then(itemsOf), api('GET', '/v1/admin/rooms').then(itemsOf).catch(() => [])]);
    return { hosts, rooms };
  }, []);
  const here = ['calendars', 'feeds', 'webhooks'].includes(tab) ? tab : 'calendars';
  return (
    <div class="screen">
      <h1>{t('nav_integrations')}</h1>
      <Tabs label={t('nav_integrations')} value={here} onChange={(v) => { location.hash = '#/integrations/' + v; }}
        tabs={[['calendars', t('calendars_in')], ['feeds', t('feeds_out')], ['webhooks', t('webhooks')]]} />
      {base.err && <p class="banner error" role="alert">{base.err.status === 403 ? t('owner_only') : problem(base.err)}</p>}
      {!base.data ? (!base.err && <Loading />) : here === 'calendars' ? <Calendars hosts={base.data.hosts} />
        : here === 'feeds' ? <Feeds hosts={base.data.hosts} rooms={base.data.rooms} /> : <Webhooks />}
    </div>
  );
}
