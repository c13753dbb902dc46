// Messages and delivery problems: failed and bounced messages where staff look, with the
// guest's phone number; correcting the address re-sends (PATCH guests with notify).
import { useState } from 'preact/hooks';
import { api, listAll, q } from './api.js';
import { t, templateName } from './i18n.js';
import { FormError, Loading, Empty, Check, useLoad, announce } from './ui.jsx';
import { fmtDateTime } from './time.js';
import { CorrectBounce, guestsOf } from './drawer.jsx';
import { useLocation, useList, loadLocations, textOf } from './front.jsx';

// Bounces reported later by the mail system (DSNs read from the bounce mailbox): the
// guest's name and phone to call, the failed address with the core's suggestion, and the
// correction that re-sends what failed. No more mail goes to a bounced address meanwhile.
function Bounces({ loc }) {
  const d = useLoad(() => listAll('/v1/admin/bounces' + q({ state: 'active', location: loc })), [loc]);
  const [err, setErr] = useState(null);
  const poll = async () => {
    setErr(null);
    try { await api('POST', '/v1/admin/bounces/poll'); announce(t('mailbox_checked')); d.reload(); } catch (x) { setErr(x); }
  };
  return (
    <section aria-labelledby="bounces-h" class="stack">
      <div class="toolbar"><h2 id="bounces-h">{t('bounces')}</h2><button type="button" onClick={poll}>{t('check_mailbox')}</button></div>
      <FormError err={d.err && d.err.status !== 404 ? d.err : err} />
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('empty_bounces')}</Empty> : (
        <div class="table-wrap">
          <table class="list bounces cards">
            <thead><tr><th scope="col">{t('guest')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('recipient')}</th><th scope="col">{t('reason')}</th></tr></thead>
            <tbody>{d.data.map((b) => (
              <tr data-bounce={b.id}>
                <td>{b.guest_name}{b.booking ? <div><a href={'#/booking/' + encodeURIComponent(b.booking)}>{t('booking')}</a></div> : b.inquiry ? <div><a href={'#/inquiries/' + encodeURIComponent(b.inquiry)}>{t('inquiry')}</a></div> : ''}</td>
                <td>{b.guest_phone ? <a href={'tel:' + b.guest_phone} class="phone-hint">☏ {b.guest_phone}</a> : ''}</td>
                <td><span class="badge ms-bounced">{t('ms_bounced')}</span> {b.address}<CorrectBounce p={b} onDone={d.reload} /></td>
                <td><small>{b.status}{b.diagnostic ? ' · ' + b.diagnostic : ''}</small></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Resend({ m, onDone }) {
  const [email, setEmail] = useState(m.recipient || '');
  const [err, setErr] = useState(null);
  const uid = m.booking || (m.details && m.details.booking);
  if (!uid || String(uid).includes(':')) return null;
  const go = async (e) => {
    e.preventDefault(); setErr(null);
    try {
      const b = await api('GET', '/v1/admin/bookings/' + encodeURIComponent(uid));
      const guests = guestsOf(b).map((g, i) => (i === 0 ? { ...g, email } : g));  // the other guests stay
      await api('PATCH', '/v1/admin/bookings/' + encodeURIComponent(uid), { guests, notify: true });
      announce(t('saved')); onDone();
    } catch (x) { setErr(x); }
  };
  const id = 'rs-' + m.key;
  return (
    <form class="row" onSubmit={go}>
      <label class="sr" for={id}>{t('email')}</label>
      <input id={id} type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      <button type="submit">{t('correct_resend')}</button>
      <FormError err={err} />
    </form>
  );
}

// The guest's phone next to each problem, so staff can call (one read per booking).
async function withPhones(list) {
  const uids = [...new Set(list.map((m) => m.booking).filter((u) => u && !String(u).includes(':')))].slice(0, 50);
  const books = Object.fromEntries(await Promise.all(uids.map((u) => api('GET', '/v1/admin/bookings/' + encodeURIComponent(u)).then((b) => [u, b], () => [u, null]))));
  return list.map((m) => ({ ...m, _b: books[m.booking] }));
}

const PAGE = 50;

// The top bar's location filters both lists (issue 14: "lists filter by location"): a
// reception desk sees its own office's delivery problems. Bounces reported later by the
// mail system are the list above; the outbox's own failures are `state=failed`. The
// outbox reads newest first (order=newest), a page at a time: "Show older" follows the
// cursor, so a clinic with years of mail opens on today's messages at once.
export function Messages() {
  const [problems, setProblems] = useState(true);
  const loc = useLocation();
  const [locations] = useList(loadLocations);
  const path = (cursor) => '/v1/admin/outbox' + q({ order: 'newest', state: problems ? 'failed' : undefined, location: loc, limit: PAGE, cursor });
  const d = useLoad(async () => {
    const r = await api('GET', path());
    return { items: await withPhones(r.messages || []), next: r.next_cursor };
  }, [problems, loc]);
  const [older, setOlder] = useState({ key: '', items: [], next: undefined, busy: false, err: null });
  const key = `${problems}|${loc}|${d.data ? d.data.next : ''}|${d.data ? d.data.items.length : 0}`;
  const extra = older.key === key ? older : { key, items: [], next: undefined, busy: false, err: null };
  const next = extra.next !== undefined ? extra.next : d.data && d.data.next;
  const showOlder = async () => {
    setOlder({ ...extra, busy: true, err: null });
    try {
      const r = await api('GET', path(next));
      setOlder({ key, items: [...extra.items, ...(await withPhones(r.messages || []))], next: r.next_cursor || null, busy: false, err: null });
    } catch (x) { setOlder({ ...extra, busy: false, err: x }); }
  };
  const list = d.data ? [...d.data.items, ...extra.items] : [];
  const here = loc && locations.find((l) => l.id === loc);
  return (
    <div class="screen">
      <h1>{t('messages_title')}</h1>
      {loc && <p class="muted" data-testid="location-note">{t('at_location', { name: here ? textOf(here.name) : loc })}</p>}
      <Bounces loc={loc} />
      <h2>{t('outbox')}</h2>
      <p class="muted">{t('newest_first')}</p>
      <Check label={t('problems_only')} checked={problems} onChange={setProblems} />
      <FormError err={d.err} />
      {d.loading && !d.data ? <Loading /> : !list.length ? <Empty>{problems ? t('empty_problems') : t('empty_outbox')}</Empty> : (<>
        <div class="table-wrap"><table class="list outbox cards">
          <thead><tr><th scope="col">{t('state')}</th><th scope="col">{t('template')}</th><th scope="col">{t('recipient')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('when')}</th></tr></thead>
          <tbody>{list.map((m) => {
            const phone = m._b && m._b.guest && m._b.guest.phone;
            return (
              <tr class={'ms-' + m.state} data-message={m.id} data-owner={m.booking}>
                <td><span class={'badge ms-' + m.state}>{t('ms_' + m.state)}</span></td>
                <td>{templateName(m.template)} · {m.channel}{m.booking && !String(m.booking).includes(':') ? <> · <a href={'#/booking/' + encodeURIComponent(m.booking)}>{t('details')}</a></> : ''}</td>
                <td>{m.recipient}{(m.state === 'failed' || m.state === 'bounced') && <Resend m={m} onDone={d.reload} />}</td>
                <td>{phone ? <a href={'tel:' + phone}>{phone}</a> : ''}</td>
                <td>{m.send_at ? fmtDateTime(m.send_at) : ''}</td>
              </tr>
            );
          })}</tbody>
        </table></div>
        <FormError err={extra.err} />
        {next && <button type="button" class="more-rows" onClick={showOlder} disabled={extra.busy}>{extra.busy ? t('loading') : t('show_older')}</button>}
      </>)}
    </div>
  );
}
