// The signed-in person's own SMS (R-LIFE-3's staff SMS, seed 001): their mobile number
// and which events text them (GET|PUT /v1/admin/me/sms). Staff may change these for
// their own host; a login without a host is told why there is nothing to set.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { t } from './i18n.js';
import { Field, Check, FormError, Loading, useLoad, announce } from './ui.jsx';

export function MySms({ session }) {
  const d = useLoad(() => api('GET', '/v1/admin/me/sms'), []);
  const [f, setF] = useState(null);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (d.data) setF({ phone: d.data.phone || '', sms_reminders: !!d.data.sms_reminders, sms_arrivals: d.data.sms_arrivals !== false }); }, [d.data]);
  const save = async (e) => {
    e.preventDefault(); setErr(null); setBusy(true);
    try {
      // A refused save keeps what was typed; a saved one shows what the server stored.
      const saved = await api('PUT', '/v1/admin/me/sms', f);
      setF({ phone: saved.phone || '', sms_reminders: !!saved.sms_reminders, sms_arrivals: saved.sms_arrivals !== false });
      announce(t('saved'));
    } catch (x) { setErr(x); }
    setBusy(false);
  };
  const noHost = d.err && d.err.code === 'no_host';
  return (
    <div class="screen">
      <h1>{t('me_title')}</h1>
      {d.loading && !d.data && !d.err ? <Loading /> : noHost ? (
        <p class="banner" data-testid="no-host">{t('no_host_text')}</p>
      ) : d.err ? <FormError err={d.err} /> : f && (
        <form class="card stack narrow-form" onSubmit={save} data-form="my-sms">
          <p>{t('me_lead', { host: d.data.host_name || d.data.host })}</p>
          <Field label={t('sms_phone')} name="phone" err={err} hint="+81 90 1234 5678">
            <input type="tel" autocomplete="tel" value={f.phone} onInput={(e) => setF({ ...f, phone: e.currentTarget.value })} />
          </Field>
          <fieldset><legend>{t('sms_events')}</legend>
            <Check name="sms_reminders" label={t('sms_reminders_me')} checked={f.sms_reminders} onChange={(v) => setF({ ...f, sms_reminders: v })} />
            <Check name="sms_arrivals" label={t('sms_arrivals_me')} checked={f.sms_arrivals} onChange={(v) => setF({ ...f, sms_arrivals: v })} />
          </fieldset>
          <FormError err={err} fields={['phone']} />
          <div class="row"><button type="submit" class="primary" disabled={busy}>{t('save')}</button></div>
        </form>
      )}
      {session && session.role !== 'staff' && <p class="muted">{t('sms_owner_hint')}</p>}
    </div>
  );
}
