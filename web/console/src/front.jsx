// Front-office pieces shared by several screens (seed 004, issue 14): the location
// picker of the top bar (it filters the calendar and the lists), a location select for
// forms, and labels (chips, and an editor that also creates custom labels with a colour).
import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf } from './api.js';
import { t, problem, pickText } from './i18n.js';
import { Field, useId, announce } from './ui.jsx';

// A location's, page's or service's name in the console's language (the core's fallback).
export const textOf = pickText;

// The chosen office, kept per browser (a reception tablet stays on its office).
let place = '';
try { place = localStorage.getItem('kairos-console-location') || ''; } catch (e) { /* private mode */ }
export const currentLocation = () => place;
export function setLocation(id) {
  place = id || '';
  try { localStorage.setItem('kairos-console-location', place); } catch (e) { /* private mode */ }
  dispatchEvent(new Event('kairos:location'));
}
export function useLocation() {
  const [v, set] = useState(place);
  useEffect(() => {
    const f = () => set(place);
    addEventListener('kairos:location', f);
    return () => removeEventListener('kairos:location', f);
  }, []);
  return v;
}

// Locations and labels change rarely: one load per page view, refreshed after a change.
let locCache = null;
let labelCache = null;
export const loadLocations = (fresh) => (!fresh && locCache) || (locCache = api('GET', '/v1/admin/locations').then(itemsOf).catch((e) => { locCache = null; throw e; }));
let pageCache = null;
export const loadPages = (fresh) => (!fresh && pageCache) || (pageCache = api('GET', '/v1/admin/pages').then(itemsOf).catch((e) => { pageCache = null; throw e; }));
export const loadLabels = (fresh) => (!fresh && labelCache) || (labelCache = api('GET', '/v1/admin/labels').then(itemsOf).catch((e) => { labelCache = null; throw e; }));
export function useList(loader) {
  const [list, setList] = useState([]);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    loader(false).then((l) => live && setList(l), () => live && setList([]));
    return () => { live = false; };
  }, [n]);
  useEffect(() => {  // a location or label was made elsewhere: the cache is fresh already
    const f = () => setN((x) => x + 1);
    addEventListener('kairos:lists', f);
    return () => removeEventListener('kairos:lists', f);
  }, []);
  return [list, async () => { await loader(true); dispatchEvent(new Event('kairos:lists')); }];
}

// Bookings, proposals and requests name their page and service by id; lists show the
// names in the staff member's language, falling back to the page's own language.
export function usePageNames() {
  const [pages] = useList(loadPages);
  const page = (id) => pages.find((p) => p.id === id);
  return {
    page: (id) => { const p = page(id); return (p && pickText(p.name, p.language)) || id || ''; },
    service: (pid, et) => {
      const p = page(pid);
      const e = p && (p.event_types || []).find((x) => x.id === et);
      return (e && pickText(e.name, p.language)) || et || '';
    },
  };
}

export function LocationPicker() {
  const [list] = useList(loadLocations);
  const v = useLocation();
  const id = useId('loc');
  if (!list.length) return null;
  return (
    <span class="loc-pick">
      <label class="sr" for={id}>{t('location')}</label>
      <select id={id} value={v} onChange={(e) => setLocation(e.currentTarget.value)} data-testid="location-picker">
        <option value="">{t('all_locations')}</option>
        {list.map((l) => <option value={l.id}>{textOf(l.name)}</option>)}
      </select>
    </span>
  );
}

// A location field for hosts, rooms, services and bookings.
export function LocationSelect({ value, onChange, err, name = 'location', label }) {
  const [list] = useList(loadLocations);
  return (
    <Field label={label || t('location')} name={name} err={err}>
      <select value={value || ''} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('none')}</option>
        {list.map((l) => <option value={l.id}>{textOf(l.name)}</option>)}
      </select>
    </Field>
  );
}

export function LabelChips({ ids, labels }) {
  if (!ids || !ids.length) return null;
  const by = Object.fromEntries((labels || []).map((l) => [l.id, l]));
  return (
    <span class="labels">{ids.map((id) => {
      const l = by[id];
      return <span class="label-chip"><span class="dot" style={{ background: (l && l.color) || '#6b7280' }} aria-hidden="true" />{l ? l.name : id}</span>;
    })}</span>
  );
}

// Chooses labels (a saved list of ids) and makes new custom ones; onSave(ids) stores them.
export function LabelsEditor({ value, onSave }) {
  const [labels, refresh] = useList(loadLabels);
  const [sel, setSel] = useState(value || []);
  const [name, setName] = useState('');
  const [color, setColor] = useState('#aa3300');
  const [err, setErr] = useState(null);
  useEffect(() => setSel(value || []), [(value || []).join()]);
  const save = async (ids) => {
    setErr(null);
    try { await onSave(ids); setSel(ids); announce(t('saved')); } catch (x) { setErr(x); }
  };
  const create = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      const l = await api('POST', '/v1/admin/labels', { name, kind: 'custom', color });
      setName('');
      await refresh();
      await save([...sel, l.id]);
    } catch (x) { setErr(x); }
  };
  return (
    <div class="stack labels-editor">
      <fieldset><legend>{t('labels')}</legend>
        {!labels.length && <p class="muted">{t('no_labels')}</p>}
        {labels.map((l) => (
          <label class="check"><input type="checkbox" checked={sel.includes(l.id)} data-label={l.name}
            onChange={(e) => save(e.currentTarget.checked ? [...sel, l.id] : sel.filter((x) => x !== l.id))} />
            <span><span class="dot" style={{ background: l.color }} aria-hidden="true" /> {l.name} <small class="muted">({t('lk_' + l.kind)})</small></span></label>
        ))}
        {err && err.field === 'labels' && <p class="field-error" role="alert">{problem(err)}</p>}
      </fieldset>
      <form class="row new-label" onSubmit={create}>
        <Field label={t('new_label')} name="name" err={err}><input value={name} onInput={(e) => setName(e.currentTarget.value)} required /></Field>
        <Field label={t('colour')} name="color" err={err}><input type="color" value={color} onInput={(e) => setColor(e.currentTarget.value)} /></Field>
        <button type="submit" class="end-btn">{t('add')}</button>
      </form>
      {err && !['name', 'color', 'labels'].includes(err.field) && <p class="banner error" role="alert">{problem(err)}</p>}
    </div>
  );
}
