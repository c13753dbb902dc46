// Proposals (seed 000): pick candidate times on the host's week with busy time shown,
// candidate rooms, guests, message, mail or not, public or private; the open proposals
// with their holds; withdraw one.
import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf, listAll, q } from './api.js';
import { t, templateName } from './i18n.js';
import { Field, Check, FormError, Loading, Empty, Tabs, useLoad, announce, Dialog } from './ui.jsx';
import { useLocation, usePageNames } from './front.jsx';
import { today, addDays, mondayOf, fmtDay, fmtRange, pad, parseDate } from './time.js';
import { usePages, PagePicker } from './phone.jsx';
import { bookingHosts } from './calendar.jsx';

function at(day, min) { const d = parseDate(day); d.setMinutes(min); return d; }

function HostWeek({ host, week, duration, candidates, onPick }) {
  const [busy, setBusy] = useState(null);
  useEffect(() => {
    setBusy(null);
    listAll('/v1/admin/bookings' + q({ from: week, to: addDays(week, 7), host, limit: 1000 }))
      .then((bs) => setBusy(bs.filter((b) => bookingHosts(b).includes(host) && ['pending', 'approved'].includes(b.status))), () => setBusy([]));
  }, [host, week]);
  if (!busy) return <Loading />;
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const cells = []; for (let m = 8 * 60; m < 19 * 60; m += 30) cells.push(m);
  const isBusy = (s, e) => busy.some((b) => Date.parse(b.start) < e.getTime() && Date.parse(b.end) > s.getTime());
  return (
    <div class="week-pick" role="group" aria-label={t('host_week')}>
      {days.map((d) => (
        <div class="wp-day">
          <div class="wp-head">{fmtDay(d)}</div>
          {cells.map((m) => {
            const s = at(d, m), e = new Date(s.getTime() + duration * 60000);
            const b = isBusy(s, e);
            const chosen = candidates.some((c) => Date.parse(c.start) === s.getTime());
            const label = `${fmtDay(d)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
            return <button type="button" data-start={s.toISOString()} class={'wp-cell' + (b ? ' busy' : '') + (chosen ? ' on' : '')} disabled={b} aria-pressed={chosen ? 'true' : 'false'}
              aria-label={label + (b ? ' · ' + t('busy') : '')} onClick={() => onPick({ start: s.toISOString().replace('.000Z', 'Z'), end: e.toISOString().replace('.000Z', 'Z') })}>{pad(Math.floor(m / 60))}:{pad(m % 60)}</button>;
          })}
        </div>
      ))}
    </div>
  );
}

function NewProposal({ onCreated }) {
  const P = usePages();
  const hosts = useLoad(() => api('GET', '/v1/admin/hosts').then(itemsOf), []);
  const rooms = useLoad(() => api('GET', '/v1/admin/rooms').then(itemsOf).catch(() => []), []);
  const [host, setHost] = useState('');
  const [week, setWeek] = useState(mondayOf(today()));
  const [cands, setCands] = useState([]);
  const [roomSel, setRooms] = useState([]);
  const [guests, setGuests] = useState([{ name: '', company: '', email: '' }]);
  const [message, setMessage] = useState('');
  const [sendMail, setSendMail] = useState(true);
  const [vis, setVis] = useState('public');
  const [err, setErr] = useState(null);
  const [made, setMade] = useState(null);
  const pageHosts = (P.pg && P.pg.hosts) || [];
  const hostList = (hosts.data || []).filter((h) => !pageHosts.length || pageHosts.includes(h.id));
  const hostId = host || (hostList[0] && hostList[0].id) || '';
  const duration = (P.ev && P.ev.duration_minutes) || 30;
  const toggle = (c) => setCands(cands.some((x) => x.start === c.start) ? cands.filter((x) => x.start !== c.start) : [...cands, c]);
  const submit = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      const r = await api('POST', '/v1/admin/proposals', { page: P.page, event_type: P.et, host: hostId, candidates: cands,
        rooms: roomSel.length ? roomSel : undefined, guests: guests.filter((g) => g.name || g.email).map((g) => ({ ...g, company: g.company || undefined })),
        message: message || undefined, send_mail: sendMail, visibility: vis });
      setMade(r); announce(t('saved')); onCreated();
    } catch (x) { setErr(x); }
  };
  return (
    <form class="stack card" onSubmit={submit}>
      <h2>{t('new_proposal')}</h2>
      <PagePicker pages={P.list} page={P.page} setPage={P.setPage} et={P.et} setEt={P.setEt} err={err} />
      <div class="grid2">
        <Field label={t('host')} name="host" err={err}><select value={hostId} onChange={(e) => setHost(e.currentTarget.value)}>{hostList.map((h) => <option value={h.id}>{h.name}</option>)}</select></Field>
        <div class="row end">
          <button type="button" onClick={() => setWeek(addDays(week, -7))} aria-label={t('prev')}>‹</button>
          <span>{fmtDay(week)} – {fmtDay(addDays(week, 6))}</span>
          <button type="button" onClick={() => setWeek(addDays(week, 7))} aria-label={t('next')}>›</button>
        </div>
      </div>
      {hostId && <HostWeek host={hostId} week={week} duration={duration} candidates={cands} onPick={toggle} />}
      <fieldset><legend>{t('candidates')}</legend>
        {!cands.length ? <small>—</small> : <ul>{cands.map((c) => <li>{fmtRange(c.start, c.end)} <button type="button" class="ghost" onClick={() => toggle(c)}>{t('remove')}</button></li>)}</ul>}
        {err && /^candidates/.test(err.field || '') && <p class="field-error" role="alert">{err.detail}</p>}
      </fieldset>
      {(rooms.data || []).length > 0 && <fieldset><legend>{t('rooms')}</legend>
        {rooms.data.map((r) => <Check label={r.name} checked={roomSel.includes(r.id)} onChange={(on) => setRooms(on ? [...roomSel, r.id] : roomSel.filter((x) => x !== r.id))} />)}</fieldset>}
      <fieldset><legend>{t('guests')}</legend>
        {guests.map((g, i) => (
          <div class="grid3">
            <Field label={t('name')} name={`guests[${i}].name`} err={err}><input value={g.name} onInput={(e) => setGuests(guests.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))} /></Field>
            <Field label={t('company')} name={`guests[${i}].company`} err={err}><input value={g.company} onInput={(e) => setGuests(guests.map((x, j) => (j === i ? { ...x, company: e.currentTarget.value } : x)))} /></Field>
            <Field label={t('email')} name={`guests[${i}].email`} err={err}><input type="email" value={g.email} onInput={(e) => setGuests(guests.map((x, j) => (j === i ? { ...x, email: e.currentTarget.value } : x)))} /></Field>
          </div>
        ))}
        <button type="button" onClick={() => setGuests([...guests, { name: '', company: '', email: '' }])}>{t('add_guest')}</button>
      </fieldset>
      <Field label={t('message')} name="message" err={err}><textarea rows="3" value={message} onInput={(e) => setMessage(e.currentTarget.value)} /></Field>
      <Check label={t('send_mail')} checked={sendMail} onChange={setSendMail} />
      <Field label={t('visibility')} name="visibility" err={err}><select value={vis} onChange={(e) => setVis(e.currentTarget.value)}><option value="public">{t('vis_public')}</option><option value="private">{t('vis_private')}</option></select></Field>
      <FormError err={err} fields={['page', 'event_type', 'host', 'candidates', 'guests', 'message', 'visibility']} />
      {made && <p class="banner ok" role="status">{made.id} · <a href={made.url}>{made.url}</a></p>}
      <button type="submit" class="primary" disabled={!cands.length}>{t('create')}</button>
    </form>
  );
}

const proposalGuests = (p) => (p.guests || []).map((g) => g.name || g.email).join(', ');

// One proposal (#/proposals/<id>, also opened from the booking it became): its state,
// service, hosts, candidate times (held while open), rooms, guests, message, mail or
// not, public or private, the guest's re-adjust request and the invitations sent.
export function ProposalDetail({ id, onClose }) {
  const N = usePageNames();
  const d = useLoad(() => Promise.all([api('GET', '/v1/admin/proposals/' + encodeURIComponent(id)),
    api('GET', '/v1/admin/hosts').then(itemsOf).catch(() => []), api('GET', '/v1/admin/rooms').then(itemsOf).catch(() => [])]), [id]);
  const [err, setErr] = useState(null);
  const withdraw = async () => { setErr(null); try { await api('DELETE', '/v1/admin/proposals/' + encodeURIComponent(id)); announce(t('saved')); d.reload(); } catch (e) { setErr(e); } };
  let body = <Loading />;
  if (d.err && !d.data) body = <FormError err={d.err} />;
  else if (d.data) {
    const [p, hosts, rooms] = d.data;
    const hostName = Object.fromEntries(hosts.map((h) => [h.id, h.name]));
    const roomName = Object.fromEntries(rooms.map((r) => [r.id, r.name]));
    const state = p.state || 'open';
    body = (
      <div class="stack">
        <p class="drawer-status"><span class={'badge ps-' + state} data-testid="proposal-state">{t('ps_' + state)}</span></p>
        <dl class="kv">
          <dt>{t('service')}</dt><dd data-testid="service">{N.service(p.page, p.event_type)} · {N.page(p.page)}</dd>
          <dt>{t('hosts')}</dt><dd>{(p.hosts || []).map((h) => hostName[h] || h).join(', ')}</dd>
          <dt>{t('candidates')}</dt><dd><ul class="plain" data-testid="candidates">{(p.candidates || []).map((c) => <li>{fmtRange(c.start, c.end)}</li>)}</ul></dd>
          {(p.rooms || []).length > 0 && <><dt>{t('rooms')}</dt><dd>{p.rooms.map((r) => roomName[r] || r).join(', ')}</dd></>}
          <dt>{t('guests')}</dt><dd>{(p.guests || []).map((g) => <div>{g.name}{g.company ? ` (${g.company})` : ''}{g.email ? <> · <a href={'mailto:' + g.email}>{g.email}</a></> : ''}</div>)}</dd>
          {p.message && <><dt>{t('message')}</dt><dd><pre class="rq-message">{p.message}</pre></dd></>}
          <dt>{t('send_mail')}</dt><dd>{p.send_mail ? t('pr_mailed') : t('pr_not_mailed')}</dd>
          <dt>{t('visibility')}</dt><dd>{t('vis_' + (p.visibility || 'public'))}</dd>
          {p.readjust_message && <><dt>{t('pr_readjust')}</dt><dd data-testid="readjust">{p.readjust_message}</dd></>}
        </dl>
        {state === 'open' && <div class="row"><button type="button" class="danger-outline" onClick={withdraw}>{t('withdraw')}</button></div>}
        <FormError err={err} />
        <h3>{t('messages')}</h3>
        {!(p.messages || []).length ? <Empty>{t('empty_outbox')}</Empty> : (
          <ul class="msgs">{p.messages.map((m) => (
            <li class={'msg ms-' + m.state}><span class={'badge ms-' + m.state}>{t('ms_' + m.state)}</span> <b>{templateName(m.template)}</b> → {m.recipient}</li>
          ))}</ul>
        )}
      </div>
    );
  }
  const title = d.data ? `${t('proposal')} · ${proposalGuests(d.data[0])}` : t('proposal');
  return <Dialog title={title} onClose={onClose} wide>{body}</Dialog>;
}

export function Proposals({ id }) {
  const [state, setState] = useState('open');
  const [creating, setCreating] = useState(false);
  const loc = useLocation();  // the top bar's office (a proposal carries its location)
  const N = usePageNames();
  const d = useLoad(() => listAll('/v1/admin/proposals' + q({ state, limit: 500 })).then((l) => l.filter((p) => !loc || p.location === loc)), [state, loc]);
  const [err, setErr] = useState(null);
  const withdraw = async (id) => { setErr(null); try { await api('DELETE', '/v1/admin/proposals/' + encodeURIComponent(id)); announce(t('saved')); d.reload(); } catch (e) { setErr(e); } };
  return (
    <div class="screen">
      <div class="toolbar"><h1>{t('proposals_title')}</h1><button type="button" class="primary" onClick={() => setCreating(!creating)} aria-expanded={creating ? 'true' : 'false'}>{t('new_proposal')}</button></div>
      {creating && <NewProposal onCreated={d.reload} />}
      <Tabs label={t('state')} value={state} onChange={setState} tabs={['open', 'chosen', 'withdrawn', 'expired'].map((x) => [x, t('ps_' + x)])} />
      <FormError err={err || d.err} />
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('empty_proposals')}</Empty> : (
        <table class="list">
          <thead><tr><th scope="col">{t('guests')}</th><th scope="col">{t('service')}</th><th scope="col">{t('candidates')}</th><th scope="col">{t('state')}</th><th scope="col"><span class="sr">{t('withdraw')}</span></th></tr></thead>
          <tbody>{d.data.map((p) => (
            <tr data-proposal={p.id}>
              <td><a href={'#/proposals/' + encodeURIComponent(p.id)} data-testid="proposal-guests">{proposalGuests(p) || p.id}</a></td>
              <td data-testid="service">{N.service(p.page, p.event_type)}</td>
              <td><ul>{(p.candidates || p.holds || []).map((c) => <li>{fmtRange(c.start, c.end)}</li>)}</ul></td>
              <td>{t('ps_' + (p.state || 'open'))}</td>
              <td>{(p.state || 'open') === 'open' && <button type="button" class="danger-outline" onClick={() => withdraw(p.id)}>{t('withdraw')}</button>}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {id && <ProposalDetail id={id} onClose={() => { location.hash = '#/proposals'; d.reload(); }} />}
    </div>
  );
}
