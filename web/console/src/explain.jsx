// "Why is 10:00 not offered?": every candidate start of a local day with the core's
// reasons (GET /v1/admin/pages/{page}/explain) — the same computation as the slots.
import { useState } from 'preact/hooks';
import { api, itemsOf } from './api.js';
import { useLoad } from './ui.jsx';
import { t, reasonText } from './i18n.js';
import { Field, FormError, Empty } from './ui.jsx';
import { today, browserZone, fmtTime } from './time.js';
import { usePages, PagePicker } from './phone.jsx';

export function Explain() {
  const P = usePages();
  const hosts = useLoad(() => api('GET', '/v1/admin/hosts').then(itemsOf).catch(() => []), []);
  const hn = (id) => ((hosts.data || []).find((h) => h.id === id) || {}).name || id;
  const [date, setDate] = useState(today());
  const [tz, setTz] = useState(browserZone());
  const [res, setRes] = useState(null);
  const [err, setErr] = useState(null);
  const run = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      setRes(await api('GET', `/v1/admin/pages/${encodeURIComponent(P.page)}/explain?` + new URLSearchParams({ event_type: P.et, date, tz })));
    } catch (x) { setErr(x); setRes(null); }
  };
  return (
    <div class="screen">
      <h1>{t('explain_title')}</h1>
      <form class="stack card" onSubmit={run}>
        <PagePicker pages={P.list} page={P.page} setPage={P.setPage} et={P.et} setEt={P.setEt} err={err} />
        <div class="grid2">
          <Field label={t('date')} name="date" err={err}><input type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} /></Field>
          <Field label={t('zone')} name="tz" err={err}><input value={tz} onChange={(e) => setTz(e.currentTarget.value)} /></Field>
        </div>
        <FormError err={err} fields={['date', 'tz', 'event_type', 'page']} />
        <button type="submit" class="primary">{t('explain_btn')}</button>
      </form>
      {res && (!res.starts || !res.starts.length ? <Empty>{t('no_starts')}</Empty> : (
        <table class="list explain">
          <thead><tr><th scope="col">{t('time')}</th><th scope="col">{t('status')}</th><th scope="col">{t('reasons')}</th></tr></thead>
          <tbody>{res.starts.map((s) => (
            <tr class={s.available ? 'yes' : 'no'} data-start={s.start} data-available={String(!!s.available)}>
              <td>{fmtTime(s.start, res.tz || tz)}–{fmtTime(s.end, res.tz || tz)}</td>
              <td>{s.available ? <span class="badge st-approved">✓ {t('available')}</span> : <span class="badge st-cancelled">✗ {t('not_available')}</span>}{s.host ? ` · ${hn(s.host)}` : ''}</td>
              <td><ul class="reasons">{(s.reasons || []).map((r) => (
                <li data-code={r.code}>{reasonText(r.code)}{r.host ? ` · ${hn(r.host)}` : ''}{r.room ? ` · ${t('room')} ${r.room}` : ''}
                  {r.booking ? <> · <a href={'#/booking/' + encodeURIComponent(r.booking)}>{r.booking}</a></> : ''}{r.proposal ? ` · ${t('proposal')} ${r.proposal}` : ''}
                  {r.busy ? ` · ${typeof r.busy === 'string' ? r.busy : r.busy.calendar || r.busy.name || (r.busy.start ? fmtTime(r.busy.start, res.tz || tz) + '–' + fmtTime(r.busy.end, res.tz || tz) : '')}` : ''}{r.limit ? ` (${r.count}/${r.limit})` : ''}{r.detail ? <small> — {r.detail}</small> : ''}</li>
              ))}</ul></td>
            </tr>
          ))}</tbody>
        </table>
      ))}
    </div>
  );
}
