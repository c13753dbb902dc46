// Setup (owners): hosts with zone, language, phone, weekly hours (several intervals a
// day), holidays and date overrides, with a two-week preview of free times; rooms; pages
// and services with every rule of SPEC §2; the account; staff and API keys. The server
// decides who may: a staff member gets 403 and sees it.
import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf, q } from './api.js';
import { t, LANGUAGES, problem, lang } from './i18n.js';
import { Field, Check, FormError, Loading, Empty, useLoad, announce, num } from './ui.jsx';
import { today, addDays, fmtDay, fmtTime, zones, browserZone } from './time.js';
import { nameOf } from './phone.jsx';
import { LocationSelect, loadLocations, loadPages, textOf } from './front.jsx';
import { Templates } from './templates.jsx';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TABS = [['hosts', 'setup_hosts'], ['locations', 'setup_locations'], ['rooms', 'setup_rooms'], ['pages', 'setup_pages'], ['templates', 'setup_templates'], ['account', 'setup_account'], ['staff', 'setup_staff'], ['keys', 'setup_keys']];

function Forbidden({ err }) {
  if (!err) return null;
  return <p class="banner error" role="alert">{err.status === 403 ? t('owner_only') : problem(err)}</p>;
}

function Intervals({ value, onChange, label, err, name }) {
  return (
    <div class="intervals" role="group" aria-label={label}>
      {!value.length && <small class="muted">{t('closed')}</small>}
      {value.map(([a, b], i) => (
        <span class="interval">
          <input type="time" aria-label={`${label} ${i + 1} ${t('from')}`} value={a} onInput={(e) => onChange(value.map((x, j) => (j === i ? [e.currentTarget.value, x[1]] : x)))} />
          –
          <input type="time" aria-label={`${label} ${i + 1} ${t('to')}`} value={b === '24:00' ? '23:59' : b} onInput={(e) => onChange(value.map((x, j) => (j === i ? [x[0], e.currentTarget.value] : x)))} />
          <button type="button" class="ghost" aria-label={`${t('remove')} ${label} ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>×</button>
        </span>
      ))}
      <button type="button" class="ghost" onClick={() => onChange([...value, value.length ? ['13:00', '17:00'] : ['09:00', '17:00']])}>+ {t('add_interval')}</button>
      {err && err.field && err.field.startsWith(name) && <p class="field-error" role="alert">{problem(err)}</p>}
    </div>
  );
}

function HostForm({ host, onDone }) {
  const ov = host.overrides || [];
  const [f, setF] = useState({
    name: host.name || '', email: host.email || '', timezone: host.timezone || browserZone(), language: host.language || 'en', phone: host.phone || '', location: host.location || '',
    sms_reminders: !!host.sms_reminders, sms_arrivals: host.sms_arrivals !== false,
    weekly: Object.fromEntries(DAYS.map((d) => [d, (host.weekly_hours && host.weekly_hours[d]) || (host.id ? [] : d === 'sat' || d === 'sun' ? [] : [['09:00', '17:00']])])),
    holidays: ov.filter((o) => !o.hours || !o.hours.length).map((o) => o.date),
    overrides: ov.filter((o) => o.hours && o.hours.length).map((o) => ({ date: o.date, hours: o.hours })),
  });
  const [err, setErr] = useState(null);
  const [preview, setPreview] = useState(null);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  const body = () => ({
    // An emptied phone or office is sent as "" (PUT keeps fields left out: the old value stayed).
    name: f.name, email: f.email, timezone: f.timezone, language: f.language, phone: f.phone, location: f.location, weekly_hours: f.weekly,
    sms_reminders: f.sms_reminders, sms_arrivals: f.sms_arrivals,
    overrides: [...f.holidays.filter(Boolean).map((d) => ({ date: d, hours: [] })), ...f.overrides.filter((o) => o.date)],
  });
  const save = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      if (host.id) await api('PUT', '/v1/admin/hosts/' + encodeURIComponent(host.id), body());
      else await api('POST', '/v1/admin/hosts', body());
      announce(t('saved')); onDone();
    } catch (x) { setErr(x); }
  };
  const doPreview = async () => {
    setErr(null); setPreview(null);
    try { setPreview(await api('POST', '/v1/admin/hosts/preview', { ...body(), id: host.id, from: today(), to: addDays(today(), 14), tz: f.timezone })); }
    catch (x) {
      if (x.status !== 404 && x.status !== 405) return setErr(x);
      // A server without the preview endpoint: show the hours as typed, date by date
      // (weekly hours, holidays and overrides applied), in the host's own clock.
      const days = {};
      for (let i = 0; i < 14; i++) {
        const d = addDays(today(), i);
        const o = body().overrides.find((x) => x.date === d);
        days[d] = (o ? o.hours : f.weekly[DAYS[(new Date(d + 'T12:00:00').getDay() + 6) % 7]] || []).map(([a, b]) => ({ text: `${a}–${b}` }));
      }
      setPreview({ days, hours_only: true });
    }
  };
  const zoneList = zones();
  return (
    <form class="stack card" onSubmit={save} data-form="host">
      <h2>{host.id ? host.name : t('new_host')}</h2>
      <div class="grid2">
        <Field label={t('name')} name="name" err={err}><input required value={f.name} onInput={set('name')} /></Field>
        <Field label={t('email')} name="email" err={err}><input type="email" required value={f.email} onInput={set('email')} /></Field>
        <Field label={t('zone')} name="timezone" err={err}><input list="zones" value={f.timezone} onInput={set('timezone')} /></Field>
        <Field label={t('language')} name="language" err={err}><select value={f.language} onChange={set('language')}>{LANGUAGES.map(([c, n]) => <option value={c}>{n}</option>)}</select></Field>
        <Field label={t('phone')} name="phone" err={err}><input type="tel" value={f.phone} onInput={set('phone')} /></Field>
        <LocationSelect value={f.location} onChange={(v) => setF({ ...f, location: v })} err={err} />
      </div>
      <div class="row">
        <Check name="sms_reminders" label={t('sms_host_reminders')} checked={f.sms_reminders} onChange={(v) => setF({ ...f, sms_reminders: v })} />
        <Check name="sms_arrivals" label={t('sms_host_arrivals')} checked={f.sms_arrivals} onChange={(v) => setF({ ...f, sms_arrivals: v })} />
      </div>
      <datalist id="zones">{zoneList.map((z) => <option value={z} />)}</datalist>
      <fieldset><legend>{t('weekly_hours')}</legend>
        {DAYS.map((d) => (
          <div class="day-row" data-day={d}><span class="day-name">{t(d)}</span>
            <Intervals label={t(d)} name={'weekly_hours.' + d} err={err} value={f.weekly[d]} onChange={(v) => setF({ ...f, weekly: { ...f.weekly, [d]: v } })} /></div>
        ))}
      </fieldset>
      <fieldset><legend>{t('holidays')}</legend>
        {f.holidays.map((d, i) => (
          <span class="interval"><input type="date" aria-label={`${t('holidays')} ${i + 1}`} value={d} onInput={(e) => setF({ ...f, holidays: f.holidays.map((x, j) => (j === i ? e.currentTarget.value : x)) })} />
            <button type="button" class="ghost" aria-label={`${t('remove')} ${t('holidays')} ${i + 1}`} onClick={() => setF({ ...f, holidays: f.holidays.filter((_, j) => j !== i) })}>×</button></span>
        ))}
        <button type="button" class="ghost" onClick={() => setF({ ...f, holidays: [...f.holidays, ''] })}>+ {t('add_holiday')}</button>
      </fieldset>
      <fieldset><legend>{t('overrides')}</legend>
        {f.overrides.map((o, i) => (
          <div class="day-row"><input type="date" aria-label={`${t('overrides')} ${i + 1} ${t('date')}`} value={o.date} onInput={(e) => setF({ ...f, overrides: f.overrides.map((x, j) => (j === i ? { ...x, date: e.currentTarget.value } : x)) })} />
            <Intervals label={`${t('overrides')} ${i + 1}`} name="overrides" err={err} value={o.hours} onChange={(v) => setF({ ...f, overrides: f.overrides.map((x, j) => (j === i ? { ...x, hours: v } : x)) })} /></div>
        ))}
        <button type="button" class="ghost" onClick={() => setF({ ...f, overrides: [...f.overrides, { date: '', hours: [['10:00', '14:00']] }] })}>+ {t('add_override')}</button>
      </fieldset>
      <FormError err={err} fields={['name', 'email', 'timezone', 'language', 'phone', 'weekly_hours', 'overrides']} />
      <div class="row"><button type="submit" class="primary">{t('save')}</button><button type="button" onClick={doPreview}>{t('preview_btn')}</button><button type="button" class="ghost" onClick={onDone}>{t('cancel')}</button></div>
      {preview && (
        <section aria-label={t('preview_free')}><h3>{preview.hours_only ? t('preview_hours') : t('preview_free')}</h3>
          <dl class="kv preview">{Object.entries(preview.days || {}).map(([d, list]) => (
            <><dt>{fmtDay(d)}</dt><dd data-date={d}>{list.length ? list.map((s) => s.text || `${fmtTime(s.start, f.timezone)}–${fmtTime(s.end, f.timezone)}`).join(', ') : t('closed')}</dd></>
          ))}</dl>
        </section>
      )}
    </form>
  );
}

function Hosts() {
  const d = useLoad(() => api('GET', '/v1/admin/hosts').then(itemsOf), []);
  const [edit, setEdit] = useState(null);
  if (edit) return <HostForm host={edit} onDone={() => { setEdit(null); d.reload(); }} />;
  return (
    <>
      <button type="button" class="primary" onClick={() => setEdit({})}>{t('new_host')}</button>
      <Forbidden err={d.err} />
      {d.data && (!d.data.length ? <Empty>{t('empty_hosts')}</Empty> : (
        <table class="list"><thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('email')}</th><th scope="col">{t('zone')}</th><th scope="col"><span class="sr">{t('edit')}</span></th></tr></thead>
          <tbody>{d.data.map((h) => <tr><td>{h.name}</td><td>{h.email}</td><td>{h.timezone}</td><td><button type="button" onClick={() => setEdit(h)} aria-label={`${t('edit')} ${h.name}`}>{t('edit')}</button></td></tr>)}</tbody></table>
      ))}
    </>
  );
}

function Rooms() {
  const d = useLoad(() => api('GET', '/v1/admin/rooms').then(itemsOf), []);
  const [name, setName] = useState('');
  const [loc, setLoc] = useState('');
  const [locs, setLocs] = useState([]);
  useEffect(() => { loadLocations().then(setLocs, () => {}); }, []);
  const [err, setErr] = useState(null);
  const add = async (e) => { e.preventDefault(); setErr(null); try { await api('POST', '/v1/admin/rooms', { name, location: loc || undefined }); setName(''); announce(t('saved')); d.reload(); } catch (x) { setErr(x); } };
  const del = async (id) => { setErr(null); try { await api('DELETE', '/v1/admin/rooms/' + encodeURIComponent(id)); d.reload(); } catch (x) { setErr(x); } };
  return (
    <>
      <form class="row card" onSubmit={add} data-form="room">
        <Field label={t('new_room')} name="name" err={err}><input required value={name} onInput={(e) => setName(e.currentTarget.value)} /></Field>
        <LocationSelect value={loc} onChange={setLoc} err={err} />
        <button type="submit" class="primary end-btn">{t('add')}</button>
      </form>
      <FormError err={err} fields={['name']} />
      <Forbidden err={d.err} />
      {d.data && !d.data.length && <Empty>{t('empty_rooms')}</Empty>}
      {d.data && d.data.length > 0 && <ul class="plain">{d.data.map((r) => <li>{r.name}{r.location ? <small class="muted"> · {textOf((locs.find((l) => l.id === r.location) || {}).name) || r.location}</small> : ''} <button type="button" class="ghost" onClick={() => del(r.id)} aria-label={`${t('delete')} ${r.name}`}>{t('delete')}</button></li>)}</ul>}
    </>
  );
}

// Owner content in several languages (docs/API.md): a name or description is one text
// for every guest, or a text per language. "Add language" turns one text into the page's
// language plus the chosen one; removing down to one language makes it one text again.
const langName = (c) => (LANGUAGES.find(([k]) => k === c) || [c, c])[1];
function LangText({ label, name, value, onChange, err, multiline, required, pageLang }) {
  const map = value && typeof value === 'object' ? value : null;
  const used = map ? Object.keys(map) : [];
  const base = pageLang || 'en';
  const free = LANGUAGES.map(([c]) => c).filter((c) => (map ? !used.includes(c) : c !== base));
  const input = (props) => (multiline ? <textarea rows="2" {...props} /> : <input {...props} />);
  const add = (e) => {
    const c = e.currentTarget.value;
    e.currentTarget.value = '';
    if (!c) return;
    if (map) onChange({ ...map, [c]: '' });
    else onChange(value ? { [base]: value, [c]: '' } : { [c]: '' });
  };
  const drop = (c) => {
    const rest = Object.fromEntries(Object.entries(map).filter(([k]) => k !== c));
    const keys = Object.keys(rest);
    onChange(keys.length === 1 ? rest[keys[0]] : rest);
  };
  const adder = free.length > 0 && (
    <select class="add-lang small" aria-label={t('add_language')} value="" onChange={add} data-add-language={name}>
      <option value="">+ {t('add_language')}</option>
      {free.map((c) => <option value={c}>{langName(c)}</option>)}
    </select>
  );
  if (!map) {
    return (
      <div class="lang-text" data-lang-text={name}>
        <Field label={label} name={name} err={err}>{input({ required, value: value || '', onInput: (e) => onChange(e.currentTarget.value) })}</Field>
        {adder}
      </div>
    );
  }
  return (
    <fieldset class="lang-text" data-lang-text={name}><legend>{label}</legend>
      {used.map((c) => (
        <div class="lang-row" data-lang={c}>
          <Field label={langName(c)} name={`${name}.${c}`} err={err}>{input({ required, lang: c, value: map[c], onInput: (e) => onChange({ ...map, [c]: e.currentTarget.value }) })}</Field>
          <button type="button" class="ghost" onClick={() => drop(c)} aria-label={`${t('remove')} ${langName(c)}`}>×</button>
        </div>
      ))}
      {err && err.field === name && <p class="field-error" role="alert">{problem(err)}</p>}
      {adder}
    </fieldset>
  );
}

const newService = (i) => ({ id: 'service' + (i + 1), name: '', duration_minutes: 30, slot_interval_minutes: '', buffer_before_minutes: 0, buffer_after_minutes: 0,
  min_notice_minutes: 0, window: null, limits: {}, rooms: [], auto_approve: true });

function ServiceForm({ s, i, set, rooms, err, pageLang }) {
  const p = `event_types[${i}]`;
  const up = (k, v) => set({ ...s, [k]: v });
  const n = (k) => (e) => up(k, e.currentTarget.value === '' ? '' : Number(e.currentTarget.value));
  const wkind = !s.window ? 'none' : s.window.rolling_days !== undefined ? 'rolling' : 'fixed';
  return (
    <fieldset class="service" data-service={i}><legend>{t('service')} {i + 1}{s.name ? ': ' + textOf(s.name, pageLang) : ''}</legend>
      <div class="grid2">
        <LangText label={t('name')} name={p + '.name'} err={err} required pageLang={pageLang} value={s.name} onChange={(v) => up('name', v)} />
        <LangText label={t('description')} name={p + '.description'} err={err} multiline pageLang={pageLang} value={s.description || ''} onChange={(v) => up('description', v || undefined)} />
      </div>
      <div class="grid3">
        <Field label={t('service_id')} name={p + '.id'} err={err}><input required value={s.id} onInput={(e) => up('id', e.currentTarget.value)} /></Field>
        <Field label={t('duration')} name={p + '.duration_minutes'} err={err}><input type="number" value={s.duration_minutes} onInput={n('duration_minutes')} /></Field>
        <Field label={t('interval')} name={p + '.slot_interval_minutes'} err={err}><input type="number" value={s.slot_interval_minutes ?? ''} onInput={n('slot_interval_minutes')} /></Field>
        <Field label={t('buffer_before')} name={p + '.buffer_before_minutes'} err={err}><input type="number" value={s.buffer_before_minutes ?? ''} onInput={n('buffer_before_minutes')} /></Field>
        <Field label={t('buffer_after')} name={p + '.buffer_after_minutes'} err={err}><input type="number" value={s.buffer_after_minutes ?? ''} onInput={n('buffer_after_minutes')} /></Field>
        <Field label={t('min_notice')} name={p + '.min_notice_minutes'} err={err}><input type="number" value={s.min_notice_minutes ?? ''} onInput={n('min_notice_minutes')} /></Field>
        <Field label={t('per_day')} name={p + '.limits.per_day'} err={err}><input type="number" value={(s.limits && s.limits.per_day) ?? ''} onInput={(e) => up('limits', { ...s.limits, per_day: num(e.currentTarget.value) })} /></Field>
        <Field label={t('per_week')} name={p + '.limits.per_week'} err={err}><input type="number" value={(s.limits && s.limits.per_week) ?? ''} onInput={(e) => up('limits', { ...s.limits, per_week: num(e.currentTarget.value) })} /></Field>
        <Field label={t('window')} name={p + '.window'} err={err}>
          <select value={wkind} onChange={(e) => { const v = e.currentTarget.value; up('window', v === 'none' ? null : v === 'rolling' ? { rolling_days: 60 } : { from: today(), to: addDays(today(), 90) }); }}>
            <option value="none">{t('window_none')}</option><option value="rolling">{t('window_rolling')}</option><option value="fixed">{t('window_fixed')}</option>
          </select>
        </Field>
        {wkind === 'rolling' && <Field label={t('rolling_days')} name={p + '.window.rolling_days'} err={err}><input type="number" value={s.window.rolling_days} onInput={(e) => up('window', { rolling_days: Number(e.currentTarget.value) })} /></Field>}
        {wkind === 'fixed' && <>
          <Field label={t('from')} name={p + '.window.from'} err={err}><input type="date" value={s.window.from} onInput={(e) => up('window', { ...s.window, from: e.currentTarget.value })} /></Field>
          <Field label={t('to')} name={p + '.window.to'} err={err}><input type="date" value={s.window.to} onInput={(e) => up('window', { ...s.window, to: e.currentTarget.value })} /></Field>
        </>}
      </div>
      {rooms.length > 0 && <div role="group" aria-label={`${t('rooms')} (${t('service')} ${i + 1})`} class="row wrap">
        <span>{t('rooms')}:</span>
        {rooms.map((r) => <Check label={r.name} checked={(s.rooms || []).includes(r.id)} onChange={(on) => up('rooms', on ? [...(s.rooms || []), r.id] : (s.rooms || []).filter((x) => x !== r.id))} />)}
      </div>}
      <div class="grid3"><LocationSelect value={s.location} onChange={(v) => up('location', v || undefined)} err={err} name={p + '.location'} /></div>
      <Check label={t('auto_approve')} checked={s.auto_approve !== false} onChange={(v) => up('auto_approve', v)} />
    </fieldset>
  );
}

// A page's notification settings (`notifications` of the page, docs/MAIL.md): reminders
// before the visit (up to five, each in minutes, hours or days), the hosts' reminders,
// SMS reminders to guests, the no-show mail, a follow-up after a completed visit and the
// language of the hosts' mails. The defaults are the core's (one reminder a day before,
// hosts reminded too, nothing else).
const UNITS = [['days', 1440], ['hours', 60], ['minutes', 1]];
const splitMinutes = (m) => { const [u, k] = UNITS.find(([, k]) => m % k === 0) || UNITS[2]; return { n: m / k, u }; };
export const notificationsForm = (n = {}) => ({
  reminders: (Array.isArray(n.reminders_minutes) ? n.reminders_minutes : [1440]).map(splitMinutes),
  host_reminders: n.host_reminders !== false, sms_reminders: !!n.sms_reminders, no_show_mail: !!n.no_show_mail,
  follow_up: n.follow_up_minutes !== undefined && n.follow_up_minutes !== null, follow_up_minutes: n.follow_up_minutes ?? 120,
  host_language: n.host_language || '',
});
export const notificationsBody = (f) => {
  const out = {
    reminders_minutes: f.reminders.map((r) => Math.round(Number(r.n) * UNITS.find(([u]) => u === r.u)[1])),
    host_reminders: f.host_reminders, sms_reminders: f.sms_reminders, no_show_mail: f.no_show_mail,
  };
  if (f.follow_up) out.follow_up_minutes = Number(f.follow_up_minutes);
  if (f.host_language) out.host_language = f.host_language;
  return out;
};

function NotificationsForm({ v, set, err, pageLang }) {
  const p = 'notifications';
  const up = (k, x) => set({ ...v, [k]: x });
  const rem = (i, k, x) => up('reminders', v.reminders.map((r, j) => (j === i ? { ...r, [k]: x } : r)));
  return (
    <fieldset class="notifications" data-form="notifications"><legend>{t('notif_title')}</legend>
      <div role="group" aria-label={t('notif_reminders')} class="stack">
        <small class="muted">{t('notif_reminders')}</small>
        {!v.reminders.length && <small class="muted">{t('notif_no_reminders')}</small>}
        {v.reminders.map((r, i) => (
          <div class="row reminder" data-reminder={i}>
            <Field label={t('notif_reminder_n', { n: i + 1 })} name={`${p}.reminders_minutes[${i}]`} err={err}>
              <input type="number" min="1" step="1" required value={r.n} onInput={(e) => rem(i, 'n', e.currentTarget.value)} />
            </Field>
            <Field label={t('notif_unit')} name={`${p}.reminders_minutes[${i}].unit`} err={err}>
              <select value={r.u} onChange={(e) => rem(i, 'u', e.currentTarget.value)}>{UNITS.map(([u]) => <option value={u}>{t('unit_' + u)}</option>)}</select>
            </Field>
            <button type="button" class="ghost end-btn" onClick={() => up('reminders', v.reminders.filter((_, j) => j !== i))}>{t('remove')} {t('notif_reminder_n', { n: i + 1 })}</button>
          </div>
        ))}
        {v.reminders.length < 5 && <button type="button" onClick={() => up('reminders', [...v.reminders, { n: 1, u: 'hours' }])}>+ {t('notif_add_reminder')}</button>}
        {err && err.field === `${p}.reminders_minutes` && <p class="field-error" role="alert">{problem(err)}</p>}
      </div>
      <Check name="host_reminders" label={t('notif_host_reminders')} checked={v.host_reminders} onChange={(x) => up('host_reminders', x)} />
      <Check name="sms_reminders" label={t('notif_sms')} checked={v.sms_reminders} onChange={(x) => up('sms_reminders', x)} />
      <Check name="no_show_mail" label={t('notif_no_show')} checked={v.no_show_mail} onChange={(x) => up('no_show_mail', x)} />
      <Check name="follow_up" label={t('notif_follow_up')} checked={v.follow_up} onChange={(x) => up('follow_up', x)} />
      {v.follow_up && <Field label={t('notif_follow_after')} name={`${p}.follow_up_minutes`} err={err}>
        <input type="number" min="0" step="1" required value={v.follow_up_minutes} onInput={(e) => up('follow_up_minutes', e.currentTarget.value)} />
      </Field>}
      <Field label={t('notif_host_language')} name={`${p}.host_language`} err={err}>
        <select value={v.host_language} onChange={(e) => up('host_language', e.currentTarget.value)}>
          <option value="">{t('notif_page_language', { lang: (LANGUAGES.find(([c]) => c === pageLang) || [, pageLang])[1] })}</option>
          {LANGUAGES.map(([c, n]) => <option value={c}>{n}</option>)}
        </select>
      </Field>
    </fieldset>
  );
}

function PageForm({ page, hosts, rooms, onDone }) {
  const [f, setF] = useState({
    id: page.id || '', name: page.name || '', description: page.description || '',
    language: page.language || 'en', enabled: page.enabled !== false, logo: page.logo || '', hosts: page.hosts || [], host_mode: page.host_mode || 'any',
    event_types: page.event_types && page.event_types.length ? page.event_types : [newService(0)],
    notifications: notificationsForm(page.notifications),
  });
  const [err, setErr] = useState(null);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  const clean = (s) => {
    const o = { ...s };
    if (!o.description) delete o.description;
    for (const k of ['slot_interval_minutes', 'buffer_before_minutes', 'buffer_after_minutes', 'min_notice_minutes']) if (o[k] === '' || o[k] === null) delete o[k];
    if (!o.window) delete o.window;
    if (o.limits) { o.limits = Object.fromEntries(Object.entries(o.limits).filter(([, v]) => v !== undefined && v !== '' && v !== null)); if (!Object.keys(o.limits).length) delete o.limits; }
    if (!o.rooms || !o.rooms.length) delete o.rooms;
    return o;
  };
  const save = async (e) => {
    e.preventDefault(); setErr(null);
    // PUT replaces the page: start from what the server sent, so fields this form does
    // not show (locations, labels, …) survive.
    const body = { ...page, ...f, description: f.description || undefined,
      logo: f.logo || undefined, event_types: f.event_types.map(clean), notifications: notificationsBody(f.notifications) };
    try {
      if (page.id) await api('PUT', '/v1/admin/pages/' + encodeURIComponent(page.id), body);
      else await api('POST', '/v1/admin/pages', body);
      loadPages(true).then(() => dispatchEvent(new Event('kairos:lists')), () => {});  // lists name the new services
      announce(t('saved')); onDone();
    } catch (x) { setErr(x); }
  };
  return (
    <form class="stack card" onSubmit={save} data-form="page">
      <h2>{page.id ? nameOf(page) : t('new_page')}</h2>
      <div class="grid2">
        <Field label={t('page_id')} name="id" err={err}><input required value={f.id} readOnly={!!page.id} onInput={set('id')} pattern="[a-z0-9][a-z0-9_-]*" /></Field>
        <LangText label={t('name')} name="name" err={err} required pageLang={f.language} value={f.name} onChange={(v) => setF({ ...f, name: v })} />
        <Field label={t('language')} name="language" err={err}><select value={f.language} onChange={set('language')}>{LANGUAGES.map(([c, n]) => <option value={c}>{n}</option>)}</select></Field>
        <Field label={t('logo')} name="logo" err={err}><input type="url" value={f.logo} onInput={set('logo')} /></Field>
      </div>
      <LangText label={t('description')} name="description" err={err} multiline pageLang={f.language} value={f.description} onChange={(v) => setF({ ...f, description: v })} />
      <Check label={t('enabled')} checked={f.enabled} onChange={(v) => setF({ ...f, enabled: v })} />
      <fieldset><legend>{t('hosts')}</legend>
        {hosts.map((h) => <Check label={h.name} checked={f.hosts.includes(h.id)} onChange={(on) => setF({ ...f, hosts: on ? [...f.hosts, h.id] : f.hosts.filter((x) => x !== h.id) })} />)}
        {err && /^hosts/.test(err.field || '') && <p class="field-error" role="alert">{problem(err)}</p>}
        <Field label={t('host_mode')} name="host_mode" err={err}><select value={f.host_mode} onChange={set('host_mode')}><option value="any">{t('mode_any')}</option><option value="all">{t('mode_all')}</option></select></Field>
      </fieldset>
      <h3>{t('event_types')}</h3>
      {f.event_types.map((s, i) => (
        <>
          <ServiceForm s={s} i={i} rooms={rooms} err={err} pageLang={f.language} set={(v) => setF({ ...f, event_types: f.event_types.map((x, j) => (j === i ? v : x)) })} />
          {f.event_types.length > 1 && <button type="button" class="ghost" onClick={() => setF({ ...f, event_types: f.event_types.filter((_, j) => j !== i) })}>{t('remove')} {t('service')} {i + 1}</button>}
        </>
      ))}
      <button type="button" onClick={() => setF({ ...f, event_types: [...f.event_types, newService(f.event_types.length)] })}>+ {t('add_service')}</button>
      <NotificationsForm v={f.notifications} set={(v) => setF({ ...f, notifications: v })} err={err} pageLang={f.language} />
      <FormError err={err} fields={['id', 'name', 'language', 'logo', 'description', 'hosts', 'host_mode', 'event_types', 'notifications.reminders_minutes', 'notifications.follow_up_minutes', 'notifications.host_language']} />
      <div class="row"><button type="submit" class="primary">{t('save')}</button><button type="button" class="ghost" onClick={onDone}>{t('cancel')}</button></div>
    </form>
  );
}

function Pages() {
  const d = useLoad(() => Promise.all([api('GET', '/v1/admin/pages').then(itemsOf), api('GET', '/v1/admin/hosts').then(itemsOf), api('GET', '/v1/admin/rooms').then(itemsOf),
    api('GET', '/v1/admin/account').catch(() => ({}))]), []);
  const [edit, setEdit] = useState(null);
  if (d.err) return <Forbidden err={d.err} />;
  if (!d.data) return <Loading />;
  const [pages, hosts, rooms, account] = d.data;
  if (edit) return <PageForm page={edit} hosts={hosts} rooms={rooms} onDone={() => { setEdit(null); d.reload(); }} />;
  return (
    <>
      <button type="button" class="primary" onClick={() => setEdit({ language: account.language || undefined, logo: account.logo || undefined })}>{t('new_page')}</button>
      {!pages.length ? <Empty>{t('empty_pages')}</Empty> : <table class="list"><thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('page_id')}</th><th scope="col">{t('event_types')}</th><th scope="col"><span class="sr">{t('edit')}</span></th></tr></thead>
        <tbody>{pages.map((p) => <tr><td>{nameOf(p)}</td><td>{p.id}</td><td>{(p.event_types || []).map((e) => nameOf(e, p.language)).join(', ')}</td><td><button type="button" onClick={() => setEdit(p)} aria-label={`${t('edit')} ${nameOf(p)}`}>{t('edit')}</button></td></tr>)}</tbody></table>}
    </>
  );
}

function Account() {
  const d = useLoad(() => api('GET', '/v1/admin/account'), []);
  const [f, setF] = useState(null);
  const [err, setErr] = useState(null);
  if (d.err) return <Forbidden err={d.err} />;
  if (!d.data) return <Loading />;
  const v = f || { name: d.data.name || '', sender_name: d.data.sender_name || '', logo: d.data.logo || '', language: d.data.language || 'en' };
  const set = (k) => (e) => setF({ ...v, [k]: e.currentTarget.value });
  const save = async (e) => {
    e.preventDefault(); setErr(null);
    // Every field is sent, "" included, so an emptied sender name or logo is cleared.
    try { await api('PUT', '/v1/admin/account', v); announce(t('saved')); await d.reload(); setF(null); } catch (x) { setErr(x); }
  };
  return (
    <form class="stack card" onSubmit={save} data-form="account">
      <Field label={t('business_name')} name="name" err={err}><input required value={v.name} onInput={set('name')} /></Field>
      <Field label={t('sender_name')} name="sender_name" err={err}><input value={v.sender_name} onInput={set('sender_name')} /></Field>
      <Field label={t('logo')} name="logo" err={err}><input type="url" value={v.logo} onInput={set('logo')} /></Field>
      <Field label={t('default_language')} name="language" err={err}><select value={v.language} onChange={set('language')}>{LANGUAGES.map(([c, n]) => <option value={c}>{n}</option>)}</select></Field>
      <FormError err={err} fields={['name', 'sender_name', 'logo', 'language']} />
      <button type="submit" class="primary">{t('save')}</button>
    </form>
  );
}

function Staff() {
  const d = useLoad(() => api('GET', '/v1/admin/staff').then(itemsOf), []);
  const hosts = useLoad(() => api('GET', '/v1/admin/hosts').then(itemsOf).catch(() => []), []);
  const [f, setF] = useState({ name: '', email: '', role: 'staff', language: 'en', host: '' });
  const [err, setErr] = useState(null);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  const invite = async (e) => { e.preventDefault(); setErr(null); try { await api('POST', '/v1/admin/staff', { ...f, host: f.host || undefined }); announce(t('saved')); setF({ ...f, name: '', email: '' }); d.reload(); } catch (x) { setErr(x); } };
  const del = async (id) => { setErr(null); try { await api('DELETE', '/v1/admin/staff/' + encodeURIComponent(id)); d.reload(); } catch (x) { setErr(x); } };
  if (d.err) return <Forbidden err={d.err} />;
  return (
    <>
      <form class="stack card" onSubmit={invite} data-form="staff">
        <div class="grid2">
          <Field label={t('name')} name="name" err={err}><input required value={f.name} onInput={set('name')} /></Field>
          <Field label={t('email')} name="email" err={err}><input type="email" required value={f.email} onInput={set('email')} /></Field>
          <Field label={t('role')} name="role" err={err}><select value={f.role} onChange={set('role')}><option value="staff">{t('role_staff')}</option><option value="owner">{t('role_owner')}</option></select></Field>
          <Field label={t('language')} name="language" err={err}><select value={f.language} onChange={set('language')}>{LANGUAGES.map(([c, n]) => <option value={c}>{n}</option>)}</select></Field>
          <Field label={t('host')} name="host" err={err}><select value={f.host} onChange={set('host')}><option value="">{t('none')}</option>{(hosts.data || []).map((h) => <option value={h.id}>{h.name}</option>)}</select></Field>
        </div>
        <FormError err={err} fields={['name', 'email', 'role', 'language', 'host']} />
        <button type="submit" class="primary">{t('invite')}</button>
      </form>
      {d.data && <table class="list"><thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('email')}</th><th scope="col">{t('role')}</th><th scope="col"><span class="sr">{t('delete')}</span></th></tr></thead>
        <tbody>{d.data.map((s) => <tr><td>{s.name}</td><td>{s.email}</td><td>{t('role_' + s.role)}</td><td><button type="button" class="ghost" onClick={() => del(s.id)} aria-label={`${t('delete')} ${s.name}`}>{t('delete')}</button></td></tr>)}</tbody></table>}
    </>
  );
}

function Keys() {
  const d = useLoad(() => api('GET', '/v1/admin/api-keys').then(itemsOf), []);
  const [name, setName] = useState('');
  const [made, setMade] = useState(null);
  const [err, setErr] = useState(null);
  const add = async (e) => { e.preventDefault(); setErr(null); try { setMade(await api('POST', '/v1/admin/api-keys', { name })); setName(''); d.reload(); } catch (x) { setErr(x); } };
  const del = async (id) => { setErr(null); try { await api('DELETE', '/v1/admin/api-keys/' + encodeURIComponent(id)); d.reload(); } catch (x) { setErr(x); } };
  if (d.err) return <Forbidden err={d.err} />;
  return (
    <>
      <form class="row card" onSubmit={add} data-form="key">
        <Field label={t('key_name')} name="name" err={err}><input required value={name} onInput={(e) => setName(e.currentTarget.value)} /></Field>
        <button type="submit" class="primary">{t('create_key')}</button>
      </form>
      <FormError err={err} fields={['name']} />
      {made && <p class="banner ok" role="status">{t('key_once')} <code class="key">{made.key}</code></p>}
      {d.data && <ul class="plain">{d.data.map((k) => <li>{k.name} <small>{k.id}</small> <button type="button" class="ghost" onClick={() => del(k.id)} aria-label={`${t('revoke')} ${k.name}`}>{t('revoke')}</button></li>)}</ul>}
    </>
  );
}

// Locations (stores, offices): name, address, phone, zone. Hosts, rooms and services
// belong to one (their own forms); bookings and inquiries follow.
function LocationForm({ loc, onDone }) {
  const [f, setF] = useState({ name: textOf(loc.name), address: textOf(loc.address), phone: loc.phone || '', timezone: loc.timezone || browserZone() });
  const [err, setErr] = useState(null);
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.value });
  const save = async (e) => {
    e.preventDefault(); setErr(null);
    // A name or address given per language stays so; this form edits the shown text.
    const keep = (orig, v) => (orig && typeof orig === 'object' ? { ...orig, [Object.keys(orig).find((k) => orig[k] === textOf(orig)) || 'en']: v } : v);
    const body = { name: keep(loc.name, f.name), address: keep(loc.address, f.address), phone: f.phone || undefined, timezone: f.timezone || undefined };
    try {
      if (loc.id) await api('PUT', '/v1/admin/locations/' + encodeURIComponent(loc.id), body);
      else await api('POST', '/v1/admin/locations', body);
      await loadLocations(true); dispatchEvent(new Event('kairos:lists'));
      announce(t('saved')); onDone();
    } catch (x) { setErr(x); }
  };
  return (
    <form class="stack card" onSubmit={save} data-form="location">
      <h2>{loc.id ? textOf(loc.name) : t('new_location')}</h2>
      <div class="grid2">
        <Field label={t('name')} name="name" err={err}><input required value={f.name} onInput={set('name')} /></Field>
        <Field label={t('address')} name="address" err={err}><input required value={f.address} onInput={set('address')} /></Field>
        <Field label={t('phone')} name="phone" err={err}><input type="tel" value={f.phone} onInput={set('phone')} /></Field>
        <Field label={t('zone')} name="timezone" err={err}><input list="loc-zones" value={f.timezone} onInput={set('timezone')} /></Field>
      </div>
      <datalist id="loc-zones">{zones().map((z) => <option value={z} />)}</datalist>
      <FormError err={err} fields={['name', 'address', 'phone', 'timezone']} />
      <div class="row"><button type="submit" class="primary">{t('save')}</button><button type="button" class="ghost" onClick={onDone}>{t('cancel')}</button></div>
    </form>
  );
}

function Locations() {
  const d = useLoad(() => api('GET', '/v1/admin/locations').then(itemsOf), []);
  const [edit, setEdit] = useState(null);
  const [err, setErr] = useState(null);
  const del = async (l) => {
    setErr(null);
    try { await api('DELETE', '/v1/admin/locations/' + encodeURIComponent(l.id)); await loadLocations(true); dispatchEvent(new Event('kairos:lists')); d.reload(); } catch (x) { setErr(x); }
  };
  if (edit) return <LocationForm loc={edit} onDone={() => { setEdit(null); d.reload(); }} />;
  return (
    <>
      <button type="button" class="primary" onClick={() => setEdit({})}>{t('new_location')}</button>
      <Forbidden err={d.err || err} />
      {d.data && (!d.data.length ? <Empty>{t('empty_locations')}</Empty> : (
        <div class="table-wrap">
          <table class="list"><thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('address')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('zone')}</th><th scope="col"><span class="sr">{t('edit')}</span></th></tr></thead>
            <tbody>{d.data.map((l) => <tr data-location={l.id}><td>{textOf(l.name)}</td><td>{textOf(l.address)}</td><td>{l.phone}</td><td>{l.timezone}</td>
              <td class="row"><button type="button" onClick={() => setEdit(l)} aria-label={`${t('edit')} ${textOf(l.name)}`}>{t('edit')}</button>
                <button type="button" class="ghost danger-text" onClick={() => del(l)} aria-label={`${t('delete')} ${textOf(l.name)}`}>{t('delete')}</button></td></tr>)}</tbody></table>
        </div>
      ))}
      <section class="card stack" aria-labelledby="kiosk-h" data-testid="kiosk-link">
        <h2 id="kiosk-h">{t('kiosk_title')}</h2>
        <p>{t('kiosk_text')}</p>
        <p><a href={'/checkin/?lang=' + lang()} target="_blank" rel="noopener">{t('kiosk_open')}</a> <code class="key">{location.origin}/checkin/</code></p>
      </section>
    </>
  );
}

export function Setup({ tab, session }) {
  const Screen = { hosts: Hosts, locations: Locations, templates: Templates, rooms: Rooms, pages: Pages, account: Account, staff: Staff, keys: Keys }[tab] || Hosts;
  return (
    <div class="screen">
      <h1>{t('nav_setup')}</h1>
      <nav class="chips" aria-label={t('nav_setup')}>
        {TABS.map(([k, key]) => <a class={'chip' + (k === tab ? ' on' : '')} href={'#/setup/' + k} aria-current={k === tab ? 'page' : undefined}>{t(key)}</a>)}
      </nav>
      {session && session.role === 'staff' && tab !== 'keys' && tab !== 'staff' && <p class="banner error" role="alert">{t('owner_only')}</p>}
      <Screen key={tab} />
    </div>
  );
}
