// The Kairos owner console: session, shell (navigation, search, person) and routes.
// Routes live in the hash (#/calendar); /console/set-password?token=… (mail links) too.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './style.css';
import { api, setUnauthorizedHandler, itemsOf, q } from './api.js';
import { today } from './time.js';
import { t, pickLanguage } from './i18n.js';
import { Announcer, Loading } from './ui.jsx';
import { SignIn, SetPassword } from './signin.jsx';
import { Calendar } from './calendar.jsx';
import { BookingDrawer } from './drawer.jsx';
import { PhoneBooking } from './phone.jsx';
import { Setup } from './setup.jsx';
import { Embed } from './embed.jsx';
import { Explain } from './explain.jsx';
import { Proposals } from './proposals.jsx';
import { Requests } from './requests.jsx';
import { Messages } from './messages.jsx';
import { Search } from './search.jsx';
import { Inquiries } from './inquiries.jsx';
import { Integrations } from './integrations.jsx';
import { LocationPicker } from './front.jsx';
import { MySms } from './me.jsx';

function readRoute() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = h.split('?');
  const parts = path.split('/').filter(Boolean);
  return { parts, params: new URLSearchParams(query), raw: h };
}
export function go(path) { location.hash = '#/' + path.replace(/^\//, ''); }

const NAV = [
  ['calendar', 'nav_calendar', '▦'], ['search', 'nav_bookings', '☰'], ['inquiries', 'nav_inquiries', '✎'], ['phone', 'nav_phone', '☏'],
  ['proposals', 'nav_proposals', '✉'], ['requests', 'nav_requests', '✓'], ['messages', 'nav_messages', '!'],
  ['explain', 'nav_explain', '?'], ['setup', 'nav_setup', '⚙', 'owner'], ['embed', 'nav_embed', '</>', 'owner'],
  ['integrations', 'nav_integrations', '⇄', 'owner'], ['me', 'nav_me', '✆'],
];
// The phone and portrait-tablet bottom bar (≤ 900 px) keeps these four whole, with short
// one-word labels, and a "More" menu with everything else at full length — a bar of
// eleven entries could only show them cut ("Phone b…").
const BAR = ['calendar', 'search', 'inquiries', 'phone'];

function MoreMenu({ items, here, onClose }) {
  const ref = useRef();
  useEffect(() => {
    const el = ref.current;
    const first = el.querySelector('[aria-current="page"]') || el.querySelector('a');
    if (first) first.focus();
    const key = (e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(true); } };
    const outside = (e) => { if (!el.contains(e.target) && !e.target.closest('.more-btn')) onClose(false); };
    el.addEventListener('keydown', key);
    document.addEventListener('pointerdown', outside);
    addEventListener('hashchange', onClose);
    return () => { el.removeEventListener('keydown', key); document.removeEventListener('pointerdown', outside); removeEventListener('hashchange', onClose); };
  }, []);
  return (
    <div class="more-sheet" id="more-menu" ref={ref}>
      <ul>{items.map(([path, key, icon]) => (
        <li><a href={'#/' + path} aria-current={here === path ? 'page' : undefined}><span class="ico" aria-hidden="true">{icon}</span><span>{t(key)}</span></a></li>
      ))}</ul>
    </div>
  );
}

function Shell({ session, onSignOut, children, route }) {
  const [qtext, setQ] = useState(route.parts[0] === 'search' ? route.params.get('q') || '' : '');
  const [dark, setDark] = useState(() => document.documentElement.dataset.theme === 'dark');
  const toggleDark = () => {
    const next = !dark;
    setDark(next);
    document.documentElement.dataset.theme = next ? 'dark' : 'light';
    try { localStorage.setItem('kairos-console-theme', next ? 'dark' : 'light'); } catch (e) { /* private mode */ }
  };
  const here = route.parts[0] || 'calendar';
  const mine = NAV.filter((n) => !n[3] || session.role !== 'staff');
  const [more, setMore] = useState(false);
  const inMore = !BAR.includes(here) && here !== 'booking';
  // Pending bookings from today on stand out in the navigation until someone acts.
  const [pending, setPending] = useState(0);
  useEffect(() => {
    const load = () => api('GET', '/v1/admin/bookings' + q({ status: 'pending', from: today(), limit: 100 }))
      .then((r) => setPending(itemsOf(r).length), () => {});
    load();
    const timer = setInterval(load, 60000);  // guests book while staff watch
    addEventListener('kairos:changed', load);
    addEventListener('hashchange', load);
    return () => { clearInterval(timer); removeEventListener('kairos:changed', load); removeEventListener('hashchange', load); };
  }, []);
  return (
    <div class="shell">
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
      <header class="top">
        <span class="brand">{session.account_name || (session.account && session.account.name) || t('app')}</span>
        <LocationPicker />
        <form class="search" role="search" onSubmit={(e) => { e.preventDefault(); go('search?q=' + encodeURIComponent(qtext)); }}>
          <label class="sr" for="top-search">{t('search')}</label>
          <input id="top-search" type="search" placeholder={t('search_ph')} value={qtext} onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit" class="ghost">{t('search')}</button>
        </form>
        <label class="check theme-toggle"><input type="checkbox" checked={dark} onChange={toggleDark} /><span>{t('theme_toggle')}</span></label>
        <span class="who" title={t('signed_in_as', { name: session.name || session.email || '' })}>{session.name || session.email}</span>
        <button type="button" class="ghost" onClick={onSignOut}>{t('signout')}</button>
      </header>
      <nav class="side" aria-label={t('main_nav')}>
        <ul>
          {mine.map(([path, key, icon]) => (
            <li class={BAR.includes(path) ? 'in-bar' : 'in-more'}><a href={'#/' + path} aria-current={here === path ? 'page' : undefined}><span class="ico" aria-hidden="true">{icon}</span><span class="lbl">{t(key)}</span>{BAR.includes(path) && <span class="lbl-short">{t('navs_' + key.slice(4))}</span>}{path === 'calendar' && pending > 0 && <span class="count" title={t('st_pending')}>{pending}<span class="sr"> {t('st_pending')}</span></span>}</a></li>
          ))}
          <li class="more-li"><button type="button" class={'more-btn' + (inMore ? ' on' : '')} aria-expanded={more ? 'true' : 'false'} aria-controls="more-menu"
            onClick={() => setMore(!more)}><span class="ico" aria-hidden="true">⋯</span><span class="lbl-short">{t('nav_more')}</span></button></li>
        </ul>
        {more && <MoreMenu items={mine.filter((n) => !BAR.includes(n[0]))} here={here} onClose={(refocus) => { setMore(false); if (refocus === true) document.querySelector('.more-btn').focus(); }} />}
      </nav>
      <main id="main" tabIndex={-1}>{children}</main>
      <Announcer />
    </div>
  );
}

// Where a closed booking panel returns to (the list or calendar it was opened from).
let lastPlace = '#/calendar';
addEventListener('hashchange', () => { if (!location.hash.startsWith('#/booking/')) lastPlace = location.hash || '#/calendar'; });

function Screen({ route, session }) {
  const [a, b] = route.parts;
  switch (a || 'calendar') {
    case 'calendar': return <Calendar params={route.params} />;
    case 'booking': return <><Calendar params={route.params} /><BookingDrawer uid={b} onClose={() => { location.hash = lastPlace; }} /></>;
    case 'phone': return <PhoneBooking />;
    case 'setup': return <Setup tab={b || 'hosts'} session={session} />;
    case 'embed': return <Embed />;
    case 'explain': return <Explain params={route.params} />;
    case 'proposals': return <Proposals id={b} />;
    case 'requests': return <Requests id={b} />;
    case 'messages': return <Messages />;
    case 'search': return <Search q={route.params.get('q') || ''} />;
    case 'inquiries': return <Inquiries view={route.params.get('view')} id={b} session={session} />;
    case 'integrations': return <Integrations tab={b} />;
    case 'me': return <MySms session={session} />;
    default: return <Calendar params={route.params} />;
  }
}

function App() {
  const [session, setSession] = useState(undefined);
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const f = () => setRoute(readRoute());
    addEventListener('hashchange', f);
    return () => removeEventListener('hashchange', f);
  }, []);
  const load = () => api('GET', '/v1/session').then((s) => { pickLanguage(s && s.language); setSession(s); }, () => { pickLanguage(); setSession(null); });
  useEffect(() => { load(); setUnauthorizedHandler(() => setSession(null)); }, []);

  // Invitation and reset links: /console/set-password?token=… or #/set-password?token=…
  const pathToken = location.pathname.endsWith('/set-password') ? new URLSearchParams(location.search).get('token') : null;
  if (pathToken || route.parts[0] === 'set-password') {
    return <SetPassword token={pathToken || route.params.get('token')} done={() => { history.replaceState(null, '', '/console/'); setRoute(readRoute()); load(); }} />;
  }
  if (session === undefined) return <main id="main"><Loading /></main>;
  if (session === null) return <SignIn onSignedIn={load} />;
  const signOut = () => api('DELETE', '/v1/session').catch(() => {}).then(() => setSession(null));
  return (
    <Shell session={session} onSignOut={signOut} route={route}>
      <Screen route={route} session={session} />
    </Shell>
  );
}

try {
  const saved = localStorage.getItem('kairos-console-theme');
  document.documentElement.dataset.theme = saved || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
} catch (e) { document.documentElement.dataset.theme = 'light'; }
render(<App />, document.getElementById('app'));
