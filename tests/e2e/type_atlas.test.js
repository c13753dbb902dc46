// Issue 11, Typography: text is drawn from font atlases built at each size and device
// pixel ratio, never scaled glyphs: every text item's drawn size × the ratio equals the
// size its atlas font was rasterised at, at DPR 1 and 2; captions (weekday initials,
// parts of the day, the zone line) come from a 13 px atlas; body text, buttons and
// fields are at least 15 CSS px; in Japanese every caption has its glyphs (no '?').
// Screenshots: e2e-artifacts/type-dpr<n>.png, type-ja-dpr1.png.
'use strict';
const path = require('path');
const { run, assert } = require('./lib');
const { toDay } = require('./flow');
const probe = require('./probe');

run('type_atlas', async ({ server, browser, artifacts, log }) => {
  for (const [dpr, lang] of [[1, 'en'], [2, 'en'], [1, 'ja']]) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, deviceScaleFactor: dpr });
    const page = await context.newPage();
    await page.goto(`${server.base}/widget/?page=demo&probe=1&lang=${lang}`);
    const frame = page.mainFrame();
    await toDay(frame);
    const p = await probe.check(frame, `DPR ${dpr}`);
    assert(p.dpr === dpr, `the probe reports DPR ${p.dpr}`);
    const sizes = {};
    for (const it of p.items) {
      sizes[it.px] = (sizes[it.px] || 0) + 1;
      assert(Math.abs(it.px * dpr - it.raster) < 0.01,
             `DPR ${dpr}: "${it.t}" is drawn at ${it.px} px from a ${it.raster} px atlas (scaled glyphs)`);
    }
    log(`DPR ${dpr}: text items by size`, JSON.stringify(sizes));
    const byText = (t) => p.items.find((it) => it.t === t);
    if (lang === 'ja') {
      // Japanese captions (火 水 木 金 土 included) have their glyphs in the caption atlas.
      for (const t of ['月', '火', '水', '木', '金', '土', '日']) {
        const it = byText(t);
        assert(it && it.px === 13 && it.missing === 0, `the weekday caption "${t}" is drawn at 13 px with its glyph`);
      }
      await page.screenshot({ path: path.join(artifacts, `type-ja-dpr${dpr}.png`) });
      await context.close();
      continue;
    }
    for (const t of ['Mo', 'Tu', 'Su', 'Morning']) {
      const it = byText(t);
      if (t === 'Morning' && !it) continue;  // the chosen day may have no morning times
      assert(it && it.px === 13, `the caption "${t}" is drawn at 13 px (${it && it.px})`);
    }
    assert(p.items.some((it) => /^Times in /.test(it.t) && it.px === 13), 'the zone line is a 13 px caption');
    for (const it of p.items.filter((i) => i.k === 'button' || i.k === 'field')) {
      assert(it.px >= 15, `"${it.t}" (${it.k}) is at least 15 px (${it.px})`);
    }
    await page.screenshot({ path: path.join(artifacts, `type-dpr${dpr}.png`) });
    await context.close();
  }
}, ['availability']);
