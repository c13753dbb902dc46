// Dates and times as staff see them: the browser's zone unless a zone is given.
import { lang } from './i18n.js';

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
export const pad = (n) => String(n).padStart(2, '0');
export const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export function parseDate(s) { const [y, m, d] = s.split('-').map(Number); return new Date(y, m - 1, d); }
export function addDays(s, n) { const d = parseDate(s); d.setDate(d.getDate() + n); return isoDate(d); }
export function mondayOf(s) { const d = parseDate(s); const wd = (d.getDay() + 6) % 7; d.setDate(d.getDate() - wd); return isoDate(d); }
export const today = () => isoDate(new Date());

export function fmtTime(iso, tz) {
  return new Intl.DateTimeFormat(lang(), { hour: '2-digit', minute: '2-digit', timeZone: tz }).format(new Date(iso));
}
// The calendar's hour gutter in the staff member's convention, as the blocks beside it
// ("9 AM" in English, "9" in Finnish, "9時" in Japanese), not always 24-hour.
export function hourLabel(h) {
  return new Intl.DateTimeFormat(lang(), { hour: 'numeric' }).format(new Date(2000, 0, 1, h));
}
export function fmtDateTime(iso, tz) {
  return new Intl.DateTimeFormat(lang(), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: tz }).format(new Date(iso));
}
export function fmtDay(s, opts = { weekday: 'short', day: 'numeric', month: 'short' }) {
  return new Intl.DateTimeFormat(lang(), opts).format(parseDate(s));
}
export function fmtRange(a, b, tz) { return `${fmtDateTime(a, tz)}–${fmtTime(b, tz)}`; }

// <input type=datetime-local> value (browser zone) ⇄ RFC 3339 instant.
export function toLocalInput(iso) {
  const d = new Date(iso);
  return `${isoDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(v) { return v ? new Date(v).toISOString().replace('.000Z', 'Z') : ''; }
export function minutesOfDay(iso) { const d = new Date(iso); return d.getHours() * 60 + d.getMinutes(); }
export function zones() {
  try { return Intl.supportedValuesOf('timeZone'); } catch (e) { return [browserZone(), 'UTC']; }
}
