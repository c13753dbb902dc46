// Sign-in (POST /v1/session) and the set-password page of invitation and reset links.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { t } from './i18n.js';
import { Field, FormError } from './ui.jsx';

export function SignIn({ onSignedIn }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const [sent, setSent] = useState(false);
  const reset = async () => {
    setErr(null);
    try { await api('POST', '/v1/password-reset', { email }); setSent(true); } catch (x) { setErr(x); }
  };
  const submit = async (e) => {
    e.preventDefault();
    if (forgot) return reset();
    setBusy(true); setErr(null);
    try { await api('POST', '/v1/session', { email, password }); onSignedIn(); }
    catch (x) { setErr(x); }
    finally { setBusy(false); }
  };
  return (
    <main id="main" class="center">
      <form class="card narrow" onSubmit={submit} aria-busy={busy ? 'true' : 'false'}>
        <h1>{t('signin_title')}</h1>
        <Field label={t('email')} name="email" err={err}><input type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></Field>
        {!forgot && <Field label={t('password')} name="password" err={err}><input type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></Field>}
        <FormError err={err} fields={['email', 'password']} />
        {sent && <p class="banner ok" role="status">{t('reset_sent')}</p>}
        <button type="submit" class="primary" disabled={busy}>{forgot ? t('send_reset') : busy ? t('signing_in') : t('signin')}</button>
        <button type="button" class="ghost" onClick={() => { setForgot(!forgot); setSent(false); setErr(null); }}>{forgot ? t('back') : t('forgot')}</button>
      </form>
    </main>
  );
}

export function SetPassword({ token, done }) {
  const [password, setPassword] = useState('');
  const [err, setErr] = useState(null);
  const [ok, setOk] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setErr(null);
    try { await api('POST', '/v1/links/password/' + encodeURIComponent(token || ''), { password }); setOk(true); }
    catch (x) { setErr(x); }
  };
  return (
    <main id="main" class="center">
      <form class="card narrow" onSubmit={submit}>
        <h1>{t('set_password')}</h1>
        {ok ? <><p role="status">{t('password_saved')}</p><button type="button" class="primary" onClick={done}>{t('signin')}</button></> : <>
          <Field label={t('new_password')} name="password" err={err}><input type="password" autocomplete="new-password" minLength={8} required value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></Field>
          <FormError err={err} fields={['password']} />
          <button type="submit" class="primary">{t('save_password')}</button>
        </>}
      </form>
    </main>
  );
}
