// The layout-probe sweep of the inquiry screens (issue 14 in the widget): suggest
// (wished times on the calendar), inquiry (name, e-mail, message) and inquiry_sent, the
// calendar's new "Ask a question" / "Suggest times" buttons included, × five languages ×
// widths 320, 390, 768, 1280 in light and 320, 1280 in dark (the theme changes colours,
// not layout; fewer widths keep the test inside its time on a shared machine), with the
// same probe checks as e2e.layout_sweep; screenshots in
// e2e-artifacts/sweep/<screen>-<lang>-<theme>-<width>.png.
'use strict';
const fs = require('fs');
const path = require('path');
const { run, assert, mirror } = require('./lib');
const probe = require('./probe');
const { toWishDay } = require('./flow');

const LANGS = ['en', 'de', 'hu', 'fi', 'ja'];
const WIDTHS = { light: [320, 390, 768, 1280], dark: [320, 1280] };
const GUEST = { en: 'Maria Fernández', de: 'Jürgen Großmann-Weißenfels', hu: 'Erzsébet Szőke-Nagyvárady', fi: 'Aino Väänänen', ja: '田中 結衣' };

run('layout_sweep_inquiry', async ({ server, browser, artifacts, log }) => {
  const dir = path.join(artifacts, 'sweep');
  fs.mkdirSync(dir, { recursive: true });
  const failures = [];
  let shots = 0;
  for (const lang of LANGS) {
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=${lang}&theme=${theme}`);
      const frame = page.mainFrame();
      const sweep = async (screen) => {
        for (const width of WIDTHS[theme]) {
          await page.setViewportSize({ width, height: 900 });
          await page.waitForTimeout(150);
          try {
            await probe.check(frame, `${screen} ${lang} ${theme} ${width}px`);
          } catch (e) {
            failures.push(e.message);
            log(e.message);
          }
          await page.screenshot({ path: path.join(dir, `${screen}-${lang}-${theme}-${width}.png`), fullPage: true });
          shots++;
        }
        await page.setViewportSize({ width: 1280, height: 900 });
      };
      const t0 = Date.now();
      await mirror.screen(frame, 'calendar');
      await mirror.activate(frame, 'start_suggest');
      await mirror.screen(frame, 'suggest');
      const hours = (await toWishDay(frame)).hours.map((h) => h.start);
      for (const h of [hours[0], hours[hours.length - 1]]) {
        await mirror.activate(frame, `toggle_wish:${h}`);
        await frame.waitForSelector(`#kairos-mirror button[data-id="toggle_wish:${h}"][aria-pressed="true"]`, { state: 'attached' });
      }
      await sweep('suggest');
      await mirror.activate(frame, 'to_inquiry');
      await mirror.screen(frame, 'inquiry');
      await mirror.fill(frame, 'name', GUEST[lang]);
      await mirror.fill(frame, 'email', `guest.${lang}.${theme}@gmail.con`);
      await mirror.fill(frame, 'message', 'Parkplatz? Érkezés autóval, noin kymmenen minuuttia etuajassa.');
      await frame.waitForSelector('#kairos-mirror button[data-id="accept_suggestion"]', { state: 'attached' });
      await sweep('inquiry');
      await mirror.activate(frame, 'accept_suggestion');
      await frame.waitForFunction(() => !document.querySelector('#kairos-mirror button[data-id="send_inquiry"][aria-disabled="true"]'));
      await mirror.activate(frame, 'send_inquiry');
      await mirror.screen(frame, 'inquiry_sent');
      await sweep('inquiry_sent');
      log(lang, theme, ((Date.now() - t0) / 1000).toFixed(1), 's');
      await page.close();
    }
  }
  log(shots, 'screens checked and saved in', dir);
  assert(!failures.length, `${failures.length} layout faults:\n` + failures.join('\n'));
}, ['availability']);
