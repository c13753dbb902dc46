// The layout-probe sweep shared by e2e.layout_sweep and e2e.layout_sweep_inquiry: one
// widget page per language × theme, a walk through its screens, and at each screen the
// probe's checks (tests/e2e/probe.js) at every width with a full-page screenshot saved as
// e2e-artifacts/sweep/<screen>-<lang>-<theme>-<width>.png. Faults are collected and the
// test fails once, naming all of them.
'use strict';
const fs = require('fs');
const path = require('path');
const { run, assert } = require('./lib');
const probe = require('./probe');

const LANGS = ['en', 'de', 'hu', 'fi', 'ja'];
const GUEST = { en: 'Maria Fernández', de: 'Jürgen Großmann-Weißenfels', hu: 'Erzsébet Szőke-Nagyvárady', fi: 'Aino Väänänen', ja: '田中 結衣' };
const NOTES = 'Parkplatz? Érkezés autóval, noin kymmenen minuuttia etuajassa.';

// widths: { light: [...], dark: [...] }; walk(frame, sweep, { lang, theme }) drives the
// screens and calls `await sweep('<screen>')` at each one to check.
function layoutSweep(name, { widths, walk }, needs) {
  run(name, async ({ server, browser, artifacts, log }) => {
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
          for (const width of widths[theme]) {
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
        await walk(frame, sweep, { lang, theme });
        log(lang, theme, ((Date.now() - t0) / 1000).toFixed(1), 's');
        await page.close();
      }
    }
    log(shots, 'screens checked and saved in', dir);
    assert(!failures.length, `${failures.length} layout faults:\n` + failures.join('\n'));
  }, needs);
}

module.exports = { layoutSweep, GUEST, NOTES };
