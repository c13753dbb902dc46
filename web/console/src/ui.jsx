// Small shared pieces: fields that show the server's problem next to themselves, the
// form-level problem banner, dialogs, status badges and an announcer for screen readers.
import { cloneElement } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState, useCallback } from 'preact/hooks';
import { t, problem } from './i18n.js';

let uid = 0;
export const useId = (p = 'f') => useRef(`${p}${++uid}`).current;

// Does the problem name this field (exactly, or one of its parts: "guest.email" for "guest")?
export const fieldMatches = (err, name) => !!(err && err.field && name && (err.field === name || err.field.startsWith(name + '.') || err.field.startsWith(name + '[')));

export function Field({ label, name, err, hint, children, className }) {
  const gen = useId();
  const child = Array.isArray(children) ? children[0] : children;
  const id = (child && child.props && child.props.id) || gen;
  const errId = id + '-e';
  const bad = fieldMatches(err, name);
  const input = child && child.props ? cloneElement(child, { id, 'aria-invalid': bad ? 'true' : undefined, 'aria-describedby': bad ? errId : undefined }) : child;
  return (
    <div class={'field ' + (className || '')}>
      <label for={id}>{label}</label>
      {input}
      {hint && <small class="hint">{hint}</small>}
      {bad && <p class="field-error" id={errId} role="alert">{problem(err)}</p>}
    </div>
  );
}

export function Check({ label, checked, onChange, name }) {
  return (
    <label class="check">
      <input type="checkbox" name={name} checked={!!checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{label}</span>
    </label>
  );
}

// The problem of a form when no field of it shows it.
export function FormError({ err, fields = [] }) {
  if (!err) return null;
  if (err.field && fields.some((f) => fieldMatches(err, f))) return null;
  return <p class="banner error" role="alert">{problem(err)}{err.field ? ` (${err.field})` : ''}</p>;
}

export function Empty({ children }) { return <p class="empty">{children}</p>; }
export function Loading() { return <p class="loading" role="status">{t('loading')}</p>; }

export function Status({ s }) {
  const key = 'st_' + String(s || '').replace('-', '_');
  return <span class={'badge st-' + s}>{t(key)}</span>;
}

// Loads once (and again on reload()); keeps the last good data while reloading.
export function useLoad(fn, deps = []) {
  const [state, set] = useState({ data: null, err: null, loading: true });
  const seq = useRef(0);
  const reload = useCallback(() => {
    const n = ++seq.current;
    set((s) => ({ ...s, loading: true }));
    // The promise lets a form keep its saved values on screen until the reload is in
    // (dropping them first showed the old state for a moment: a ticked box unticked).
    return Promise.resolve().then(fn).then(
      (data) => { if (n === seq.current) set({ data, err: null, loading: false }); },
      (err) => { if (n === seq.current) set((s) => ({ data: s.data, err, loading: false })); });
  }, deps);
  useEffect(() => { reload(); }, [reload]);
  return { ...state, reload };
}

// A modal dialog: focus moves in, Escape closes, Tab stays inside, focus returns after.
export function Dialog({ title, onClose, children, wide }) {
  const ref = useRef();
  const titleId = useId('d');
  // A layout effect: the keys are listened to in the same task that draws the dialog,
  // so an Escape pressed right after it appears is never lost (CI caught one).
  useLayoutEffect(() => {
    const before = document.activeElement;
    const el = ref.current;
    const first = el.querySelector('input, select, textarea, button:not(.x)') || el;
    first.focus();
    const key = (e) => {
      if (e.key === 'Escape') { e.stopPropagation(); onClose(); }
      if (e.key === 'Tab') {
        e.stopPropagation(); // a dialog inside a dialog keeps its own trap
        const f = [...el.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex="0"]')];
        if (!f.length) return;
        if (e.shiftKey && document.activeElement === f[0]) { e.preventDefault(); f[f.length - 1].focus(); }
        else if (!e.shiftKey && document.activeElement === f[f.length - 1]) { e.preventDefault(); f[0].focus(); }
      }
    };
    el.addEventListener('keydown', key);
    // Escape also works when focus fell out of the dialog (its focused button was
    // replaced after an action): only the topmost dialog closes.
    const loose = (e) => {
      if (e.key !== 'Escape' || el.contains(e.target)) return;
      const all = document.querySelectorAll('[role="dialog"]');
      if (all[all.length - 1] === el) onClose();
    };
    document.addEventListener('keydown', loose);
    return () => { el.removeEventListener('keydown', key); document.removeEventListener('keydown', loose); if (before && before.focus) before.focus(); };
  }, []);
  return (
    <div class="scrim" onClick={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div class={'dialog' + (wide ? ' wide' : '')} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} tabIndex={-1}>
        <header class="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" class="x ghost" onClick={onClose} aria-label={t('close')}>×</button>
        </header>
        <div class="dialog-body">{children}</div>
      </div>
    </div>
  );
}

// Polite announcements (saved, sent, copied) for everyone, screen readers included.
let announceFn = () => {};
export function announce(msg) { announceFn(msg); dispatchEvent(new Event('kairos:changed')); }
export function Announcer() {
  const [msg, setMsg] = useState('');
  useEffect(() => { announceFn = (m) => { setMsg(''); setTimeout(() => setMsg(m), 30); setTimeout(() => setMsg(''), 5000); }; }, []);
  return <div class="toast" role="status" aria-live="polite">{msg}</div>;
}

export function Tabs({ tabs, value, onChange, label }) {
  return (
    <div class="chips" role="group" aria-label={label}>
      {tabs.map(([v, text]) => (
        <button type="button" class={'chip' + (v === value ? ' on' : '')} aria-pressed={v === value ? 'true' : 'false'} onClick={() => onChange(v)}>{text}</button>
      ))}
    </div>
  );
}

export const num = (v) => (v === '' || v === null || v === undefined ? undefined : Number(v));
