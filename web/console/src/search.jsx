// Find a guest by name, phone or e-mail across bookings (GET /v1/admin/bookings?q=).
import { useState } from 'preact/hooks';
import { listAll, q as qs } from './api.js';
import { t } from './i18n.js';
import { FormError, Loading, Empty, Status, Tabs, useLoad } from './ui.jsx';
import { fmtRange } from './time.js';
import { guestName } from './calendar.jsx';
import { useLocation } from './front.jsx';

export function BookingTable({ items }) {
  return (
    <table class="list">
      <thead><tr><th scope="col">{t('time')}</th><th scope="col">{t('guest')}</th><th scope="col">{t('email')}</th><th scope="col">{t('phone')}</th><th scope="col">{t('status')}</th></tr></thead>
      <tbody>{items.map((b) => (
        <tr data-uid={b.uid}>
          <td><a href={'#/booking/' + encodeURIComponent(b.uid)}>{fmtRange(b.start, b.end)}</a></td>
          <td>{guestName(b)}</td><td>{b.guest && b.guest.email}</td><td>{b.guest && b.guest.phone}</td><td><Status s={b.status} /></td>
        </tr>
      ))}</tbody>
    </table>
  );
}

export function Search({ q }) {
  const [status, setStatus] = useState('');
  const loc = useLocation();
  const d = useLoad(() => listAll('/v1/admin/bookings' + qs({ q, status, location: loc, limit: 200 }), 600), [q, status, loc]);
  return (
    <div class="screen">
      <h1>{q ? `${t('search_title')}: “${q}”` : t('nav_bookings')}</h1>
      <Tabs label={t('status')} value={status} onChange={setStatus} tabs={[['', t('rs_all')], ['pending', t('st_pending')], ['approved', t('st_approved')], ['cancelled', t('st_cancelled')]]} />
      <FormError err={d.err} />
      {d.loading && !d.data ? <Loading /> : !d.data || !d.data.length ? <Empty>{t('no_results')}</Empty> : <BookingTable items={d.data} />}
    </div>
  );
}
