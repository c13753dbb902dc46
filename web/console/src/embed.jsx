// The embed snippet (GET /v1/admin/pages/{id}/embed) for inline, popup and floating,
// with theme, accent and language, a live preview of the real widget and a copy button.
import { useEffect, useState } from 'preact/hooks';
import { api, q } from './api.js';
import { t, LANGUAGES, problem } from './i18n.js';
import { Field, FormError, announce } from './ui.jsx';
import { usePages, nameOf } from './phone.jsx';

// Adds the chosen options as data attributes when the server's snippet has none.
function withOptions(snippet, opts) {
  return snippet.replace(/<div data-kairos-page="([^"]*)"([^>]*)>/, (m, page, rest) => {
    let attrs = rest;
    for (const [k, v] of Object.entries(opts)) if (v && !attrs.includes('data-kairos-' + k + '=')) attrs += ` data-kairos-${k}="${v}"`;
    return `<div data-kairos-page="${page}"${attrs}>`;
  });
}

export function Embed() {
  const P = usePages();
  const [mode, setMode] = useState('inline');
  const [theme, setTheme] = useState('');
  const [accent, setAccent] = useState('#2f5bd3');
  const [language, setLanguage] = useState('');
  const [snippet, setSnippet] = useState('');
  const [err, setErr] = useState(null);
  useEffect(() => {
    if (!P.page) return;
    api('GET', `/v1/admin/pages/${encodeURIComponent(P.page)}/embed` + q({ mode, theme, accent, lang: language }))
      .then((r) => { setErr(null); setSnippet(withOptions(r.snippet, { mode: mode === 'inline' ? '' : mode, theme, accent, lang: language })); }, setErr);
  }, [P.page, mode, theme, accent, language]);
  const copy = async () => {
    try { await navigator.clipboard.writeText(snippet); announce(t('copied')); }
    catch (e) { const ta = document.getElementById('embed-snippet'); ta.select(); document.execCommand('copy'); announce(t('copied')); }
  };
  const doc = `<!doctype html><html><head><meta charset="utf-8"><title>${t('live_preview')}</title><style>body{font-family:system-ui;margin:16px}</style></head><body>${snippet}</body></html>`;
  return (
    <div class="screen">
      <h1>{t('embed_title')}</h1>
      <div class="stack card">
        <div class="grid2">
          <Field label={t('page')} name="page" err={err}><select value={P.page} onChange={(e) => P.setPage(e.currentTarget.value)}>{P.list.map((x) => <option value={x.id}>{nameOf(x)}</option>)}</select></Field>
          <Field label={t('mode')} name="mode" err={err}><select value={mode} onChange={(e) => setMode(e.currentTarget.value)}>
            <option value="inline">{t('mode_inline')}</option><option value="popup">{t('mode_popup')}</option><option value="floating">{t('mode_floating')}</option></select></Field>
          <Field label={t('theme')} name="theme" err={err}><select value={theme} onChange={(e) => setTheme(e.currentTarget.value)}>
            <option value="">{t('theme_auto')}</option><option value="light">{t('theme_light')}</option><option value="dark">{t('theme_dark')}</option></select></Field>
          <Field label={t('language')} name="lang" err={err}><select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            <option value="">{t('theme_auto')}</option>{LANGUAGES.map(([c, n]) => <option value={c}>{n}</option>)}</select></Field>
          <Field label={t('accent')} name="accent" err={err}><input type="color" value={accent} onInput={(e) => setAccent(e.currentTarget.value)} /></Field>
        </div>
        <FormError err={err} fields={['page', 'mode']} />
        <Field label={t('snippet')} name="snippet"><textarea id="embed-snippet" readOnly rows="4" class="code" value={snippet} /></Field>
        <div class="row"><button type="button" class="primary" onClick={copy} data-action="copy">{t('copy')}</button></div>
      </div>
      <h2>{t('live_preview')}</h2>
      {snippet && <iframe class="embed-preview" title={t('live_preview')} srcdoc={doc} key={snippet} />}
      {err && <p class="field-error">{problem(err)}</p>}
    </div>
  );
}
