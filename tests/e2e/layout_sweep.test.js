// The layout-probe sweep (issue 11, "Tests that would have caught all of this"): every
// booking screen (calendar with a chosen day, form, review, success) × five languages ×
// widths 320, 390, 768, 1280 × light and dark. Each one must pass the probe's checks (no
// text cut into characters, overflowing its box, overlapping another, outside the
// canvas, no overlay left standing); a screenshot of each is saved as an artefact
// (e2e-artifacts/sweep/<screen>-<lang>-<theme>-<width>.png).
'use strict';
const fs = require('fs');
const path = require('path');
const { run, assert, mirror } = require('./lib');
const probe = require('./probe');
const { toDay } = require('./flow');

const LANGS = ['en', 'de', 'hu', 'fi', 'ja'];
const WIDTHS = [320, 390, 768, 1280];
const GUEST = { en: 'Maria Fernández', de: 'Jürgen Großmann-Weißenfels', hu: 'Erzsébet Szőke-Nagyvárady', fi: 'Aino Väänänen', ja: '田中 結衣' };

run('layout_sweep', async ({ server, browser, artifacts, log }) => {
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
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await page.waitForTimeout(150);
          try {
            await probe.check(frame, `${screen} ${lang} ${theme} ${width}px`);
          } catch (e) {
            failures.push(e.message);
          }
          await page.screenshot({ path: path.join(dir, `${screen}-${lang}-${theme}-${width}.png`), fullPage: true });
          shots++;
        }
        await page.setViewportSize({ width: 1280, height: 900 });
      };
      const t0 = Date.now();
      const { slots } = await toDay(frame);
      await sweep('calendar');
      await mirror.activate(frame, `select_slot:${slots[0].start}`);
      await mirror.screen(frame, 'form');
      await mirror.fill(frame, 'name', GUEST[lang]);
      await mirror.fill(frame, 'email', `guest.${lang}.${theme}@example.com`);
      await mirror.fill(frame, 'notes', 'Parkplatz? Érkezés autóval, noin kymmenen minuuttia etuajassa.');
      await sweep('form');
      await mirror.activate(frame, 'to_review');
      await mirror.screen(frame, 'review');
      await sweep('review');
      await mirror.activate(frame, 'confirm');
      await mirror.screen(frame, 'success');
      await sweep('success');
      log(lang, theme, ((Date.now() - t0) / 1000).toFixed(1), 's');
      await page.close();
    }
  }
  log(shots, 'screens checked and saved in', dir);
  assert(!failures.length, `${failures.length} layout faults:\n` + failures.join('\n'));
}, ['availability', 'book']);
