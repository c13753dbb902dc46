// Setup → Templates: every mail and SMS text per language, the account's override of it,
// and a live preview rendered by the server with sample values through the same code
// the outbox's mails use (POST /v1/admin/templates/{key}/{lang}/preview). An unknown
// {placeholder} is refused by the server and shown next to the field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, itemsOf } from './api.js';
import { t, LANGUAGES, lang as uiLang, templateName } from './i18n.js';
import { Field, FormError, Loading, useLoad, announce } from './ui.jsx';

function Editor({ item, placeholders, onSaved }) {
  const [f, setF] = useState({ subject: item.subject ?? item.default_subject, body: item.body ?? item.default_body });
  const [err, setErr] = useState(null);
  const [pv, setPv] = useState(null);
  const timer = useRef(0);
  const path = `/v1/admin/templates/${encodeURIComponent(item.template)}/${encodeURIComponent(item.language)}`;
  useEffect(() => {  // the preview follows what is typed
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api('POST', path + '/preview', f).then((r) => { setPv(r); setErr(null); }, (e) => setErr(e));
    }, 250);
    return () => clearTimeout(timer.current);
  }, [f.subject, f.body, path]);
  const save = async (e) => {
    e.preventDefault(); setErr(null);
    try { await api('PUT', path, f); announce(t('saved')); onSaved(); } catch (x) { setErr(x); }
  };
  const reset = async () => {
    setErr(null);
    try { await api('DELETE', path); setF({ subject: item.default_subject, body: item.default_body }); announce(t('tpl_reset_done')); onSaved(); } catch (x) { setErr(x); }
  };
  const sms = item.channel === 'sms';
  return (
    <form class="stack card" onSubmit={save} data-form="template">
      <h2>{templateName(item.template)} · {item.language} <small class="muted">{item.template}</small> {item.overridden ? <span class="badge">{t('tpl_custom')}</span> : <span class="badge">{t('tpl_default')}</span>}</h2>
      {!sms && <Field label={t('tpl_subject')} name="subject" err={err}><input value={f.subject} onInput={(e) => setF({ ...f, subject: e.currentTarget.value })} /></Field>}
      <Field label={t('tpl_body')} name="body" err={err} hint={t('tpl_placeholders') + ' ' + placeholders.map((p) => '{' + p + '}').join(' ')}>
        <textarea class="code" rows={sms ? 4 : 12} value={f.body} onInput={(e) => setF({ ...f, body: e.currentTarget.value })} />
      </Field>
      <FormError err={err} fields={['subject', 'body']} />
      <div class="row">
        <button type="submit" class="primary">{t('save')}</button>
        {item.overridden && <button type="button" onClick={reset}>{t('tpl_reset')}</button>}
      </div>
      <section aria-labelledby="tpl-pv-h" class="mail-preview" data-testid="template-preview">
        <h3 id="tpl-pv-h">{t('tpl_preview')}</h3>
        {!pv ? <Loading /> : <>
          {!sms && <p><b>{pv.subject}</b></p>}
          <pre>{pv.text}</pre>
        </>}
      </section>
    </form>
  );
}

export function Templates() {
  const [language, setLanguage] = useState(LANGUAGES.some(([c]) => c === uiLang()) ? uiLang() : 'en');
  const [key, setKey] = useState('');
  const [tick, setTick] = useState(0);
  const d = useLoad(() => api('GET', '/v1/admin/templates?language=' + language), [language, tick]);
  if (d.err && !d.data) return <FormError err={d.err} />;
  if (!d.data) return <Loading />;
  const list = itemsOf(d.data);
  const item = list.find((x) => x.template === key) || list[0];
  return (
    <div class="stack">
      <div class="grid2">
        <Field label={t('language')} name="language"><select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>{LANGUAGES.map(([c, n]) => <option value={c}>{n}</option>)}</select></Field>
        <Field label={t('tpl_message')} name="template">
          <select value={item ? item.template : ''} onChange={(e) => setKey(e.currentTarget.value)}>
            {list.map((x) => <option value={x.template}>{templateName(x.template)}{x.overridden ? ' ✎' : ''}</option>)}
          </select>
        </Field>
      </div>
      {item && <Editor key={[item.template, item.language, item.overridden, item.subject, item.body].join('\u0001')} item={item} placeholders={d.data.placeholders || []} onSaved={() => setTick(tick + 1)} />}
    </div>
  );
}
