// The console's layout at 320, 390, 768 and 1280 px, light and dark: every screen of the
// navigation is walked and fails on any label that is ellipsised ("Phone b…"), clipped
// by its box, cut off by the screen edge, or a page that scrolls sideways. The navigation
// (side column, or the bottom bar with "More" under 900 px) is also checked in German,
// Hungarian, Finnish and Japanese at 320 px, where words are longest for the width.
// axe-core: 0 violations on every screen at 390 and 1280 px in both themes, and on the
// open "More" menu. Screenshots: e2e-artifacts/console-layout-<screen>-<width>-<theme>.png.
'use strict';
const { api, run, assert, axe, shot, signIn } = require('./console_lib.js');

const WIDTHS = [320, 390, 768, 1280];
const PASSWORD = 'a long enough passphrase';
const SCREENS = ['calendar', 'search', 'inquiries', 'phone', 'proposals', 'requests', 'messages', 'explain',
  'setup/hosts', 'setup/locations', 'setup/pages', 'setup/account', 'setup/staff', 'embed', 'integrations', 'me'];

// Runs in the page: what is cut, clipped or off screen.
function probeLayout() {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    const id = el.id ? '#' + el.id : '';
    const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${id}${cls} "${(el.textContent || '').trim().slice(0, 40)}"`;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none') return false;
      if (e.classList.contains('sr') || e.classList.contains('skip') || (s.position === 'absolute' && s.clip === 'rect(0px, 0px, 0px, 0px)')) return false;
    }
    return true;
  };
  // Inside a box that scrolls sideways on purpose (the calendar, wide tables).
  const scrolls = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX === 'auto' || s.overflowX === 'scroll') return true;
    }
    return false;
  };
  const hasText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  for (const el of document.querySelectorAll('body *')) {
    if (!hasText(el) || !shown(el)) continue;
    const s = getComputedStyle(el);
    // A calendar block's lines end with an ellipsis by design in narrow columns: its whole
    // text is the block's accessible name and tooltip.
    if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && !el.closest('a.block')) out.push('ellipsised: ' + name(el));
    else if ((s.overflowX === 'hidden' || s.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1) out.push('clipped: ' + name(el));
    if (!scrolls(el)) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 || r.left < -1) out.push(`off screen (${Math.round(r.left)}..${Math.round(r.right)} of ${vw}): ` + name(el));
    }
  }
  // Navigation labels: whole inside their entry, and the entry inside the screen.
  for (const a of document.querySelectorAll('nav.side a, nav.side button')) {
    if (!shown(a)) continue;
    const ar = a.getBoundingClientRect();
    if (ar.left < -1 || ar.right > vw + 1) out.push('nav entry off screen: ' + name(a));
    for (const l of a.querySelectorAll('.lbl, .lbl-short, .more-sheet span')) {
      if (!shown(l)) continue;
      const lr = l.getBoundingClientRect();
      if (lr.left < ar.left - 1 || lr.right > ar.right + 1 || l.scrollWidth > l.clientWidth + 1) out.push('nav label cut: ' + name(l));
    }
  }
  if (document.documentElement.scrollWidth > vw + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
  return out;
}

run('console_layout', async (ctx) => {
  const { server, browser, log } = ctx;
  const r = await api(server, 'POST', '/v1/admin/staff', { name: 'Layout Owner', email: 'layout@demo.example', role: 'owner', password: PASSWORD, language: 'en' }, 'kairos-demo-owner-key');
  assert(r.status === 201, 'owner login: ' + r.text);
  const staffId = r.json.id;
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await signIn(page, server.base, 'layout@demo.example', PASSWORD);
  const problems = [];
  const check = async (label) => {
    for (const p of await page.evaluate(probeLayout)) problems.push(`${label}: ${p}`);
  };
  const setTheme = (theme) => page.evaluate((th) => { document.documentElement.dataset.theme = th; }, theme);
  const settle = async () => {
    await page.waitForFunction(() => !document.querySelector('main .loading'), null, { timeout: 15000 }).catch(() => {});
    await page.waitForTimeout(150);
  };

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 800 ? 844 : 900 });
    for (const screen of SCREENS) {
      await page.goto(`${server.base}/console/#/${screen}`);
      await page.waitForSelector('main h1');
      await settle();
      for (const theme of ['light', 'dark']) {
        await setTheme(theme);
        await check(`${screen} ${width} ${theme}`);
        if (width === 390 || width === 1280) await axe(page, `${screen} at ${width} px (${theme})`);
        if ((width === 390 || width === 1280) && (theme === 'light' || ['calendar', 'messages', 'me'].includes(screen)))
          await shot(page, `layout-${screen.replace('/', '-')}-${width}-${theme}`);
      }
      await setTheme('light');
    }
    // The bottom bar's "More" menu: every other entry at full length, on screen.
    if (width <= 900) {
      const more = page.locator('nav.side .more-btn');
      assert(await more.isVisible(), `"More" at ${width} px`);
      await more.click();
      await page.locator('#more-menu a').first().waitFor();
      const entries = await page.locator('#more-menu a').count();
      assert(entries >= 7, `the More menu lists the rest (${entries})`);
      for (const theme of ['light', 'dark']) {
        await setTheme(theme);
        await check(`More menu ${width} ${theme}`);
        if (width === 390) { await axe(page, `More menu at 390 px (${theme})`); await shot(page, `layout-more-${width}-${theme}`); }
      }
      await setTheme('light');
      // Escape closes it and gives the focus back to "More"; a chosen entry opens its screen.
      await page.keyboard.press('Escape');
      await page.locator('#more-menu').waitFor({ state: 'detached' });
      assert(await page.evaluate(() => document.activeElement.classList.contains('more-btn')), 'focus back on More');
      await more.click();
      await page.locator('#more-menu a[href="#/messages"]').click();
      await page.locator('#more-menu').waitFor({ state: 'detached' });
      await page.getByRole('heading', { level: 1, name: 'Messages and delivery problems' }).waitFor();
      assert(await page.evaluate(() => document.querySelector('.more-btn').classList.contains('on')), 'More marks the screen inside it');
    } else {
      assert(!(await page.locator('nav.side .more-btn').isVisible()), `no "More" at ${width} px`);
      const visible = await page.locator('nav.side a:visible').count();
      assert(visible >= 11, `every entry in the side column at ${width} px (${visible})`);
    }
  }

  // The longest words: the navigation in every language at 320 px (bar and More menu) and
  // at 1280 px (the side column).
  for (const lang of ['de', 'hu', 'fi', 'ja']) {
    const put = await api(server, 'PUT', '/v1/admin/staff/' + staffId, { language: lang }, 'kairos-demo-owner-key');
    assert(put.status === 200, 'language: ' + put.text);
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(`${server.base}/console/#/calendar`);
      await page.reload();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await page.waitForSelector('main h1');
      await settle();
      await check(`calendar ${lang} ${width}`);
      if (width === 320) {
        await page.locator('nav.side .more-btn').click();
        await page.locator('#more-menu a').first().waitFor();
        for (const theme of ['light', 'dark']) {
          await setTheme(theme);
          await check(`More menu ${lang} 320 ${theme}`);
        }
        await setTheme('light');
        await shot(page, `layout-more-320-${lang}`);
        await page.keyboard.press('Escape');
      } else {
        await shot(page, `layout-nav-1280-${lang}`);
      }
    }
  }

  assert(!problems.length, `layout problems (${problems.length}):\n` + problems.join('\n'));
  assert(!errors.length, 'no page errors: ' + errors.join('\n'));
  log(`${SCREENS.length} screens × ${WIDTHS.length} widths × 2 themes, and the navigation in 5 languages: nothing cut or clipped`);
});
